// Services and their endpoints from objects captured in the sandbox while a
// readiness probe fails (lab part 2): the new pod is Running, not ready, and
// out of the Service; `kubectl get services` printed the columns beside them.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {deploymentServices, endpointCountsText, outOfServiceNotes, portsText, externalIpText, serviceEndpoints, serviceRows, servicesOf, snapshotEndpoints} from '../../source/model/services.js';
import {tableView} from '../../source/model/table.js';
import {serviceColumns} from '../../source/model/services.js';
import type {Deployment, EndpointSlice, Event, Pod, Service} from '../../source/model/types.js';
import {loadJson, snapshotOf} from './fixtures.js';

interface Captured {
	pods: Pod[];
	deployments: Deployment[];
	events: Event[];
	services: Service[];
	endpointSlices: EndpointSlice[];
	kubectl: Record<string, string>;
}

const captured = () => loadJson<Captured>('captured/readiness-failing.json');
const notReadyPod = (state: Captured) => state.pods.find(pod => pod.metadata.namespace === 'default' && pod.status?.conditions?.some(c => c.type === 'Ready' && c.status === 'False'))!;

test('a failing readiness probe: the Service has 3 ready endpoints and the new pod not ready', () => {
	const state = captured();
	const endpoints = serviceEndpoints(state.endpointSlices);
	assert.deepEqual(endpoints.counts.get('default/todoapi'), {ready: 3, notReady: 1, terminating: 0});
	assert.equal(endpointCountsText(endpoints.counts.get('default/todoapi')!), '3 ready, 1 not ready');
	const pod = notReadyPod(state);
	assert.match(pod.metadata.name!, /^todoapi-/);
	assert.deepEqual(endpoints.byPod.get(pod.metadata.uid!), [{service: 'default/todoapi', state: 'not ready'}]);
	for (const ready of state.pods.filter(p => p.metadata.namespace === 'default' && p !== pod)) assert.deepEqual(endpoints.byPod.get(ready.metadata.uid!), [{service: 'default/todoapi', state: 'ready'}]);
});

test('the pods pane note names the Service and the readiness failure the kubelet reported', () => {
	const state = captured();
	const notes = outOfServiceNotes(serviceEndpoints(state.endpointSlices), state.events);
	assert.equal(notes.size, 1);
	assert.equal(notes.get(notReadyPod(state).metadata.uid!), 'out of Service todoapi: Readiness probe failed: HTTP probe failed with statuscode: 404');
});

test("the Deployment's Services are those whose selector its pod template satisfies", () => {
	const state = captured();
	const todoapi = state.deployments.find(d => d.metadata.name === 'todoapi')!;
	assert.deepEqual(
		servicesOf(todoapi, state.services).map(s => s.metadata.name),
		['todoapi'],
	);
	const snapshot = snapshotOf(state);
	assert.deepEqual(deploymentServices(todoapi, snapshot, snapshotEndpoints(snapshot)), [{name: 'todoapi', counts: {ready: 3, notReady: 1, terminating: 0}}]);
	// The kubernetes Service has no selector: no Deployment's pods are its endpoints.
	const relabelled = structuredClone(todoapi);
	relabelled.spec!.template!.metadata!.labels = {app: 'other'};
	assert.deepEqual(servicesOf(relabelled, state.services), []);
});

test(':svc rows: NAME, TYPE, CLUSTER-IP, EXTERNAL-IP and PORT(S) as kubectl get services printed them, then the endpoints', () => {
	const state = captured();
	const view = tableView(serviceColumns, serviceRows(snapshotOf(state), 'default'), {allNamespaces: false, now: Date.now()});
	assert.deepEqual(
		view.columns.map(c => c.header),
		['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'ENDPOINTS', 'AGE'],
	);
	const kubectlRows = state.kubectl['getServices']!.split('\n').map(line => line.trim().split(/\s+/).slice(0, 5));
	assert.deepEqual(
		view.rows.map(row => row.cells.slice(0, 5)),
		kubectlRows,
	);
	assert.deepEqual(
		view.rows.map(row => row.cells[5]),
		['<none>', '3 ready, 1 not ready'],
	);
	assert.equal(serviceRows(snapshotOf(state), 'kube-system').length, 0);
});

test('kubectl words the other Service types: node ports, a pending load balancer, an external name', () => {
	const service = (spec: Service['spec'], status?: Service['status']): Service => ({metadata: {name: 's'}, spec, ...(status ? {status} : {})});
	assert.equal(
		portsText(
			service({
				type: 'NodePort',
				ports: [
					{port: 80, nodePort: 30080, protocol: 'TCP'},
					{port: 53, protocol: 'UDP'},
				],
			}),
		),
		'80:30080/TCP,53/UDP',
	);
	assert.equal(externalIpText(service({type: 'LoadBalancer'})), '<pending>');
	assert.equal(externalIpText(service({type: 'LoadBalancer'}, {loadBalancer: {ingress: [{hostname: 'a.elb.amazonaws.com'}]}})), 'a.elb.amazonaws.com');
	assert.equal(externalIpText(service({type: 'ExternalName', externalName: 'db.example.com'})), 'db.example.com');
	assert.equal(portsText(service({})), '<none>');
});

test('a terminating endpoint is neither ready nor counted twice when two slices hold it', () => {
	const slice = (name: string, ready: boolean, terminating: boolean): EndpointSlice => ({
		metadata: {name, namespace: 'default', labels: {'kubernetes.io/service-name': 'todoapi'}},
		endpoints: [{addresses: ['10.0.0.1'], conditions: {ready, terminating}, targetRef: {kind: 'Pod', uid: 'p1'}}],
	});
	const endpoints = serviceEndpoints([slice('a', false, true), slice('b', false, true)]);
	assert.deepEqual(endpoints.counts.get('default/todoapi'), {ready: 0, notReady: 0, terminating: 1});
	assert.equal(endpointCountsText(endpoints.counts.get('default/todoapi')!), '0 ready, 1 terminating');
});

test('a pod being deleted: the EndpointSlice keeps its endpoint as terminating, and the pods pane says it gets no new traffic', () => {
	const state = loadJson<Captured>('captured/terminating.json');
	const endpoints = serviceEndpoints(state.endpointSlices);
	assert.deepEqual(endpoints.counts.get('default/todoapi'), {ready: 3, notReady: 0, terminating: 1});
	assert.equal(endpointCountsText(endpoints.counts.get('default/todoapi')!), '3 ready, 1 terminating');
	const deleting = state.pods.filter(pod => pod.metadata.deletionTimestamp);
	assert.equal(deleting.length, 1);
	// kubectl printed it Terminating, beside its replacement.
	assert.match(state.kubectl['getPods']!, new RegExp(`${deleting[0]!.metadata.name}\\s+1/1\\s+Terminating`));
	const notes = outOfServiceNotes(endpoints, state.events);
	assert.deepEqual([...notes], [[deleting[0]!.metadata.uid, 'terminating in Service todoapi: gets no new traffic']]);
});
