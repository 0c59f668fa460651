// The store keeps only what the derivations read of each pod and event
// (source/model/slim.ts). Against real API objects: every row, pending reason
// and node total is the same from the slim object, and the slim pod is much
// smaller than the full one.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {eventRows, nodeRows, pendingReason, podRows} from '../../source/model/index.js';
import {slimEvent, slimPod} from '../../source/model/slim.js';
import type {Event, Node, Pod} from '../../source/model/types.js';
import {loadItems, loadJson, snapshotOf} from './fixtures.js';

const podFiles = ['pod-states.json', 'todoapi-pods.json', 'kube-system-pods.json'];
const captured = ['scaled-to-5', 'renamed-mid-rollout', 'renamed', 'undone', 'failures'];

function cases(): Array<{name: string; pods: Pod[]; events: Event[]; nodes: Node[]}> {
	const nodes = loadItems<Node>('nodes.json');
	const events = loadItems<Event>('events.json');
	const fromFiles = podFiles.map(file => ({name: file, pods: loadItems<Pod>(file), events, nodes}));
	const fromCaptured = captured.map(name => {
		const state = loadJson<{pods: Pod[]; events: Event[]; nodes: Node[]}>(`captured/${name}.json`);
		return {name: `captured/${name}`, pods: state.pods, events: state.events, nodes: state.nodes};
	});
	return [...fromFiles, ...fromCaptured];
}

test('slim pods and events give the same pods, nodes and events panes as the full objects', () => {
	for (const {name, pods, events, nodes} of cases()) {
		const full = snapshotOf({pods, events, nodes});
		const slim = snapshotOf({pods: pods.map(slimPod), events: events.map(slimEvent), nodes});
		assert.deepEqual(podRows(slim), podRows(full), name);
		assert.deepEqual(nodeRows(slim), nodeRows(full), name);
		assert.deepEqual(eventRows(slim), eventRows(full), name);
		for (const pod of pods) assert.equal(pendingReason(slimPod(pod), events.map(slimEvent)), pendingReason(pod, events), `${name}: ${pod.metadata.name}`);
	}
});

test('a slim pod keeps what the view shows and drops the rest', () => {
	const pods = loadItems<Pod>('todoapi-pods.json');
	const pod = pods[0]!;
	const slim = slimPod(pod) as any;
	assert.equal(slim.metadata.name, pod.metadata.name);
	assert.equal(slim.metadata.uid, pod.metadata.uid);
	assert.equal(slim.metadata.resourceVersion, pod.metadata.resourceVersion);
	assert.equal(slim.spec.nodeName, pod.spec?.nodeName);
	assert.deepEqual(slim.spec.containers[0].resources, pod.spec?.containers[0]?.resources);
	assert.equal(slim.metadata.labels, undefined);
	assert.equal(slim.metadata.managedFields, undefined);
	assert.equal(slim.spec.volumes, undefined);
	const size = (value: unknown) => JSON.stringify(value).length;
	const fullBytes = pods.reduce((sum, p) => sum + size(p), 0);
	const slimBytes = pods.reduce((sum, p) => sum + size(slimPod(p)), 0);
	assert.ok(slimBytes < fullBytes / 2, `slim pods are ${slimBytes} bytes of JSON against ${fullBytes}`);
});
