// Lab parts 2, 4 and 5 through the real App, driven by keys, against the
// sandbox: probes (p), a misspelled image (i) and undo (u), and the node
// group's 4th node (n) that lets a stuck scale-up finish.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {keys, waitFor} from '../ui/helpers.js';
import {labSession} from './lab-session.js';
import {eventually, podsOf} from './sandbox-harness.js';

const lab = labSession({sandboxEdits: true});
const {getDeployment, key, type, onScreen} = lab;
const revisionOf = async () => Number((await getDeployment()).metadata.annotations['deployment.kubernetes.io/revision']);
/** The pods pane: events of what happened stay below it, as they do in the cluster. */
const podsPane = (frame: string) => frame.split('╭─ Nodes')[0] ?? '';
/** The rollout has finished: every replica updated, ready and available. */
const rolledOut = async () => {
	const deployment = await getDeployment();
	const {replicas = 0, updatedReplicas = 0, availableReplicas = 0, observedGeneration = 0} = deployment.status ?? {};
	return observedGeneration >= deployment.metadata.generation && updatedReplicas === deployment.spec.replicas && replicas === updatedReplicas && availableReplicas === updatedReplicas ? deployment : undefined;
};

test('p: a liveness probe on GET / and, with ctrl-r, the same readiness probe roll out and the pods stay Ready', async () => {
	await key('p');
	await onScreen('Probes · deployment/todoapi · container todoapi');
	await type('/');
	await key('\u0012');
	await onScreen(/path\s+\/\s+\/\s/);
	await key(keys.enter);
	await onScreen('deployment.apps/todoapi patched');
	const container = (await getDeployment()).spec.template.spec.containers[0];
	assert.deepEqual(container.livenessProbe.httpGet, {path: '/', port: 8080, scheme: 'HTTP'});
	assert.deepEqual(container.readinessProbe.httpGet, {path: '/', port: 8080, scheme: 'HTTP'});
	await eventually('the probed revision rolled out', rolledOut, 60_000);
	const frame = await onScreen(/successfully rolled out/);
	assert.match(frame, /● ?2\s+todoapi\s/, 'revision 2 is current');
	assert.match(frame, /liveness, readiness http-get :8080\/ delay=0s period=10s/, 'the rollout pane shows the probes');

	// Enter on the current revision in the history: its template, field for field as kubectl rollout history --revision=2 prints it.
	await key(keys.tab);
	await key(keys.tab);
	await key(keys.enter);
	const details = await onScreen('deployment.apps/todoapi with revision #2 (current)');
	const printed = await lab.sandbox.kubectl('rollout', 'history', 'deployment/todoapi', '--revision=2');
	const fields = [...printed.matchAll(/^ {4}(Image|Port|Liveness|Readiness):\t(.+)$/gm)];
	assert.equal(fields.length, 4, printed);
	for (const [, label, value] of fields) {
		assert.ok(new RegExp(`│ ${label}\\s+│ ${value!.replaceAll(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\s+│`).test(details), `${label}: ${value} in\n${details}`);
	}

	await key(keys.escape);
	await key(keys.tab);
	await key(keys.tab);
	await onScreen(/┏━ Pods/);
});

test('i: a misspelled image leaves the new pod in ImagePullBackOff and the rollout stuck; u y brings back the working template', async () => {
	const before = (await getDeployment()).spec.template.spec.containers;
	await key('i');
	await onScreen('Set image · deployment/todoapi · container todoapi');
	await key(keys.ctrlU);
	await type('todoapj:1.0');
	await key(keys.enter);
	await onScreen('deployment.apps/todoapi image updated');
	assert.equal((await getDeployment()).spec.template.spec.containers[0].image, 'todoapj:1.0');
	const stuck = await onScreen(/ImagePullBackOff|ErrImagePull/, 60_000);
	assert.match(stuck, /● ?3\s+todoapi\s+todoapj:1\.0/, 'the misspelled revision is current in the history');
	assert.match(stuck, /Waiting for deployment "todoapi" rollout to finish: 1 out of 3 new/);

	await key('u');
	await onScreen('y/n');
	await key('y');
	await onScreen('rolled back');
	const restored = await eventually('revision 2 restored as 4', async () => ((await revisionOf()) === 4 ? getDeployment() : undefined));
	assert.deepEqual(restored.spec.template.spec.containers, before);
	await eventually('the restored revision rolled out', rolledOut, 60_000);
	await waitFor(lab.live.view, frame => !/ImagePullBackOff|ErrImagePull/.test(podsPane(frame)), 'no ImagePullBackOff pod left in the pods pane', 60_000);
});

test('p with a liveness path the app does not serve: Unhealthy events and restarts show in the view', async () => {
	await key('p');
	await onScreen('Probes · deployment/todoapi · container todoapi');
	await key(keys.ctrlU);
	await type('/nope');
	await key(keys.down);
	await key(keys.down);
	await key(keys.down);
	await key(keys.ctrlU);
	await type('1');
	await key(keys.down);
	await key(keys.ctrlU);
	await type('1');
	await key(keys.enter);
	await onScreen('deployment.apps/todoapi patched');
	const probe = (await getDeployment()).spec.template.spec.containers[0].livenessProbe;
	assert.deepEqual({path: probe.httpGet.path, periodSeconds: probe.periodSeconds, failureThreshold: probe.failureThreshold}, {path: '/nope', periodSeconds: 1, failureThreshold: 1});
	await onScreen(/liveness http-get :8080\/nope delay=0s period=1s #failure=1 · readiness/);
	const frame = await onScreen('Liveness probe failed: HTTP probe failed with statuscode: 404', 60_000);
	assert.match(frame, /Unhealthy/);
	await eventually('a restarted todoapi pod', async () => ((await podsOf(lab.sandbox.api, 'default', 'app=todoapi')).some(pod => pod.status?.containerStatuses?.[0]?.restartCount > 0) ? true : undefined), 60_000);
	await onScreen(/CrashLoopBackOff|todoapi-\S+\s+\d\/1\s+Running\s+[1-9]/, 60_000);
});

test('n: scaled past the pod slots, a 4th node from the node group lets the Pending pod schedule', async () => {
	// Back to the healthy template first, so the only thing in the way is room.
	await lab.sandbox.kubectl('rollout', 'undo', 'deployment/todoapi');
	await eventually('the healthy template rolled out', rolledOut, 90_000);
	await key('s');
	await onScreen('Scale deployment/todoapi');
	await key(keys.ctrlU);
	await type('5');
	await key(keys.enter);
	await onScreen('Too many pods', 60_000);

	await key('n');
	const prompt = await onScreen("Node group's desired size");
	assert.match(prompt, /worker nodes\s+3/);
	await key(keys.ctrlU);
	await type('4');
	await key(keys.enter);
	await onScreen(/node group worker-nodes: desired size 4 \(added ip-\S+\)/, 90_000);
	// The edit returns once the API says the node is Ready; the watch brings that to the screen a frame later.
	await onScreen(/Nodes 4 · 4 Ready/);
	await eventually('5 todoapi replicas available', async () => ((await getDeployment()).status?.availableReplicas === 5 ? true : undefined), 90_000);
	// 5 todoapi, coredns x2, and aws-node and kube-proxy on each of the 4 nodes.
	// The FailedScheduling event stays in the events pane, as it does in the cluster: look at the pods pane.
	await waitFor(lab.live.view, frame => !/Too many pods|\sPending\s/.test(podsPane(frame)) && /Nodes 4 · 4 Ready · pods 15\/16/.test(frame), 'no Pending pod and 15 of 16 slots used', 30_000);
});
