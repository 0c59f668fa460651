// Several keys in one stdin chunk must do what the same keys do one at a time.
// Every test writes the whole batch with a single stdin.write, as a paste,
// fast typing or `tmux send-keys C-u 5 Enter` delivers it.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {Text, useInput, type Key} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import {controlKeypress, splitKeypresses} from '../../source/ui/keypress.js';
import {defaultPalette} from '../../themes/default.js';
import {labApp, labProps} from './app.js';
import {editsSent, FixtureSource, recorder, stuckScaleCluster} from './fixtures.js';
import {keys, press, renderAt, selectedLines, settle, waitFor} from './helpers.js';

afterEach(() => {
	cleanup();
});

function setup() {
	const source = new FixtureSource(stuckScaleCluster());
	const actions = recorder();
	let exited = 0;
	const rendered = renderAt(
		labApp(
			labProps(source, {
				actions,
				onExit() {
					exited++;
				},
			}),
		),
		120,
	);
	return {actions, rendered, exited: () => exited};
}

function Probe({onKey}: {onKey: (input: string, key: Key) => void}) {
	useInput(onKey);
	return <Text>probe</Text>;
}

/** Ink's key without the kitty-only event type, which is undefined for legacy terminals. */
function plainKey(key: Key): Key {
	const {eventType, ...rest} = key;
	assert.equal(eventType, undefined);
	return rest;
}

/** The keys Ink's useInput reports for each write, one write at a time. */
async function inkKeys(writes: readonly string[]): Promise<Array<{input: string; key: Key}>> {
	const seen: Array<{input: string; key: Key}> = [];
	const rendered = render(
		<Probe
			onKey={(input, key) => {
				seen.push({input, key});
			}}
		/>,
	);
	for (const write of writes) {
		rendered.stdin.write(write);
		// A lone Esc is held back a tick in case a sequence follows.
		await settle();
	}

	rendered.unmount();
	return seen;
}

test('a batch is split into the keys Ink reports when each arrives alone', async () => {
	const controls = [...Array.from({length: 32}, (_, code) => String.fromCodePoint(code)), '\u007F'];
	const alone = await inkKeys(controls);
	assert.equal(alone.length, controls.length);
	for (const [index, character] of controls.entries()) {
		const ours = controlKeypress(character);
		const ink = alone[index]!;
		assert.equal(ours.input, ink.input, `input of ${JSON.stringify(character)}`);
		assert.deepEqual(ours.key, plainKey(ink.key), `key of ${JSON.stringify(character)}`);
	}

	// Ink hands the batch over whole; splitting it gives the same keys as typing them.
	const batch = '\u00155\r';
	const [whole] = await inkKeys([batch]);
	assert.equal(whole?.input, batch, 'Ink delivers the chunk as one input');
	const split = splitKeypresses(whole.input, whole.key);
	const typed = await inkKeys(['\u0015', '5', '\r']);
	assert.deepEqual(
		split.map(p => ({input: p.input, key: p.key})),
		typed.map(t => ({input: t.input, key: plainKey(t.key)})),
	);
});

test('escape sequences and pasted text are not split', () => {
	const up = {upArrow: true} as Key;
	assert.deepEqual(splitKeypresses('[A', up), [{input: '[A', key: up, text: false}]);
	const plain = splitKeypresses('todoapiv2', {} as Key).map(p => [p.input, p.text]);
	// Only the keys of useInput are looked at, so an empty key stands for "no key named".
	assert.deepEqual(plain, [['todoapiv2', true]]);
	const mixed = splitKeypresses('\u0015todo api\r', {} as Key).map(p => [p.input, p.text]);
	assert.deepEqual(mixed, [
		['u', false],
		['todo api', true],
		['\r', false],
	]);
	// Alt-x (meta) is one key, not two.
	const alt = {meta: true} as Key;
	assert.deepEqual(splitKeypresses('x', alt), [{input: 'x', key: alt, text: false}]);
});

test('s, then C-u 6 Enter in one chunk, scales to 6', async () => {
	const {actions, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, 's', frame => frame.includes('Scale deployment/todoapi'));
	await press(rendered, '\u00156\r', frame => frame.includes('deployment.apps/todoapi scaled'));
	assert.deepEqual(actions.calls, [
		{
			method: 'scale',
			args: [
				{namespace: 'default', name: 'todoapi'},
				{seen: 5, next: 6},
			],
		},
	]);
	assert.doesNotMatch(rendered.frame(), /Scale deployment\/todoapi/);
});

test('the whole of `tmux send-keys s C-u 3 Enter` in one chunk opens, edits and submits the prompt', async () => {
	const {actions, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, 's\u00153\r', frame => frame.includes('deployment.apps/todoapi scaled'));
	assert.deepEqual(actions.calls, [
		{
			method: 'scale',
			args: [
				{namespace: 'default', name: 'todoapi'},
				{seen: 5, next: 3},
			],
		},
	]);
});

test('pasted text goes into the field as one insert at the caret', async () => {
	const {actions, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, 'c', frame => frame.includes('Rename container todoapiv2'));
	await press(rendered, keys.ctrlU, frame => !/container name\s+todoapiv2/.test(frame));
	const typed = await press(rendered, 'todo-api', frame => frame.includes('todo-api'));
	assert.match(typed, /container name\s+todo-api\s/);
	// Keys that look like commands are text inside a field.
	await press(rendered, 'zq', frame => frame.includes('todo-apizq'));
	assert.match(rendered.frame(), /Pods \(all\) 13/, 'z did not zoom');
	// Ctrl-W, the name, Enter: one chunk.
	await press(rendered, '\u0017todoapi\r', frame => frame.includes('deployment.apps/todoapi patched'));
	assert.deepEqual(editsSent(actions.calls), [{method: 'editContainer', ref: {namespace: 'default', name: 'todoapi'}, action: 'rename', container: 'todoapiv2', changes: {name: ['todoapiv2', 'todoapi']}}]);
});

test('the requests form takes a whole batch: fields, tab and Enter', async () => {
	const {actions, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, 'r', frame => frame.includes('Requests and limits'));
	await press(rendered, '\u0015250m\t\u0015128Mi\t500m\r', frame => frame.includes('resource requirements updated'));
	// Only what was changed is sent; the memory limit, empty before and after, is not.
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

test('an invalid batched value stops at the validation error, like typed keys', async () => {
	const {actions, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	const frame = await press(rendered, 's\u0015abc\r', f => f.includes('replicas must be a whole number'));
	assert.match(frame, /not "abc"/);
	assert.equal(actions.calls.length, 0);
});

test('outside a prompt each character of a chunk is a key: jjj moves three rows, arrows in one chunk move two', async () => {
	const {rendered} = setup();
	const selection = defaultPalette.selection ?? '';
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	assert.match(selectedLines(rendered, selection)[0] ?? '', /todoapi-59b7f6d8c9-29zxz/);
	await press(rendered, 'jjj', () => !(selectedLines(rendered, selection)[0] ?? '').includes('29zxz'));
	await settle();
	const afterJ = selectedLines(rendered, selection)[0] ?? '';
	const podLines = rendered
		.frame()
		.split('\n')
		.filter(line => /^[│┃](default|kube-system)\s/.test(line));
	const index = podLines.findIndex(line => line.includes(afterJ.slice(1, 40).trim()));
	assert.equal(index, 3, `three rows down: ${afterJ}`);
	await press(rendered, `${keys.up}${keys.up}`, () => !(selectedLines(rendered, selection)[0] ?? '').includes(afterJ.slice(1, 40).trim()));
	await settle();
	const afterUp = selectedLines(rendered, selection)[0] ?? '';
	assert.equal(
		podLines.findIndex(line => line.includes(afterUp.slice(1, 40).trim())),
		1,
		`two rows up again: ${afterUp}`,
	);
});

test('/ then text and Enter in one chunk filters and closes the filter line', async () => {
	const {rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all) 13'));
	const frame = await press(rendered, '/todo\r', f => f.includes('Pods (all) 5'));
	assert.doesNotMatch(frame, /enter keep/);
	assert.doesNotMatch(frame, /coredns/);
});

test('keys after q in the same chunk do nothing', async () => {
	const {actions, rendered, exited} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	rendered.stdin.write('qs\u00150\r');
	await waitFor(rendered, () => exited() === 1, 'exit after q');
	await settle();
	assert.doesNotMatch(rendered.frame(), /Scale deployment/);
	assert.equal(actions.calls.length, 0);
});
