// The sandbox's simulated container logs, written as the pods' status moves:
// todoapi's start, one access line per probe request on the stages' schedule,
// a last line at a liveness kill, and the killed run moved to the previous
// log when the container restarts. Files in the container runtime's format.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {containerLines, containerLogFiles, PodLogWriter} from '../../source/sandbox/podLogWriter.js';

const at = (iso: string) => Date.parse(iso);
const todoapi = {name: 'todoapi', image: 'todoapi:1.0', livenessProbe: {httpGet: {path: '/nope', port: 8080}, periodSeconds: 2}, readinessProbe: {httpGet: {path: '/', port: 8080}, periodSeconds: 2}};

test('a run logs its start, then each probe request at startedAt + initialDelaySeconds + k × periodSeconds, then its last line at the kill', () => {
	const started = at('2026-12-02T05:00:00Z');
	const lines = containerLines(todoapi, {startedMs: started, probedFromMs: started}, Number.NEGATIVE_INFINITY, started + 6500, started + 6000);
	assert.deepEqual(
		lines.map(line => `${(line.timeMs - started) / 1000} ${line.text}`),
		[
			'0.04 todoapi 1.0 starting (pid 1)',
			'0.08 no database configured: keeping todos in memory',
			'0.12 listening on :8080',
			'2 GET /nope 404 0.3ms "kube-probe/1.34"',
			'2 GET / 200 0.3ms "kube-probe/1.34"',
			'4 GET /nope 404 0.3ms "kube-probe/1.34"',
			'4 GET / 200 0.3ms "kube-probe/1.34"',
			'6 GET /nope 404 0.3ms "kube-probe/1.34"',
			'6 GET / 200 0.3ms "kube-probe/1.34"',
			'6.001 received SIGTERM, shutting down',
		],
	);
	// Only the window asked for: nothing written twice.
	assert.deepEqual(
		containerLines(todoapi, {startedMs: started, probedFromMs: started}, started + 4000, started + 5000).map(line => line.text),
		[],
	);
	// A probe on another port never reaches the app: no access line.
	assert.equal(containerLines({...todoapi, livenessProbe: {httpGet: {path: '/', port: 9090}, periodSeconds: 2}, readinessProbe: undefined}, {startedMs: started, probedFromMs: started}, Number.NEGATIVE_INFINITY, started + 10_000).length, 3);
});

test('a pod told to fail its readiness probe (k8slab sandbox fail-readiness) logs its readiness requests as 503, its liveness ones as before', () => {
	const started = at('2026-12-02T05:00:00Z');
	const probed = {...todoapi, livenessProbe: {httpGet: {path: '/', port: 8080}, periodSeconds: 3}};
	assert.deepEqual(
		containerLines(probed, {startedMs: started, probedFromMs: started, unready: true}, started + 1000, started + 4500).map(line => `${(line.timeMs - started) / 1000} ${line.text}`),
		['2 GET / 503 0.3ms "kube-probe/1.34"', '3 GET / 200 0.3ms "kube-probe/1.34"', '4 GET / 503 0.3ms "kube-probe/1.34"'],
	);
});

test('the writer follows the pod: lines as time passes, the kill, and the killed run as the previous log after the restart', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-podlogs-'));
	const registered: string[] = [];
	const writer = new PodLogWriter(dir, async pod => {
		registered.push(pod.metadata.name);
	});
	const metadata = {name: 'todoapi-1', namespace: 'default', uid: 'u1'};
	const pod = (status: object) => ({metadata, spec: {nodeName: 'node-1', containers: [todoapi]}, status: {containerStatuses: [{name: 'todoapi', ...status}]}});
	const started = '2026-12-02T05:00:00Z';
	writer.sync([pod({restartCount: 0, state: {running: {startedAt: started}}})], at(started) + 2500);
	const files = containerLogFiles(dir, metadata, 'todoapi');
	const read = (file: string) => fs.readFileSync(file, 'utf8');
	assert.match(read(files.file), /^2026-12-02T05:00:00\.040Z stdout F todoapi 1\.0 starting \(pid 1\)\n/);
	assert.match(read(files.file), /2026-12-02T05:00:02\.000Z stdout F GET \/nope 404 0\.3ms "kube-probe\/1\.34"\n2026-12-02T05:00:02\.000Z stdout F GET \/ 200/);
	assert.deepEqual(registered, ['todoapi-1']);
	assert.equal((fs.statSync(files.file).mode & 0o777).toString(8), '600');
	// Killed at the third failure; the status says so a moment later.
	writer.sync([pod({restartCount: 0, state: {terminated: {exitCode: 137, startedAt: started, finishedAt: '2026-12-02T05:00:06Z'}}})], at(started) + 6300);
	assert.match(read(files.file), /GET \/ 200 0\.3ms "kube-probe\/1\.34"\n2026-12-02T05:00:06\.001Z stdout F received SIGTERM, shutting down\n$/);
	const killedRun = read(files.file);
	// Restarted: the killed run is the previous log, the new one starts afresh.
	writer.sync([pod({restartCount: 1, state: {running: {startedAt: '2026-12-02T05:00:07Z'}}, lastState: {terminated: {exitCode: 137, startedAt: started, finishedAt: '2026-12-02T05:00:06Z'}}})], at('2026-12-02T05:00:07.5Z'));
	assert.equal(read(files.previousFile), killedRun);
	assert.equal(read(files.file).split('\n')[0], '2026-12-02T05:00:07.040Z stdout F todoapi 1.0 starting (pid 1)');
	// A deleted pod's logs go with it.
	writer.sync([], at('2026-12-02T05:00:08Z'));
	assert.equal(fs.existsSync(path.dirname(files.file)), false);
	fs.rmSync(dir, {recursive: true});
});
