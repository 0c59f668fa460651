import assert from 'node:assert/strict';
import {test} from 'node:test';
import {isNewReplicaSet, newReplicaSet, ownedReplicaSets, revisionOf, rolloutHistory, rolloutView} from '../../source/model/index.js';
import type {Deployment, ReplicaSet} from '../../source/model/types.js';
import {clone, loadItems, loadJson} from './fixtures.js';

const deployment = loadJson<Deployment>('todoapi-deployment.json');
const replicaSets = loadItems<ReplicaSet>('todoapi-replicasets.json');

test('ownedReplicaSets keeps those the Deployment controls, in its namespace, matching its selector', () => {
	const owned = ownedReplicaSets(deployment, replicaSets);
	assert.deepEqual(owned.map(rs => rs.metadata.name).sort(), ['todoapi-5d4f8b7c9f', 'todoapi-6b8f9d7c5d', 'todoapi-7c9d6f5b8']);
	const elsewhere = clone(replicaSets[0]!);
	elsewhere.metadata.namespace = 'staging';
	const unlabelled = clone(replicaSets[1]!);
	unlabelled.metadata.labels = {'pod-template-hash': '7c9d6f5b8'};
	const notController = clone(replicaSets[2]!);
	notController.metadata.ownerReferences![0]!.controller = false;
	assert.deepEqual(ownedReplicaSets(deployment, [elsewhere, unlabelled, notController]), []);
});

test('ownedReplicaSets accepts the snapshot map as well as a list', () => {
	const map = new Map(replicaSets.map(rs => [rs.metadata.uid!, rs]));
	assert.equal(ownedReplicaSets(deployment, map).length, 3);
});

test('matchExpressions selectors are honoured', () => {
	const d = clone(deployment);
	d.spec!.selector = {
		matchExpressions: [
			{key: 'app', operator: 'In', values: ['todoapi', 'todo']},
			{key: 'tier', operator: 'DoesNotExist'},
		],
	};
	assert.equal(ownedReplicaSets(d, replicaSets).length, 3);
	d.spec!.selector = {matchExpressions: [{key: 'app', operator: 'NotIn', values: ['todoapi']}]};
	assert.equal(ownedReplicaSets(d, replicaSets).length, 0);
});

test('revisionOf reads the revision annotation', () => {
	assert.deepEqual(replicaSets.map(revisionOf), [3, 2, 4, 1]);
	assert.equal(revisionOf({metadata: {}}), 0);
	assert.equal(revisionOf({metadata: {annotations: {'deployment.kubernetes.io/revision': 'x'}}}), 0);
});

test('the new ReplicaSet is the one whose template matches, pod-template-hash aside', () => {
	const owned = ownedReplicaSets(deployment, replicaSets);
	assert.equal(newReplicaSet(deployment, owned)?.metadata.name, 'todoapi-5d4f8b7c9f');
	assert.deepEqual(
		owned.map(rs => isNewReplicaSet(deployment, rs)),
		owned.map(rs => rs.metadata.name === 'todoapi-5d4f8b7c9f'),
	);
});

test('template equality ignores key order, undefined fields and equal quantities in other units', () => {
	const d = clone(deployment);
	const rs = clone(replicaSets[2]!);
	const container = rs.spec!.template!.spec!.containers[0]!;
	rs.spec!.template!.spec!.containers[0] = Object.fromEntries(Object.entries(container).reverse()) as typeof container;
	(d.spec!.template!.spec as Record<string, unknown>)['nodeSelector'] = undefined;
	d.spec!.template!.spec!.containers[0]!.resources = {requests: {cpu: '1'}};
	rs.spec!.template!.spec!.containers[0].resources = {requests: {cpu: '1000m'}};
	assert.equal(isNewReplicaSet(d, rs), true);
	const other = clone(rs);
	other.spec!.template!.spec!.containers[0]!.resources = {requests: {cpu: '999m'}};
	assert.equal(isNewReplicaSet(d, other), false);
});

test('template equality accepts Date timestamps and missing fields from the client library', () => {
	const d = clone(deployment);
	const rs = clone(replicaSets[2]!);
	d.spec!.template!.metadata!.creationTimestamp = new Date(Date.UTC(2021, 6, 21, 17));
	rs.spec!.template!.metadata!.creationTimestamp = '2021-07-21T17:00:00Z';
	assert.equal(isNewReplicaSet(d, rs), true);
	d.spec!.template!.metadata!.creationTimestamp = undefined;
	rs.spec!.template!.metadata!.creationTimestamp = null as unknown as undefined;
	assert.equal(isNewReplicaSet(d, rs), true);
	rs.spec!.template!.metadata!.annotations = {'kubectl.kubernetes.io/restartedAt': '2021-07-21T17:00:00Z'};
	assert.equal(isNewReplicaSet(d, rs), false);
});

test('rollout history: three revisions, highest first, with change-cause and the current one marked', () => {
	const history = rolloutHistory(deployment, replicaSets);
	assert.deepEqual(history, [
		{
			revision: 4,
			replicaSetName: 'todoapi-5d4f8b7c9f',
			containers: [{name: 'todoapiv2', image: 'usld/todoapi:0.1.0', cpuRequest: '', memoryRequest: ''}],
			changeCause: 'rename container to todoapiv2',
			replicas: 5,
			readyReplicas: 4,
			current: true,
		},
		{
			revision: 3,
			replicaSetName: 'todoapi-6b8f9d7c5d',
			containers: [{name: 'todoapi', image: 'usld/todoapi:0.1.0', cpuRequest: '', memoryRequest: ''}],
			changeCause: '<none>',
			replicas: 0,
			readyReplicas: 0,
			current: false,
		},
		{
			revision: 2,
			replicaSetName: 'todoapi-7c9d6f5b8',
			containers: [{name: 'todoapi', image: 'usld/todoapi:0.1.0', cpuRequest: '250m', memoryRequest: '128Mi'}],
			changeCause: 'kubectl set resources deployment todoapi --requests=cpu=250m,memory=128Mi --record=true',
			replicas: 0,
			readyReplicas: 0,
			current: false,
		},
	]);
});

test('no ReplicaSets means no history', () => {
	assert.deepEqual(rolloutHistory(deployment, []), []);
});

test('rolloutView gathers status, strategy, history and containers', () => {
	const view = rolloutView(deployment, replicaSets);
	assert.equal(view.namespace, 'default');
	assert.equal(view.name, 'todoapi');
	assert.equal(view.paused, false);
	assert.equal(view.desired, 5);
	assert.equal(view.updated, 5);
	assert.equal(view.ready, 4);
	assert.equal(view.available, 4);
	assert.equal(view.progress, 0.8);
	assert.equal(view.status.message, 'Waiting for deployment "todoapi" rollout to finish: 4 of 5 updated replicas are available...');
	assert.equal(view.strategy.maxSurge, 2);
	assert.deepEqual(
		view.revisions.map(r => r.revision),
		[4, 3, 2],
	);
	assert.deepEqual(view.containers, ['todoapiv2']);
	assert.equal(rolloutView(deployment, replicaSets), view, 'memoized on the same objects');
});

test('rolloutView progress is full only when the rollout is done', () => {
	const done = clone(deployment);
	done.spec!.replicas = 4;
	done.status = {...done.status, replicas: 4, updatedReplicas: 4, availableReplicas: 4, readyReplicas: 4};
	assert.equal(rolloutView(done, replicaSets).progress, 1);
	const surplus = clone(done);
	surplus.status!.replicas = 5;
	assert.equal(rolloutView(surplus, replicaSets).progress, 0.99);
});
