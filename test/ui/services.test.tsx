// Lab part 2 on screen, from objects captured in the sandbox while a readiness
// probe fails (and while a deleted pod terminates): the rollout pane names the Deployment's Service with its
// endpoints, the pods pane says which pod the Service holds back and why, and
// `:svc` shows the hand-made row with the endpoints.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import type {ClusterSnapshot, ClusterSource} from '../../source/model/cluster.js';
import {resourcesFromAggregated} from '../../source/kube/discovery.js';
import type {Deployment, EndpointSlice, Event, Pod, ReplicaSet, Service} from '../../source/model/types.js';
import {renderSnapshot} from '../../source/ui/snapshot.js';
import {loadJson, snapshotOf} from '../model/fixtures.js';
import {labApp, labProps} from './app.js';
import {keys, press, renderAt, waitFor} from './helpers.js';

afterEach(() => {
	cleanup();
});

interface Captured {
	nodes: [];
	pods: Pod[];
	deployments: Deployment[];
	replicaSets: ReplicaSet[];
	events: Event[];
	services: Service[];
	endpointSlices: EndpointSlice[];
}

class CapturedSource implements ClusterSource {
	readonly snapshot: ClusterSnapshot;
	constructor(file = 'captured/readiness-failing.json') {
		this.snapshot = snapshotOf(loadJson<Captured>(file));
	}

	getSnapshot(): ClusterSnapshot {
		return this.snapshot;
	}

	subscribe(): () => void {
		return () => undefined;
	}

	async discover() {
		const core = JSON.parse(fs.readFileSync('test/fixtures/discovery/aggregated-api.json', 'utf8'));
		return resourcesFromAggregated(core);
	}
}

test("a pod failing readiness: the rollout pane counts the Service's endpoints and the pods pane says the pod is out of it", () => {
	const frame = renderSnapshot(labProps(new CapturedSource()), {width: 160, height: 40, color: false});
	assert.match(frame, /Rollout deployment\/todoapi · svc\/todoapi 3 ready, 1 not ready/);
	const lines = frame.split('\n');
	const row = lines.findIndex(line => /todoapi-7598ddc5fd-\S+\s+0\/1\s+Running/.test(line));
	assert.ok(row > 0, frame);
	assert.match(lines[row + 1] ?? '', /↳ out of Service todoapi: Readiness probe failed: HTTP probe failed with statuscode: 404/);
	// The ready pods take one line each.
	for (const line of lines.filter(each => /todoapi-69c6bc8558-\S+\s+1\/1\s+Running/.test(each))) assert.ok(!lines[lines.indexOf(line) + 1]?.includes('out of Service'));
});

test('a pod being deleted: the pods pane says it is terminating in Service todoapi, from the EndpointSlice, and the rollout pane counts it', () => {
	const frame = renderSnapshot(labProps(new CapturedSource('captured/terminating.json')), {width: 160, height: 40, color: false});
	assert.match(frame, /svc\/todoapi 3 ready, 1 terminating/);
	const lines = frame.split('\n');
	const row = lines.findIndex(line => /todoapi-\S+\s+1\/1\s+Terminating/.test(line));
	assert.ok(row > 0, frame);
	assert.match(lines[row + 1] ?? '', /↳ terminating in Service todoapi: gets no new traffic/);
	assert.equal(lines.filter(line => line.includes('in Service todoapi')).length, 1, frame);
	assert.ok(!frame.includes('out of Service'), frame);
});

test(':svc shows the Services in the hand-made row, with the endpoints kubectl get leaves out', async () => {
	const rendered = renderAt(labApp(labProps(new CapturedSource(), {width: 140})), 140);
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, ':');
	for (const character of 'svc') await press(rendered, character);
	const frame = await press(rendered, keys.enter, f => f.includes('Services (all) 2'));
	assert.match(frame, /NAMESPACE\s+NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+ENDPOINTS\s+AGE/);
	assert.match(frame, /default\s+todoapi\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+80\/TCP\s+3 ready, 1 not ready/);
	assert.match(frame, /default\s+kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP\s+<none>/);
});

/** The same, with discovery answering only when the test says. */
class SlowDiscoverySource extends CapturedSource {
	answer: () => void = () => undefined;
	override async discover() {
		await new Promise<void>(resolve => {
			this.answer = resolve;
		});
		return super.discover();
	}
}

test(':svc Enter typed before discovery answers waits for it, then opens the Services; nothing is refused', async () => {
	const source = new SlowDiscoverySource();
	const rendered = renderAt(labApp(labProps(source, {width: 140})), 140);
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, ':');
	for (const character of 'svc') await press(rendered, character);
	const waiting = await press(rendered, keys.enter, f => f.includes("opens once the server's kinds are discovered"));
	assert.doesNotMatch(waiting, /✖/);
	source.answer();
	const frame = await waitFor(rendered, f => f.includes('Services (all) 2'), 'the Services once discovery answered');
	assert.doesNotMatch(frame, /^: /m, 'the line closed');
});
