// Edits never lose someone else's change. For each of the seven edits, the
// prompt is opened with real keys, another client (kubectl, or the sandbox's
// own node group command) changes the same object meanwhile, and the edit is
// submitted: both changes are kept, or the user is told and nothing is sent.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {setTimeout as sleep} from 'node:timers/promises';
import {readPid} from '../../source/sandbox/processes.js';
import {setNodeCount} from '../../source/sandbox/sandbox.js';
import {keys} from '../ui/helpers.js';
import {openView, type LiveView} from './app-harness.js';
import {eventually, testSandbox, type TestSandbox} from './sandbox-harness.js';

let sandbox: TestSandbox;
let live: LiveView;

const deploymentPath = '/apis/apps/v1/namespaces/default/deployments/todoapi';
const getDeployment = async () => (await sandbox.api.request('GET', deploymentPath)).body;
const container = async () => (await getDeployment()).spec.template.spec.containers[0];
const kubectl = async (...args: string[]) => sandbox.kubectl(...args);

/** The view's own copy of the Deployment has caught up with the API (the prompts open on what the view shows). */
async function viewHas(what: string, check: (deployment: any) => boolean): Promise<void> {
	await eventually(`the view to show ${what}`, async () => ([...live.connection.store.getSnapshot().objects.deployments.values()].some(d => d.metadata.name === 'todoapi' && check(d)) ? true : undefined));
}

/**
 * Opens a prompt; with `showing`, until it shows what the test set up (the
 * prompt opens on the last frame drawn, which can be one redraw behind the store).
 */
async function open(key: string, title: string | RegExp, showing?: RegExp): Promise<void> {
	for (let attempt = 0; ; attempt++) {
		await live.key(key);
		let frame: string;
		try {
			frame = await live.onScreen(title, 5000);
		} catch (error) {
			// A prompt for what the last frame showed (an older name): close it and ask again.
			if (attempt >= 10) throw error;
			await live.key(keys.escape);
			await sleep(300);
			continue;
		}
		if (!showing || showing.test(frame)) return;
		if (attempt >= 20) assert.match(frame, showing);
		await live.key(keys.escape);
		await sleep(200);
	}
}

before(async () => {
	sandbox = await testSandbox();
	live = openView(sandbox.kubeconfigPath, {sandboxDir: sandbox.dir, width: 200});
	await live.onScreen('● live');
	await live.onScreen('todoapi-');
});

after(async () => {
	live?.close();
	await sandbox?.close();
});

test('s: Enter on the prefilled count after someone scaled keeps their count; a typed count over theirs is refused; another field is kept', async () => {
	await viewHas('3 replicas', d => d.spec.replicas === 3);
	await open('s', 'Scale deployment/todoapi', /replicas\s+3/);
	await kubectl('scale', 'deployment/todoapi', '--replicas=4');
	await live.key(keys.enter);
	await live.onScreen('nothing changed: todoapi is at 3 replicas as shown; nothing was sent');
	await sleep(500);
	assert.equal((await getDeployment()).spec.replicas, 4, 'their scale stands');

	await viewHas('4 replicas', d => d.spec.replicas === 4);
	await open('s', 'Scale deployment/todoapi', /replicas\s+4/);
	await kubectl('scale', 'deployment/todoapi', '--replicas=2');
	await live.key(keys.ctrlU);
	await live.type('5');
	await live.key(keys.enter);
	const refused = await live.onScreen('nothing was sent: replicas of todoapi changed meanwhile');
	assert.match(refused, /replicas of todoapi changed meanwhile: 4 → 2 \(by kubectl[-\w]*\)/);
	assert.equal((await getDeployment()).spec.replicas, 2);

	await viewHas('2 replicas', d => d.spec.replicas === 2);
	await open('s', 'Scale deployment/todoapi', /replicas\s+2/);
	await kubectl('annotate', 'deployment/todoapi', 'team=lab');
	await live.key(keys.ctrlU);
	await live.type('3');
	await live.key(keys.enter);
	await live.onScreen('deployment.apps/todoapi scaled');
	const scaled = await getDeployment();
	assert.equal(scaled.spec.replicas, 3);
	assert.equal(scaled.metadata.annotations.team, 'lab', 'their annotation is kept');
});

test('r: someone sets memory while the form shows cpu 100m / memory 64Mi; changing only cpu keeps their memory', async () => {
	await kubectl('set', 'resources', 'deployment/todoapi', '--requests=cpu=100m,memory=64Mi');
	await viewHas('requests 100m/64Mi', d => d.spec.template.spec.containers[0].resources?.requests?.memory === '64Mi');
	await open('r', 'Requests and limits', /cpu request\s+100m[\s\S]*memory request\s+64Mi/);
	await kubectl('set', 'resources', 'deployment/todoapi', '--requests=memory=128Mi');
	await live.key(keys.ctrlU);
	await live.type('200m');
	await live.key(keys.enter);
	await live.onScreen('deployment.apps/todoapi resource requirements updated');
	assert.deepEqual((await container()).resources.requests, {cpu: '200m', memory: '128Mi'});

	// The same field changed by both: refused, with both values and who wrote theirs.
	await viewHas('cpu 200m', d => d.spec.template.spec.containers[0].resources?.requests?.cpu === '200m');
	await open('r', 'Requests and limits', /cpu request\s+200m/);
	await kubectl('set', 'resources', 'deployment/todoapi', '--requests=cpu=300m');
	await live.key(keys.ctrlU);
	await live.type('250m');
	await live.key(keys.enter);
	const refused = await live.onScreen('nothing was sent');
	assert.match(refused, /cpu request of todoapi changed meanwhile: 200m → 300m \(by kubectl-set\)/);
	assert.deepEqual((await container()).resources.requests, {cpu: '300m', memory: '128Mi'});
});

test('p: someone adds a readiness probe while the form is open; setting only the liveness path keeps it', async () => {
	await viewHas('no probes', d => !d.spec.template.spec.containers[0].livenessProbe);
	await open('p', 'Probes ·');
	await kubectl('patch', 'deployment/todoapi', '--type=json', '-p', JSON.stringify([{op: 'add', path: '/spec/template/spec/containers/0/readinessProbe', value: {httpGet: {path: '/ready', port: 8080}}}]));
	await live.type('/');
	await live.key(keys.enter);
	await live.onScreen('deployment.apps/todoapi patched');
	const probed = await container();
	assert.equal(probed.livenessProbe.httpGet.path, '/');
	assert.equal(probed.readinessProbe?.httpGet?.path, '/ready', 'their readiness probe is kept');
});

test('c: a rename keeps a change made meanwhile to another field; a rename of a container renamed meanwhile is refused', async () => {
	await viewHas('container todoapi', d => d.spec.template.spec.containers[0].name === 'todoapi');
	await open('c', 'Rename container todoapi');
	await kubectl('set', 'resources', 'deployment/todoapi', '--limits=memory=256Mi');
	await live.key(keys.ctrlU);
	await live.type('todoapiv2');
	await live.key(keys.enter);
	await live.onScreen('deployment.apps/todoapi patched');
	const renamed = await container();
	assert.equal(renamed.name, 'todoapiv2');
	assert.equal(renamed.resources.limits.memory, '256Mi');

	await viewHas('container todoapiv2', d => d.spec.template.spec.containers[0].name === 'todoapiv2');
	await open('c', 'Rename container todoapiv2', /container name\s+todoapiv2/);
	await kubectl('patch', 'deployment/todoapi', '--type=json', '-p', JSON.stringify([{op: 'replace', path: '/spec/template/spec/containers/0/name', value: 'todoapi-b'}]));
	const before = await getDeployment();
	await live.key(keys.ctrlU);
	await live.type('todoapi-c');
	await live.key(keys.enter);
	await live.onScreen('has no container named "todoapiv2" any more');
	const after = await getDeployment();
	assert.equal(after.spec.template.spec.containers[0].name, 'todoapi-b');
	assert.equal(after.metadata.generation, before.metadata.generation, 'nothing was sent');
});

test('i: a new image keeps a scale made meanwhile; an image changed meanwhile is named and not overwritten', async () => {
	await viewHas('container todoapi-b', d => d.spec.template.spec.containers[0].name === 'todoapi-b');
	await open('i', 'Set image');
	await kubectl('scale', 'deployment/todoapi', '--replicas=4');
	await live.key(keys.ctrlU);
	await live.type('todoapi:1.1');
	await live.key(keys.enter);
	await live.onScreen('deployment.apps/todoapi image updated');
	const updated = await getDeployment();
	assert.equal(updated.spec.template.spec.containers[0].image, 'todoapi:1.1');
	assert.equal(updated.spec.replicas, 4);

	await viewHas('image todoapi:1.1', d => d.spec.template.spec.containers[0].image === 'todoapi:1.1');
	await open('i', 'Set image', /image\s+todoapi:1\.1/);
	await kubectl('set', 'image', 'deployment/todoapi', 'todoapi-b=todoapi:2.0');
	await live.key(keys.ctrlU);
	await live.type('todoapj:1.0');
	await live.key(keys.enter);
	const refused = await live.onScreen('nothing was sent');
	assert.match(refused, /image of todoapi-b changed meanwhile: todoapi:1\.1 → todoapi:2\.0 \(by kubectl-set\)/);
	assert.equal((await container()).image, 'todoapi:2.0');
});

test('u: an undo whose pod template changed after the prompt opened is refused; one after another field changed goes through and keeps it', async () => {
	await viewHas('image todoapi:2.0', d => d.spec.template.spec.containers[0].image === 'todoapi:2.0');
	// The history shows the new revision as current (its ReplicaSet can come a moment after the template).
	await live.onScreen(/● ?\d+\s+todoapi-b\s+todoapi:2\.0/);
	await open('u', /Undo todoapi to revision \d+\?/);
	await kubectl('set', 'image', 'deployment/todoapi', 'todoapi-b=todoapi:3.0');
	const before = await getDeployment();
	await live.key('y');
	const refused = await live.onScreen('nothing was sent: the pod template of todoapi changed meanwhile');
	assert.match(refused, /\(by kubectl-set\)/);
	const after = await getDeployment();
	assert.equal(after.spec.template.spec.containers[0].image, 'todoapi:3.0');
	assert.equal(after.metadata.generation, before.metadata.generation, 'nothing was sent');

	await viewHas('image todoapi:3.0', d => d.spec.template.spec.containers[0].image === 'todoapi:3.0');
	await live.onScreen(/● ?\d+\s+todoapi-b\s+todoapi:3\.0/);
	await open('u', /Undo todoapi to revision \d+\?/);
	await kubectl('scale', 'deployment/todoapi', '--replicas=2');
	await live.key('y');
	await live.onScreen('deployment.apps/todoapi rolled back');
	const undone = await getDeployment();
	assert.equal(undone.spec.template.spec.containers[0].image, 'todoapi:2.0', 'back to the previous revision');
	assert.equal(undone.spec.replicas, 2, 'their scale is kept');
});

test('n: the node group resized by someone else while the prompt is open is not resized again', async () => {
	await open('n', "Node group's desired size");
	await setNodeCount(sandbox.dir, 4);
	await live.key(keys.ctrlU);
	await live.type('5');
	await live.key(keys.enter);
	await live.onScreen("nothing was changed: the node group's size changed meanwhile: 3 → 4 nodes");
	const nodes = await sandbox.api.list('/api/v1/nodes?labelSelector=eks.amazonaws.com%2Fnodegroup%3Dworker-nodes');
	assert.equal(nodes.length, 4);
});

test('an edit the API server cannot answer in time is dropped, and not sent when it comes back', async () => {
	await viewHas('2 replicas', d => d.spec.replicas === 2);
	const pid = readPid(sandbox.dir, 'kube-apiserver');
	assert.ok(pid);
	const before = await getDeployment();
	await open('s', 'Scale deployment/todoapi');
	process.kill(pid, 'SIGSTOP');
	try {
		await live.key(keys.ctrlU);
		await live.type('6');
		await live.key(keys.enter);
		await live.onScreen(/scaling todoapi: dropped, the API server did not answer within 15s; nothing was sent/, 30_000);
	} finally {
		process.kill(pid, 'SIGCONT');
	}
	await sleep(3000);
	const after = await getDeployment();
	assert.equal(after.spec.replicas, 2);
	assert.equal(after.metadata.generation, before.metadata.generation, 'nothing was sent late');
});
