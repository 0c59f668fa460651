import assert from 'node:assert/strict';
import {test} from 'node:test';
import {rolloutStatus} from '../../source/model/index.js';
import type {Deployment} from '../../source/model/types.js';
import {clone, loadJson} from './fixtures.js';

const base = loadJson<Deployment>('todoapi-deployment.json');

function withStatus(status: Partial<NonNullable<Deployment['status']>>, replicas = 5): Deployment {
	const d = clone(base);
	d.spec!.replicas = replicas;
	d.status = {...d.status, ...status};
	return d;
}

test('the lab: the 5th replica is stuck, so 4 of 5 updated replicas are available', () => {
	assert.deepEqual(rolloutStatus(base), {
		message: 'Waiting for deployment "todoapi" rollout to finish: 4 of 5 updated replicas are available...',
		done: false,
	});
});

test('fewer updated replicas than desired', () => {
	const d = withStatus({replicas: 5, updatedReplicas: 4, availableReplicas: 4});
	assert.deepEqual(rolloutStatus(d), {
		message: 'Waiting for deployment "todoapi" rollout to finish: 4 out of 5 new replicas have been updated...',
		done: false,
	});
});

test('old replicas still running', () => {
	const d = withStatus({replicas: 6, updatedReplicas: 5, availableReplicas: 5}, 5);
	assert.equal(rolloutStatus(d).message, 'Waiting for deployment "todoapi" rollout to finish: 1 old replicas are pending termination...');
	assert.equal(rolloutStatus(d).done, false);
});

test('everything updated and available', () => {
	const d = withStatus({replicas: 4, updatedReplicas: 4, availableReplicas: 4, readyReplicas: 4}, 4);
	assert.deepEqual(rolloutStatus(d), {message: 'deployment "todoapi" successfully rolled out', done: true});
});

test('a spec change the controller has not seen yet', () => {
	const d = clone(base);
	d.metadata.generation = 8;
	assert.deepEqual(rolloutStatus(d), {message: 'Waiting for deployment spec update to be observed...', done: false});
});

test('a rollout past its progress deadline is an error', () => {
	const d = clone(base);
	const progressing = d.status!.conditions!.find(c => c.type === 'Progressing')!;
	progressing.status = 'False';
	progressing.reason = 'ProgressDeadlineExceeded';
	progressing.message = 'ReplicaSet "todoapi-5d4f8b7c9f" has timed out progressing.';
	const status = rolloutStatus(d);
	assert.equal(status.error, 'deployment "todoapi" exceeded its progress deadline');
	assert.equal(status.message, status.error);
	assert.equal(status.done, false);
});

test('the deadline only counts once the controller has observed the generation', () => {
	const d = clone(base);
	d.metadata.generation = 8;
	d.status!.conditions!.find(c => c.type === 'Progressing')!.reason = 'ProgressDeadlineExceeded';
	assert.equal(rolloutStatus(d).error, undefined);
	assert.equal(rolloutStatus(d).message, 'Waiting for deployment spec update to be observed...');
});

test('a brand-new deployment with no status yet', () => {
	const d: Deployment = {metadata: {name: 'todoapi', generation: 1}, spec: {replicas: 4}};
	assert.equal(rolloutStatus(d).message, 'Waiting for deployment spec update to be observed...');
	const observed: Deployment = {metadata: {name: 'todoapi'}, spec: {replicas: 0}};
	assert.deepEqual(rolloutStatus(observed), {message: 'deployment "todoapi" successfully rolled out', done: true});
});
