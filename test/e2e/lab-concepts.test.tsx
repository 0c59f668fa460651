// The lab's concepts on screen, through the real App driven by keys against
// the sandbox. Part 2: a readiness probe the app fails takes the new pod out
// of Service todoapi's endpoints, in the rollout pane, the pods pane and
// `:svc`; undo brings the endpoints back to all ready. Part 4: `w` on the pod
// Pending after a scale to 5 shows each node's pod slots and the ENI formula.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {keys, waitFor} from '../ui/helpers.js';
import {labSession} from './lab-session.js';
import {eventually} from './sandbox-harness.js';

const lab = labSession({width: 160, height: 45}, async ({key, onScreen}) => {
	await onScreen('svc/todoapi 3 ready');
	// Opening the : line starts discovery, so :svc below finds the kinds listed.
	await key(':');
	await onScreen(/^: /m);
	await key(keys.escape);
});
const {getDeployment, key, type, onScreen} = lab;
const podsPane = (frame: string) => frame.split('╭─ Nodes')[0] ?? '';

test('p with readiness /nope: the new pod is Running 0/1 and out of Service todoapi, whose endpoints count it not ready', async () => {
	await key('p');
	await onScreen('Probes · deployment/todoapi · container todoapi');
	await type('/');
	await key('\u0012');
	await type('nope');
	await onScreen(/path\s+\/\s+\/nope\s/);
	await key(keys.enter);
	await onScreen('deployment.apps/todoapi patched');
	assert.equal((await getDeployment()).spec.template.spec.containers[0].readinessProbe.httpGet.path, '/nope');
	const frame = await onScreen('svc/todoapi 3 ready, 1 not ready', 60_000);
	const pods = await waitFor(lab.live.view, f => /out of Service todoapi: Readiness probe failed: HTTP probe failed with statuscode: 404/.test(podsPane(f)), 'the pod marked out of Service', 60_000);
	const lines = podsPane(pods).split('\n');
	const note = lines.findIndex(line => line.includes('out of Service todoapi'));
	assert.match(lines[note - 1] ?? '', /todoapi-\S+\s+0\/1\s+Running/, 'the note is under a Running pod that is not ready');
	// What the EndpointSlice controller wrote, as the view counts it.
	const slices = await lab.sandbox.api.list('/apis/discovery.k8s.io/v1/namespaces/default/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3Dtodoapi');
	const states = slices.flatMap(slice => (slice.endpoints ?? []).map((endpoint: any) => endpoint.conditions.ready));
	assert.deepEqual(states.sort(), [false, true, true, true]);
	assert.match(frame, /Rollout deployment\/todoapi/);
});

test(':svc: the hand-made row shows the Service with its ready and not-ready endpoints', async () => {
	await key(':');
	await onScreen(/^: /m);
	await type('svc');
	await key(keys.enter);
	const frame = await onScreen(/Services \(all\) 2[\s\S]*ENDPOINTS[\s\S]*default\s+todoapi\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+80\/TCP\s+3 ready, 1 not ready/);
	assert.match(frame, /│ :svc/);
	await key(keys.escape);
	await onScreen(/Pods \(all\)/);
});

test('u y: the template without the failing probe rolls out and every endpoint is ready again', async () => {
	await key('u');
	await onScreen('y/n');
	await key('y');
	await onScreen('rolled back');
	await waitFor(lab.live.view, f => /svc\/todoapi 3 ready(?!,)/.test(f) && !podsPane(f).includes('out of Service'), 'all endpoints ready, no pod out of Service', 60_000);
	await eventually('no readiness probe', async () => ((await getDeployment()).spec.template.spec.containers[0].readinessProbe === undefined ? true : undefined));
});

test("s 5, then w on the Pending pod: the scheduler's reason per node with its 4/4 pods and the t3.micro max-pods formula", async () => {
	await key('s');
	await onScreen('Scale deployment/todoapi');
	await key(keys.ctrlU);
	await type('5');
	await key(keys.enter);
	await onScreen('Too many pods', 60_000);
	// The pods of default only, then w on each in turn until the Pending one. A pod
	// already bound to a node is Pending for a moment too: wait until only the one
	// the scheduler refused is.
	await key('a');
	const pods = await onScreen(/Pods \(default\) 5 · 1 Pending/, 60_000);
	const refused = /(todoapi-\S+)\s+0\/1\s+Pending .*<none>/.exec(pods)?.[1];
	assert.ok(refused, 'the pod the scheduler refused, with no node');
	let why = '';
	// Five pods, and the one the undo is still terminating.
	for (let step = 0; step < 8; step++) {
		await key('w');
		why = await onScreen('why pod/');
		if (why.includes(`why pod/${refused}:`)) break;
		await key(keys.escape);
		await waitFor(lab.live.view, f => !f.includes('why pod/'), 'the explanation closed');
		await key('j');
	}
	assert.match(why, /why pod\/todoapi-\S+: Pending 0\/1/);
	assert.match(why, /0\/3 nodes are available: 3 Too many pods/);
	assert.equal((why.match(/✗ ip-[\d-]+\.ec2\.internal \(t3\.micro\): Too many pods/g) ?? []).length, 3, why);
	assert.equal((why.match(/pods 4\/4 full/g) ?? []).length, 3, why);
	assert.match(why, /t3\.micro: max pods = 2 ENIs × \(2 IPv4 per ENI − 1\) \+ 2 = 4/);
	await key(keys.escape);
	await waitFor(lab.live.view, f => !f.includes('why pod/'), 'the explanation closed');
});

test('z on the rollout pane: the steps of the readiness rollout, its undo and the scale to 5, with the surge they used', async () => {
	await key(keys.tab);
	await key(keys.tab);
	await onScreen(/┏━ Rollout/);
	await key('z');
	const frame = await onScreen(/Steps: the ReplicaSets scaled/);
	const steps = frame.split('\n').filter(line => /[↑↓] todoapi-/.test(line));
	const text = steps.join('\n');
	// The readiness rollout: one new pod beside the 3 old ones (max surge 1 of 3), then the undo takes it away.
	assert.match(text, /↑ todoapi-\S+ 0→1 · 4 pods of 3 \(\+1, max surge 1\)/);
	assert.match(text, /↓ todoapi-\S+ 1→0 · 3 pods of 3/);
	assert.match(text, /↑ todoapi-\S+ 3→5 new · 5 pods, one ReplicaSet/);
	await key('z');
});
