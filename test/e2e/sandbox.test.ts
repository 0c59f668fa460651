// The sandbox reproduces the lab's EKS cluster with a real control plane.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {eventually, podsOf, testSandbox, type TestSandbox} from './sandbox-harness.js';
import {setNodeCount} from '../../source/sandbox/sandbox.js';

let sandbox: TestSandbox;
before(async () => {
	sandbox = await testSandbox();
});
after(async () => {
	await sandbox?.close();
});

test('3 t3.micro worker nodes, each with 4 allocatable pods, Ready', async () => {
	const nodes = await sandbox.api.list('/api/v1/nodes');
	assert.equal(nodes.length, 3);
	for (const node of nodes) {
		assert.equal(node.status.allocatable.pods, '4');
		assert.equal(node.metadata.labels['node.kubernetes.io/instance-type'], 't3.micro');
		assert.equal(node.metadata.labels['eks.amazonaws.com/nodegroup'], 'worker-nodes');
		assert.match(node.metadata.name, /^ip-192-168-\d+-\d+\.ec2\.internal$/);
		assert.ok(node.status.conditions.some((c: any) => c.type === 'Ready' && c.status === 'True'));
	}
	const version = await sandbox.api.request('GET', '/version');
	assert.equal(version.body.gitVersion, 'v1.34.4');
});

test('system pods and todoapi run: aws-node and kube-proxy on every node, coredns x2, todoapi x3', async () => {
	const system = await sandbox.api.list('/api/v1/namespaces/kube-system/pods');
	const count = (prefix: string) => system.filter(p => p.metadata.name.startsWith(prefix) && p.status.phase === 'Running').length;
	assert.equal(count('aws-node-'), 3);
	assert.equal(count('kube-proxy-'), 3);
	assert.equal(count('coredns-'), 2);
	const todoapi = await podsOf(sandbox.api, 'default', 'app=todoapi');
	assert.equal(todoapi.filter(p => p.status.phase === 'Running').length, 3);
});

test('scaling todoapi to 5 leaves one pod Pending with "Too many pods"; a 4th node schedules it', async () => {
	await sandbox.kubectl('scale', 'deployment/todoapi', '--replicas=5');
	const pending = await eventually('a Pending todoapi pod with a FailedScheduling event', async () => {
		const pods = await podsOf(sandbox.api, 'default', 'app=todoapi');
		const unscheduled = pods.filter(p => !p.spec.nodeName);
		if (pods.length !== 5 || unscheduled.length !== 1) return undefined;
		const events = await sandbox.api.list(`/api/v1/namespaces/default/events?fieldSelector=involvedObject.name=${unscheduled[0].metadata.name}`);
		const failed = events.find(e => e.reason === 'FailedScheduling' && e.message.includes('Too many pods'));
		return failed ? {pod: unscheduled[0], message: failed.message as string} : undefined;
	});
	assert.equal(pending.pod.status.phase, 'Pending');
	assert.match(pending.message, /^0\/3 nodes are available: 3 Too many pods\./);

	await setNodeCount(sandbox.dir, 4);
	const running = await eventually('the fifth pod running on the new node', async () => {
		const pods = await podsOf(sandbox.api, 'default', 'app=todoapi');
		const pod = pods.find(p => p.metadata.uid === pending.pod.metadata.uid);
		return pod?.status?.phase === 'Running' ? pod : undefined;
	});
	assert.ok(running.spec.nodeName);
	await sandbox.kubectl('scale', 'deployment/todoapi', '--replicas=3');
});

test('a misspelled image ends in ImagePullBackOff and never becomes Ready', async () => {
	await sandbox.kubectl('create', 'deployment', 'typo', '--image=todoapii:1.0');
	const pod = await eventually('ImagePullBackOff', async () => {
		const pods = await podsOf(sandbox.api, 'default', 'app=typo');
		return pods.find(p => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff');
	});
	assert.equal(pod.status.containerStatuses[0].ready, false);
	const events = await sandbox.api.list(`/api/v1/namespaces/default/events?fieldSelector=involvedObject.name=${pod.metadata.name}`);
	assert.ok(
		events.some(e => e.reason === 'Failed' && e.type === 'Warning'),
		'a Warning Failed event for the pull',
	);
	await sandbox.kubectl('delete', 'deployment', 'typo', '--wait=false');
});

test('a liveness probe on the wrong path restarts the container', async () => {
	await sandbox.kubectl('create', 'deployment', 'probed', '--image=todoapi:1.0', '--port=8080');
	await sandbox.kubectl(
		'patch',
		'deployment',
		'probed',
		'--type=json',
		'-p',
		JSON.stringify([{op: 'add', path: '/spec/template/spec/containers/0/livenessProbe', value: {httpGet: {path: '/healthz', port: 8080}, periodSeconds: 1, failureThreshold: 1}}]),
	);
	const pod = await eventually('restartCount > 0', async () => {
		const pods = await podsOf(sandbox.api, 'default', 'app=probed');
		return pods.find(p => p.metadata.deletionTimestamp === undefined && (p.status?.containerStatuses?.[0]?.restartCount ?? 0) > 0);
	});
	assert.ok(pod.status.containerStatuses[0].restartCount > 0);
	const events = await sandbox.api.list(`/api/v1/namespaces/default/events?fieldSelector=involvedObject.name=${pod.metadata.name}`);
	assert.ok(events.some(e => e.reason === 'Unhealthy' && e.message === 'Liveness probe failed: HTTP probe failed with statuscode: 404'));
	await sandbox.kubectl('delete', 'deployment', 'probed', '--wait=false');
});

test('a readiness probe on the wrong port keeps the pod Running but not Ready and out of the endpoints', async () => {
	await sandbox.kubectl('create', 'deployment', 'unready', '--image=todoapi:1.0', '--port=8080');
	await sandbox.kubectl('expose', 'deployment', 'unready', '--port=80', '--target-port=8080');
	await sandbox.kubectl('patch', 'deployment', 'unready', '--type=json', '-p', JSON.stringify([{op: 'add', path: '/spec/template/spec/containers/0/readinessProbe', value: {httpGet: {path: '/', port: 9090}, periodSeconds: 1}}]));
	const pod = await eventually('an Unhealthy readiness event', async () => {
		const pods = await podsOf(sandbox.api, 'default', 'app=unready');
		const candidate = pods.find(p => p.spec.containers[0].readinessProbe && p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.lastProbeTime));
		return candidate;
	});
	assert.equal(pod.status.phase, 'Running');
	assert.equal(pod.status.containerStatuses[0].ready, false);
	const slices = await sandbox.api.list('/apis/discovery.k8s.io/v1/namespaces/default/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3Dunready');
	const readyAddresses = slices.flatMap(s => (s.endpoints ?? []).filter((e: any) => e.conditions?.ready && e.targetRef?.name === pod.metadata.name));
	assert.equal(readyAddresses.length, 0);
	await sandbox.kubectl('delete', 'deployment,service', 'unready', '--wait=false');
});

test('kubectl rollout undo restores the previous template', async () => {
	await sandbox.kubectl('set', 'image', 'deployment/todoapi', 'todoapi=todoapi:1.1');
	await eventually('revision 2', async () => ((await sandbox.kubectl('rollout', 'history', 'deployment/todoapi')).includes('2 ') ? true : undefined));
	await sandbox.kubectl('rollout', 'undo', 'deployment/todoapi');
	// The controller gives the reused ReplicaSet the next revision: an undo shows as revision 3.
	const deployment = await eventually('the template back on todoapi:1.0 as revision 3', async () => {
		const response = await sandbox.api.request('GET', '/apis/apps/v1/namespaces/default/deployments/todoapi');
		return response.body.metadata.annotations['deployment.kubernetes.io/revision'] === '3' ? response.body : undefined;
	});
	assert.equal(deployment.spec.template.spec.containers[0].image, 'todoapi:1.0');
});

test('the lab-viewer context is refused a list of nodes but may read pods in default', async () => {
	await assert.rejects(sandbox.kubectl('--context', 'lab-viewer', 'get', 'nodes'), /forbidden/);
	assert.match(await sandbox.kubectl('--context', 'lab-viewer', 'get', 'pods', '-n', 'default'), /todoapi-/);
});

test('the lab-eks context authenticates through an exec credential plugin', async () => {
	assert.match(await sandbox.kubectl('--context', 'lab-eks', 'get', 'nodes'), /ec2\.internal/);
	const config = JSON.parse(await sandbox.kubectl('config', 'view', '--raw', '-o', 'json'));
	const exec = config.users.find((u: any) => u.name === 'lab-eks-admin').user.exec;
	assert.equal(exec.apiVersion, 'client.authentication.k8s.io/v1');
	assert.ok(!config.clusters.some((c: any) => c.cluster['insecure-skip-tls-verify']), 'the server certificate is verified');
});
