// The sandbox's build step explains what it needs instead of failing obscurely.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {kwokConfig} from '../../source/sandbox/stages.js';

const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-build-'));

function sandboxBuild(env: NodeJS.ProcessEnv) {
	return spawnSync(process.execPath, ['dist/k8slab.mjs', 'sandbox', 'build'], {encoding: 'utf8', env: {...process.env, ...env}});
}

test('without Go, one line says what is needed and how to bring prebuilt binaries', () => {
	// A PATH with node but no go, and an empty build cache.
	const result = sandboxBuild({PATH: path.dirname(process.execPath), XDG_CACHE_HOME: empty, K8SLAB_BIN_DIR: ''});
	assert.equal(result.status, 1);
	assert.equal(result.stderr.trim().split('\n').length, 1);
	assert.match(result.stderr, /^k8slab: Go 1\.26 or newer is needed to build the sandbox's control plane, and "go" was not found on PATH\. .*K8SLAB_BIN_DIR/);
});

test('K8SLAB_BIN_DIR without the binaries names the missing ones', () => {
	const result = sandboxBuild({K8SLAB_BIN_DIR: empty});
	assert.equal(result.status, 1);
	assert.match(result.stderr, /K8SLAB_BIN_DIR=.* lacks kube-apiserver, kube-controller-manager, kube-scheduler, etcd, kwok\./);
});

test('the kwok configuration is its options, then one Stage per document, with unique names, covering every lab scenario', () => {
	const [options, ...documents] = kwokConfig()
		.split('\n---\n')
		.map(text => JSON.parse(text));
	// kwok's options come first: how many pod stages it plays at once (a big cluster starts its pods in time).
	assert.equal(options.kind, 'KwokConfiguration');
	assert.ok(options.options.podPlayStageParallelism > 4);
	const names = documents.map(d => d.metadata.name);
	assert.equal(new Set(names).size, names.length);
	assert.ok(documents.every(d => d.apiVersion === 'kwok.x-k8s.io/v1alpha1' && d.kind === 'Stage'));
	for (const stage of [
		'node-initialize',
		'pod-create',
		'pod-image-pull-failed',
		'pod-image-pull-backoff',
		'pod-image-pull-retry',
		'pod-start',
		'pod-ready',
		'pod-readiness-failed',
		'pod-readiness-failed-again',
		'pod-readiness-probe-failed',
		'pod-readiness-lost',
		'pod-readiness-still-failing',
		'pod-readiness-recovered',
		'pod-liveness-failed',
		'pod-liveness-kill',
		'pod-liveness-kill-backoff',
		'pod-container-restart',
		'pod-crashloop-restart',
		'pod-delete',
	]) {
		assert.ok(names.includes(stage), stage);
	}
	// kwok takes a jitter bound below the computed duration as the delay itself: a probe's period would be cut short.
	for (const d of documents) assert.ok(!(d.spec.delay.durationFrom && d.spec.delay.jitterDurationMilliseconds), `${d.metadata.name} mixes durationFrom and jitter`);
	assert.ok(
		documents.every(d => Array.isArray(d.spec.steps) && d.spec.steps.length > 0 && d.spec.next === undefined),
		'steps, not the deprecated next',
	);
	const custom = kwokConfig(['todoapi:2.0']);
	assert.match(custom, /IN\(\\"todoapi:2\.0\\"\)/, 'the known images are configurable');
});
