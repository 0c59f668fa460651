import assert from 'node:assert/strict';
import {test} from 'node:test';
import {eventRows} from '../../source/model/index.js';
import type {Event} from '../../source/model/types.js';
import {clone, labCluster, loadItems, snapshotOf} from './fixtures.js';

const events = loadItems<Event>('events.json');

test('events newest first, by series, last, first or event time', () => {
	const rows = eventRows(labCluster().snapshot, {});
	assert.deepEqual(
		rows.map(r => r.reason),
		['FailedScheduling', 'Unhealthy', 'BackOff', 'Failed', 'FailedScheduling', 'ScalingReplicaSet', 'SuccessfulCreate', 'Started'],
	);
	assert.equal(rows[0]!.lastSeenMs, Date.UTC(2021, 6, 21, 17, 30, 41, 104));
	for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1]!.lastSeenMs >= rows[i]!.lastSeenMs);
});

test('a scheduler event reads like kubectl get events prints it', () => {
	const row = eventRows(labCluster().snapshot, {})[0]!;
	assert.deepEqual(row, {
		uid: 'ee000001-0000-4000-8000-000000000001',
		namespace: 'default',
		name: 'todoapi-5d4f8b7c9f-zz9tw.1693f0a2b7c4d5e6',
		type: 'Warning',
		reason: 'FailedScheduling',
		object: 'pod/todoapi-5d4f8b7c9f-zz9tw',
		message: '0/3 nodes are available: 3 Too many pods.',
		count: 6,
		lastSeenMs: Date.UTC(2021, 6, 21, 17, 30, 41, 104),
		warning: true,
	});
});

test('object is the lower-case kind and name; count defaults to 1', () => {
	const rows = eventRows(labCluster().snapshot, {});
	const scaling = rows.find(r => r.reason === 'ScalingReplicaSet')!;
	assert.equal(scaling.object, 'deployment/todoapi');
	assert.equal(scaling.count, 1);
	assert.equal(scaling.warning, false);
	assert.equal(rows.find(r => r.reason === 'SuccessfulCreate')!.object, 'replicaset/todoapi-5d4f8b7c9f');
	assert.equal(rows.find(r => r.reason === 'BackOff')!.count, 9);
	const singleton = rows.filter(r => r.reason === 'FailedScheduling')[1]!;
	assert.equal(singleton.count, 1, 'the new events API leaves count unset for a singleton');
});

test('multi-line messages are folded to one line', () => {
	const failed = eventRows(labCluster().snapshot, {}).find(r => r.reason === 'Failed')!;
	assert.equal(failed.message, 'Failed to pull image "usld/todoapii:0.1.0": rpc error: code = Unknown desc = Error response from daemon: pull access denied for usld/todoapii, repository does not exist or may require \'docker login\'');
	assert.doesNotMatch(failed.message, /\n/);
});

test('namespace narrows the list; all namespaces by default', () => {
	const {snapshot} = labCluster();
	assert.equal(eventRows(snapshot, {namespace: 'default'}).length, 7);
	assert.deepEqual(
		eventRows(snapshot, {namespace: 'kube-system'}).map(r => r.object),
		['pod/coredns-65bfc5645f-2xk7p'],
	);
	assert.equal(eventRows(snapshot).length, 8);
	assert.equal(eventRows(snapshot, {namespace: ''}).length, 8);
});

test('eventRows is memoized on the events map and namespace', () => {
	const {snapshot} = labCluster();
	const rows = eventRows(snapshot, {namespace: 'default'});
	assert.equal(eventRows({...snapshot, version: 5}, {namespace: 'default'}), rows);
	const changed = snapshotOf({events: events.map(clone)});
	assert.notEqual(eventRows(changed, {namespace: 'default'}), rows);
	assert.deepEqual(eventRows(changed, {namespace: 'default'}), rows);
});

test('an event with only a creation time, and one with no kind name', () => {
	const bare: Event = {metadata: {uid: 'x', namespace: 'default', creationTimestamp: '2021-07-21T18:00:00Z'}, involvedObject: {kind: 'Node'}, reason: 'RegisteredNode'};
	const rows = eventRows(snapshotOf({events: [bare]}));
	assert.equal(rows[0]!.object, 'node');
	assert.equal(rows[0]!.lastSeenMs, Date.UTC(2021, 6, 21, 18));
	assert.equal(rows[0]!.type, '');
	assert.equal(rows[0]!.message, '');
});
