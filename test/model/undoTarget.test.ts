import assert from 'node:assert/strict';
import {test} from 'node:test';
import {planUndo, rolloutHistory, undoTargetRevision} from '../../source/model/index.js';
import type {Deployment, ReplicaSet} from '../../source/model/types.js';
import {loadJson} from './fixtures.js';

const rows = (current: number, ...others: number[]) => [current, ...others].map(revision => ({revision, current: revision === current})).sort((a, b) => b.revision - a.revision);

test('no pick: the previous revision, as kubectl rollout undo', () => {
	assert.deepEqual(undoTargetRevision(rows(4, 3, 2, 1)), {toRevision: 3, previous: true});
	assert.equal(undoTargetRevision(rows(1)), undefined, 'nothing to undo to');
	assert.equal(undoTargetRevision([]), undefined);
});

test('a fresh pick is the target', () => {
	assert.deepEqual(undoTargetRevision(rows(4, 3, 2, 1), {revision: 2, currentWhenPicked: 4}), {toRevision: 2, previous: false});
	assert.deepEqual(undoTargetRevision(rows(4, 3, 2, 1), {revision: 4, currentWhenPicked: 4}), {toRevision: 3, previous: true}, 'the current row is no target');
	assert.deepEqual(undoTargetRevision(rows(4, 3, 1), {revision: 2, currentWhenPicked: 4}), {toRevision: 3, previous: true}, 'a row gone from the history');
});

test('issue 16: pick the bad image (11), undo from it, change something, u again: the previous revision, not 11', () => {
	// Undo onto 11 made it current as 13; another change made 14.
	const pick = {revision: 11, currentWhenPicked: 12};
	assert.deepEqual(undoTargetRevision(rows(12, 11, 10), pick), {toRevision: 11, previous: false}, 'while fresh');
	assert.deepEqual(undoTargetRevision(rows(14, 13, 12, 10), pick), {toRevision: 13, previous: true}, 'once a newer revision is current');
	// A stale pick on a row still listed is stale all the same.
	assert.deepEqual(undoTargetRevision(rows(14, 13, 12, 11, 10), pick), {toRevision: 13, previous: true});
});

test('the previous revision is the one planUndo picks for kubectl rollout undo (captured history)', () => {
	const deployment = loadJson<Deployment>('todoapi-deployment.json');
	const replicaSets = loadJson<{items: ReplicaSet[]}>('todoapi-replicasets.json').items;
	const history = rolloutHistory(deployment, replicaSets);
	const target = undoTargetRevision(history);
	const plan = planUndo(deployment, replicaSets);
	assert.ok(target && 'toRevision' in plan, JSON.stringify(plan));
	assert.equal(target.toRevision, plan.toRevision);
});
