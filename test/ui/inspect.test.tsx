// d, y and Enter open the full-screen inspect view on what the focused pane
// has selected; Esc comes back to the same pane and row. The view is live:
// the object changes, the text follows; it is deleted, the view says so.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {labApp, labProps} from './app.js';
import {FixtureSource, stuckScaleCluster} from './fixtures.js';
import {keys, press, renderAt, waitFor} from './helpers.js';

afterEach(() => {
	cleanup();
});

function setup(height = 40) {
	const cluster = stuckScaleCluster();
	const source = new FixtureSource(cluster);
	const rendered = renderAt(labApp(labProps(source, {height})), 120);
	return {cluster, source, rendered};
}

const pendingName = (cluster: ReturnType<typeof stuckScaleCluster>) => cluster.pendingPod.metadata.name ?? '';

test('d describes the selected pod as kubectl does; esc goes back to the same row', async () => {
	const {cluster, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	// The Pending pod, by filtering down to it.
	await press(rendered, '/');
	for (const character of pendingName(cluster)) rendered.stdin.write(character);
	await press(rendered, keys.enter, frame => frame.includes(`/${pendingName(cluster)}`) && !frame.includes('kube-proxy'));
	const described = await press(rendered, 'd', frame => frame.includes(`describe pod/${pendingName(cluster)}`) && frame.includes('Events:'));
	assert.match(described, new RegExp(`Name:\\s+${pendingName(cluster)}`));
	assert.match(described, /Status:\s+Pending/);
	assert.match(described, /Controlled By:\s+ReplicaSet\/todoapi-/);
	assert.doesNotMatch(described, /Rollout|Nodes 3/, 'full-screen');
	const end = await press(rendered, 'G', frame => frame.includes('FailedScheduling'));
	assert.match(end, /Warning\s+FailedScheduling\s+14s \(x6 over 95s\)\s+default-scheduler\s+0\/3 nodes are available: 3 Too many pods\./);
	const back = await press(rendered, keys.escape, frame => frame.includes('Pods (all)'));
	assert.match(back, new RegExp(`${pendingName(cluster)}\\s+0/1\\s+Pending`));
});

test("y shows the YAML of the rollout pane's Deployment; search finds a line; the text follows the object live, and a deletion shows in place", async () => {
	const {cluster, source, rendered} = setup(30);
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, keys.tab);
	await press(rendered, keys.tab);
	// The rollout pane's object is its Deployment.
	const yaml = await press(rendered, 'y', frame => frame.includes('yaml deployment/todoapi'));
	assert.match(yaml, /^┃apiVersion: apps\/v1/m);
	assert.match(yaml, /^┃kind: Deployment/m);
	const search = async (text: string) => {
		await press(rendered, '/');
		for (const character of text) rendered.stdin.write(character);
		return press(rendered, keys.enter, frame => !frame.includes('▏'));
	};
	const found = await search('replicas: 5');
	assert.match(found, /┃\s+replicas: 5/);
	const scaled = structuredClone(cluster.deployments[0]!);
	scaled.spec!.replicas = 7;
	source.update({deployments: [scaled, ...cluster.deployments.slice(1)]});
	await waitFor(rendered, frame => /replicas: 7/.test(frame), 'the YAML follows the change');
	source.update({deployments: cluster.deployments.slice(1)});
	const deleted = await waitFor(rendered, frame => frame.includes('deployment/todoapi was deleted'), 'the deletion in place');
	assert.match(deleted, /yaml deployment\/todoapi \(default\) · deleted/);
	await press(rendered, keys.escape, frame => frame.includes('Pods (all)'));
});

test("enter on a Pending pod shows the scheduler's whole message; enter on an event shows the event's", async () => {
	const {cluster, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, '/');
	for (const character of pendingName(cluster)) rendered.stdin.write(character);
	await press(rendered, keys.enter, frame => !frame.includes('kube-proxy'));
	const message = await press(rendered, keys.enter, frame => frame.includes('message pod/') && frame.includes('FailedScheduling'));
	assert.match(message, /Reason:\s+FailedScheduling/);
	assert.match(message, /Count:\s+6/);
	assert.match(message, /Source:\s+default-scheduler/);
	assert.match(message, /First seen:\s+\w{3}, \d\d \w{3} \d{4} [\d:]+ \+0000 \(95s ago\)/);
	assert.match(message, /0\/3 nodes are available: 3 Too many pods\./);
	await press(rendered, keys.escape, frame => frame.includes('Pods (all)'));
	// The events pane is the last: shift-tab from the pods.
	await press(rendered, keys.shiftTab);
	// The event is read (a watch of one object) before its text shows: wait for the text, not the title.
	const event = await press(rendered, keys.enter, frame => frame.includes('message event/') && frame.includes('Object:'));
	assert.match(event, /Object:\s+\w+\/\S+ \(namespace default\)/);
});

test('with nothing selected, d says so and opens nothing', async () => {
	const source = new FixtureSource({nodes: [], pods: [], deployments: [], replicaSets: [], events: []});
	const rendered = renderAt(labApp(labProps(source)), 120);
	await waitFor(rendered, frame => frame.includes('No pods'));
	const frame = await press(rendered, 'd', f => f.includes('nothing selected to describe'));
	assert.doesNotMatch(frame, /describe pod/);
});

test("a refused read shows the server's message in place, and an object that is gone says it was not found", async () => {
	const {source, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	const message = 'pods "coredns-6d774949cb-8fjv7" is forbidden: User "lab-viewer" cannot list resource "pods" in API group "" in the namespace "kube-system"';
	source.queryRefusal = {state: 'forbidden', message, namespace: 'kube-system'};
	const refused = await press(rendered, 'y', frame => frame.includes('is forbidden'));
	assert.match(refused.replaceAll(/[┃\s]+/g, ' '), /is forbidden: User "lab-viewer" cannot list resource "pods"/);
	await press(rendered, keys.escape, frame => frame.includes('Pods (all)'));
	source.queryRefusal = {state: 'synced', namespace: 'default'};
	const missing = await press(rendered, 'd', frame => frame.includes('not found'));
	assert.match(missing, /pods "[^"]+" not found in namespace/);
	await press(rendered, keys.escape, frame => frame.includes('Pods (all)'));
});
