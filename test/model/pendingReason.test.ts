import assert from 'node:assert/strict';
import {test} from 'node:test';
import {indexFailedScheduling, pendingReason} from '../../source/model/index.js';
import type {Event, Pod} from '../../source/model/types.js';
import {clone, loadItems, podNamed} from './fixtures.js';

const events = loadItems<Event>('events.json');
const todoapi = loadItems<Pod>('todoapi-pods.json');
const pending = podNamed(todoapi, 'todoapi-5d4f8b7c9f-zz9tw');

test('the latest FailedScheduling event explains a pending pod', () => {
	assert.equal(pendingReason(pending, events), '0/3 nodes are available: 3 Too many pods.');
});

test('the choice does not depend on the order of the events', () => {
	assert.equal(pendingReason(pending, [...events].reverse()), '0/3 nodes are available: 3 Too many pods.');
});

test('a series counts as seen at its last observation, not its first', () => {
	const [recurring, older] = events.filter(e => e.reason === 'FailedScheduling').map(clone);
	// The older one-off happened after the series started, but before it was last observed.
	older!.eventTime = '2021-07-21T17:25:00.000000Z';
	assert.equal(pendingReason(pending, [older!, recurring!]), '0/3 nodes are available: 3 Too many pods.');
	delete recurring!.series;
	assert.equal(pendingReason(pending, [older!, recurring!]), '0/3 nodes are available: 1 Insufficient cpu, 3 Too many pods.');
});

test('an index, the events map, or a plain list give the same answer', () => {
	const index = indexFailedScheduling(events);
	const map = new Map(events.map(e => [e.metadata.uid!, e]));
	assert.equal(pendingReason(pending, index), '0/3 nodes are available: 3 Too many pods.');
	assert.equal(pendingReason(pending, map), '0/3 nodes are available: 3 Too many pods.');
	assert.equal(indexFailedScheduling(map), indexFailedScheduling(map), 'the index is cached per map');
});

test('events without a uid match the pod by namespace and name', () => {
	const event = clone(events[0]!);
	delete event.involvedObject.uid;
	assert.equal(pendingReason(pending, [event]), '0/3 nodes are available: 3 Too many pods.');
	const elsewhere = clone(event);
	elsewhere.involvedObject.namespace = 'staging';
	elsewhere.message = '0/3 nodes are available: 3 node(s) had untolerated taint.';
	// Not this pod's event: the PodScheduled condition explains instead.
	assert.equal(pendingReason(pending, [elsewhere]), pending.status!.conditions![0]!.message);
});

test('an event about a previous pod of the same name does not explain this one', () => {
	const stale = clone(events[0]!);
	stale.involvedObject.uid = 'another-pod-uid';
	stale.message = '0/3 nodes are available: 3 Insufficient memory.';
	assert.equal(pendingReason(pending, [stale]), '0/3 nodes are available: 3 Too many pods.');
});

test('without events the PodScheduled condition explains, message first then reason', () => {
	assert.equal(pendingReason(pending, []), '0/3 nodes are available: 3 Too many pods.');
	const noMessage = clone(pending);
	delete noMessage.status!.conditions![0]!.message;
	assert.equal(pendingReason(noMessage, []), 'Unschedulable');
	const nothing = clone(pending);
	delete nothing.status;
	assert.equal(pendingReason(nothing, []), undefined);
});

test('a scheduled pod has no pending reason, whatever the events say', () => {
	const scheduled = clone(pending);
	scheduled.spec!.nodeName = 'ip-192-168-12-34.ec2.internal';
	assert.equal(pendingReason(scheduled, events), undefined);
});

test('multi-line scheduler messages are folded to one line', () => {
	const event = clone(events[0]!);
	event.message = '0/3 nodes are available: 3 Too many pods.\npreemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.\n';
	assert.equal(pendingReason(pending, [event]), '0/3 nodes are available: 3 Too many pods. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.');
});

test('events tied in time and write order are picked by uid, whatever order they come in', () => {
	const [base] = events.filter(e => e.reason === 'FailedScheduling').map(clone);
	const a = {...clone(base!), message: 'from a'};
	const b = {...clone(base!), message: 'from b'};
	a.metadata = {...a.metadata, uid: 'aaa', resourceVersion: 'not-a-number'};
	b.metadata = {...b.metadata, uid: 'bbb', resourceVersion: 'not-a-number'};
	assert.equal(pendingReason(pending, [a, b]), 'from b');
	assert.equal(pendingReason(pending, [b, a]), 'from b');
});
