import assert from 'node:assert/strict';
import {stripVTControlCharacters} from 'node:util';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {commands, formatBinding, formatKeys} from '../../source/ui/keys.js';
import {labApp, labProps} from './app.js';
import {editsSent, FixtureSource, halfwayRolloutCluster, labRevisions, recorder, stuckScaleCluster, todoapi, type Revision} from './fixtures.js';
import {defaultPalette} from '../../themes/default.js';
import {frameSize, keys, press, renderAt, renderResizable, selectedLines, settle, waitFor} from './helpers.js';

afterEach(() => {
	cleanup();
});

function setup(options: {readonly?: boolean; fail?: string; cluster?: 'stuck' | 'halfway'; sandbox?: boolean} = {}) {
	const source = new FixtureSource(options.cluster === 'halfway' ? halfwayRolloutCluster() : stuckScaleCluster());
	const actions = recorder({fail: options.fail, sandbox: options.sandbox});
	let exited = 0;
	const props = labProps(source, {
		actions,
		readonly: options.readonly,
		onExit() {
			exited++;
		},
	});
	const rendered = renderAt(labApp(props), 120);
	return {source, actions, rendered, exited: () => exited};
}

test('s then "abc" + Enter shows the validation error and sends nothing', async () => {
	const {actions, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, 's', frame => frame.includes('Scale deployment/todoapi'));
	// The field is prefilled with spec.replicas; clear it first.
	await press(rendered, keys.ctrlU);
	for (const character of 'abc') {
		await press(rendered, character);
	}

	const frame = await press(rendered, keys.enter, f => f.includes('replicas must be a whole number'));
	assert.match(frame, /replicas must be a whole number from 0 to 1000, not "abc"/);
	assert.equal(actions.calls.length, 0);
	// Esc closes the prompt without sending.
	await settle();
	await press(rendered, keys.escape, f => !f.includes('Scale deployment/todoapi'));
	await settle();
	assert.equal(actions.calls.length, 0);
});

/** The pod template the undo prompt showed: the stuck cluster's Deployment as the fixture has it. */
function shownTemplate() {
	return stuckScaleCluster().deployments[0]?.spec?.template;
}

test('s, Ctrl-U, 6, Enter scales todoapi from 5 to 6 and shows the server answer', async () => {
	const {actions, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	const prompt = await press(rendered, 's', frame => frame.includes('Scale deployment/todoapi'));
	assert.match(prompt, /replicas\s+5/, 'prefilled with the current spec.replicas');
	await press(rendered, keys.ctrlU);
	await press(rendered, '6');
	const frame = await press(rendered, keys.enter, f => f.includes('deployment.apps/todoapi scaled'));
	// What the prompt showed goes with the edit, so it is refused if the cluster no longer has it.
	assert.deepEqual(actions.calls, [
		{
			method: 'scale',
			args: [
				{namespace: 'default', name: 'todoapi'},
				{seen: 5, next: 6},
			],
		},
	]);
	assert.doesNotMatch(frame, /Scale deployment\/todoapi/);
});

test('an action error is shown as-is and stays until the next action', async () => {
	const {rendered} = setup({fail: 'deployments.apps "todoapi" is forbidden: User "lab-viewer" cannot patch resource "deployments/scale" in API group "apps" in the namespace "default"'});
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, 's', frame => frame.includes('Scale deployment/todoapi'));
	await press(rendered, `${keys.ctrlU}6`);
	await press(rendered, keys.enter, f => f.includes('is forbidden'));
	// Moving around does not clear it.
	await press(rendered, keys.tab, f => /Nodes/.test(f));
	await settle();
	assert.match(rendered.frame(), /✖ deployments\.apps "todoapi" is forbidden: User "lab-viewer" cannot patch/);
});

test('c renames the container: prefilled with the current name, validated, then sent', async () => {
	const {actions, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	const prompt = await press(rendered, 'c', frame => frame.includes('Rename container todoapiv2'));
	assert.match(prompt, /container name\s+todoapiv2/);
	// Ctrl-W deletes the word; an invalid name is refused locally.
	await press(rendered, keys.ctrlW);
	await press(rendered, 'T');
	await press(rendered, '_');
	const invalid = await press(rendered, keys.enter, f => f.includes('is not a valid container name'));
	assert.match(invalid, /"T_" is not a valid container name/);
	assert.equal(actions.calls.length, 0);
	await press(rendered, keys.ctrlU);
	for (const character of 'todoapi') {
		await press(rendered, character);
	}

	await press(rendered, keys.enter, f => f.includes('deployment.apps/todoapi patched'));
	assert.deepEqual(editsSent(actions.calls), [{method: 'editContainer', ref: {namespace: 'default', name: 'todoapi'}, action: 'rename', container: 'todoapiv2', changes: {name: ['todoapiv2', 'todoapi']}}]);
});

test('r edits requests and limits, validating each quantity', async () => {
	const {actions, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	const form = await press(rendered, 'r', frame => frame.includes('Requests and limits'));
	assert.match(form, /cpu request\s+100m/);
	assert.match(form, /memory request\s+64Mi/);
	// cpu request: replace with 250m; memory request: 128m is a fraction of a byte.
	await press(rendered, keys.ctrlU);
	for (const character of '250m') {
		await press(rendered, character);
	}

	await press(rendered, keys.tab, f => f.includes('› memory request'));
	await press(rendered, keys.ctrlU);
	for (const character of '128m') {
		await press(rendered, character);
	}

	await press(rendered, keys.enter, f => f.includes('fraction of a byte'));
	assert.equal(actions.calls.length, 0);
	await press(rendered, keys.backspace);
	for (const character of 'Mi') {
		await press(rendered, character);
	}

	await press(rendered, keys.down, f => f.includes('› cpu limit'));
	await press(rendered, '5');
	await press(rendered, '0');
	await press(rendered, '0');
	await press(rendered, 'm');
	await press(rendered, keys.enter, f => f.includes('resource requirements updated'));
	assert.deepEqual(editsSent(actions.calls), [
		{
			method: 'editContainer',
			ref: {namespace: 'default', name: 'todoapi'},
			action: 'resources',
			container: 'todoapiv2',
			changes: {'resources.requests.cpu': ['100m', '250m'], 'resources.requests.memory': ['64Mi', '128Mi'], 'resources.limits.cpu': [undefined, '500m']},
		},
	]);
});

test('u then y undoes to the previous revision', async () => {
	const {actions, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	const confirm = await press(rendered, 'u', frame => frame.includes('Undo todoapi'));
	assert.match(confirm, /Undo todoapi to revision 2\? \(y\/n\)/);
	await press(rendered, 'y', f => f.includes('deployment.apps/todoapi rolled back'));
	assert.deepEqual(actions.calls, [
		{
			method: 'undo',
			args: [
				{namespace: 'default', name: 'todoapi'},
				{toRevision: 2, seenTemplate: shownTemplate()},
			],
		},
	]);
});

test('u on a revision selected in the history undoes to that revision; n cancels', async () => {
	const {actions, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, keys.tab);
	await press(rendered, keys.tab, f => f.includes('Rollout'));
	// Selection starts on the current revision (3); two down is revision 1.
	await press(rendered, 'j');
	await press(rendered, 'j');
	const confirm = await press(rendered, 'u', f => f.includes('Undo todoapi'));
	assert.match(confirm, /Undo todoapi to revision 1\?/);
	await press(rendered, 'n', f => !f.includes('Undo todoapi'));
	assert.equal(actions.calls.length, 0);
	await press(rendered, 'u', f => f.includes('Undo todoapi to revision 1?'));
	await press(rendered, 'y', f => f.includes('rolled back'));
	assert.deepEqual(actions.calls, [
		{
			method: 'undo',
			args: [
				{namespace: 'default', name: 'todoapi'},
				{toRevision: 1, seenTemplate: shownTemplate()},
			],
		},
	]);
});

test('--readonly blocks every mutating key with a notice and sends nothing', async () => {
	const {actions, rendered} = setup({readonly: true, sandbox: true});
	await waitFor(rendered, frame => frame.includes('READ-ONLY'));
	for (const command of commands.filter(c => c.mutates)) {
		const binding = command.keys[0];
		// A Ctrl binding arrives as its control character (Ctrl-D: \u0004).
		const input = binding?.ctrl && binding.input ? String.fromCharCode(binding.input.charCodeAt(0) - 96) : (binding?.input ?? '');
		const frame = await press(rendered, input, f => f.includes(`read-only mode: ${command.label} is disabled`));
		assert.doesNotMatch(frame, /Scale deployment|Requests and limits|Rename container|Undo todoapi|Set image|Probes ·|desired size|delete pod\//);
	}

	assert.equal(actions.calls.length, 0);
});

test('the help overlay lists every key and description from the key table', async () => {
	const {rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	const help = await press(rendered, '?', frame => frame.includes('Keys'));
	// At 120x40 the help takes two columns and wraps what does not fit: join the columns' lines back into text.
	const columns = help.split('\n').flatMap(line => {
		const inside = /^.*?│(.*)│.*$/.exec(line)?.[1] ?? '';
		return [inside.slice(0, inside.length / 2), inside.slice(inside.length / 2)];
	});
	const text = [0, 1]
		.map(side => columns.filter((_, index) => index % 2 === side).join(' '))
		.join(' ')
		.replaceAll(/\s+/g, ' ');
	assert.doesNotMatch(help, /…/, 'nothing is cut off');
	for (const command of commands) {
		assert.ok(text.includes(formatKeys(command)), `help shows the keys of ${command.id}: ${formatKeys(command)}`);
		assert.ok(text.includes(command.description), `help shows "${command.description}"`);
	}

	await settle();
	await press(rendered, keys.escape, f => !f.includes('Show or hide this help'));
});

test('at 80x24 the help scrolls, so every key can be read', async () => {
	const rendered = renderResizable(labApp(labProps(new FixtureSource(stuckScaleCluster()), {actions: recorder(), width: undefined, height: undefined})), 80, 24);
	await waitFor(rendered, frame => frame.includes('Pods (all)') && frameSize(frame).widest === 80);
	const first = await press(rendered, '?', frame => frame.includes('Keys'));
	const range = /Keys 1-(\d+) of (\d+)/.exec(first);
	assert.ok(range, `the title says which lines show:\n${first}`);
	const seen = [first];
	// A page at a time to the end; the last page ends at the last line.
	const atEnd = new RegExp(`Keys \\d+-${range[2]} of ${range[2]}`);
	while (!atEnd.test(seen.at(-1)!)) {
		assert.ok(seen.length < 20, 'page down reaches the end');
		seen.push(await press(rendered, keys.pageDown));
	}

	const text = seen.join('\n').replaceAll(/\s+/g, ' ');
	// Two 38-column columns wrap the descriptions: their first words are on one line.
	for (const command of commands) {
		assert.ok(text.includes(`${formatKeys(command)} ${command.description.slice(0, 15)}`), `scrolling shows ${formatKeys(command)} "${command.description}"`);
	}

	const top = await press(rendered, 'g', frame => frame.includes('Keys 1-'));
	assert.equal(top, first, 'g goes back to the top');
	await press(rendered, keys.escape, f => !f.includes('Keys'));
});

test('the footer is generated from the key table', async () => {
	const {rendered} = setup({sandbox: true});
	const frame = await waitFor(rendered, f => f.includes('Pods (all)'));
	const footer = frame.split('\n').at(-1) ?? '';
	for (const command of commands.filter(c => c.footer !== undefined)) {
		assert.ok(footer.includes(`${formatBinding(command.keys[0]!)} ${command.label}`), `footer shows ${command.label}`);
	}
});

test("tab and shift-tab move the focus between panes; j/k move the focused pane's selection", async () => {
	const {rendered} = setup();
	const selection = defaultPalette.selection ?? '';
	const first = await waitFor(rendered, frame => frame.includes('Pods (all)'));
	// The focused pane has the heavy border.
	assert.match(first, /┏━ Pods/);
	assert.match(selectedLines(rendered, selection)[0] ?? '', /todoapi-59b7f6d8c9-29zxz/);
	await press(rendered, 'j');
	assert.match(selectedLines(rendered, selection)[0] ?? '', /todoapi-59b7f6d8c9-8bfsr\s+0\/1\s+Pending/);
	const nodes = await press(rendered, keys.tab, f => f.includes('┏━ Nodes'));
	assert.match(nodes, /╭─ Pods/);
	// The pane keeps its layout when its border changes: the first node is right under the title.
	const nodeLines = nodes.split('\n');
	assert.match(nodeLines[nodeLines.findIndex(line => line.includes('┏━ Nodes')) + 1] ?? '', /┃● ip-192-168-12-34/);
	assert.match(nodeLines[nodeLines.findIndex(line => line.includes('╭─ Pods')) + 1] ?? '', /│NAMESPACE\s+NAME/);
	// Requests, not usage: the headers say so.
	assert.match(nodeLines[nodeLines.findIndex(line => line.includes('╭─ Pods')) + 1] ?? '', /RESTARTS\s+CPU REQ\s+MEM REQ\s+NODE/);
	assert.match(selectedLines(rendered, selection)[0] ?? '', /ip-192-168-12-34/);
	await press(rendered, keys.tab, f => f.includes('┏━ Rollout'));
	assert.match(selectedLines(rendered, selection)[0] ?? '', /● 3\s+todoapiv2/, 'history selection starts on the current revision');
	await press(rendered, 'j');
	assert.match(selectedLines(rendered, selection)[0] ?? '', /┃\s+2\s+todoapi\s/);
	await press(rendered, keys.tab, f => f.includes('┏━ Events'));
	await press(rendered, keys.tab, f => f.includes('┏━ Pods'));
	// The pod selection survived the round trip.
	assert.match(selectedLines(rendered, selection)[0] ?? '', /todoapi-59b7f6d8c9-8bfsr/);
	await press(rendered, keys.shiftTab, f => f.includes('┏━ Events'));
	await press(rendered, keys.shiftTab, f => f.includes('┏━ Rollout'));
});

test('focus is visible in colour: the focused pane border uses border.focused', async () => {
	const {rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	const focused = colour(defaultPalette['border.focused'] ?? '');
	const lineOf = (title: string) => (rendered.lastFrame() ?? '').split('\n').find(line => stripVTControlCharacters(line).includes(title)) ?? '';
	assert.ok(lineOf('Pods (all)').includes(focused));
	assert.ok(!lineOf('Nodes 3').includes(focused));
	await press(rendered, keys.tab, () => lineOf('Nodes 3').includes(focused));
	assert.ok(!lineOf('Pods (all)').includes(focused));
});

function colour(hex: string): string {
	const [red, green, blue] = [1, 3, 5].map(index => Number.parseInt(hex.slice(index, index + 2), 16));
	return `\u001B[38;2;${red};${green};${blue}m`;
}

test('/ filters pods and events; Enter keeps the filter, Esc clears it', async () => {
	const {rendered} = setup();
	const before = await waitFor(rendered, frame => frame.includes('Pods (all) 13'));
	assert.match(before, /coredns-85d5b4454d/);
	await press(rendered, '/', f => f.includes('enter keep'));
	for (const character of 'todo') {
		await press(rendered, character);
	}

	const filtered = await waitFor(rendered, f => f.includes('Pods (all) 5'));
	assert.doesNotMatch(filtered, /coredns-85d5b4454d/);
	assert.match(filtered, /\/todo/);
	await press(rendered, keys.enter, f => !f.includes('enter keep'));
	assert.match(rendered.frame(), /Pods \(all\) 5/);
	await press(rendered, '/', f => f.includes('enter keep'));
	await settle();
	const cleared = await press(rendered, keys.escape, f => f.includes('Pods (all) 13'));
	assert.match(cleared, /coredns-85d5b4454d/);
});

test('a toggles between all namespaces and the focused namespace', async () => {
	const {rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all) 13'));
	const focused = await press(rendered, 'a', f => f.includes('Pods (default) 5'));
	assert.doesNotMatch(focused, /kube-system/);
	assert.match(focused, /Events \(default\)/);
	await press(rendered, 'a', f => f.includes('Pods (all) 13'));
});

test('z zooms the focused pane to the full body and back', async () => {
	const {rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all) 13'));
	const zoomed = await press(rendered, 'z', f => !f.includes('Nodes 3'));
	assert.match(zoomed, /kube-proxy/, 'all 13 pods fit when zoomed');
	assert.doesNotMatch(zoomed, /Rollout|Events/);
	await press(rendered, 'z', f => f.includes('Nodes 3'));
});

test('q and Ctrl-C quit through exit()', async () => {
	const first = setup();
	await waitFor(first.rendered, frame => frame.includes('Pods (all)'));
	first.rendered.stdin.write('q');
	await waitFor(first.rendered, () => first.exited() === 1, 'exit after q');
	// Ctrl-C quits even with a prompt open, where q would be typed into the field.
	await press(first.rendered, 's', f => f.includes('Scale deployment/todoapi'));
	first.rendered.stdin.write('q');
	await settle();
	assert.equal(first.exited(), 1);
	first.rendered.stdin.write(keys.ctrlC);
	await waitFor(first.rendered, () => first.exited() === 2, 'exit after Ctrl-C');
});

test('global keys do not fire while a prompt is open', async () => {
	const {actions, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all) 13'));
	await press(rendered, 's', f => f.includes('Scale deployment/todoapi'));
	// 'a' would toggle namespaces and 'z' would zoom; in a prompt they are text.
	await press(rendered, 'a');
	await press(rendered, 'z');
	const frame = rendered.frame();
	assert.match(frame, /Pods \(all\) 13/);
	assert.match(frame, /Nodes 3/);
	assert.match(frame, /replicas\s+5az/);
	assert.equal(actions.calls.length, 0);
});

test('an in-flight action shows what it is doing until the API answers', async () => {
	const source = new FixtureSource(stuckScaleCluster());
	let resolve: (message: string) => void = () => {};
	const actions = {
		...recorder(),
		scale: async () =>
			new Promise<string>(r => {
				resolve = r;
			}),
	};
	const rendered = renderAt(labApp(labProps(source, {actions})), 120);
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, 's', f => f.includes('Scale deployment/todoapi'));
	await press(rendered, keys.ctrlU);
	await press(rendered, '3');
	await press(rendered, keys.enter, f => f.includes('scaling todoapi to 3…'));
	resolve('deployment.apps/todoapi scaled');
	await waitFor(rendered, f => f.includes('deployment.apps/todoapi scaled') && !f.includes('scaling todoapi to 3…'));
});

test('Enter on a prompt left as it opened sends nothing and says so, for every edit', async () => {
	const {actions, rendered} = setup({sandbox: true});
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	const prompts: Array<[string, string, RegExp]> = [
		['s', 'Scale deployment/todoapi', /nothing changed: todoapi is at 5 replicas as shown; nothing was sent/],
		['r', 'Requests and limits', /nothing changed: the requests and limits of todoapi \(container todoapiv2\) are as they were; nothing was sent/],
		['p', 'Probes ·', /nothing changed: the probes of todoapi \(container todoapiv2\) are as they were/],
		['c', 'Rename container', /nothing changed: the container name of todoapi/],
		['i', 'Set image', /nothing changed: the image of todoapi/],
		['n', "Node group's desired size", /nothing changed: the node group is at 3 nodes as shown/],
	];
	for (const [key, title, said] of prompts) {
		await press(rendered, key, frame => frame.includes(title));
		const frame = await press(rendered, keys.enter, f => said.test(f));
		assert.doesNotMatch(frame, new RegExp(title.replaceAll(/[()]/g, '.')));
	}

	assert.equal(actions.calls.length, 0);
});

test('u on a paused deployment refuses before asking y/n', async () => {
	const cluster = stuckScaleCluster();
	cluster.deployments[0]!.spec!.paused = true;
	const actions = recorder();
	const rendered = renderAt(labApp(labProps(new FixtureSource(cluster), {actions})), 120);
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	const frame = await press(rendered, 'u', f => f.includes('you cannot rollback'));
	assert.match(frame, /! you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume/);
	assert.doesNotMatch(frame, /\(y\/n\)/);
	assert.equal(actions.calls.length, 0);
});

test('a message about the cluster goes away once it is no longer true', async () => {
	const {source, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	const deployments = stuckScaleCluster().deployments;
	source.update({deployments: []});
	await waitFor(rendered, frame => frame.includes('deploy -'));
	await press(rendered, 's', f => f.includes('no deployment in default to scale'));
	source.update({deployments});
	const back = await waitFor(rendered, frame => frame.includes('deploy todoapi'));
	assert.doesNotMatch(back, /no deployment in default/);
	assert.match(back, /press \? for keys/);
});

test('a history row picked before a new revision rolled out is dropped: u then offers the previous revision, and says what it contains', async () => {
	const {actions, source, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, keys.tab);
	await press(rendered, keys.tab, f => f.includes('Rollout'));
	// Pick revision 1 (two rows below the current one, 3).
	await press(rendered, 'j');
	await press(rendered, 'j');
	// Then a 4th revision rolls out: a misspelled image, as in lab part 5.
	const bad: Revision = {revision: 4, hash: '5f6d7c8b9a', container: {name: 'todoapiv2', image: 'todoapj:1.0', requests: {cpu: '100m', memory: '64Mi'}}, ageSeconds: 10};
	const {deployment, replicaSets} = todoapi({
		replicas: 5,
		current: bad,
		revisions: [...labRevisions, bad],
		generation: 6,
		status: {replicas: 6, updatedReplicas: 1, readyReplicas: 4, availableReplicas: 4},
		rsReplicas: {3: {replicas: 4, ready: 4}, 4: {replicas: 1, ready: 0}},
	});
	source.update({deployments: [deployment], replicaSets});
	await waitFor(rendered, frame => /● ?4\s+todoapiv2/.test(frame), 'revision 4 current');
	const confirm = await press(rendered, 'u', f => f.includes('Undo todoapi'));
	assert.match(confirm, /Undo todoapi to revision 3\?/, 'the stale pick of revision 1 is not used');
	assert.match(confirm, /image todoapj:1\.0 → 123456789012\.dkr\.ecr/, 'the prompt says what the undo would change');
	await press(rendered, keys.escape, f => !f.includes('Undo todoapi'));
	assert.equal(actions.calls.length, 0);
});

test('Ctrl-D asks y/n naming the selected pod; n and esc send nothing, y deletes that pod pinned to its uid', async () => {
	const {actions, rendered, source} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	const ctrlD = '\u0004';
	const selected = [...source.getSnapshot().objects.pods.values()].find(pod =>
		rendered
			.frame()
			.split('\n')[3]
			?.includes(pod.metadata.name ?? '-'),
	);
	assert.ok(selected, 'the first pod row is a fixture pod');
	const question = await press(rendered, ctrlD, f => f.includes('y/n'));
	assert.match(question, new RegExp(`delete pod/${selected.metadata.name}\\? y/n`));
	await press(rendered, 'n', f => !f.includes('y/n'));
	assert.match(rendered.frame(), /was not deleted/);
	await press(rendered, ctrlD, f => f.includes('y/n'));
	await press(rendered, keys.escape, f => !f.includes('y/n'));
	assert.equal(actions.calls.length, 0);
	await press(rendered, ctrlD, f => f.includes('y/n'));
	await press(rendered, 'y', f => f.includes('deleted'));
	assert.equal(actions.calls.length, 1);
	const [call] = actions.calls;
	assert.equal(call?.method, 'deleteObject');
	const [ref] = call?.args as [{resource: {kind: string}; namespace: string; name: string; uid?: string}];
	assert.deepEqual({kind: ref.resource.kind, namespace: ref.namespace, name: ref.name, uid: ref.uid}, {kind: 'Pod', namespace: selected.metadata.namespace, name: selected.metadata.name, uid: selected.metadata.uid});
});

test('e without a terminal to run an editor in says so and reads nothing', async () => {
	const {actions, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, 'e', f => f.includes('editing needs a terminal'));
	assert.equal(actions.calls.length, 0);
});
