import assert from 'node:assert/strict';
import {test} from 'node:test';
import {deploymentsIn, pickDeployment} from '../../source/model/index.js';
import type {Deployment} from '../../source/model/types.js';
import {snapshotOf} from './fixtures.js';

function d(namespace: string, name: string): Deployment {
	return {metadata: {namespace, name, uid: `${namespace}-${name}`}};
}

const all = [d('default', 'web'), d('default', 'todoapi'), d('default', 'api'), d('kube-system', 'coredns'), d('staging', 'worker')];

test('the requested deployment wins when it exists', () => {
	assert.equal(pickDeployment(all, 'default', 'web')?.metadata.name, 'web');
	assert.equal(pickDeployment(all, 'default', 'missing')?.metadata.name, 'todoapi');
	assert.equal(pickDeployment(all, 'default', 'coredns')?.metadata.name, 'todoapi', 'not from another namespace');
});

test('the only deployment in the namespace is picked', () => {
	assert.equal(pickDeployment(all, 'staging')?.metadata.name, 'worker');
});

test('todoapi is preferred, then the first by name', () => {
	assert.equal(pickDeployment(all, 'default')?.metadata.name, 'todoapi');
	assert.equal(
		pickDeployment(
			all.filter(x => x.metadata.name !== 'todoapi'),
			'default',
		)?.metadata.name,
		'api',
	);
	assert.equal(pickDeployment(all, 'nowhere'), undefined);
	assert.equal(pickDeployment(all, '')?.metadata.name, 'todoapi', "'' looks in every namespace");
});

test('pickDeployment takes the snapshot map too', () => {
	const snapshot = snapshotOf({deployments: all});
	assert.equal(pickDeployment(snapshot.objects.deployments, 'kube-system')?.metadata.name, 'coredns');
});

test('deploymentsIn sorts and memoizes', () => {
	const snapshot = snapshotOf({deployments: all});
	const list = deploymentsIn(snapshot, 'default');
	assert.deepEqual(
		list.map(x => x.metadata.name),
		['api', 'todoapi', 'web'],
	);
	assert.equal(deploymentsIn(snapshot, 'default'), list);
	assert.deepEqual(
		deploymentsIn(snapshot, '').map(x => `${x.metadata.namespace}/${x.metadata.name}`),
		['default/api', 'default/todoapi', 'default/web', 'kube-system/coredns', 'staging/worker'],
	);
});
