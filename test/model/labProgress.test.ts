// The lab's steps are checked off from captured cluster states, the way the
// lab leaves them; never from keys.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {labProgress, type LabStepId} from '../../source/model/labProgress.js';
import {loadJson, snapshotOf, type Captured} from './fixtures.js';

function progress(state: string, deployment = 'todoapi') {
	const captured = loadJson<Captured>(`captured/${state}.json`);
	const steps = labProgress(
		snapshotOf(captured),
		captured.deployments.find(d => d.metadata.name === deployment),
	);
	return new Map(steps.map(step => [step.id, step]));
}

const done = (steps: ReturnType<typeof progress>) => [...steps.values()].filter(step => step.done).map(step => step.id);

test('stuck at 5 replicas: scaled, and the 5th pod Pending with Too many pods, quoting the scheduler', () => {
	const steps = progress('scaled-to-5');
	assert.deepEqual(done(steps), ['scaledTo4', 'tooManyPods'] satisfies LabStepId[]);
	assert.match(steps.get('tooManyPods')!.evidence!, /^FailedScheduling: 0\/3 nodes are available: 3 Too many pods\./);
});

test('after the rename the history has two container names; an undo is read from the revision-history annotation', () => {
	assert.ok(progress('renamed').get('renamed')!.done);
	assert.equal(progress('renamed').get('undo')!.done, false);
	const undone = progress('undone');
	assert.ok(undone.get('renamed')!.done);
	assert.ok(undone.get('undo')!.done);
	assert.match(undone.get('renamed')!.evidence!, /todoapi · todoapiv2/);
});

test('part 5: a misspelled image and a failing liveness probe are read from the kubelet events of that Deployment’s pods', () => {
	const typo = progress('failures', 'typo');
	assert.ok(typo.get('badImage')!.done);
	assert.match(typo.get('badImage')!.evidence!, /Failed to pull image|ErrImagePull|ImagePullBackOff/);
	assert.equal(typo.get('livenessFails')!.done, false, 'the typo Deployment has no probe failing');
	const probed = progress('failures', 'probed');
	assert.ok(probed.get('livenessFails')!.done);
	assert.match(probed.get('livenessFails')!.evidence!, /^Unhealthy: Liveness probe failed/);
	assert.equal(probed.get('probes')!.done, false, 'a liveness probe alone is half of part 2');
	assert.equal(probed.get('badImage')!.done, false);
});

test('with no Deployment nothing is checked off, and every step names its key and the kubectl it replaces', () => {
	const captured = loadJson<Captured>('captured/scaled-to-5.json');
	const steps = labProgress(snapshotOf(captured), undefined);
	assert.equal(steps.length, 9);
	assert.ok(steps.every(step => !step.done && step.keys.length > 0 && step.kubectl.startsWith('kubectl') === !step.kubectl.startsWith('EKS')));
});

test('a rollout’s surge pod Pending with Too many pods at 4 replicas, then scaled to 3: the event outlives it, but "scaled to 5" is not done', () => {
	// Captured: scaled to 4 on three full nodes, renamed (the surge pod had no slot), rolled out, scaled to 3.
	const steps = progress('surge-too-many-pods');
	assert.deepEqual(done(steps), ['scaledTo4', 'renamed'] satisfies LabStepId[]);
	assert.equal(steps.get('tooManyPods')!.evidence, undefined);
});

test('one failed liveness probe before any restart is not yet "the container restarts"', () => {
	const captured = loadJson<Captured>('captured/failures.json');
	for (const pod of captured.pods) for (const status of pod.status?.containerStatuses ?? []) status.restartCount = 0;
	const steps = labProgress(
		snapshotOf(captured),
		captured.deployments.find(d => d.metadata.name === 'probed'),
	);
	assert.equal(steps.find(step => step.id === 'livenessFails')!.done, false);
});
