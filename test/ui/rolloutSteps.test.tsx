// The rollout pane, zoomed, lists the steps the controller took (from objects
// captured mid-rollout in the sandbox): new ReplicaSet up within the surge,
// old one down.
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

test('z on the rollout pane: the steps, newest last, each with the pods asked for against the desired count and max surge', async () => {
	const snapshot: ClusterSnapshot = snapshotOf(loadJson<Captured>('captured/renamed-mid-rollout.json'));
	const source: ClusterSource = {getSnapshot: () => snapshot, subscribe: () => () => undefined};
	const rendered = renderAt(labApp(labProps(source, {width: 120, height: 40, now: () => Date.parse('2026-11-24T02:51:00Z')})), 120);
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, keys.tab);
	await press(rendered, keys.tab, f => f.includes('┏━ Rollout'));
	const zoomed = await press(rendered, 'z', f => !f.includes('Nodes 3'));
	assert.match(zoomed, /Steps: the ReplicaSets scaled \(5 of 5, newest last\)/);
	const steps = zoomed.split('\n').filter(line => /[↑↓] todoapi-/.test(line));
	assert.equal(steps.length, 5, zoomed);
	assert.match(steps[0]!, /17s ↑ todoapi-69c6bc8558 0→3 · 3 pods, one ReplicaSet/);
	assert.match(steps[2]!, /11s ↑ todoapi-5df5c67bcd 0→2 new · 7 pods of 5 \(\+2, max surge 2\)/);
	assert.match(steps[3]!, /11s ↓ todoapi-69c6bc8558 5→4 · 6 pods of 5 \(\+1, max surge 2\)/);
	assert.match(zoomed, /REVISION\s+CONTAINERS/, 'the history is still there');
});
