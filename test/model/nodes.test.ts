import assert from 'node:assert/strict';
import {test} from 'node:test';
import {capacitySummary, nodeRows} from '../../source/model/index.js';
import type {Node, Pod} from '../../source/model/types.js';
import type {NodeRow} from '../../source/model/view.js';
import {clone, labCluster, loadItems, podNamed, snapshotOf} from './fixtures.js';

const Mi = 1024 * 1024;

test('the lab cluster: three t3.micro nodes, every pod slot taken', () => {
	const {snapshot} = labCluster();
	const rows = nodeRows(snapshot);
	assert.deepEqual(
		rows.map(r => r.name),
		['ip-192-168-12-34.ec2.internal', 'ip-192-168-45-67.ec2.internal', 'ip-192-168-78-90.ec2.internal'],
	);
	for (const row of rows) {
		assert.equal(row.ready, true);
		assert.equal(row.unschedulable, false);
		assert.equal(row.instanceType, 't3.micro');
		assert.equal(row.podsUsed, 4);
		assert.equal(row.podsAllocatable, 4);
		assert.equal(row.cpuAllocatableMilli, 1930);
		assert.equal(row.memoryAllocatableBytes, 571492 * 1024);
	}
	assert.deepEqual(
		rows.map(r => r.zone),
		['us-east-1a', 'us-east-1b', 'us-east-1c'],
	);
});

test('requests and limits add up per node as kubectl describe node shows them', () => {
	const rows = nodeRows(labCluster().snapshot);
	// aws-node 25m + kube-proxy 100m + coredns 100m/70Mi (limit 170Mi) + todoapi (none)
	assert.equal(rows[0]!.cpuRequestedMilli, 225);
	assert.equal(rows[0]!.memoryRequestedBytes, 70 * Mi);
	assert.equal(rows[0]!.memoryLimitsBytes, 170 * Mi);
	assert.equal(rows[0]!.cpuLimitsMilli, 0);
	assert.equal(rows[1]!.cpuRequestedMilli, 225);
	// no coredns on the third node
	assert.equal(rows[2]!.cpuRequestedMilli, 125);
	assert.equal(rows[2]!.memoryRequestedBytes, 0);
});

test('capacitySummary says plainly that no node has room', () => {
	const summary = capacitySummary(nodeRows(labCluster().snapshot));
	assert.equal(summary.full, true);
	assert.equal(summary.freePodSlots, 0);
	assert.equal(summary.podsUsed, 12);
	assert.equal(summary.podsAllocatable, 12);
	assert.equal(summary.nodes, 3);
	assert.equal(summary.readyNodes, 3);
	assert.equal(summary.message, 'No node has room for another pod: 12/12 pod slots used on 3 nodes.');
});

test('a fourth node makes room', () => {
	const {parts} = labCluster();
	const fourth = clone(parts.nodes[0]!);
	fourth.metadata.name = 'ip-192-168-33-21.ec2.internal';
	fourth.metadata.uid = '0d1e2f30-4152-4637-8899-aabbccddee04';
	const rows = nodeRows(snapshotOf({...parts, nodes: [...parts.nodes, fourth]}));
	const summary = capacitySummary(rows);
	assert.equal(summary.full, false);
	assert.equal(summary.freePodSlots, 4);
	assert.equal(summary.message, '4 pod slots free on 1 of 4 nodes (12/16 used).');
});

test('finished pods do not take a slot; pending ones are on no node', () => {
	const {parts} = labCluster();
	const done = podNamed(loadItems<Pod>('pod-states.json'), 'db-migrate-x7k2p');
	const evicted = podNamed(loadItems<Pod>('pod-states.json'), 'todoapi-5d4f8b7c9f-evict');
	const rows = nodeRows(snapshotOf({...parts, pods: [...parts.pods, done, evicted]}));
	assert.deepEqual(
		rows.map(r => r.podsUsed),
		[4, 4, 4],
	);
});

test('slots on a cordoned or NotReady node are not free', () => {
	const {parts} = labCluster();
	const pods = parts.pods.filter(p => p.spec?.nodeName !== 'ip-192-168-78-90.ec2.internal' || !p.metadata.name!.startsWith('todoapi'));
	const nodes = parts.nodes.map(clone);
	nodes[2]!.spec = {...nodes[2]!.spec, unschedulable: true};
	let summary = capacitySummary(nodeRows(snapshotOf({...parts, pods, nodes})));
	assert.equal(summary.freePodSlots, 0);
	assert.equal(summary.message, 'No node has room for another pod: 10/12 pod slots used on 3 nodes. 1 node is not Ready or cordoned.');
	// A watch delivers a changed node as a new object: the store never changes one in place.
	nodes[2] = clone(nodes[2]!);
	nodes[2].spec = {};
	nodes[2].status!.conditions!.find(c => c.type === 'Ready')!.status = 'Unknown';
	summary = capacitySummary(nodeRows(snapshotOf({...parts, pods, nodes})));
	assert.equal(summary.readyNodes, 2);
	assert.equal(summary.freePodSlots, 0);
	nodes[2] = clone(nodes[2]);
	nodes[2].status!.conditions!.find(c => c.type === 'Ready')!.status = 'True';
	summary = capacitySummary(nodeRows(snapshotOf({...parts, pods, nodes})));
	assert.equal(summary.message, '2 pod slots free on 1 of 3 nodes (10/12 used).');
});

test('one free slot is worded in the singular', () => {
	const rows: NodeRow[] = nodeRows(labCluster().snapshot).map((r, i) => (i === 0 ? {...r, podsUsed: 3} : r));
	assert.equal(capacitySummary(rows).message, '1 pod slot free on 1 of 3 nodes (11/12 used).');
});

test('a node without allocatable or labels still gets a row of zeros', () => {
	const bare: Node = {metadata: {name: 'kwok-node-0', uid: 'k1'}};
	const rows = nodeRows(snapshotOf({nodes: [bare]}));
	assert.deepEqual(rows[0], {
		name: 'kwok-node-0',
		ready: false,
		unschedulable: false,
		instanceType: '',
		zone: '',
		podsUsed: 0,
		podsAllocatable: 0,
		cpuRequestedMilli: 0,
		cpuAllocatableMilli: 0,
		memoryRequestedBytes: 0,
		memoryAllocatableBytes: 0,
		cpuLimitsMilli: 0,
		memoryLimitsBytes: 0,
	});
	assert.equal(capacitySummary([]).message, 'No nodes yet: there is nowhere to run a pod.');
	assert.equal(capacitySummary([]).full, true);
});

test('the beta instance-type label is used when the GA one is missing', () => {
	const node = clone(loadItems<Node>('nodes.json')[0]!);
	delete node.metadata.labels!['node.kubernetes.io/instance-type'];
	assert.equal(nodeRows(snapshotOf({nodes: [node]}))[0]!.instanceType, 't3.micro');
	const unlabelled = clone(node);
	delete unlabelled.metadata.labels!['beta.kubernetes.io/instance-type'];
	assert.equal(nodeRows(snapshotOf({nodes: [unlabelled]}))[0]!.instanceType, '');
});

test('nodeRows is memoized on the pods and nodes maps', () => {
	const {snapshot} = labCluster();
	const rows = nodeRows(snapshot);
	assert.equal(nodeRows({...snapshot, version: 9}), rows);
	// A new nodes map in which nothing shown changed (a heartbeat) keeps the array, so the pane need not render.
	assert.equal(nodeRows({...snapshot, objects: {...snapshot.objects, nodes: new Map(snapshot.objects.nodes)}}), rows);
	const cordoned = new Map(snapshot.objects.nodes);
	const [uid, node] = [...cordoned][0]!;
	cordoned.set(uid, {...node, spec: {...node.spec, unschedulable: true}});
	const after = nodeRows({...snapshot, objects: {...snapshot.objects, nodes: cordoned}});
	assert.notEqual(after, rows);
	assert.equal(after.filter(row => row.unschedulable).length, 1);
	assert.equal(after[1], rows[1], 'the other nodes keep their row objects');
	assert.equal(capacitySummary(rows), capacitySummary(rows));
});

test('nodeRows stays linear: 5,000 pods on 100 nodes in well under a second', () => {
	const {parts} = labCluster();
	const template = parts.pods.find(p => p.metadata.name!.startsWith('coredns'))!;
	const nodes: Node[] = [];
	const pods: Pod[] = [];
	for (let n = 0; n < 100; n++) {
		const node = clone(parts.nodes[0]!);
		node.metadata.name = `node-${n}`;
		node.metadata.uid = `node-uid-${n}`;
		nodes.push(node);
	}
	for (let p = 0; p < 5000; p++) {
		pods.push({...template, metadata: {...template.metadata, name: `pod-${p}`, uid: `pod-uid-${p}`}, spec: {...template.spec!, nodeName: `node-${p % 100}`}});
	}
	const started = performance.now();
	const rows = nodeRows(snapshotOf({pods, nodes}));
	const elapsed = performance.now() - started;
	assert.equal(rows.length, 100);
	assert.equal(
		rows.reduce((sum, r) => sum + r.podsUsed, 0),
		5000,
	);
	assert.equal(rows[0]!.cpuRequestedMilli, 50 * 100);
	assert.ok(elapsed < 1000, `took ${elapsed}ms`);
});
