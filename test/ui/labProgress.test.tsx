// `L` shows the lab's steps checked off from the cluster, and it follows the
// cluster while open: a step is checked when its evidence arrives, with no key.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {labApp, labProps} from './app.js';
import {event, FixtureSource, recorder, stuckScaleCluster} from './fixtures.js';
import {keys, press, renderAt, waitFor} from './helpers.js';

afterEach(() => {
	cleanup();
});

test('L lists the steps with their keys; stuck at 5 replicas, what the cluster shows is checked, quoting the scheduler', async () => {
	const cluster = stuckScaleCluster();
	const source = new FixtureSource(cluster);
	const rendered = renderAt(labApp(labProps(source, {actions: recorder()})), 120);
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	const open = await press(rendered, 'L', frame => frame.includes('Lab progress'));
	assert.match(open, /Lab progress · 4 of 9 · deployment\/todoapi/);
	assert.match(open, /✓ part 4 {2}Scaled to 5: a pod Pending with "Too many pods" {2}s/);
	assert.match(open, /FailedScheduling: 0\/3 nodes are available: 3 Too many pods\./);
	assert.match(open, /· part 5 {2}A failing liveness probe: the container restarts {2}p/);
	assert.match(open, /kubectl describe pod \(Events: Unhealthy, Killing\)/, 'a step not done names the kubectl it replaces');

	// The kubelet kills a container for its liveness probe: the step is checked while the overlay is open.
	const pod = cluster.pods.find(each => each.metadata.name?.startsWith('todoapi-') && each.spec?.nodeName)!;
	const killed = event({
		namespace: 'default',
		involved: {kind: 'Pod', name: pod.metadata.name!, uid: pod.metadata.uid, apiVersion: 'v1', fieldPath: 'spec.containers{todoapiv2}'},
		type: 'Normal',
		reason: 'Killing',
		message: 'Container todoapiv2 failed liveness probe, will be restarted',
		component: 'kubelet',
		firstSeconds: 3,
		lastSeconds: 3,
	});
	source.update({events: [...cluster.events, killed]});
	const after = await waitFor(rendered, frame => frame.includes('5 of 9'), 'the liveness step checked');
	assert.match(after, /✓ part 5 {2}A failing liveness probe/);
	assert.match(after, /Killing: Container todoapiv2 failed liveness probe, will be restarted/);
	await press(rendered, keys.escape, frame => !frame.includes('Lab progress'));
});
