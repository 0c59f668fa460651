#!/usr/bin/env node
// Captures real API objects from a sandbox, in the lab's states, together with
// what kubectl itself printed about them at that moment. The model's tests
// compare k8slab's derivations with kubectl's output on these objects.
// Run after `npm run build`: node scripts/capture-fixtures.mjs
import {execFileSync, spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {AdminClient} from '../dist/source/sandbox/api.js';
import {ensurePki} from '../dist/source/sandbox/pki.js';
import {setNodeCount, startSandbox} from '../dist/source/sandbox/sandbox.js';

const out = path.resolve('test/fixtures/captured');
fs.mkdirSync(out, {recursive: true});
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-capture-'));
const sandbox = await startSandbox({dir, progress: (line, final) => final && console.error(line)});
const api = new AdminClient(sandbox.server, ensurePki(dir));
const kubectl = (...args) => {
	try {
		return execFileSync('kubectl', ['--kubeconfig', sandbox.kubeconfigPath, ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
	} catch (error) {
		// rollout status exits 1 while waiting with --watch=false? It prints and exits 0; errors keep their text.
		return String(error.stdout ?? '') + String(error.stderr ?? '');
	}
};

function strip(object) {
	delete object.metadata?.managedFields;
	return object;
}

async function list(pathname) {
	return (await api.list(pathname)).map(strip);
}

async function until(what, check, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(250);
	}
}

async function state(name, extra = {}) {
	const snapshot = {
		capturedWith: `kube-apiserver v1.34.4 (k8slab sandbox); kubectl ${JSON.parse(kubectl('version', '--client', '-o', 'json')).clientVersion.gitVersion}`,
		nodes: await list('/api/v1/nodes'),
		pods: await list('/api/v1/pods'),
		deployments: await list('/apis/apps/v1/namespaces/default/deployments'),
		replicaSets: await list('/apis/apps/v1/namespaces/default/replicasets'),
		events: await list('/api/v1/namespaces/default/events'),
		services: await list('/api/v1/namespaces/default/services'),
		endpointSlices: await list('/apis/discovery.k8s.io/v1/namespaces/default/endpointslices'),
		kubectl: {
			rolloutStatus: kubectl('rollout', 'status', 'deployment/todoapi', '--watch=false').trim(),
			rolloutHistory: kubectl('rollout', 'history', 'deployment/todoapi').trim(),
			getPods: kubectl('get', 'pods', '-A', '--no-headers', '-o', 'custom-columns=NS:.metadata.namespace,NAME:.metadata.name').trim(),
			...extra,
		},
	};
	fs.writeFileSync(path.join(out, `${name}.json`), JSON.stringify(snapshot, null, 1) + '\n');
	console.error(`captured ${name}`);
}

const podsOf = async selector => list(`/api/v1/namespaces/default/pods?labelSelector=${encodeURIComponent(selector)}`);

// `node scripts/capture-fixtures.mjs concepts`: only the states the concept views (Services, `w`) read;
// `… terminating`: only the terminating endpoint.
const only = process.argv[2];

async function concepts() {
	// Lab part 2: a readiness probe the app fails; maxUnavailable 0 keeps the old pods, the new one is Running but not ready, out of the Service.
	kubectl('patch', 'deployment/todoapi', '--type=json', '-p', JSON.stringify([{op: 'add', path: '/spec/template/spec/containers/0/readinessProbe', value: {httpGet: {path: '/nope', port: 8080}, periodSeconds: 1}}]));
	await until('a readiness failure', async () => (await list('/api/v1/namespaces/default/events')).some(e => e.reason === 'Unhealthy' && e.message.startsWith('Readiness probe failed')));
	await until('a not-ready endpoint', async () => (await list('/apis/discovery.k8s.io/v1/namespaces/default/endpointslices')).some(slice => slice.endpoints?.some(endpoint => endpoint.conditions?.ready === false)));
	await state('readiness-failing', {getServices: kubectl('get', 'services', '-n', 'default', '--no-headers').trim(), describeService: kubectl('describe', 'service', 'todoapi', '-n', 'default').trim()});
	kubectl('rollout', 'undo', 'deployment/todoapi');
	await until('the undo rolled out', () => kubectl('rollout', 'status', 'deployment/todoapi', '--watch=false').includes('successfully rolled out'));
	// Lab part 3: a cpu request no node can give.
	const big = JSON.parse(kubectl('create', 'deployment', 'big', '--image=todoapi:1.0', '--dry-run=client', '-o', 'json'));
	big.spec.template.spec.containers[0].resources = {requests: {cpu: '1500m', memory: '900Mi'}};
	await api.request('POST', '/apis/apps/v1/namespaces/default/deployments', big);
	await until('a FailedScheduling event for big', async () => (await list('/api/v1/namespaces/default/events')).some(e => e.reason === 'FailedScheduling' && e.involvedObject?.name?.startsWith('big-') && /Insufficient/.test(e.message)));
	await state('insufficient', {describePending: kubectl('describe', 'pods', '-n', 'default', '-l', 'app=big').trim()});
}

/**
 * `node scripts/capture-fixtures.mjs rollout`: lab part 4 (scale to 5, rename, the 4th node, undo) while
 * `kubectl get rs --watch` records every ReplicaSet update as it arrived, for the live rollout timeline.
 */
async function rollout() {
	const updates = [];
	const watcher = spawn('kubectl', ['--kubeconfig', sandbox.kubeconfigPath, 'get', 'replicasets', '-n', 'default', '--watch', '--output-watch-events', '-o', 'json'], {stdio: ['ignore', 'pipe', 'inherit']});
	let buffer = '';
	watcher.stdout.setEncoding('utf8');
	watcher.stdout.on('data', chunk => {
		const seenAtMs = Date.now();
		buffer += chunk;
		// With --output-watch-events, kubectl prints each event as one line of JSON.
		for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
			const event = JSON.parse(buffer.slice(0, end));
			buffer = buffer.slice(end + 1);
			updates.push({type: event.type, seenAtMs, object: strip(event.object)});
		}
	});
	await until('the watch listed', () => updates.length > 0);
	kubectl('scale', 'deployment/todoapi', '--replicas=5');
	await until('4 available', async () => (await api.request('GET', '/apis/apps/v1/namespaces/default/deployments/todoapi')).body.status?.availableReplicas === 4);
	kubectl('patch', 'deployment/todoapi', '--type=json', '-p', JSON.stringify([{op: 'replace', path: '/spec/template/spec/containers/0/name', value: 'todoapiv2'}]));
	await sleep(1500);
	await setNodeCount(dir, 4);
	await until('the rename rolled out', () => kubectl('rollout', 'status', 'deployment/todoapi', '--watch=false').includes('successfully rolled out'));
	kubectl('rollout', 'undo', 'deployment/todoapi');
	await until('the undo rolled out', () => kubectl('rollout', 'status', 'deployment/todoapi', '--watch=false').includes('successfully rolled out'));
	await sleep(1000);
	watcher.kill();
	const snapshot = {
		capturedWith: `kube-apiserver v1.34.4 (k8slab sandbox); kubectl ${JSON.parse(kubectl('version', '--client', '-o', 'json')).clientVersion.gitVersion}`,
		deployments: await list('/apis/apps/v1/namespaces/default/deployments'),
		replicaSets: await list('/apis/apps/v1/namespaces/default/replicasets'),
		events: await list('/api/v1/namespaces/default/events'),
		replicaSetUpdates: updates,
	};
	fs.writeFileSync(path.join(out, 'rollout-watch.json'), JSON.stringify(snapshot, null, 1) + '\n');
	console.error(`captured rollout-watch (${updates.length} ReplicaSet updates)`);
}

try {
	if (only === 'concepts') await concepts();
	else if (only === 'rollout') await rollout();
	else if (only === 'terminating') await terminating();
	else if (only === 'repeated') await repeated();
	else await all();
} finally {
	api.close();
	await sandbox.stop({remove: true});
}

/**
 * `node scripts/capture-fixtures.mjs repeated`: a rename at 4 replicas whose surge pod is Pending with Too many pods, then back to 3
 * replicas (the event stays: the lab's "scale to 5" step is not done); then at 5 replicas on 4 nodes the rename and its undo three
 * times over, so that the API combines the repeated ScalingReplicaSet events.
 */
async function repeated() {
	const rename = to => kubectl('patch', 'deployment/todoapi', '--type=json', '-p', JSON.stringify([{op: 'replace', path: '/spec/template/spec/containers/0/name', value: to}]));
	const rolledOut = what => until(what, () => kubectl('rollout', 'status', 'deployment/todoapi', '--watch=false').includes('successfully rolled out'), 120_000);
	kubectl('scale', 'deployment/todoapi', '--replicas=4');
	await until('4 available', async () => (await api.request('GET', '/apis/apps/v1/namespaces/default/deployments/todoapi')).body.status?.availableReplicas === 4);
	rename('todoapiv2');
	await until('a surge pod Pending with Too many pods', async () => (await list('/api/v1/namespaces/default/events')).some(e => e.reason === 'FailedScheduling' && e.message.includes('Too many pods')));
	await rolledOut('the rename rolled out at 4');
	kubectl('scale', 'deployment/todoapi', '--replicas=3');
	await until('3 replicas', async () => (await api.request('GET', '/apis/apps/v1/namespaces/default/deployments/todoapi')).body.status?.replicas === 3);
	await state('surge-too-many-pods');
	kubectl('scale', 'deployment/todoapi', '--replicas=5');
	await setNodeCount(dir, 4);
	await rolledOut('5 replicas on 4 nodes');
	for (let round = 0; round < 3; round++) {
		rename('todoapi'); // the name before the first rename: each undo goes back to todoapiv2
		await rolledOut(`rename ${round + 1}`);
		kubectl('rollout', 'undo', 'deployment/todoapi');
		await rolledOut(`undo ${round + 1}`);
	}
	await sleep(1000);
	await state('rename-undo-repeated', {getEvents: kubectl('get', 'events', '-n', 'default', '--field-selector', 'reason=ScalingReplicaSet').trim()});
}

async function terminating() {
	// A deleted pod held by a finalizer stays Terminating (kwok, like a kubelet, lets the API remove it only once
	// its finalizers are gone): the EndpointSlice keeps its endpoint, terminating, beside the replacement's.
	const endpoints = async () => (await list('/apis/discovery.k8s.io/v1/namespaces/default/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3Dtodoapi')).flatMap(slice => slice.endpoints ?? []);
	await until('3 ready endpoints', async () => (await endpoints()).filter(endpoint => endpoint.conditions?.ready).length === 3);
	const [pod] = await podsOf('app=todoapi');
	const podPath = `/api/v1/namespaces/default/pods/${pod.metadata.name}`;
	await api.request('PATCH', podPath, {metadata: {finalizers: ['k8slab.sandbox/hold']}}, 'application/merge-patch+json');
	await api.request('DELETE', podPath);
	await until('3 ready endpoints and the deleted pod terminating', async () => {
		const all = await endpoints();
		return all.filter(endpoint => endpoint.conditions?.ready).length === 3 && all.some(endpoint => endpoint.targetRef?.name === pod.metadata.name && endpoint.conditions?.terminating);
	});
	await state('terminating', {getPods: kubectl('get', 'pods', '-n', 'default', '--no-headers').trim()});
	await api.request('PATCH', podPath, {metadata: {finalizers: null}}, 'application/merge-patch+json');
}

async function all() {
	// Lab part 4: scale to 5 on three t3.micro nodes.
	kubectl('scale', 'deployment/todoapi', '--replicas=5');
	await until('a FailedScheduling event', async () => (await list('/api/v1/namespaces/default/events')).some(e => e.reason === 'FailedScheduling' && e.message.includes('Too many pods')));
	await until('4 available', async () => (await api.request('GET', '/apis/apps/v1/namespaces/default/deployments/todoapi')).body.status?.availableReplicas === 4);
	await state('scaled-to-5', {getPodsWide: kubectl('get', 'pods', '-n', 'default', '--no-headers').trim()});

	// The container rename, then an undo while the 5th pod is still stuck.
	kubectl('patch', 'deployment/todoapi', '--type=json', '-p', JSON.stringify([{op: 'replace', path: '/spec/template/spec/containers/0/name', value: 'todoapiv2'}]));
	await sleep(1500);
	await state('renamed-mid-rollout');
	kubectl('annotate', 'deployment/todoapi', 'kubernetes.io/change-cause=rename container to todoapiv2', '--overwrite');
	await setNodeCount(dir, 4);
	await until('the rename rolled out', () => kubectl('rollout', 'status', 'deployment/todoapi', '--watch=false').includes('successfully rolled out'));
	await state('renamed');
	kubectl('rollout', 'undo', 'deployment/todoapi');
	await until('revision 3', async () => (await api.request('GET', '/apis/apps/v1/namespaces/default/deployments/todoapi')).body.metadata.annotations['deployment.kubernetes.io/revision'] === '3');
	await until('the undo rolled out', () => kubectl('rollout', 'status', 'deployment/todoapi', '--watch=false').includes('successfully rolled out'));
	await state('undone', {undoSkip: kubectl('rollout', 'undo', 'deployment/todoapi', '--to-revision=3')});

	// Lab part 5: a misspelled image and a failing liveness probe (with room for their pods).
	kubectl('scale', 'deployment/todoapi', '--replicas=3');
	kubectl('create', 'deployment', 'typo', '--image=todoapii:1.0');
	await until('ImagePullBackOff', async () => (await podsOf('app=typo')).some(p => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff'));
	kubectl('create', 'deployment', 'probed', '--image=todoapi:1.0');
	kubectl('patch', 'deployment/probed', '--type=json', '-p', JSON.stringify([{op: 'add', path: '/spec/template/spec/containers/0/livenessProbe', value: {httpGet: {path: '/healthz', port: 8080}, periodSeconds: 1, failureThreshold: 1}}]));
	await until('CrashLoopBackOff', async () => (await podsOf('app=probed')).some(p => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff' && p.status.containerStatuses[0].restartCount > 0));
	await state('failures', {getPods: kubectl('get', 'pods', '-n', 'default', '--no-headers').trim()});
}
