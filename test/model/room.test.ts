// Node percentages and the "room" sentence against `kubectl describe node`
// and the scheduler: captured/describe-nodes.json is the sandbox's lab preset
// with kubectl's own output.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {allocatedPercent, allocatedPercentText, capacitySummary, nodeRows, unscheduledDemand} from '../../source/model/index.js';
import {LayeredMap, publish} from '../../source/model/layeredMap.js';
import type {Node, Pod} from '../../source/model/types.js';
import type {NodeRow} from '../../source/model/view.js';
import {clone, labCluster, loadJson, snapshotOf} from './fixtures.js';

const Mi = 1024 * 1024;
const captured = loadJson<{nodes: Node[]; pods: Pod[]; kubectl: {describeNodes: string}}>('captured/describe-nodes.json');

/** Per node, kubectl's "Allocated resources" cpu and memory request percentages. */
function kubectlPercentages(text: string): Map<string, {cpu: string; memory: string}> {
	const result = new Map<string, {cpu: string; memory: string}>();
	for (const block of text.split(/\n(?=Name:\s)/)) {
		const name = /^Name:\s+(\S+)/.exec(block)?.[1];
		const allocated = block.slice(block.indexOf('Allocated resources:'));
		const cpu = /^\s+cpu\s+\S+ \((\d+%)\)/m.exec(allocated)?.[1];
		const memory = /^\s+memory\s+\S+ \((\d+%)\)/m.exec(allocated)?.[1];
		if (name && cpu && memory) result.set(name, {cpu, memory});
	}
	return result;
}

test('node percentages truncate as kubectl describe node does: 225m of 1930m is 11%', () => {
	const expected = kubectlPercentages(captured.kubectl.describeNodes);
	assert.equal(expected.size, 3);
	const rows = nodeRows(snapshotOf({nodes: captured.nodes, pods: captured.pods}));
	const ours = new Map(rows.map(r => [r.name, {cpu: allocatedPercentText(r.cpuRequestedMilli, r.cpuAllocatableMilli), memory: allocatedPercentText(r.memoryRequestedBytes, r.memoryAllocatableBytes)}]));
	assert.deepEqual(ours, expected);
	// The case that rounding gets wrong, and a memory one (70Mi of 558Mi is 12.5…%).
	assert.ok([...expected.values()].some(p => p.cpu === '11%'));
	assert.equal(allocatedPercent(225, 1930), 11);
	assert.equal(allocatedPercent(70 * Mi, 571492 * 1024), 12);
});

test('percent edge cases follow the Go arithmetic', () => {
	assert.equal(allocatedPercent(0, 0), 0, 'nothing allocatable: kubectl prints 0%');
	assert.equal(allocatedPercent(29, 100), 28, 'float64(29)/100*100 is 28.999…');
	assert.equal(allocatedPercent(2000, 1930), 103, 'over-committed shows above 100');
	assert.equal(allocatedPercent(1929, 1930), 99, 'never 100% until full');
	assert.equal(allocatedPercentText(1930, 1930), '100%');
});

const rowsWith = (changes: Partial<NodeRow>[]): NodeRow[] => nodeRows(labCluster().snapshot).map((r, i) => ({...r, ...changes[i]}));

test('a free pod slot is no room when cpu runs out: the sentence names what runs out, the shortfalls per node', () => {
	// Two pods Pending for Insufficient cpu while one slot is free (issue 16).
	const rows = rowsWith([{podsUsed: 3, cpuRequestedMilli: 1805}, {}, {}]);
	assert.equal(capacitySummary(rows).message, '1 pod slot free on 1 of 3 nodes (11/12 used).', 'without a pod to place, slots are all there is to count');
	const summary = capacitySummary(rows, {cpuMilli: 250, memoryBytes: 64 * Mi});
	assert.equal(summary.full, true);
	assert.equal(summary.freePodSlots, 1);
	assert.deepEqual(
		summary.shortfalls.map(s => [s.node, s.resources]),
		[
			['ip-192-168-12-34.ec2.internal', ['cpu']],
			['ip-192-168-45-67.ec2.internal', ['pods']],
			['ip-192-168-78-90.ec2.internal', ['pods']],
		],
	);
	// Two lines of the nodes pane: what runs out; each node's shortfall is in `shortfalls`.
	assert.equal(summary.message, 'No node has room for a pod requesting cpu 250m, memory 64Mi: not enough cpu on 1 node, pod slots on 2 nodes.');
	assert.deepEqual(
		summary.shortfalls.map(s => s.text),
		['cpu 125m free', 'pods 4/4', 'pods 4/4'],
	);
});

test('memory, and more than one resource on a node', () => {
	const rows = rowsWith([{podsUsed: 3, memoryRequestedBytes: 540 * Mi}, {podsUsed: 4, cpuRequestedMilli: 1900}, {podsUsed: 2}]);
	const summary = capacitySummary(rows, {cpuMilli: 100, memoryBytes: 64 * Mi});
	assert.equal(summary.full, false);
	assert.equal(summary.message, 'Room for a pod requesting cpu 100m, memory 64Mi on 1 of 3 nodes (9/12 pod slots used).');
	assert.deepEqual(
		summary.shortfalls.map(s => `${s.node}: ${s.text}`),
		['ip-192-168-12-34.ec2.internal: memory 18.1Mi free', 'ip-192-168-45-67.ec2.internal: pods 4/4, cpu 30m free'],
	);
});

test('a pod with no requests needs only a slot; cordoned nodes are still called out', () => {
	const rows = rowsWith([{}, {}, {podsUsed: 2, unschedulable: true}]);
	const summary = capacitySummary(rows, {cpuMilli: 0, memoryBytes: 0});
	assert.equal(summary.message, 'No node has room for another pod: 10/12 pod slots used on 3 nodes. 1 node is not Ready or cordoned.');
	assert.equal(capacitySummary(rows, {cpuMilli: 250, memoryBytes: 0}).message, 'No node has room for another pod: 10/12 pod slots used on 3 nodes. 1 node is not Ready or cordoned.', 'slots run out first: that is the reason');
});

test('the same rows and demand give the same summary object', () => {
	const rows = rowsWith([]);
	assert.equal(capacitySummary(rows, {cpuMilli: 250, memoryBytes: 0}), capacitySummary(rows, {cpuMilli: 250, memoryBytes: 0}));
	assert.notEqual(capacitySummary(rows, {cpuMilli: 250, memoryBytes: 0}), capacitySummary(rows));
});

test('unscheduledDemand: the least-asking Pending pod bound to no node', () => {
	const {parts} = labCluster();
	// The 5th todoapi replica, Pending for Too many pods, asks for nothing.
	assert.deepEqual(unscheduledDemand(parts.pods), {cpuMilli: 0, memoryBytes: 0});
	const {snapshot} = labCluster();
	assert.equal(unscheduledDemand(snapshot.objects.pods), unscheduledDemand(snapshot.objects.pods), "the snapshot's pods map: one pass, remembered");
	assert.deepEqual(unscheduledDemand(snapshot.objects.pods), {cpuMilli: 0, memoryBytes: 0});
	assert.equal(unscheduledDemand(parts.pods.filter(p => p.spec?.nodeName)), undefined, 'no pod waits');
	const pending = (name: string, cpu: string, memory?: string): Pod => {
		const pod = clone(parts.pods.find(p => p.metadata.name!.startsWith('todoapi'))!);
		pod.metadata.name = name;
		delete pod.spec!.nodeName;
		pod.status = {phase: 'Pending'};
		pod.spec!.containers[0]!.resources = {requests: {cpu, ...(memory ? {memory} : {})}};
		return pod;
	};
	const big = pending('todoapi-big', '500m', '64Mi');
	const small = pending('todoapi-small', '250m', '128Mi');
	assert.deepEqual(unscheduledDemand([...parts.pods.filter(p => p.spec?.nodeName), big, small]), {cpuMilli: 250, memoryBytes: 128 * Mi});
	const leaving = {...clone(small), metadata: {...small.metadata, deletionTimestamp: '2026-01-01T00:00:00Z'}};
	assert.deepEqual(unscheduledDemand([big, leaving, undefined]), {cpuMilli: 500, memoryBytes: 64 * Mi});
});

test("unscheduledDemand on a layered snapshot map (its base's answer plus its changes) is the full pass's, whatever changed", () => {
	const {parts} = labCluster();
	const bound = parts.pods.filter(p => p.spec?.nodeName);
	const waiting = (name: string, cpu: string): Pod => {
		const pod = clone(bound[0]!);
		pod.metadata.name = name;
		delete pod.spec!.nodeName;
		pod.status = {phase: 'Pending'};
		pod.spec!.containers[0]!.resources = {requests: {cpu}};
		return pod;
	};
	// A base big enough to be layered, with three pods waiting: 100m, 200m, 300m.
	const base = new Map<string, Pod>();
	for (let index = 0; index < 3000; index++) {
		const pod = clone(bound[index % bound.length]!);
		pod.metadata.name = `bound-${index}`;
		base.set(`default/bound-${index}`, pod);
	}
	for (const [name, cpu] of [
		['w100', '100m'],
		['w200', '200m'],
		['w300', '300m'],
	] as const)
		base.set(`default/${name}`, waiting(name, cpu));
	const scheduled = (pod: Pod): Pod => ({...clone(pod), spec: {...clone(pod).spec!, nodeName: 'ip-192-168-12-35.ec2.internal'}});
	const cases: Array<[string, Array<[string, Pod | undefined]>]> = [
		['nothing changed', []],
		['the least-asking pod bound', [['default/w100', scheduled(base.get('default/w100')!)]]],
		['the least-asking pod deleted', [['default/w100', undefined]]],
		[
			'the two least-asking gone',
			[
				['default/w100', undefined],
				['default/w200', scheduled(base.get('default/w200')!)],
			],
		],
		['a new pod asking less', [['default/w050', waiting('w050', '50m')]]],
		[
			'every waiting pod gone',
			[
				['default/w100', undefined],
				['default/w200', undefined],
				['default/w300', undefined],
			],
		],
		['a bound pod changed', [['default/bound-7', base.get('default/bound-8')!]]],
	];
	let layered: ReadonlyMap<string, Pod | undefined> = publish(base, undefined, 'all');
	assert.ok(layered instanceof LayeredMap);
	for (const [what, changes] of cases) {
		const live = new Map(base);
		for (const [key, pod] of changes) {
			if (pod) live.set(key, pod);
			else live.delete(key);
		}
		layered = publish(live, publish(base, undefined, 'all'), new Set(changes.map(([key]) => key)));
		assert.ok(layered instanceof LayeredMap && (changes.length === 0 || layered.changes.size > 0), what);
		assert.deepEqual(unscheduledDemand(layered), unscheduledDemand([...live.values()]), what);
	}
});
