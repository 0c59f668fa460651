// Lab parts 3 and 4 through the real App, driven by keys, against the sandbox:
// the edits go through the real API and the watches redraw the screen.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {keys, waitFor} from '../ui/helpers.js';
import {labSession} from './lab-session.js';
import {eventually} from './sandbox-harness.js';

const lab = labSession();
const {getDeployment, key, type} = lab;
const onScreen = (text: string) => lab.onScreen(text);

test('s 5: replicas become 5 and the Pending pod shows "Too many pods"', async () => {
	await key('s');
	await onScreen('Scale deployment/todoapi');
	await key(keys.ctrlU);
	await type('5');
	await key(keys.enter);
	await eventually('spec.replicas = 5', async () => ((await getDeployment()).spec.replicas === 5 ? true : undefined));
	const frame = await onScreen('Too many pods');
	assert.match(frame, /0\/3 nodes are available: 3 Too many pods\./);
	assert.match(frame, /Pending/);
	assert.match(frame, /deployment\.apps\/todoapi scaled/);
});

test('c todoapiv2: the container is renamed and a new revision appears in the history', async () => {
	await key('c');
	await onScreen('todoapi');
	await key(keys.ctrlU);
	await type('todoapiv2');
	await key(keys.enter);
	const deployment = await eventually('the template renamed', async () => {
		const current = await getDeployment();
		return current.spec.template.spec.containers[0].name === 'todoapiv2' && current.metadata.annotations['deployment.kubernetes.io/revision'] === '2' ? current : undefined;
	});
	assert.equal(deployment.spec.replicas, 5, 'the rename kept the replica count');
	const frame = await waitFor(lab.live.view, f => /● ?2\s+todoapiv2/.test(f), 'revision 2 marked current with todoapiv2', 30_000);
	assert.match(frame, /\b1\s+todoapi\s/, 'revision 1 is still listed');
});

test('r with a cpu request larger than a node: the new pod is Pending with "Insufficient cpu"', async () => {
	await lab.sandbox.kubectl('scale', 'deployment/todoapi', '--replicas=3');
	await key('r');
	await onScreen('cpu');
	await key(keys.ctrlU);
	await type('3');
	await key(keys.enter);
	const deployment = await eventually('the cpu request set', async () => {
		const current = await getDeployment();
		return current.spec.template.spec.containers[0].resources?.requests?.cpu === '3' ? current : undefined;
	});
	assert.equal(deployment.spec.template.spec.containers[0].name, 'todoapiv2');
	const frame = await onScreen('Insufficient cpu');
	assert.match(frame, /0\/3 nodes are available: 3 Insufficient cpu/);
});

test('u: the template goes back to the previous revision and the history shows it', async () => {
	await eventually('revision 3 recorded', async () => ((await getDeployment()).metadata.annotations['deployment.kubernetes.io/revision'] === '3' ? true : undefined));
	const revision2 = (await lab.sandbox.api.list('/apis/apps/v1/namespaces/default/replicasets')).find(rs => rs.metadata.annotations['deployment.kubernetes.io/revision'] === '2');
	await key('u');
	await onScreen('y/n');
	await key('y');
	const deployment = await eventually('the template of revision 2 restored', async () => {
		const current = await getDeployment();
		return current.metadata.annotations['deployment.kubernetes.io/revision'] === '4' ? current : undefined;
	});
	const {'pod-template-hash': _hash, ...revision2Labels} = revision2.spec.template.metadata.labels;
	assert.deepEqual(deployment.spec.template.spec.containers, revision2.spec.template.spec.containers);
	assert.deepEqual(deployment.spec.template.metadata.labels, revision2Labels);
	await onScreen('rolled back');
	// Revision 2's ReplicaSet is reused and renumbered 4, as kubectl rollout history shows it.
	await waitFor(lab.live.view, frame => /● ?4\s+todoapiv2/.test(frame), 'revision 4 current', 30_000);
});

test('L: the steps just done are checked off from the cluster, the ones not done name their key', async () => {
	await key('L');
	const checked = await waitFor(lab.live.view, f => /Lab progress · 5 of 9/.test(f), 'five steps checked', 10_000);
	for (const title of ['Scaled to 4 replicas', 'Requests raised until a pod is Pending', 'Container renamed', 'Scaled to 5: a pod Pending with "Too many pods"', 'Rolled back (rollout undo)']) {
		assert.match(checked, new RegExp(`✓ part \\d {2}${title.replaceAll(/[()]/g, '\\$&')}`), `${title} is checked`);
	}
	assert.match(checked, /· part 2 {2}Liveness and readiness probes added {2}p/, 'no probes were set in this run');
	assert.match(checked, /· part 5 {2}A misspelled image: pods cannot start {2}i/);
	await key(keys.escape);
});
