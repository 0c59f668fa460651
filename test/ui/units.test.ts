import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {Key} from 'ink';
import {commands, matchCommand} from '../../source/ui/keys.js';
import {coalesce, snapshotInterval} from '../../source/ui/hooks/useClusterSnapshot.js';
import {connectionState} from '../../source/ui/state/connection.js';
import {editText, textField, type TextFieldState} from '../../source/ui/state/textField.js';
import {noKey} from '../../source/ui/keypress.js';
import {initialUiState, uiReducer} from '../../source/ui/state/uiState.js';
import {fitWindow} from '../../source/ui/state/window.js';
import {fit, layoutColumns, shortHost, shortImage, wrap} from '../../source/ui/text.js';

function key(overrides: Partial<Key> = {}): Key {
	return {...noKey, ...overrides};
}

function type(field: TextFieldState, input: string, k: Partial<Key> = {}): TextFieldState {
	const result = editText(field, input, key(k));
	assert.equal(result.kind, 'edit', `${JSON.stringify(input)} edits`);
	return result.kind === 'edit' ? result.field : field;
}

test('text fields edit like readline', () => {
	let field = textField('todoapi');
	assert.deepEqual(field, {value: 'todoapi', cursor: 7});
	field = type(field, 'v2');
	assert.equal(field.value, 'todoapiv2');
	field = type(field, '', {backspace: true});
	field = type(field, '', {delete: true});
	assert.equal(field.value, 'todoapi');
	field = type(field, 'a', {ctrl: true});
	assert.equal(field.cursor, 0);
	field = type(field, 'x');
	assert.deepEqual(field, {value: 'xtodoapi', cursor: 1});
	field = type(field, 'e', {ctrl: true});
	field = type(field, '', {leftArrow: true});
	field = type(field, '', {leftArrow: true});
	field = type(field, '', {rightArrow: true});
	assert.equal(field.cursor, 7);
	field = type(field, '', {home: true});
	field = type(field, '', {end: true});
	assert.equal(field.cursor, 8);
	field = type(textField('kubectl rollout undo'), 'w', {ctrl: true});
	assert.deepEqual(field, {value: 'kubectl rollout ', cursor: 16});
	field = type(field, 'w', {ctrl: true});
	assert.deepEqual(field, {value: 'kubectl ', cursor: 8});
	field = type({value: '250m', cursor: 2}, 'u', {ctrl: true});
	assert.deepEqual(field, {value: '', cursor: 0}, 'Ctrl-U clears the whole field, wherever the cursor is (as the help says)');
	assert.equal(type(textField(''), '', {backspace: true}).value, '');
	assert.deepEqual(type(textField('a'), '12\u0007'), {value: 'a12', cursor: 3}, 'pasted text keeps only printable characters');
	assert.equal(editText(field, '', key({return: true})).kind, 'submit');
	assert.equal(editText(field, '', key({escape: true, meta: true})).kind, 'cancel');
	assert.equal(editText(field, '', key({tab: true})).kind, 'ignored');
	assert.equal(editText(field, '', key({downArrow: true})).kind, 'ignored');
});

test('the key table matches what Ink reports, and no two commands share a key', () => {
	assert.equal(matchCommand('s', key())?.id, 'scale');
	assert.equal(matchCommand('c', key())?.id, 'renameContainer');
	assert.equal(matchCommand('c', key({ctrl: true}))?.id, 'quit');
	assert.equal(matchCommand('G', key({shift: true}))?.id, 'bottom');
	assert.equal(matchCommand('', key({tab: true}))?.id, 'focusNext');
	assert.equal(matchCommand('', key({tab: true, shift: true}))?.id, 'focusPrevious');
	assert.equal(matchCommand('', key({downArrow: true}))?.id, 'down');
	assert.equal(matchCommand('[B', key({escape: true, meta: true}))?.id, undefined);
	assert.equal(matchCommand('x', key()), undefined);
	const seen = new Map<string, string>();
	for (const command of commands) {
		for (const binding of command.keys) {
			const id = JSON.stringify(binding);
			assert.ok(!seen.has(id), `${id} is bound to both ${seen.get(id) ?? ''} and ${command.id}`);
			seen.set(id, command.id);
		}
	}

	assert.deepEqual(
		commands.filter(c => c.mutates).map(c => c.id),
		['scale', 'resources', 'renameContainer', 'undo', 'probes', 'setImage', 'nodeGroup', 'readiness', 'editObject', 'deleteObject'],
	);
	assert.equal(matchCommand('e', key())?.id, 'editObject');
	assert.equal(matchCommand('d', key({ctrl: true}))?.id, 'deleteObject', 'Ctrl-D deletes, as in k9s');
	assert.equal(matchCommand('d', key())?.id, 'describe', 'd alone describes, as in k9s');
	assert.equal(matchCommand('i', key())?.id, 'setImage');
	assert.equal(matchCommand('p', key())?.id, 'probes');
	assert.equal(matchCommand('n', key())?.id, 'nodeGroup');
});

test('columns drop by priority and flex columns grow in order', () => {
	const columns = [
		{key: 'name', header: 'NAME', width: 30, flex: true, min: 10},
		{key: 'status', header: 'STATUS', width: 10},
		{key: 'node', header: 'NODE', width: 40, flex: true, min: 8, dropPriority: 1},
		{key: 'cpu', header: 'CPU', width: 5, dropPriority: 2},
	] as const;
	const wide = layoutColumns(columns, 100);
	assert.deepEqual(
		wide.map(c => [c.key, c.size]),
		[
			['name', 30],
			['status', 10],
			['node', 52],
			['cpu', 5],
		],
	);
	assert.equal(wide.reduce((sum, c) => sum + c.size, 0) + wide.length - 1, 100);
	const narrow = layoutColumns(columns, 30);
	assert.deepEqual(
		narrow.map(c => c.key),
		['name', 'status', 'cpu'],
	);
	assert.ok(narrow.reduce((sum, c) => sum + c.size, 0) + narrow.length - 1 <= 30);
});

test('text helpers truncate, pad, wrap and shorten the way the panes need', () => {
	assert.equal(fit('todoapi', 5), 'todo…');
	assert.equal(fit('4/4', 5, {align: 'right'}), '  4/4');
	assert.deepEqual(wrap('Waiting for deployment "todoapi" rollout to finish: 2 out of 4 new replicas have been updated...', 40, 2), ['Waiting for deployment "todoapi" rollout', 'to finish: 2 out of 4 new replicas have…']);
	assert.equal(shortHost('ip-192-168-12-34.us-east-2.compute.internal', 20), 'ip-192-168-12-34');
	assert.equal(shortHost('kind-worker', 20), 'kind-worker');
	assert.equal(shortImage('123456789012.dkr.ecr.us-east-2.amazonaws.com/todoapi:1.0', 20), 'todoapi:1.0');
});

test('the window scrolls only when the selection leaves it, and accounts for two-line rows', () => {
	assert.deepEqual(fitWindow({count: 100, selected: 0, offset: 0, capacity: 10}), {offset: 0, end: 10});
	assert.deepEqual(fitWindow({count: 100, selected: 9, offset: 0, capacity: 10}), {offset: 0, end: 10});
	assert.deepEqual(fitWindow({count: 100, selected: 10, offset: 0, capacity: 10}), {offset: 1, end: 11});
	assert.deepEqual(fitWindow({count: 100, selected: 5, offset: 3, capacity: 10}), {offset: 3, end: 13});
	assert.deepEqual(fitWindow({count: 100, selected: 2, offset: 3, capacity: 10}), {offset: 2, end: 12});
	assert.deepEqual(fitWindow({count: 100, selected: 99, offset: 0, capacity: 10}), {offset: 90, end: 100});
	// Rows deleted below: the window is pulled up rather than leaving blank lines.
	assert.deepEqual(fitWindow({count: 12, selected: 11, offset: 50, capacity: 10}), {offset: 2, end: 12});
	// Row 1 takes two lines (a Pending pod with its reason).
	const heightOf = (index: number) => (index === 1 ? 2 : 1);
	assert.deepEqual(fitWindow({count: 100, selected: 0, offset: 0, capacity: 10, heightOf}), {offset: 0, end: 9});
	assert.deepEqual(fitWindow({count: 100, selected: 9, offset: 0, capacity: 10, heightOf}), {offset: 1, end: 10});
	assert.deepEqual(fitWindow({count: 0, selected: 0, offset: 0, capacity: 10}), {offset: 0, end: 0});
});

test('change notifications are coalesced: leading flush, one trailing flush, no timer left behind', async () => {
	const timers = () => process.getActiveResourcesInfo().filter(name => name === 'Timeout').length;
	const baseline = timers();
	let flushes = 0;
	const coalescer = coalesce(() => {
		flushes++;
	}, 50);
	coalescer.notify();
	assert.equal(flushes, 1, 'the first change shows at once');
	for (let index = 0; index < 100; index++) {
		coalescer.notify();
	}

	assert.equal(flushes, 1);
	assert.equal(timers(), baseline + 1, 'one trailing timer');
	await new Promise(resolve => {
		setTimeout(resolve, 80);
	});
	assert.equal(flushes, 2, 'the last change always shows');
	assert.equal(timers(), baseline, 'nothing runs while nothing changes');
	coalescer.notify();
	coalescer.dispose();
	assert.equal(timers(), baseline);
});

test('the coalescing interval is three frames of render, from 1/30 s up to 1/maxFps', () => {
	assert.equal(snapshotInterval(2, 10), 1000 / 30, 'a lab-sized frame: at most 30 redraws a second');
	assert.equal(snapshotInterval(15, 10), 45, '10,000 pods');
	assert.equal(snapshotInterval(60, 10), 100, 'an expensive frame: never more often than maxFps');
	assert.equal(snapshotInterval(2, 60), 1000 / 60, 'a maxFps above 30 is its own floor');
	assert.equal(snapshotInterval(5, 0), 0, 'maxFps 0: no coalescing');
});

test('a coalescer with an interval that changes waits by the interval of the moment', async () => {
	let interval = 1000;
	let flushes = 0;
	const coalescer = coalesce(
		() => flushes++,
		() => interval,
	);
	coalescer.notify();
	coalescer.notify();
	interval = 0;
	coalescer.dispose();
	const again = coalesce(
		() => flushes++,
		() => interval,
	);
	again.notify();
	again.notify();
	assert.equal(flushes, 3, 'an interval of 0 flushes every change at once');
	again.dispose();
});

test('connection state aggregates the watches', () => {
	const synced = {state: 'synced', namespace: ''} as const;
	const all = {pods: synced, nodes: synced, deployments: synced, replicasets: synced, events: synced};
	assert.equal(connectionState(all).text, '● live');
	assert.equal(connectionState({...all, events: {state: 'connecting', namespace: ''}}).text, '◌ connecting');
	assert.equal(connectionState({...all, pods: {state: 'stale', namespace: ''}}).text, '✖ connection lost — showing stale data (retrying)');
	assert.equal(connectionState({...all, nodes: {state: 'forbidden', namespace: '', message: 'nodes is forbidden'}}).text, '● live');
	// Requests waiting on a credential plugin explain whatever else the watches say.
	assert.deepEqual(connectionState({...all, pods: {state: 'stale', namespace: ''}}, undefined, 'aws eks get-token'), {tone: 'progress', text: '◌ waiting for credentials from aws eks get-token…'});
});

test("the API server's health comes before the watches, which a frozen server leaves open", () => {
	const synced = {state: 'synced', namespace: ''} as const;
	const all = {pods: synced, nodes: synced, deployments: synced, replicasets: synced, events: synced};
	assert.equal(connectionState(all, {state: 'ok'}).text, '● live');
	assert.equal(connectionState(all, {state: 'unknown'}).text, '● live');
	assert.deepEqual(connectionState(all, {state: 'silent', silentMs: 6400}), {tone: 'error', text: '✖ API server not answering for 6s — showing stale data'});
	assert.equal(connectionState(all, {state: 'not-ready', message: 'etcd, etcd-readiness failed'}).text, '✖ API server not ready: etcd, etcd-readiness failed — showing stale data');
	assert.equal(connectionState({...all, pods: {state: 'stale', namespace: ''}}, {state: 'silent', silentMs: 3000}).text, '✖ API server not answering for 3s — showing stale data');
	assert.equal(connectionState(all, {state: 'unreachable', message: 'connection refused'}).text, '✖ connection lost — showing stale data (retrying)');
});

test('the UI reducer ignores the answer of a superseded action', () => {
	let state = initialUiState();
	state = uiReducer(state, {type: 'actionStarted', seq: 1, text: 'scaling todoapi to 5…'});
	state = uiReducer(state, {type: 'actionStarted', seq: 2, text: 'scaling todoapi to 4…'});
	state = uiReducer(state, {type: 'actionSettled', seq: 1, message: {tone: 'success', text: 'old'}});
	assert.equal(state.message?.text, 'scaling todoapi to 4…');
	state = uiReducer(state, {type: 'actionSettled', seq: 2, message: {tone: 'error', text: 'the server said no'}});
	assert.deepEqual(state.message, {tone: 'error', text: 'the server said no'});
	state = uiReducer(state, {type: 'focus', direction: -1});
	assert.equal(state.focus, 'events');
});
