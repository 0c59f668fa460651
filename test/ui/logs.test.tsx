// `l`: the selected pod's log, full-screen. Following by default, scrolling up
// pauses, G follows again; the container picker, the previous container, wrap,
// timestamps and search; the server's refusals shown in place; Esc goes back
// to the pods with the same pod selected.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import type {LogHandlers, LogRequest, RawLogLine} from '../../source/model/logs.js';
import {labApp, labProps} from './app.js';
import {FixtureSource, stuckScaleCluster} from './fixtures.js';
import {keys, press, renderAt, settle, waitFor} from './helpers.js';

afterEach(() => {
	cleanup();
});

/** The fixtures, plus a log stream the test writes to, as the kube layer would deliver it. */
class LogSource extends FixtureSource {
	readonly requests: LogRequest[] = [];
	stopped = 0;
	private handlers: LogHandlers | undefined;

	streamLogs(request: LogRequest, handlers: LogHandlers): () => void {
		this.requests.push(request);
		this.handlers = handlers;
		return () => {
			this.stopped++;
			if (this.handlers === handlers) this.handlers = undefined;
		};
	}

	write(...texts: string[]): void {
		this.handlers?.onLines(texts.map((text, index): RawLogLine => ({time: `2026-12-02T04:00:${String(index % 60).padStart(2, '0')}.000000001Z`, text})));
		this.handlers?.onStatus({state: 'streaming'});
	}

	status(state: 'failed' | 'waiting' | 'ended', message?: string): void {
		this.handlers?.onStatus({state, message});
	}
}

function setup(options: {twoContainers?: boolean; height?: number} = {}) {
	const cluster = stuckScaleCluster();
	if (options.twoContainers) {
		for (const pod of cluster.pods) if (pod.metadata.namespace === 'default') pod.spec!.containers.push({name: 'log-shipper', image: 'aws-for-fluent-bit:2.21.1'});
	}
	const source = new LogSource(cluster);
	const rendered = renderAt(labApp(labProps(source, {height: options.height ?? 30})), 120);
	return {source, rendered};
}

test('l opens the selected pod\u2019s log, follows new lines, and Esc goes back to the pods with that pod still selected', async () => {
	const {source, rendered} = setup();
	const lab = await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, 'j');
	const selected = /\n.*(todoapi-[a-z0-9]+-[a-z0-9]+)/g;
	const names = [...lab.matchAll(selected)].map(match => match[1]!);
	const opened = await press(rendered, 'l', frame => frame.includes('Logs default/'));
	assert.equal(source.requests.length, 1);
	const request = source.requests[0]!;
	assert.equal(request.pod, names[1], 'the second row, selected with j');
	// The pod's first container (the fixtures' pods run todoapi or, after the rename, todoapiv2).
	assert.match(request.container, /^todoapi(v2)?$/);
	assert.deepEqual({previous: request.previous, tailLines: request.tailLines}, {previous: false, tailLines: 5000});
	assert.match(opened, /last 5,000 lines \(0 kept\)/);
	source.write('todoapi 1.0: starting', 'todoapi: listening on :8080', 'GET / 200');
	const following = await waitFor(rendered, frame => frame.includes('GET / 200'));
	assert.match(following, /following · last 5,000 lines \(3 kept\)/);
	assert.match(following, /todoapi 1\.0: starting\n.*listening on :8080\n.*GET \/ 200/);
	await press(rendered, keys.escape, frame => frame.includes('Pods (all)'));
	await settle();
	assert.equal(source.stopped, 1, 'leaving the view stops the stream');
	// Still the second row: l again opens the same pod.
	await press(rendered, 'l', frame => frame.includes('Logs default/'));
	assert.equal(source.requests[1]?.pod, names[1]);
});

test('following keeps the newest line at the bottom; k pauses where it is, G follows again', async () => {
	const {source, rendered} = setup({height: 20});
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, 'l', frame => frame.includes('Logs default/'));
	source.write(...Array.from({length: 100}, (_, index) => `line ${index}`));
	await waitFor(rendered, frame => /line 99\n/.test(frame));
	const paused = await press(rendered, 'k', frame => frame.includes('paused'));
	assert.doesNotMatch(paused, /line 99\n/, 'one line up');
	assert.match(paused, /line 98\n/);
	source.write('line 100', 'line 101');
	await waitFor(rendered, frame => frame.includes('(102 kept)'));
	assert.doesNotMatch(rendered.frame(), /line 101/, 'a paused view does not move when lines arrive');
	const followed = await press(rendered, 'G', frame => frame.includes('following'));
	assert.match(followed, /line 101\n/);
	// g: the oldest line kept.
	assert.match(await press(rendered, 'g', frame => frame.includes('line 0\n')), /paused/);
});

test('c picks among the pod\u2019s containers; p shows the previous container\u2019s log, or the server\u2019s reason there is none', async () => {
	const {source, rendered} = setup({twoContainers: true});
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, 'l', frame => frame.includes('Logs default/'));
	const picker = await press(rendered, 'c', frame => frame.includes('Container to show the log of'));
	assert.match(picker, /› todoapi/);
	await press(rendered, keys.down, frame => frame.includes('› log-shipper'));
	await press(rendered, keys.enter, frame => frame.includes(' log-shipper ·'));
	assert.equal(source.requests.at(-1)?.container, 'log-shipper');
	await press(rendered, 'p', frame => frame.includes('(previous)'));
	assert.deepEqual({container: source.requests.at(-1)?.container, previous: source.requests.at(-1)?.previous}, {container: 'log-shipper', previous: true});
	source.status('failed', 'previous terminated container "log-shipper" in pod "x" not found');
	const refused = await waitFor(rendered, frame => frame.includes('not found'));
	assert.match(refused, /refused · last 5,000 lines/);
	assert.match(refused, /previous terminated container "log-shipper" in pod "x" not found/);
	await press(rendered, 'p', frame => !frame.includes('(previous)'));
	assert.equal(source.requests.at(-1)?.previous, false);
});

test('a pod that has not started: the server\u2019s reason in place, and the lines once it starts', async () => {
	const {source, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, 'l', frame => frame.includes('Logs default/'));
	source.status('waiting', 'container "todoapi" in pod "todoapi-1" is waiting to start: ContainerCreating');
	const waiting = await waitFor(rendered, frame => frame.includes('ContainerCreating'));
	assert.match(waiting, /waiting for the container/);
	source.write('todoapi 1.0: starting');
	const started = await waitFor(rendered, frame => frame.includes('todoapi 1.0: starting'));
	assert.doesNotMatch(started, /ContainerCreating/);
});

test('escape sequences, binary and a 1 MB line draw safely within the width; w wraps, t shows times', async () => {
	const {source, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, 'l', frame => frame.includes('Logs default/'));
	source.write('\u001B[2J\u001B[31mred\u001B[0m', 'bin\u0000\u0007\uFFFD', 'x'.repeat(16_384), 'after');
	const frame = await waitFor(rendered, text => text.includes('after'));
	assert.match(frame, /␛\[2J␛\[31mred␛\[0m/);
	assert.match(frame, /bin␀␇�/);
	assert.ok(
		(rendered.lastFrame() ?? '').split('\n').every(line => line.length < 2000),
		'no frame line carries the whole line',
	);
	for (const line of frame.split('\n')) assert.ok(line.length <= 120, `${line.length} columns`);
	const wrapped = await press(rendered, 'w', text => text.includes('wrap on'));
	assert.ok(wrapped.split('\n').filter(line => /^x{120}$/.test(line)).length > 5, 'the long line wraps over many rows');
	assert.match(await press(rendered, 't', text => text.includes('time on')), /2026-12-02T04:00:03\.000000001Z after/);
});

test('/ searches: Enter shows the newest match, n the next older one, Esc clears it, then goes back', async () => {
	const {source, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, 'l', frame => frame.includes('Logs default/'));
	source.write('GET / 200', 'GET /nope 404 first', ...Array.from({length: 60}, (_, index) => `filler ${index}`), 'GET /nope 404 second', 'last');
	await waitFor(rendered, frame => frame.includes('last'));
	await press(rendered, '/');
	await press(rendered, 'NOPE', frame => frame.includes('/NOPE'));
	const newest = await press(rendered, keys.enter, frame => frame.includes('n older'));
	assert.match(newest, /GET \/nope 404 second/);
	assert.match(newest, /paused/);
	const older = await press(rendered, 'n', frame => frame.includes('404 first'));
	assert.doesNotMatch(older, /404 second/);
	await press(rendered, 'n', frame => frame.includes('no older line matches'));
	await press(rendered, keys.escape, frame => !frame.includes('n older'));
	assert.match(rendered.frame(), /Logs default\//);
	await press(rendered, keys.escape, frame => frame.includes('Pods (all)'));
});

test('l outside a pod row says what it needs and opens nothing', async () => {
	const {source, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, keys.tab);
	await press(rendered, 'l', frame => frame.includes('select a pod'));
	assert.equal(source.requests.length, 0);
});

test('in the logs view, the footer and ? list the view\u2019s own keys, which the lab keys do not override', async () => {
	const {source, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	const opened = await press(rendered, 'l', frame => frame.includes('Logs default/'));
	assert.match(opened, /↑ scroll {2}pgup page {2}g oldest\/follow {2}c container {2}p previous {2}w wrap\/time {2}\/ search {2}esc back/);
	const help = await press(rendered, '?', frame => frame.includes('In the logs view'));
	assert.match(help, /p +The previous container's log \(kubectl logs --previous\)/);
	assert.doesNotMatch(help, /Scale the deployment/);
	await press(rendered, '?', frame => !frame.includes('In the logs view'));
	// s (scale in the lab) does nothing here; p asks for the previous container, not the probes form.
	rendered.stdin.write('s');
	await settle();
	assert.doesNotMatch(rendered.frame(), /Scale deployment/);
	await press(rendered, 'p', frame => frame.includes('(previous)'));
	assert.equal(source.requests.at(-1)?.previous, true);
});
