import assert from 'node:assert/strict';
import {test} from 'node:test';
import {planUndo, undoSuccessMessage} from '../../source/model/index.js';
import type {Deployment, ReplicaSet} from '../../source/model/types.js';
import {clone, loadItems, loadJson} from './fixtures.js';

const deployment = loadJson<Deployment>('todoapi-deployment.json');
const replicaSets = loadItems<ReplicaSet>('todoapi-replicasets.json');
const lastApplied = deployment.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration']!;

function rsNamed(name: string): ReplicaSet {
	return replicaSets.find(rs => rs.metadata.name === name)!;
}

function templateWithoutHash(rs: ReplicaSet): unknown {
	const template = clone(rs.spec!.template!);
	delete template.metadata!.labels!['pod-template-hash'];
	return template;
}

test('undo with no revision goes back to the second-highest revision', () => {
	const plan = planUndo(deployment, replicaSets);
	assert.equal(plan.kind, 'patch');
	if (plan.kind !== 'patch') return;
	assert.equal(plan.toRevision, 3);
	assert.deepEqual(plan.patch, [
		{op: 'replace', path: '/spec/template', value: templateWithoutHash(rsNamed('todoapi-6b8f9d7c5d'))},
		// The Deployment keeps its own bookkeeping; revision 3 has nothing else to bring back,
		// so the Deployment's change-cause goes (kubectl replaces the annotations wholesale).
		{
			op: 'replace',
			path: '/metadata/annotations',
			value: {
				'kubectl.kubernetes.io/last-applied-configuration': lastApplied,
				'deployment.kubernetes.io/revision': '4',
			},
		},
	]);
	assert.equal(planUndo(deployment, replicaSets, 0).kind, 'patch', '0 means the same as no revision');
});

test('the restored template has no pod-template-hash and names the old container', () => {
	const plan = planUndo(deployment, replicaSets);
	assert.equal(plan.kind, 'patch');
	if (plan.kind !== 'patch') return;
	const template = plan.patch[0]!.value as {metadata: {labels: Record<string, string>}; spec: {containers: Array<{name: string}>}};
	assert.deepEqual(template.metadata.labels, {app: 'todoapi'});
	assert.equal(template.spec.containers[0]!.name, 'todoapi');
	assert.equal(rsNamed('todoapi-6b8f9d7c5d').spec!.template!.metadata!.labels!['pod-template-hash'], '6b8f9d7c5d', 'the ReplicaSet is not modified');
});

test('--to-revision picks that revision and brings its change-cause back', () => {
	const plan = planUndo(deployment, replicaSets, 2);
	assert.equal(plan.kind, 'patch');
	if (plan.kind !== 'patch') return;
	assert.equal(plan.toRevision, 2);
	assert.deepEqual(plan.patch[0], {op: 'replace', path: '/spec/template', value: templateWithoutHash(rsNamed('todoapi-7c9d6f5b8'))});
	assert.deepEqual(plan.patch[1], {
		op: 'replace',
		path: '/metadata/annotations',
		value: {
			'kubectl.kubernetes.io/last-applied-configuration': lastApplied,
			'deployment.kubernetes.io/revision': '4',
			'kubernetes.io/change-cause': 'kubectl set resources deployment todoapi --requests=cpu=250m,memory=128Mi --record=true',
		},
	});
});

test('a revision that is not in the history', () => {
	assert.deepEqual(planUndo(deployment, replicaSets, 7), {kind: 'error', message: 'unable to find specified revision 7 in history'});
	assert.deepEqual(planUndo(deployment, replicaSets, -1), {kind: 'error', message: 'unable to find specified revision -1 in history'});
	// Revision 1 was reused as revision 3: it is gone from the history.
	assert.deepEqual(planUndo(deployment, replicaSets, 1), {kind: 'error', message: 'unable to find specified revision 1 in history'});
});

test('undo to the revision already running is skipped', () => {
	assert.deepEqual(planUndo(deployment, replicaSets, 4), {
		kind: 'skip',
		toRevision: 4,
		message: 'skipped rollback (current template already matches revision 4)',
	});
});

test('kubectl words a skipped default undo with the number it was given, 0', () => {
	// The template was edited back to revision 3's, and the controller has not caught up yet.
	const d = clone(deployment);
	d.spec!.template = clone(templateWithoutHash(rsNamed('todoapi-6b8f9d7c5d'))) as NonNullable<Deployment['spec']>['template'];
	const plan = planUndo(d, replicaSets);
	assert.deepEqual(plan, {kind: 'skip', toRevision: 3, message: 'skipped rollback (current template already matches revision 0)'});
});

test('a paused deployment cannot be rolled back', () => {
	const paused = clone(deployment);
	paused.spec!.paused = true;
	assert.deepEqual(planUndo(paused, replicaSets), {
		kind: 'error',
		message: "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/todoapi' and try again",
	});
	// kubectl looks the revision up first.
	assert.deepEqual(planUndo(paused, replicaSets, 9), {kind: 'error', message: 'unable to find specified revision 9 in history'});
});

test('a single revision is no history to go back to', () => {
	const only = [rsNamed('todoapi-5d4f8b7c9f')];
	assert.deepEqual(planUndo(deployment, only), {kind: 'error', message: 'no rollout history found for deployment "todoapi"'});
	assert.deepEqual(planUndo(deployment, []), {kind: 'error', message: 'no rollout history found for deployment "todoapi"'});
	assert.equal(planUndo(deployment, only, 4).kind, 'skip');
});

test('ReplicaSets of another Deployment are never a target', () => {
	assert.equal(planUndo(deployment, replicaSets, 1).kind, 'error');
	assert.equal(
		replicaSets.some(rs => rs.metadata.name === 'todoapi-legacy-84c6b9d7f'),
		true,
	);
});

test('undoSuccessMessage is what kubectl prints', () => {
	assert.equal(undoSuccessMessage('todoapi'), 'deployment.apps/todoapi rolled back');
});
