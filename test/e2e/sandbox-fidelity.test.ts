// The sandbox's simulated kubelets against what a real kubelet does in lab
// part 5: a failing liveness probe with a passing readiness probe lets the
// rollout replace healthy pods with crash-looping ones; probe failures and
// image pulls show as the kubelet's events.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {eventually, podsOf, testSandbox, type TestSandbox} from './sandbox-harness.js';

let sandbox: TestSandbox;
const deploymentPath = '/apis/apps/v1/namespaces/default/deployments/todoapi';
const getDeployment = async () => (await sandbox.api.request('GET', deploymentPath)).body;
const events = async () => sandbox.api.list('/api/v1/namespaces/default/events');
const patchContainer = async (container: object) => {
	const response = await sandbox.api.request('PATCH', deploymentPath, {spec: {template: {spec: {containers: [{name: 'todoapi', ...container}]}}}}, 'application/strategic-merge-patch+json');
	assert.equal(response.status, 200, JSON.stringify(response.body));
};
const restartsOf = (pod: any): number => pod.status?.containerStatuses?.[0]?.restartCount ?? 0;

before(async () => {
	sandbox = await testSandbox();
	await eventually('todoapi rolled out', async () => ((await getDeployment()).status?.availableReplicas === 3 ? true : undefined), 60_000);
});

after(async () => {
	await sandbox?.close();
});

test('liveness /nope with readiness /: new pods are Ready between restarts, so the rollout goes on while they crash-loop', async () => {
	const probe = (path: string, extra: object = {}) => ({httpGet: {path, port: 8080}, periodSeconds: 2, ...extra});
	await patchContainer({livenessProbe: probe('/nope', {failureThreshold: 3}), readinessProbe: probe('/')});
	const generation = (await getDeployment()).metadata.generation;

	// Past "1 out of 3 new replicas": more than one updated replica while the new pods restart.
	const seen = await eventually(
		'updatedReplicas past 1 while a new pod has restarted',
		async () => {
			const deployment = await getDeployment();
			const pods = await podsOf(sandbox.api, 'default', 'app=todoapi');
			const restarted = pods.filter(pod => pod.spec.containers[0].livenessProbe && restartsOf(pod) > 0);
			return deployment.status.observedGeneration >= generation && deployment.status.updatedReplicas > 1 && restarted.length > 0 ? {deployment, restarted} : undefined;
		},
		90_000,
	);
	assert.ok(seen.restarted.every(pod => pod.spec.containers[0].livenessProbe.httpGet.path === '/nope'));

	// A restarted pod is Ready again once its readiness probe passes, before liveness kills it again.
	await eventually('a restarted pod Ready', async () => (await podsOf(sandbox.api, 'default', 'app=todoapi')).find(pod => restartsOf(pod) > 0 && pod.status.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True')), 60_000);

	// One Unhealthy event per failed probe: failureThreshold 3 failures before the first kill.
	const killed = await eventually('a pod killed for its liveness probe', async () => (await events()).find(e => e.reason === 'Killing' && e.message === 'Container todoapi failed liveness probe, will be restarted'), 30_000);
	const unhealthy = (await events()).find(e => e.reason === 'Unhealthy' && e.involvedObject.uid === killed.involvedObject.uid);
	assert.equal(unhealthy?.message, 'Liveness probe failed: HTTP probe failed with statuscode: 404');
	assert.ok(unhealthy.count >= 3, `Unhealthy ×${unhealthy.count} at the first kill`);

	// The second kill waits the kubelet's first back-off, 10 s.
	const backingOff = await eventually('a pod in CrashLoopBackOff', async () => (await podsOf(sandbox.api, 'default', 'app=todoapi')).find(pod => pod.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff'), 60_000);
	assert.match(backingOff.status.containerStatuses[0].state.waiting.message, /^back-off 10s restarting failed container=todoapi pod=todoapi-/);
	const terminated = backingOff.status.containerStatuses[0].lastState.terminated;
	assert.equal(terminated.exitCode, 137);
	// Killed at the 3rd failure, 3 × periodSeconds (2 s) after it started (timestamps are whole seconds).
	const ranFor = (Date.parse(terminated.finishedAt) - Date.parse(terminated.startedAt)) / 1000;
	assert.ok(ranFor >= 5 && ranFor <= 7, `ran ${ranFor}s before the kill`);
	// And restarted once the 10 s back-off is over.
	const restarted = await eventually(
		'the back-off over',
		async () => {
			const pod = (await podsOf(sandbox.api, 'default', 'app=todoapi')).find(p => p.metadata.uid === backingOff.metadata.uid);
			return pod?.status?.containerStatuses?.[0]?.state?.running ? pod : undefined;
		},
		30_000,
	);
	const waited = (Date.parse(restarted.status.containerStatuses[0].state.running.startedAt) - Date.parse(terminated.finishedAt)) / 1000;
	assert.ok(waited >= 9 && waited <= 12, `restarted ${waited}s after the kill`);
	assert.equal(restarted.status.containerStatuses[0].restartCount, 2);

	// Each start of the container counts on the same Started event, which keeps its first time.
	// Started, restarted at the first kill, and again after the back-off.
	const started = await eventually('Started ×3', async () => (await events()).find(e => e.reason === 'Started' && e.involvedObject.uid === backingOff.metadata.uid && e.count === 3));
	assert.equal(started.message, 'Started container');
	assert.ok(Date.parse(started.firstTimestamp) < Date.parse(started.lastTimestamp), `${started.firstTimestamp} before ${started.lastTimestamp}`);
});

test('a misspelled image: the kubelet events name the image', async () => {
	await patchContainer({image: 'todoapj:1.0', livenessProbe: null, readinessProbe: null});
	const failed = await eventually('a Failed pull event', async () => (await events()).find(e => e.reason === 'Failed' && e.message.startsWith('Failed to pull image "todoapj:1.0": ')), 60_000);
	assert.equal(
		failed.message,
		'Failed to pull image "todoapj:1.0": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/todoapj:1.0": failed to resolve reference "docker.io/library/todoapj:1.0": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
	);
	assert.equal(failed.type, 'Warning');
	assert.equal(failed.source.component, 'kubelet');
	assert.equal(failed.involvedObject.fieldPath, 'spec.containers{todoapi}');
	const messages = await eventually('the ErrImagePull, back-off and ImagePullBackOff events', async () => {
		const all = (await events()).filter(e => e.involvedObject.uid === failed.involvedObject.uid).map(e => e.message);
		return all.includes('Back-off pulling image "todoapj:1.0"') && all.includes('Error: ImagePullBackOff') ? all : undefined;
	});
	assert.ok(messages.includes('Pulling image "todoapj:1.0"'), messages.join('\n'));
	assert.ok(messages.includes('Error: ErrImagePull'), messages.join('\n'));
	const pod = (await podsOf(sandbox.api, 'default', 'app=todoapi')).find(p => p.metadata.uid === failed.involvedObject.uid);
	assert.match(pod.status.containerStatuses[0].state.waiting.message, /^(rpc error: code = Unknown desc = failed to pull and unpack image "docker\.io\/library\/todoapj:1\.0"|Back-off pulling image "todoapj:1\.0")/);
	// A tag the repository lacks is NotFound instead.
	await patchContainer({image: 'todoapi:9.9'});
	await eventually(
		'a NotFound pull event',
		async () =>
			(await events()).find(
				e =>
					e.message ===
					'Failed to pull image "todoapi:9.9": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/todoapi:9.9": failed to resolve reference "docker.io/library/todoapi:9.9": docker.io/library/todoapi:9.9: not found',
			),
		60_000,
	);
});

test('a readiness probe that keeps failing: one Unhealthy event per period, and the pod stays out of Ready', async () => {
	await patchContainer({image: 'todoapi:1.0', readinessProbe: {httpGet: {path: '/nope', port: 8080}, periodSeconds: 2}});
	const unhealthy = await eventually(
		'Readiness probe failed ×3 on one pod',
		async () => (await events()).find(e => e.reason === 'Unhealthy' && e.message === 'Readiness probe failed: HTTP probe failed with statuscode: 404' && e.count >= 3),
		60_000,
	);
	const pod = (await podsOf(sandbox.api, 'default', 'app=todoapi')).find(p => p.metadata.uid === unhealthy.involvedObject.uid);
	assert.equal(pod.status.conditions.find((c: any) => c.type === 'Ready').status, 'False');
	assert.equal(restartsOf(pod), 0, 'readiness never restarts a container');
});
