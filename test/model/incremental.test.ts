// podRows, eventRows and nodeRows update their previous answer by the objects
// that changed. Whatever sequence of adds, changes and deletes arrives, and
// however calls skip or revisit snapshots, the answer must equal deriving
// everything from nothing.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import fc from 'fast-check';
import type {ClusterSnapshot} from '../../source/model/cluster.js';
import {allEventRowsFromScratch} from '../../source/model/events.js';
import {eventRows, nodeRows, podCounts, podRows} from '../../source/model/index.js';
import {nodeRowsFromScratch} from '../../source/model/nodes.js';
import {allPodRowsFromScratch} from '../../source/model/pods.js';
import type {Event, Node, Pod} from '../../source/model/types.js';
import type {PodRow} from '../../source/model/view.js';

const namespaces = ['default', 'kube-system', 'Staging'];
const nodeNames = ['node-a', 'node-b', 'node-c', ''];
const podUids = Array.from({length: 12}, (_, i) => `p${i}`);
const eventUids = Array.from({length: 16}, (_, i) => `e${i}`);
const times = ['2021-07-21T17:30:00Z', '2021-07-21T17:30:01Z', '2021-07-21T17:30:02Z', undefined];

const quantity = fc.constantFrom('100m', '250m', '1', '128Mi', '1Gi', '0.5', '1e30', '-1m', 'lots', undefined);
const requests = fc.record({cpu: quantity, memory: quantity}).map(q => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Record<string, string>);

const pod = (uid: string) =>
	fc
		.record({
			namespace: fc.constantFrom(...namespaces),
			name: fc.constantFrom('web-1', 'web-2', 'todoapi-x', 'Pending-Pod'),
			nodeName: fc.constantFrom(...nodeNames),
			phase: fc.constantFrom('Pending', 'Running', 'Succeeded', 'Failed'),
			requests,
			limits: requests,
			scheduled: fc.option(fc.constantFrom('0/3 nodes are available', ''), {nil: undefined}),
			version: fc.nat(),
		})
		.map((p): Pod => ({
			metadata: {uid, namespace: p.namespace, name: p.name, resourceVersion: String(p.version), creationTimestamp: '2021-07-21T17:20:02Z'},
			spec: {nodeName: p.nodeName, containers: [{name: 'app', image: 'busybox', resources: {requests: p.requests, limits: p.limits}}]},
			status: {
				phase: p.phase,
				conditions: p.scheduled === undefined ? [] : [{type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: p.scheduled}],
			},
		}));

const event = (uid: string) =>
	fc
		.record({
			namespace: fc.constantFrom(...namespaces),
			reason: fc.constantFrom('FailedScheduling', 'FailedScheduling', 'Scheduled'),
			kind: fc.constantFrom('Pod', 'Pod', undefined, 'Node'),
			byUid: fc.boolean(),
			podUid: fc.constantFrom(...podUids),
			name: fc.constantFrom('web-1', 'web-2', 'todoapi-x', 'Pending-Pod', ''),
			message: fc.constantFrom('0/3 nodes are available: 3 Too many pods.', 'line one\nline two', ''),
			last: fc.constantFrom(...times),
			resourceVersion: fc.constantFrom('1', '2', '10', 'x', undefined),
			count: fc.nat({max: 9}),
		})
		.map((e): Event => ({
			metadata: {uid, namespace: e.namespace, name: `${e.name}.${uid}`, ...(e.resourceVersion === undefined ? {} : {resourceVersion: e.resourceVersion})},
			involvedObject: {...(e.kind === undefined ? {} : {kind: e.kind}), ...(e.byUid ? {uid: e.podUid} : {}), name: e.name, namespace: e.namespace},
			reason: e.reason,
			message: e.message,
			type: e.reason === 'Scheduled' ? 'Normal' : 'Warning',
			count: e.count,
			...(e.last === undefined ? {} : {lastTimestamp: e.last}),
		}));

const node = (name: string) =>
	fc.record({pods: fc.constantFrom('110', '3'), ready: fc.boolean()}).map((n): Node => ({
		metadata: {uid: `n-${name}`, name},
		status: {allocatable: {pods: n.pods, cpu: '2', memory: '4Gi'}, conditions: [{type: 'Ready', status: n.ready ? 'True' : 'False'}]},
	}));

type Op = {kind: 'pod'; uid: string; pod: Pod | undefined} | {kind: 'event'; uid: string; event: Event | undefined} | {kind: 'node'; node: Node} | {kind: 'revisit'} | {kind: 'derive'; namespace: string; filter: string};

const op: fc.Arbitrary<Op> = fc.oneof(
	fc.constantFrom(...podUids).chain(uid => fc.option(pod(uid), {nil: undefined, freq: 4}).map((p): Op => ({kind: 'pod', uid, pod: p}))),
	fc.constantFrom(...eventUids).chain(uid => fc.option(event(uid), {nil: undefined, freq: 4}).map((e): Op => ({kind: 'event', uid, event: e}))),
	fc
		.constantFrom('node-a', 'node-b', 'node-c')
		.chain(node)
		.map((n): Op => ({kind: 'node', node: n})),
	fc.constant<Op>({kind: 'revisit'}),
	fc.record({namespace: fc.constantFrom('', ...namespaces), filter: fc.constantFrom('', 'web', 'PEND', 'node-b', ' kube ')}).map((o): Op => ({kind: 'derive', ...o})),
);

function snapshotOf(pods: ReadonlyMap<string, Pod>, events: ReadonlyMap<string, Event>, nodes: ReadonlyMap<string, Node>): ClusterSnapshot {
	const synced = {state: 'synced' as const, namespace: ''};
	return {version: 1, objects: {pods, nodes, events, deployments: new Map(), replicasets: new Map()}, sync: {pods: synced, nodes: synced, deployments: synced, replicasets: synced, events: synced}};
}

function expectedPods(snapshot: ClusterSnapshot, namespace: string, filter: string): PodRow[] {
	const needle = filter.trim().toLowerCase();
	return allPodRowsFromScratch(snapshot).filter(r => (namespace === '' || r.namespace === namespace) && (needle === '' || [r.namespace, r.name, r.status, r.node].some(f => f.toLowerCase().includes(needle))));
}

function check(snapshot: ClusterSnapshot, namespace: string, filter: string): void {
	const pods = podRows(snapshot, {namespace, filter});
	const expected = expectedPods(snapshot, namespace, filter);
	assert.deepStrictEqual(pods, expected);
	// The pods pane's title counts, moved with each change, against a count of the rows from nothing.
	assert.deepStrictEqual(podCounts(pods), {pending: expected.filter(r => r.status === 'Pending').length, failing: expected.filter(r => r.status !== 'Pending' && r.severity === 'error').length});
	const events = allEventRowsFromScratch(snapshot.objects.events);
	assert.deepStrictEqual(eventRows(snapshot, {namespace}), namespace === '' ? events : events.filter(r => r.namespace === namespace));
	assert.deepStrictEqual(nodeRows(snapshot), nodeRowsFromScratch(snapshot));
}

test('incremental rows equal rows derived from nothing, over any sequence of changes', () => {
	fc.assert(
		fc.property(fc.array(op, {minLength: 1, maxLength: 60}), ops => {
			// Maps replaced on change, as the store does; unchanged objects keep their identity.
			let pods = new Map<string, Pod>();
			let events = new Map<string, Event>();
			let nodes = new Map<string, Node>();
			const history: ClusterSnapshot[] = [snapshotOf(pods, events, nodes)];
			for (const step of ops) {
				if (step.kind === 'pod') {
					pods = new Map(pods);
					if (step.pod) pods.set(step.uid, step.pod);
					else pods.delete(step.uid);
				} else if (step.kind === 'event') {
					events = new Map(events);
					if (step.event) events.set(step.uid, step.event);
					else events.delete(step.uid);
				} else if (step.kind === 'node') {
					nodes = new Map(nodes);
					nodes.set(step.node.metadata.uid!, step.node);
				} else if (step.kind === 'revisit') {
					// Going back to an older snapshot (a pane mounted late, a test) must work too.
					const old = history[Math.floor(history.length / 2)]!;
					check(old, '', '');
					continue;
				} else {
					const snapshot = snapshotOf(pods, events, nodes);
					history.push(snapshot);
					check(snapshot, step.namespace, step.filter);
				}
			}
			check(snapshotOf(pods, events, nodes), '', '');
		}),
		{numRuns: 400},
	);
});

test('a new snapshot in which no row changed gives the same arrays; a changed row gives new ones', () => {
	const p = fc.sample(pod('p1'), {numRuns: 1, seed: 7})[0]!;
	const e = fc.sample(event('e1'), {numRuns: 1, seed: 7})[0]!;
	const nodes = new Map([['n', fc.sample(node('node-a'), {numRuns: 1, seed: 7})[0]!]]);
	const first = snapshotOf(new Map([['p1', p]]), new Map([['e1', e]]), nodes);
	const pods1 = podRows(first);
	const events1 = eventRows(first);
	const nodes1 = nodeRows(first);
	const same = snapshotOf(new Map(first.objects.pods), new Map(first.objects.events), nodes);
	assert.equal(podRows(same), pods1);
	assert.equal(eventRows(same), events1);
	assert.equal(nodeRows(same), nodes1);
	const repeated = {...e, count: (e.count ?? 0) + 1, lastTimestamp: '2021-07-21T18:00:00Z'};
	const later = snapshotOf(first.objects.pods, new Map([['e1', repeated]]), nodes);
	assert.notEqual(eventRows(later), events1);
	assert.equal(eventRows(later)[0]!.count, repeated.count);
});

test('relists (every object new) and many changes at once take the bulk path and still agree', () => {
	const pods = fc.sample(fc.tuple(fc.constantFrom(...podUids), fc.nat(999)), {numRuns: 600, seed: 3}).map(([, n], i) => {
		const p = fc.sample(pod(`bulk-${i}`), {numRuns: 1, seed: n})[0]!;
		p.metadata.name = `pod-${n}`;
		return p;
	});
	const events = Array.from({length: 1200}, (_, i) => {
		const e = fc.sample(event(`bulk-e${i}`), {numRuns: 1, seed: i})[0]!;
		if (e.involvedObject?.uid) e.involvedObject.uid = `bulk-${i % 600}`;
		return e;
	});
	const nodes = new Map(['node-a', 'node-b', 'node-c'].map(n => [n, fc.sample(node(n), {numRuns: 1, seed: 1})[0]!]));
	const build = () => snapshotOf(new Map(pods.map(p => [p.metadata.uid!, structuredClone(p)])), new Map(events.map(e => [e.metadata.uid!, structuredClone(e)])), nodes);
	check(build(), '', 'web');
	const relisted = build();
	check(relisted, 'default', '');
	// Then a single change on top of the bulk-built state.
	const one = new Map(relisted.objects.pods);
	one.delete('bulk-5');
	const events2 = new Map(relisted.objects.events);
	events2.delete('bulk-e7');
	check(snapshotOf(one, events2, nodes), '', '');
});
