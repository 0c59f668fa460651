// The rollout's timeline through the real App against the sandbox: a rename
// (c) and its undo (u) are each a rolling update of 3 pods, one surge pod at a
// time. The API merges the ScalingReplicaSet events after ten of them, so the
// undo's last steps leave no event of their own; the timeline still shows every
// step, because k8slab recorded what its ReplicaSet watch delivered. Then a
// scale to 5 on the full nodes stalls the rollout, and `w` on the pane says why.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {keys, waitFor} from '../ui/helpers.js';
import {labSession} from './lab-session.js';
import {eventually} from './sandbox-harness.js';

const lab = labSession({width: 160, height: 45}, async ({key, onScreen}) => {
	await key(keys.tab);
	await key(keys.tab);
	await onScreen(/┏━ Rollout/);
	await key('z');
	await onScreen(/┏━ Rollout[^\n]*\n[^\n]*desired 3/);
});
const {getDeployment, key, type, onScreen} = lab;
const stepLines = (frame: string) => frame.split('\n').filter(line => /[↑↓] todoapi-/.test(line));

test('c then u: the timeline shows the surge and scale-down steps of the rename and of its undo, each once, none merged away', async () => {
	await key('c');
	await onScreen('todoapi');
	await key(keys.ctrlU);
	await type('todoapiv2');
	await key(keys.enter);
	await eventually('the rename rolled out', async () => {
		const deployment = await getDeployment();
		return deployment.status?.updatedReplicas === 3 && deployment.status?.replicas === 3 && deployment.status?.availableReplicas === 3 && deployment.status.observedGeneration === deployment.metadata.generation ? true : undefined;
	});
	const renamed = await waitFor(lab.live.view, f => stepLines(f).some(line => /↓ todoapi-\S+ 1→0/.test(line)), 'the rename finished in the timeline', 60_000);
	const rename = stepLines(renamed).filter(line => !/0→3/.test(line));
	// New ReplicaSet up by max surge 1 (25% of 3, rounded up), old one down once a new pod is available (max unavailable 0).
	assert.match(rename[0] ?? '', /↑ (todoapi-\S+) 0→1 new · 4 pods of 3 \(\+1, max surge 1\) · 3 available \(min 3\)/, renamed);
	const newName = /↑ (todoapi-\S+) 0→1 new/.exec(rename[0]!)![1]!;
	assert.match(rename[1] ?? '', /↓ todoapi-\S+ 3→2 · 3 pods of 3 · 4 available \(min 3\)/, renamed);

	await key('u');
	await onScreen('y/n');
	await key('y');
	await onScreen('rolled back');
	await eventually('the undo rolled out', async () => {
		const deployment = await getDeployment();
		return deployment.spec.template.spec.containers[0].name === 'todoapi' && deployment.status?.updatedReplicas === 3 && deployment.status?.replicas === 3 && deployment.status?.availableReplicas === 3 ? true : undefined;
	});
	const pattern = new RegExp(`↓ ${newName} 1→0`);
	const undone = await waitFor(lab.live.view, f => stepLines(f).some(line => pattern.test(line)), 'the undo finished in the timeline', 60_000);
	const steps = stepLines(undone).map(line => /[↑↓] (\S+) (\d+→\d+)/.exec(line)!.slice(1).join(' ').replace(newName, 'new'));
	const oldName = steps.find(step => step.endsWith(' 3→2') && !step.startsWith('new'))!.split(' ')[0]!;
	const named = steps.map(step => step.replace(oldName, 'old'));
	// Every step of both rolling updates, in order: one pod up, one pod down, within the budget.
	assert.deepEqual(named.slice(-12), ['new 0→1', 'old 3→2', 'new 1→2', 'old 2→1', 'new 2→3', 'old 1→0', 'old 0→1', 'new 3→2', 'old 1→2', 'new 2→1', 'old 2→3', 'new 1→0'], undone);
	assert.doesNotMatch(undone, /merged by the API/);
	const text = stepLines(undone).join('\n');
	assert.match(text, new RegExp(`↑ ${oldName} 0→1 new · 4 pods of 3 \\(\\+1, max surge 1\\)`), 'the undo surges back to the old template');
	assert.match(text, new RegExp(`↓ ${newName} 3→2 · 3 pods of 3 · 4 available \\(min 3\\)`), 'and scales the renamed one down');
	// The events alone lost steps: the API combined the later ones.
	const events = await lab.sandbox.api.list('/api/v1/namespaces/default/events');
	const scalings = events.filter(event => event.reason === 'ScalingReplicaSet' && event.involvedObject?.name === 'todoapi');
	assert.ok(scalings.length < 13, `${scalings.length} ScalingReplicaSet events for 13 steps`);
});

test('s 5 on the full nodes, then w on the rollout pane: the Pending new pod blocks it, with the budget arithmetic and the kubectl commands', async () => {
	await key('s');
	await onScreen('Scale deployment/todoapi');
	await key(keys.ctrlU);
	await type('5');
	await key(keys.enter);
	await eventually('4 of 5 available, the 5th Pending', async () => {
		const deployment = await getDeployment();
		return deployment.spec.replicas === 5 && deployment.status?.availableReplicas === 4 && deployment.status?.replicas === 5 ? true : undefined;
	});
	await onScreen(/↑ todoapi-\S+ 3→5 new · 5 pods, one ReplicaSet/);
	// `w` explains what the view shows when it is pressed: the counts the watch delivered by then.
	await onScreen(/desired 5 {2}updated 5 {2}ready 4 {2}available 4/);
	await key('w');
	const why = await onScreen(/why deployment\/todoapi: rollout not complete[\s\S]*esc or enter close/);
	assert.match(why, /4 of 5 updated replicas are available/);
	assert.match(why, /todoapi-\S+ 0\/1: Pending, not scheduled: 0\/3 nodes are available: 3 Too many pods\./);
	assert.match(why, /maxSurge 25% of 5 = 2 \(rounded up\) → at most 5 \+ 2 = 7 pods/);
	assert.match(why, /maxUnavailable 25% of 5 = 1 \(rounded down\) → at least 5 − 1 = 4 available/);
	assert.match(why, /now 5 pods \(5 new, 0 old\), 4 available: no room to go on until a new pod becomes available/);
	assert.match(why, /kubectl rollout status deployment\/todoapi · kubectl describe deployment todoapi/);
	await key(keys.escape);
	await waitFor(lab.live.view, f => !f.includes('why deployment/'), 'the explanation closed');
});
