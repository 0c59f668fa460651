// Faults injected into a real sandbox while the real App watches it: an API
// server outage, a stalled API server, missing permissions and a teammate
// editing the same Deployment.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {setTimeout as sleep} from 'node:timers/promises';
import {readPid} from '../../source/sandbox/processes.js';
import {startComponent, stopComponent} from '../../source/sandbox/sandbox.js';
import {keys} from '../ui/helpers.js';
import {openView, type LiveView} from './app-harness.js';
import {eventually, testSandbox, type TestSandbox} from './sandbox-harness.js';

let sandbox: TestSandbox;
let live: LiveView;

const deploymentPath = '/apis/apps/v1/namespaces/default/deployments/todoapi';
const getDeployment = async () => (await sandbox.api.request('GET', deploymentPath)).body;

function barePod(name: string): object {
	return {apiVersion: 'v1', kind: 'Pod', metadata: {name, namespace: 'default', labels: {purpose: 'fault-test'}}, spec: {containers: [{name: 'app', image: 'todoapi:1.0'}]}};
}

async function apiPodUids(): Promise<string[]> {
	return (await sandbox.api.list('/api/v1/pods')).map(p => p.metadata.uid as string).sort();
}

function storePodUids(): string[] {
	return [...live.connection.store.getSnapshot().objects.pods.keys()].sort();
}

before(async () => {
	sandbox = await testSandbox();
	live = openView(sandbox.kubeconfigPath);
	await live.onScreen('● live');
	await live.onScreen('todoapi-');
});

after(async () => {
	live?.close();
	await sandbox?.close();
});

test('API server outage: stale data stays on screen, an edit fails visibly, and every pane catches up after the restart', async () => {
	await sandbox.api.create(barePod('deleted-at-restart'));
	await live.onScreen('deleted-at-restart');

	const stopping = Date.now();
	await stopComponent(sandbox.dir, 'kube-apiserver');
	const stoppedAt = Date.now();
	const lost = await live.onScreen('connection lost', 10_000);
	process.stderr.write(`# connection loss shown ${Date.now() - stoppedAt} ms after the API server exited (its graceful shutdown took ${stoppedAt - stopping} ms)\n`);
	assert.match(lost, /deleted-at-restart/, 'the pods stay on screen while the server is away');
	assert.match(lost, /stale/i);

	// An edit during the outage is refused in view, not queued.
	await live.key('s');
	await live.onScreen('Scale deployment/todoapi');
	await live.key(keys.ctrlU);
	await live.type('7');
	await live.key(keys.enter);
	await live.onScreen(/cannot reach the API server|connection refused/, 20_000);

	await sleep(8000);
	await startComponent(sandbox.dir, 'kube-apiserver');
	const readyAt = Date.now();
	// Changes made the moment the server is back, before k8slab has reconnected.
	await sandbox.api.request('DELETE', '/api/v1/namespaces/default/pods/deleted-at-restart?gracePeriodSeconds=0');
	await sandbox.api.create(barePod('created-at-restart'));

	const caughtUp = await live.onScreen(/● live[\s\S]*created-at-restart/, 20_000);
	process.stderr.write(`# view live again with the new pod ${Date.now() - readyAt} ms after the API server was ready\n`);
	// Its events stay in the events pane, as they do in the cluster; the pod row must go.
	const podRow = /default\s+deleted-at-restart/;
	await eventually('the deleted pod gone from the pods pane', async () => (podRow.test(live.view.frame()) ? undefined : true), 20_000);
	assert.ok(!caughtUp.includes('connection lost'));
	assert.deepEqual(
		storePodUids(),
		await eventually('the store to match the API', async () => {
			const expected = await apiPodUids();
			return JSON.stringify(expected) === JSON.stringify(storePodUids()) ? expected : undefined;
		}),
	);
	assert.equal((await getDeployment()).spec.replicas, 3, 'the refused scale was not replayed');
});

test('a stalled API server (SIGSTOP) is noticed by the watchdog and recovered from once it resumes', async () => {
	const stalled = openView(sandbox.kubeconfigPath, {stallMs: 3000});
	try {
		await stalled.onScreen('● live');
		const pid = readPid(sandbox.dir, 'kube-apiserver');
		assert.ok(pid);
		process.kill(pid, 'SIGSTOP');
		try {
			await eventually(
				'the pods watch marked stale',
				async () => {
					const sync = stalled.connection.store.getSnapshot().sync.pods;
					return sync.state === 'stale' && /no word from the API server/.test(sync.message ?? '') ? true : undefined;
				},
				15_000,
			);
			// The /readyz probe has seen it too, and says so first.
			await stalled.onScreen(/API server not answering|connection lost/, 5000);
		} finally {
			process.kill(pid, 'SIGCONT');
		}
		await stalled.onScreen('● live', 15_000);
		assert.ok(stalled.connection.store.informers.pods.stats.stalls > 0);
	} finally {
		stalled.close();
	}
});

test('a teammate changing the Deployment while a prompt is open keeps their change', async () => {
	await live.onScreen('● live');
	await live.key('s');
	await live.onScreen('Scale deployment/todoapi');
	await sandbox.kubectl('set', 'image', 'deployment/todoapi', 'todoapi=todoapi:1.1');
	await live.key(keys.ctrlU);
	await live.type('4');
	await live.key(keys.enter);
	const scaled = await eventually('replicas 4', async () => {
		const deployment = await getDeployment();
		return deployment.spec.replicas === 4 ? deployment : undefined;
	});
	assert.equal(scaled.spec.template.spec.containers[0].image, 'todoapi:1.1', 'scaling kept the image set meanwhile');

	await live.key('c');
	await live.onScreen('Rename');
	await sandbox.kubectl('set', 'resources', 'deployment/todoapi', '--requests=cpu=100m');
	await live.key(keys.ctrlU);
	await live.type('todoapiv2');
	await live.key(keys.enter);
	const renamed = await eventually('the rename', async () => {
		const deployment = await getDeployment();
		return deployment.spec.template.spec.containers[0].name === 'todoapiv2' ? deployment : undefined;
	});
	assert.equal(renamed.spec.template.spec.containers[0].resources.requests.cpu, '100m', 'the rename kept the requests set meanwhile');
	assert.equal(renamed.spec.template.spec.containers[0].image, 'todoapi:1.1');
	assert.equal(renamed.spec.replicas, 4);
});

test('lab-viewer: nodes say forbidden in place, pods fall back to "default", and an edit shows the 403', async () => {
	const viewer = openView(sandbox.kubeconfigPath, {context: 'lab-viewer'});
	try {
		const frame = await viewer.onScreen('forbidden', 20_000);
		assert.match(frame, /nodes is forbidden: User "lab-viewer" cannot list resource "nodes"/);
		await viewer.onScreen('todoapi-');
		// The titles say which namespace is shown, not "(all)".
		await viewer.onScreen(/Pods \(default\)[\s\S]*Events \(default\)/);
		const pods = viewer.connection.store.getSnapshot().sync.pods;
		assert.equal(pods.namespace, 'default');
		assert.equal(pods.state, 'synced');
		assert.ok(![...viewer.connection.store.getSnapshot().objects.pods.values()].some(p => p.metadata.namespace === 'kube-system'));

		await viewer.key('s');
		await viewer.onScreen('Scale deployment/todoapi');
		await viewer.key(keys.ctrlU);
		await viewer.type('6');
		await viewer.key(keys.enter);
		await viewer.onScreen(/is forbidden: User "lab-viewer" cannot patch resource "deployments\/scale"/, 10_000);
		assert.equal((await getDeployment()).spec.replicas, 4, 'nothing changed');
	} finally {
		viewer.close();
	}
});
