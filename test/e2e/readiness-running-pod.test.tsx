// Lab part 2's lesson on a pod that is already running, on the sandbox: with
// `k8slab sandbox fail-readiness POD` its app fails the readiness probe, the
// kubelet (kwok's stages) marks it not ready without restarting it, the
// EndpointSlice controller takes its endpoint out of Service todoapi and the
// pods pane says so; `recover-readiness` puts it back. The CLI is the real
// one, the view the real App on the sandbox's watches; `F` in the view does
// the same through the sandbox's actions.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {after, before, test} from 'node:test';
import {keys, waitFor} from '../ui/helpers.js';
import {openView, type LiveView} from './app-harness.js';
import {eventually, podsOf, testSandbox, type TestSandbox} from './sandbox-harness.js';
import type {EndpointSlice, Pod} from '../../source/model/types.js';

let sandbox: TestSandbox;
let live: LiveView;
let pod: Pod;

const podsPane = (frame: string) => frame.split('╭─ Nodes')[0] ?? '';
const k8slab = (...args: string[]) => {
	const result = spawnSync(process.execPath, ['dist/k8slab.mjs', ...args, '--dir', sandbox.dir], {encoding: 'utf8', timeout: 60_000});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
};
const podName = () => pod.metadata.name!;
const readPod = async (): Promise<Pod> => (await sandbox.api.request('GET', `/api/v1/namespaces/default/pods/${podName()}`)).body;
const slicesPath = '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3Dtodoapi';
/** The pod's endpoint's ready condition in Service todoapi, as the EndpointSlice controller wrote it. */
async function endpointReady(): Promise<boolean | undefined> {
	const slices: EndpointSlice[] = await sandbox.api.list(slicesPath);
	return slices.flatMap(slice => slice.endpoints ?? []).find(endpoint => endpoint.targetRef?.name === podName())?.conditions?.ready;
}
/** The pod's row and the line under it in the pods pane. */
function podLines(frame: string): [string, string] {
	const lines = podsPane(frame).split('\n');
	// A row, not the pane's title (which shows a filter for the pod's name).
	const row = lines.findIndex(line => line.startsWith('┃') && line.includes(podName()));
	return [lines[row] ?? '', lines[row + 1] ?? ''];
}

/** When k8slab's watch first held the pod's endpoint in this state (its store, before any drawing). */
function watchSees(ready: boolean): Promise<number> {
	const store = live.connection.store;
	return new Promise(resolve => {
		const check = () => {
			const slices = store.getSnapshot().objects['endpointslices'] as ReadonlyMap<string, EndpointSlice> | undefined;
			const endpoint = [...(slices?.values() ?? [])].flatMap(slice => slice.endpoints ?? []).find(each => each.targetRef?.name === podName());
			if (endpoint && endpoint.conditions?.ready === ready) {
				unsubscribe();
				resolve(Date.now());
			}
		};
		const unsubscribe = store.subscribe(check);
		check();
	});
}

before(async () => {
	sandbox = await testSandbox();
	live = openView(sandbox.kubeconfigPath, {width: 160, height: 45, sandboxDir: sandbox.dir});
	await live.onScreen('svc/todoapi 3 ready');
});

after(async () => {
	live?.close();
	await sandbox?.close();
});

test('fail-readiness on a pod without a readiness probe is refused with the reason, and changes nothing', async () => {
	pod = (await podsOf(sandbox.api, 'default', 'app=todoapi'))[0];
	const result = k8slab('sandbox', 'fail-readiness', podName());
	assert.equal(result.code, 1);
	assert.match(result.stderr, /^k8slab: nothing was changed: pod\/todoapi-\S+ has no HTTP readiness probe: a kubelet keeps a running container without one ready/);
	assert.equal((await readPod()).metadata.annotations?.['k8slab.sandbox/fail-readiness'], undefined);
	assert.match(k8slab('sandbox', 'fail-readiness', 'todoapi-nope').stderr, /^k8slab: no pod "todoapi-nope" in namespace "default"\n$/);
});

test('with a readiness probe that passes (GET / every second), the rollout ends with every endpoint ready', async () => {
	const probe = {httpGet: {path: '/', port: 8080}, periodSeconds: 1, failureThreshold: 3};
	await sandbox.api.request('PATCH', '/apis/apps/v1/namespaces/default/deployments/todoapi', [{op: 'add', path: '/spec/template/spec/containers/0/readinessProbe', value: probe}], 'application/json-patch+json');
	await eventually('the rollout finished', async () => ((await sandbox.kubectl('rollout', 'status', 'deployment/todoapi', '--watch=false')).includes('successfully rolled out') ? true : undefined), 90_000);
	await waitFor(live.view, frame => /svc\/todoapi 3 ready(?!,)/.test(frame) && !frame.includes('Terminating'), 'three ready endpoints', 60_000);
	pod = (await podsOf(sandbox.api, 'default', 'app=todoapi')).find((each: Pod) => each.spec?.containers?.[0]?.readinessProbe && !each.metadata.deletionTimestamp);
	assert.equal(await endpointReady(), true);
});

test("fail-readiness: the running pod goes not ready, out of Service todoapi with the kubelet's 503, and is not restarted", async t => {
	const before = await readPod();
	const startedAt = before.status?.containerStatuses?.[0]?.state?.running?.startedAt;
	assert.ok(startedAt);
	const seen = watchSees(false);
	const result = k8slab('sandbox', 'fail-readiness', podName());
	assert.equal(result.code, 0, result.stderr);
	assert.match(result.stdout, /its app now answers the readiness probe with 503\. After 3 failures, one every 1s, the kubelet marks it not ready/);
	assert.ok(result.stdout.includes(`The same with kubectl: kubectl annotate pod ${podName()} -n default k8slab.sandbox/fail-readiness=true --overwrite`), result.stdout);

	const frame = await waitFor(live.view, f => podLines(f)[1].includes('out of Service todoapi'), 'the pod out of Service todoapi', 60_000);
	const shownMs = Date.now();
	const changedMs = await seen;
	t.diagnostic(`the EndpointSlice's not-ready endpoint reached the watch, then the screen ${shownMs - changedMs} ms later`);
	const [row, note] = podLines(frame);
	assert.match(row, /\s0\/1\s+Running\s+0\s/, 'not ready, Running, no restart');
	assert.match(note, /↳ out of Service todoapi: (Readiness probe failed: HTTP probe failed with statuscode: 503|not ready)/);
	await waitFor(live.view, f => podLines(f)[1].includes('out of Service todoapi: Readiness probe failed: HTTP probe failed with statuscode: 503'), "the kubelet's reason", 30_000);
	assert.match(live.view.frame(), /svc\/todoapi 2 ready, 1 not ready/);

	assert.equal(await endpointReady(), false);
	const after = await readPod();
	assert.equal(after.status?.conditions?.find(c => c.type === 'Ready')?.status, 'False');
	assert.equal(after.status?.containerStatuses?.[0]?.ready, false);
	assert.equal(after.status?.containerStatuses?.[0]?.restartCount, 0);
	assert.equal(after.status?.containerStatuses?.[0]?.state?.running?.startedAt, startedAt, 'the same run of the container');
	const events = await sandbox.api.list(`/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3D${podName()}`);
	const unhealthy = events.filter(event => event.reason === 'Unhealthy');
	assert.deepEqual(
		unhealthy.map(event => event.message),
		['Readiness probe failed: HTTP probe failed with statuscode: 503'],
	);
	assert.ok(unhealthy[0].count >= 3, `one Unhealthy per failed probe, counted: ${unhealthy[0].count}`);
	assert.ok(!events.some(event => event.reason === 'Killing'), 'never killed');
});

test('recover-readiness: the next probe passes, the pod is Ready and back in Service todoapi, still without a restart', async t => {
	const seen = watchSees(true);
	const result = k8slab('sandbox', 'recover-readiness', podName());
	assert.equal(result.code, 0, result.stderr);
	assert.ok(result.stdout.includes(`kubectl annotate pod ${podName()} -n default k8slab.sandbox/fail-readiness-`), result.stdout);
	const frame = await waitFor(live.view, f => /svc\/todoapi 3 ready(?!,)/.test(f) && !podsPane(f).includes('out of Service'), 'every endpoint ready again', 30_000);
	t.diagnostic(`the ready endpoint reached the watch, then the screen ${Date.now() - (await seen)} ms later`);
	assert.match(podLines(frame)[0], /\s1\/1\s+Running\s+0\s/);
	assert.equal(await endpointReady(), true);
	const pod = await readPod();
	assert.equal(pod.status?.conditions?.find(c => c.type === 'Ready')?.status, 'True');
	assert.equal(pod.status?.containerStatuses?.[0]?.restartCount, 0);
	assert.equal(pod.metadata.annotations?.['k8slab.sandbox/readiness-failures'], undefined, "the kubelet's failure count is reset");
	assert.match(k8slab('sandbox', 'recover-readiness', podName()).stdout, /already passes its readiness probe; nothing was changed/);
});

test('F in the view, on the selected pod: f takes it out of Service todoapi, p brings it back, the prompt showing the kubectl command for each', async () => {
	// Only this pod in the pods pane, so it is the selected row.
	await live.key('/');
	await live.type(podName());
	await live.key(keys.enter);
	await waitFor(live.view, f => /Pods \(all\) 1\b/.test(f), 'the pod alone', 10_000);
	await live.key('F');
	await live.onScreen(`kubectl annotate pod ${podName()} -n default k8slab.sandbox/fail-readiness=true --overwrite`);
	await live.key('f');
	await live.onScreen(`pod/${podName()}: its app now answers the readiness probe with 503`);
	const failed = await waitFor(live.view, f => podLines(f)[1].includes('out of Service todoapi: Readiness probe failed: HTTP probe failed with statuscode: 503'), 'the pod out of Service todoapi', 60_000);
	assert.match(podLines(failed)[0], /\s0\/1\s+Running\s+0\s/);
	await live.key('F');
	await live.onScreen(`Readiness probe (sandbox) · pod/${podName()}`);
	await live.key('p');
	await waitFor(live.view, f => /svc\/todoapi 3 ready(?!,)/.test(f) && !podsPane(f).includes('out of Service'), 'back in Service todoapi', 30_000);
	assert.equal((await readPod()).status?.containerStatuses?.[0]?.restartCount, 0);
	await live.key('/');
	await live.key(keys.escape);
});
