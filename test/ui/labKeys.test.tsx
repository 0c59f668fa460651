// The keys for the lab's parts 2, 4 and 5: i (image), p (probes) and n (the
// node group's desired size), driven through the App with fixture objects.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {labApp, labProps} from './app.js';
import {editsSent, FixtureSource, recorder, stuckScaleCluster, twoContainerCluster} from './fixtures.js';
import {keys, press, renderAt, settle, waitFor} from './helpers.js';

afterEach(() => {
	cleanup();
});

const ref = {namespace: 'default', name: 'todoapi'};

function setup(options: {sandbox?: boolean; twoContainers?: boolean; withoutProbes?: boolean} = {}) {
	const cluster = options.twoContainers ? twoContainerCluster() : stuckScaleCluster();
	if (options.withoutProbes) {
		for (const container of cluster.deployments[0]?.spec?.template?.spec?.containers ?? []) {
			delete container.livenessProbe;
			delete container.readinessProbe;
		}
	}

	const actions = recorder({sandbox: options.sandbox});
	const rendered = renderAt(labApp(labProps(new FixtureSource(cluster), {actions})), 120);
	return {actions, rendered};
}

async function typeText(rendered: ReturnType<typeof setup>['rendered'], text: string): Promise<void> {
	for (const character of text) {
		await press(rendered, character);
	}
}

test('i sets the image: prefilled, a malformed reference is refused, a misspelled one is sent', async () => {
	const {actions, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	const prompt = await press(rendered, 'i', frame => frame.includes('Set image · deployment/todoapi · container todoapiv2'));
	// The field scrolls to keep the caret (at the end) in view, as readline does.
	assert.match(prompt, /image\s+\S*\.dkr\.ecr\.us-east-2\.amazonaws\.com\/todoapi:1\.0/, 'prefilled with the current image');
	await press(rendered, keys.ctrlU);
	await typeText(rendered, 'Todo API');
	let frame = await press(rendered, keys.enter, f => f.includes('not a valid image reference'));
	assert.match(frame, /"Todo API" is not a valid image reference: it contains spaces/);
	assert.equal(actions.calls.length, 0, 'nothing is sent for an invalid reference');
	await press(rendered, keys.ctrlU);
	// Lab part 5: a misspelled but well-formed name goes through, and the cluster shows what happens.
	await typeText(rendered, '123456789012.dkr.ecr.us-east-2.amazonaws.com/todoapj:1.0');
	frame = await press(rendered, keys.enter, f => f.includes('image updated'));
	assert.deepEqual(editsSent(actions.calls), [
		{method: 'editContainer', ref, action: 'image', container: 'todoapiv2', changes: {image: ['123456789012.dkr.ecr.us-east-2.amazonaws.com/todoapi:1.0', '123456789012.dkr.ecr.us-east-2.amazonaws.com/todoapj:1.0']}},
	]);
	assert.doesNotMatch(frame, /Set image ·/);
});

test('p shows both probes prefilled side by side and sends only what was edited', async () => {
	const {actions, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	const form = await press(rendered, 'p', frame => frame.includes('Probes · deployment/todoapi · container todoapiv2'));
	assert.match(form, /liveness \(httpGet\)\s+readiness \(httpGet\)/);
	assert.match(form, /path\s+\/\s+\/\s/);
	assert.match(form, /port\s+8080\s+8080/);
	assert.match(form, /initial delay \(s\)\s+5\s+5/);
	assert.match(form, /period \(s\)\s+10\s+10/);
	// Point the liveness probe somewhere the app does not answer (lab part 5) and probe more often.
	await typeText(rendered, 'healthz');
	await press(rendered, keys.down);
	await press(rendered, keys.down);
	await press(rendered, keys.down);
	await press(rendered, keys.ctrlU);
	await typeText(rendered, '2');
	await press(rendered, keys.enter, f => f.includes('deployment.apps/todoapi patched'));
	// Two fields of the liveness probe; the readiness probe, untouched, is not sent.
	assert.deepEqual(editsSent(actions.calls), [{method: 'editContainer', ref, action: 'probes', container: 'todoapiv2', changes: {'livenessProbe.httpGet.path': ['/', '/healthz'], 'livenessProbe.periodSeconds': [10, 2]}}]);
});

test('p on a container without probes: type a path, ctrl-r copies liveness to readiness; an empty path sends none', async () => {
	const {actions, rendered} = setup({withoutProbes: true});
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	const form = await press(rendered, 'p', frame => frame.includes('Probes ·'));
	// No probe: empty paths, and the container's port ready to use.
	assert.match(form, /path\s{10,}\S/, 'both paths are empty');
	assert.match(form, /port\s+8080\s+8080/);
	await press(rendered, '/');
	const copied = await press(rendered, '\u0012', f => /path\s+\/\s+\/\s/.test(f));
	assert.match(copied, /path\s+\/\s+\/\s/);
	await press(rendered, keys.enter, f => f.includes('patched'));
	const added = {httpGet: {path: '/', port: 8080}};
	assert.deepEqual((editsSent(actions.calls).at(-1) as {changes: unknown}).changes, {livenessProbe: [undefined, added], readinessProbe: [undefined, added]});

	// The fixture cluster does not change, so the form opens empty again: a liveness path
	// alone adds that probe and leaves the readiness probe out of the edit.
	await press(rendered, 'p', frame => frame.includes('Probes ·'));
	await press(rendered, '/');
	await press(rendered, keys.enter, f => !f.includes('Probes ·'));
	await settle();
	assert.deepEqual((editsSent(actions.calls).at(-1) as {changes: unknown}).changes, {livenessProbe: [undefined, added]});
	assert.equal(actions.calls.length, 2);
});

test('p refuses a bad port, a path without / and a zero period, naming each; nothing is sent', async () => {
	const {actions, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, 'p', frame => frame.includes('Probes ·'));
	await press(rendered, keys.ctrlU);
	await typeText(rendered, 'healthz');
	await press(rendered, keys.tab);
	await press(rendered, keys.ctrlU);
	await typeText(rendered, 'htp');
	await press(rendered, keys.tab);
	await press(rendered, keys.tab);
	await press(rendered, keys.ctrlU);
	await press(rendered, '0');
	const frame = await press(rendered, keys.enter, f => f.includes('✖'));
	assert.match(frame, /liveness path: path must start with \/ and have no spaces/);
	assert.match(frame, /liveness port: the container has no port named "htp"; it has 8080/);
	assert.match(frame, /liveness period \(s\): period must be a whole number from 1 to 3600/);
	assert.equal(actions.calls.length, 0);
	// The focus went back to the first field in error: typing fixes the path.
	await press(rendered, keys.ctrlU);
	await typeText(rendered, '/');
	await settle();
	assert.match(rendered.frame(), /› path\s+\/\s+\//);
});

test('i and p ask which container when the template has several', async () => {
	const {actions, rendered} = setup({twoContainers: true});
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, 'i', frame => frame.includes('Set image · deployment/todoapi · which container?'));
	await press(rendered, 'j');
	const prompt = await press(rendered, keys.enter, frame => frame.includes('container log-shipper'));
	assert.match(prompt, /image\s+public\.ecr\.aws\/aws-observability\/aws-for-fluent-bit:2\.21\.1/);
	await settle();
	await press(rendered, keys.escape, frame => !frame.includes('Set image'));
	await settle();
	await press(rendered, 'p', frame => frame.includes('Liveness and readiness probes · deployment/todoapi · which container?'));
	await press(rendered, 'j');
	const form = await press(rendered, keys.enter, frame => frame.includes('container log-shipper'));
	assert.match(form, /port\s+2020\s+2020/, "the sidecar's own probes");
	assert.equal(actions.calls.length, 0);
});

test('n on the sandbox: prefilled with the node count, validated, then the desired size is sent', async () => {
	const {actions, rendered} = setup({sandbox: true});
	const first = await waitFor(rendered, frame => frame.includes('Pods (all)'));
	assert.match(first.split('\n').at(-1) ?? '', /n nodes/, 'the footer offers it');
	const prompt = await press(rendered, 'n', frame => frame.includes("Node group's desired size"));
	assert.match(prompt, /worker nodes\s+3/);
	await press(rendered, keys.ctrlU);
	await press(rendered, '0');
	const refused = await press(rendered, keys.enter, f => f.includes('desired size must be'));
	assert.match(refused, /desired size must be a whole number from 1 to 50, not "0"/);
	assert.equal(actions.calls.length, 0);
	await press(rendered, keys.ctrlU);
	await press(rendered, '4');
	await press(rendered, keys.enter, f => f.includes('node group worker-nodes: desired size 4'));
	assert.deepEqual(actions.calls, [{method: 'setNodeGroupSize', args: [{seen: 3, next: 4}]}]);
});

test('n elsewhere: not in the footer, marked in help, and the key says where the node group is resized', async () => {
	const {actions, rendered} = setup();
	const first = await waitFor(rendered, frame => frame.includes('Pods (all)'));
	assert.doesNotMatch(first.split('\n').at(-1) ?? '', /n nodes/);
	const frame = await press(rendered, 'n', f => f.includes('only the sandbox'));
	assert.match(frame, /on EKS set the node group's Desired size in the AWS console/);
	assert.doesNotMatch(frame, /Node group's desired size/);
	const help = await press(rendered, '?', f => f.includes('Keys'));
	// Wrapped in the two-column help at 120x40: the description, then the note where it is offered.
	assert.match(help, /n\s+Set the node group's desired size \(adds or[^]*drains worker nodes\)\s+\(sandbox only\)/);
	assert.equal(actions.calls.length, 0);
});

test("F on the sandbox: the selected pod's app fails its readiness probe (f), or passes it again (p); esc sends nothing", async () => {
	const {actions, rendered} = setup({sandbox: true});
	const first = await waitFor(rendered, frame => frame.includes('Pods (all)'));
	const pod = /┃\S*\s*(todoapi-\S+)/.exec(first.split('\n').find(line => line.includes('todoapi-')) ?? '')?.[1];
	assert.ok(pod, first);
	const prompt = await press(rendered, 'F', frame => frame.includes('Readiness probe (sandbox)'));
	assert.match(prompt, new RegExp(`Readiness probe \\(sandbox\\) · pod/${pod}`));
	assert.match(prompt, / f fail it: not ready after failureThreshold probes, out of its Services, not restarted/);
	assert.match(prompt, / p pass it again: Ready at the next probe, back in its Services/);
	// What the learner would type without k8slab.
	assert.ok(prompt.includes(`kubectl annotate pod ${pod} -n default k8slab.sandbox/fail-readiness=true --overwrite`), prompt);
	assert.ok(prompt.includes(`kubectl annotate pod ${pod} -n default k8slab.sandbox/fail-readiness-`), prompt);
	await press(rendered, keys.escape, frame => frame.includes('was left as it was'));
	assert.equal(actions.calls.length, 0);
	await press(rendered, 'F', frame => frame.includes('Readiness probe (sandbox)'));
	await press(rendered, 'f', frame => frame.includes('answers the readiness probe with 503'));
	await press(rendered, 'F', frame => frame.includes('Readiness probe (sandbox)'));
	await press(rendered, 'p', frame => frame.includes('answers the readiness probe with 200'));
	assert.deepEqual(actions.calls, [
		{method: 'setReadinessFailure', args: [pod, true]},
		{method: 'setReadinessFailure', args: [pod, false]},
	]);
});

test('F elsewhere: the key says only the sandbox can, and sends nothing', async () => {
	const {actions, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	const frame = await press(rendered, 'F', f => f.includes('only the sandbox'));
	assert.match(frame, /only the sandbox's simulated app can be told to fail its readiness probe/);
	assert.doesNotMatch(frame, /Readiness probe \(sandbox\)/);
	assert.equal(actions.calls.length, 0);
});

test("the rollout pane shows the template's probes, in kubectl describe's words, so p's effect is visible", async () => {
	const probed = setup();
	const frame = await waitFor(probed.rendered, f => f.includes('Pods (all)'));
	assert.match(frame, /liveness, readiness http-get :8080\/ delay=5s period=10s/);
	cleanup();
	const bare = setup({withoutProbes: true});
	assert.match(await waitFor(bare.rendered, f => f.includes('Pods (all)')), /no liveness or readiness probe/);
});

test('enter on a revision in the history shows its pod template; u from there asks to undo to it', async () => {
	const {actions, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	// Outside the history, enter says where it works.
	await press(rendered, keys.enter, frame => frame.includes('enter shows a revision'));
	await press(rendered, keys.tab);
	await press(rendered, keys.tab);
	await press(rendered, 'j');
	const details = await press(rendered, keys.enter, frame => frame.includes('deployment.apps/todoapi with revision #2'));
	assert.doesNotMatch(details, /revision #2 \(current\)/);
	assert.match(details, /change-cause kubectl apply --filename=k8s\/deployment\.yaml --record=true/);
	assert.match(details, /│ field\s+│ todoapi\s+│/);
	assert.match(details, /│ Image\s+│ 123456789012\.dkr\.ecr\.us-east-2\.amazonaws\.com\/todoapi:1\.0\s+│/);
	assert.match(details, /│ Requests\s+│ cpu: 500m, memory: 256Mi\s+│/);
	assert.match(details, /│ Liveness\s+│ http-get http:\/\/:8080\/ delay=5s timeout=1s period=10s #success=1 #failure=3\s+│/);
	const confirm = await press(rendered, 'u', frame => frame.includes('y/n'));
	assert.match(confirm, /Undo todoapi to revision 2\?/);
	await press(rendered, 'y', frame => frame.includes('rolled back'));
	assert.deepEqual(actions.calls, [{method: 'undo', args: [ref, {toRevision: 2, seenTemplate: stuckScaleCluster().deployments[0]?.spec?.template}]}]);
});

test('the current revision says so, and u there undoes nothing', async () => {
	const {actions, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, keys.tab);
	await press(rendered, keys.tab);
	const details = await press(rendered, keys.enter, frame => frame.includes('with revision #3 (current)'));
	assert.match(details, /│ field\s+│ todoapiv2\s+│/);
	await press(rendered, 'u', frame => frame.includes('revision 3 is the current one: nothing to undo to'));
	assert.equal(actions.calls.length, 0);
});
