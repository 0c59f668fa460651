import assert from 'node:assert/strict';
import {test} from 'node:test';
import {resolveStrategy} from '../../source/model/index.js';
import type {Deployment} from '../../source/model/types.js';
import {clone, loadJson} from './fixtures.js';

const base = loadJson<Deployment>('todoapi-deployment.json');

function at(replicas: number | undefined, rollingUpdate?: {maxSurge?: number | string; maxUnavailable?: number | string}): Deployment {
	const d = clone(base);
	if (replicas === undefined) delete d.spec!.replicas;
	else d.spec!.replicas = replicas;
	if (rollingUpdate) d.spec!.strategy = {type: 'RollingUpdate', rollingUpdate};
	return d;
}

test('25%/25% at 4 replicas: surge 1, unavailable 1', () => {
	assert.deepEqual(resolveStrategy(at(4)), {type: 'RollingUpdate', maxSurge: 1, maxUnavailable: 1, description: '25% max unavailable, 25% max surge'});
});

test('25%/25% at 5 replicas: surge rounds up to 2, unavailable down to 1', () => {
	const s = resolveStrategy(at(5));
	assert.equal(s.maxSurge, 2);
	assert.equal(s.maxUnavailable, 1);
});

test('when both round to zero the controller allows one unavailable', () => {
	const s = resolveStrategy(at(1, {maxSurge: 0, maxUnavailable: '25%'}));
	assert.equal(s.maxSurge, 0);
	assert.equal(s.maxUnavailable, 1);
	const zero = resolveStrategy(at(0));
	assert.equal(zero.maxSurge, 0);
	assert.equal(zero.maxUnavailable, 1);
});

test('whole numbers are taken as they are and described as kubectl does', () => {
	const s = resolveStrategy(at(5, {maxSurge: 1, maxUnavailable: 0}));
	assert.deepEqual(s, {type: 'RollingUpdate', maxSurge: 1, maxUnavailable: 0, description: '0 max unavailable, 1 max surge'});
});

test('missing rollingUpdate gets the API defaults; missing replicas means 1', () => {
	const d = at(undefined);
	d.spec!.strategy = {type: 'RollingUpdate'};
	assert.deepEqual(resolveStrategy(d), {type: 'RollingUpdate', maxSurge: 1, maxUnavailable: 0, description: '25% max unavailable, 25% max surge'});
	delete d.spec!.strategy;
	assert.equal(resolveStrategy(d).description, '25% max unavailable, 25% max surge');
});

test('Recreate has no surge or unavailable figures', () => {
	const d = clone(base);
	d.spec!.strategy = {type: 'Recreate'};
	assert.deepEqual(resolveStrategy(d), {type: 'Recreate', description: 'Recreate'});
});
