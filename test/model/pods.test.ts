import assert from 'node:assert/strict';
import {test} from 'node:test';
import fc from 'fast-check';
import {indexFailedScheduling, podRow, podRows} from '../../source/model/index.js';
import {compareRows} from '../../source/model/pods.js';
import type {PodRow} from '../../source/model/view.js';
import type {Event, Pod} from '../../source/model/types.js';
import {clone, labCluster, loadItems, podNamed, snapshotOf} from './fixtures.js';

test('podRows lists every pod sorted by namespace then name', () => {
	const {snapshot} = labCluster();
	const rows = podRows(snapshot, {});
	assert.equal(rows.length, 13);
	const keys = rows.map(r => `${r.namespace}/${r.name}`);
	assert.deepEqual(keys, [...keys].sort());
	assert.equal(rows[0]!.namespace, 'default');
	assert.equal(rows.at(-1)!.namespace, 'kube-system');
});

test('the pending todoapi row carries the scheduler message and no node', () => {
	const {snapshot} = labCluster();
	const row = podRows(snapshot, {namespace: 'default'}).find(r => r.name === 'todoapi-5d4f8b7c9f-zz9tw')!;
	assert.equal(row.status, 'Pending');
	assert.equal(row.severity, 'progress');
	assert.equal(row.node, '');
	assert.equal(row.ready, '0/1');
	assert.equal(row.pendingReason, '0/3 nodes are available: 3 Too many pods.');
	assert.equal(row.createdMs, Date.UTC(2021, 6, 21, 17, 20, 2));
});

test('running rows have their node and no pending reason', () => {
	const {snapshot} = labCluster();
	const row = podRows(snapshot, {namespace: 'default'}).find(r => r.name === 'todoapi-5d4f8b7c9f-8kx2q')!;
	assert.equal(row.node, 'ip-192-168-12-34.ec2.internal');
	assert.equal(row.status, 'Running');
	assert.equal(row.severity, 'ok');
	assert.equal(row.pendingReason, undefined);
	assert.equal(row.uid, 'f5000001-1111-4222-8333-000000000001');
	assert.equal(row.cpuRequest, '', 'todoapi has no requests');
	assert.equal(row.memoryRequest, '');
});

test('requests are summed the way the scheduler counts them', () => {
	const {snapshot} = labCluster();
	const rows = podRows(snapshot, {namespace: 'kube-system'});
	const coredns = rows.find(r => r.name.startsWith('coredns-'))!;
	assert.equal(coredns.cpuRequest, '100m');
	assert.equal(coredns.memoryRequest, '70Mi');
	// aws-node: init container 25m, app container 25m: max(25m, 25m), not 50m.
	const awsNode = rows.find(r => r.name.startsWith('aws-node-'))!;
	assert.equal(awsNode.cpuRequest, '25m');
	assert.equal(awsNode.memoryRequest, '');
	assert.equal(rows.find(r => r.name.startsWith('kube-proxy-'))!.cpuRequest, '100m');
});

test('a large init container sets the pod request; a sidecar adds to it', () => {
	const base = clone(podNamed(loadItems<Pod>('pod-states.json'), 'todoapi-sidecar-4m9vd'));
	// sidecar 50m/32Mi runs beside the app's 250m/128Mi
	assert.equal(podRow(base, undefined).cpuRequest, '300m');
	assert.equal(podRow(base, undefined).memoryRequest, '160Mi');
	const withInit = clone(base);
	withInit.spec!.initContainers = [{name: 'migrate', image: 'usld/todoapi-migrate:0.1.0', resources: {requests: {cpu: '1', memory: '64Mi'}}}, ...withInit.spec!.initContainers!];
	// while migrate runs no sidecar has started: max(1000m, 300m) cpu, max(64Mi, 160Mi) memory
	assert.equal(podRow(withInit, undefined).cpuRequest, '1');
	assert.equal(podRow(withInit, undefined).memoryRequest, '160Mi');
});

test('filter is a case-insensitive substring of namespace, name, status or node', () => {
	const {snapshot} = labCluster();
	assert.deepEqual(
		podRows(snapshot, {filter: 'PENDING'}).map(r => r.name),
		['todoapi-5d4f8b7c9f-zz9tw'],
	);
	assert.equal(podRows(snapshot, {filter: 'coredns'}).length, 2);
	assert.equal(podRows(snapshot, {filter: 'ip-192-168-78-90'}).length, 4);
	assert.equal(podRows(snapshot, {filter: 'kube-sys'}).length, 8);
	assert.equal(podRows(snapshot, {namespace: 'default', filter: 'kube-proxy'}).length, 0);
	assert.equal(podRows(snapshot, {filter: '   '}).length, 13, 'blank filter matches all');
});

test('the same maps and options give the same array; new maps give a new one only when a row changed', () => {
	const {snapshot, parts} = labCluster();
	const first = podRows(snapshot, {namespace: 'default'});
	assert.equal(podRows(snapshot, {namespace: 'default'}), first);
	assert.equal(podRows({...snapshot, version: 2}, {namespace: 'default'}), first, 'only the maps matter');
	assert.notEqual(podRows(snapshot, {namespace: 'kube-system'}), first);
	// New maps holding the same objects: nothing to render again.
	assert.equal(podRows(snapshotOf(parts, 3), {namespace: 'default'}), first);
	// A pod updated in a way no column shows (an annotation, a new resourceVersion): the same array.
	const annotated = clone(parts.pods.find(p => p.metadata.namespace === 'default')!);
	annotated.metadata.resourceVersion = '999998';
	annotated.metadata.annotations = {...annotated.metadata.annotations, 'example.com/touched': 'yes'};
	const touched = parts.pods.map(p => (p.metadata.uid === annotated.metadata.uid ? annotated : p));
	assert.equal(podRows(snapshotOf({...parts, pods: touched}, 4), {namespace: 'default'}), first);
	// One pod's row changed (a restart): a new array, and the unchanged pods keep their row objects.
	const changed = clone(annotated);
	changed.metadata.resourceVersion = '999999';
	const status = changed.status!.containerStatuses![0]!;
	status.restartCount = (status.restartCount ?? 0) + 1;
	const pods = parts.pods.map(p => (p.metadata.uid === changed.metadata.uid ? changed : p));
	const again = podRows(snapshotOf({...parts, pods}, 4), {namespace: 'default'});
	assert.notEqual(again, first);
	const restarted = again.find(r => r.uid === changed.metadata.uid)!;
	assert.equal(restarted.restarts, first.find(r => r.uid === changed.metadata.uid)!.restarts + 1);
	const unchanged = first.findIndex(r => r.uid !== changed.metadata.uid);
	assert.equal(again[unchanged], first[unchanged]);
	// A change in another namespace leaves this namespace's array alone.
	const system = clone(parts.pods.find(p => p.metadata.namespace === 'kube-system')!);
	const pods2 = pods.map(p => (p.metadata.uid === system.metadata.uid ? system : p));
	assert.equal(podRows(snapshotOf({...parts, pods: pods2}, 5), {namespace: 'default'}), again);
});

test('a new scheduling event refreshes only the pending row', () => {
	const {snapshot, parts} = labCluster();
	const before = podRows(snapshot, {namespace: 'default'});
	const newer = clone(parts.events[0]!);
	newer.metadata.uid = 'ee0000ff-0000-4000-8000-0000000000ff';
	newer.series = {count: 7, lastObservedTime: '2021-07-21T17:40:00.000000Z'};
	newer.message = '0/4 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 3 Too many pods.';
	const after = podRows({...snapshot, objects: {...snapshot.objects, events: new Map([...snapshot.objects.events, [newer.metadata.uid, newer]])}}, {namespace: 'default'});
	const name = 'todoapi-5d4f8b7c9f-zz9tw';
	assert.equal(after.find(r => r.name === name)!.pendingReason, newer.message);
	assert.notEqual(
		after.find(r => r.name === name),
		before.find(r => r.name === name),
	);
	assert.equal(
		after.find(r => r.name === 'todoapi-5d4f8b7c9f-8kx2q'),
		before.find(r => r.name === 'todoapi-5d4f8b7c9f-8kx2q'),
	);
});

test('podRow works with or without an index', () => {
	const pods = loadItems<Pod>('todoapi-pods.json');
	const events = loadItems<Event>('events.json');
	const pending = podNamed(pods, 'todoapi-5d4f8b7c9f-zz9tw');
	assert.equal(podRow(pending, indexFailedScheduling(events)).pendingReason, '0/3 nodes are available: 3 Too many pods.');
	const fresh = clone(pending);
	fresh.status!.conditions![0]!.message = 'from the condition';
	assert.equal(podRow(fresh, undefined).pendingReason, 'from the condition');
});

test('pod rows compare in etcd key order: namespace/name as one string, then uid', () => {
	const label = fc.stringMatching(/^[a-z0-9.-]{1,6}$/);
	const row = fc.record({namespace: label, name: label, uid: fc.constantFrom('u1', 'u2')}) as fc.Arbitrary<PodRow>;
	fc.assert(
		fc.property(row, row, (a, b) => {
			const keyA = `${a.namespace}/${a.name}`;
			const keyB = `${b.namespace}/${b.name}`;
			const expected = keyA < keyB ? -1 : keyA > keyB ? 1 : a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
			assert.equal(compareRows(a, b), expected, `${keyA} ${a.uid} against ${keyB} ${b.uid}`);
		}),
		{numRuns: 2000},
	);
});
