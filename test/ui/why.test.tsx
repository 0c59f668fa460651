// `w` in the App, from objects captured in the sandbox: on a Pending pod the
// modal shows the scheduler's reason per node and the max-pods formula; on a
// pod failing readiness, its probe and the Service it is out of; on the rollout
// pane, what blocks a stuck rollout; on the nodes pane, why a node is full.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import type {ClusterSnapshot, ClusterSource} from '../../source/model/cluster.js';
import {loadJson, snapshotOf, type Captured} from '../model/fixtures.js';
import {labApp, labProps} from './app.js';
import {keys, press, renderAt, waitFor} from './helpers.js';

afterEach(() => {
	cleanup();
});

function source(name: string): ClusterSource & {snapshot: ClusterSnapshot} {
	const snapshot = snapshotOf(loadJson<Captured>(`captured/${name}.json`));
	return {snapshot, getSnapshot: () => snapshot, subscribe: () => () => undefined};
}

/** Presses w on each pod of the focused namespace in turn until the explanation's title has `wanted`. */
async function explainUntil(rendered: ReturnType<typeof renderAt>, wanted: string): Promise<string> {
	let why = '';
	for (let step = 0; step < 8; step++) {
		why = await press(rendered, 'w', f => f.includes('why pod/'));
		if (why.includes(wanted)) return why;
		await press(rendered, keys.escape, f => !f.includes('why pod/'));
		await press(rendered, 'j');
	}
	return why;
}

test("w on the Pending pod: the scheduler's words, each node's pods 4/4 with the pods filling it, and the ENI formula", async () => {
	const rendered = renderAt(labApp(labProps(source('scaled-to-5'), {width: 140, height: 50})), 140);
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, 'a');
	const why = await explainUntil(rendered, 'Pending 0/1');
	assert.match(why, /0\/3 nodes are available: 3 Too many pods\./);
	assert.match(why, /Too many pods/);
	assert.match(why, /pods 4\/4 full/);
	assert.match(why, /t3\.micro: max pods = 2 ENIs × \(2 IPv4 per ENI − 1\) \+ 2 = 4/);
	const closed = await press(rendered, keys.escape, f => !f.includes('why pod/'));
	assert.match(closed, /Pods \(default\)/);
});

test("w on a pod failing readiness names its probe, the kubelet's failure and Service todoapi", async () => {
	const rendered = renderAt(labApp(labProps(source('readiness-failing'), {width: 140, height: 50})), 140);
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, 'a');
	const why = await explainUntil(rendered, 'Running 0/1');
	assert.match(why, /Running, but not ready: out of Service todoapi/);
	assert.match(why, /readiness http-get http:\/\/:8080\/nope/);
	assert.match(why, /Readiness probe failed: HTTP probe failed with statuscode: 404/);
});

test('w on the rollout pane of a stuck rollout: the new pods that block it, the surge and unavailable budget with its arithmetic, and the kubectl commands', async () => {
	const rendered = renderAt(labApp(labProps(source('renamed-mid-rollout'), {width: 140, height: 50, now: () => Date.parse('2026-11-24T02:51:00Z')})), 140);
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, keys.tab);
	await press(rendered, keys.tab, f => f.includes('┏━ Rollout'));
	const why = await press(rendered, 'w', f => f.includes('why deployment/todoapi'));
	assert.match(why, /why deployment\/todoapi: rollout not complete/);
	assert.match(why, /New pods not available \(todoapi-5df5c67bcd\), which hold it back:/);
	assert.equal((why.match(/todoapi-5df5c67bcd-\w{5} 0\/1: Pending, not scheduled: 0\/3 nodes are available: 3 Too many pods/g) ?? []).length, 3, why);
	assert.match(why, /maxSurge 25% of 5 = 2 \(rounded up\) → at most 5 \+ 2 = 7 pods/);
	assert.match(why, /maxUnavailable 25% of 5 = 1 \(rounded down\) → at least 5 − 1 = 4 available/);
	assert.match(why, /now 7 pods \(3 new, 4 old\), 4 available: no room to go on/);
	assert.match(why, /kubectl rollout status deployment\/todoapi · kubectl describe deployment todoapi/);
	const closed = await press(rendered, keys.escape, f => !f.includes('why deployment/'));
	assert.match(closed, /┏━ Rollout/);
});

test('w on the nodes pane: the node full at 4/4 pods with the max-pods formula, and kubectl describe node', async () => {
	const rendered = renderAt(labApp(labProps(source('scaled-to-5'), {width: 140, height: 50})), 140);
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, keys.tab, f => f.includes('┏━ Nodes'));
	const why = await press(rendered, 'w', f => f.includes('why node/'));
	assert.match(why, /why node\/\S+: full/);
	assert.match(why, /4\/4 allocatable pods: full/);
	assert.match(why, /t3\.micro: max pods = 2 ENIs × \(2 IPv4 per ENI − 1\) \+ 2 = 4/);
	assert.match(why, /kubectl describe node /);
});

test('w on a pane with nothing to explain says where it works', async () => {
	const rendered = renderAt(labApp(labProps(source('readiness-failing'), {width: 140, height: 50})), 140);
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	for (let index = 0; index < 3; index++) await press(rendered, keys.tab);
	const frame = await press(rendered, 'w', f => f.includes('w explains the selection of the pods, nodes, rollout panes'));
	assert.doesNotMatch(frame, /why (pod|node|deployment)\//);
});
