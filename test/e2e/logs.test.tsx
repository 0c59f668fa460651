// `l` against the sandbox: the real App reads a todoapi pod's log through
// pods/log, which the API server gets from kwok (the nodes' kubelet), from the
// files the sandbox writes as the pod runs. After lab part 5's liveness
// failure (probe path /nope), `p` shows the killed container's log, ending in
// its last line; `kubectl logs` and `kubectl logs --previous` show the same.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {keys} from '../ui/helpers.js';
import {openView, type LiveView} from './app-harness.js';
import {eventually, podsOf, testSandbox, type TestSandbox} from './sandbox-harness.js';

let sandbox: TestSandbox;
let live: LiveView;

const deploymentPath = '/apis/apps/v1/namespaces/default/deployments/todoapi';
const key = (sequence: string) => live.key(sequence);
const onScreen = (text: string | RegExp, timeoutMs?: number) => live.onScreen(text, timeoutMs);

/** The log lines the view shows: the rows between its title and its bottom line, without blank ones. */
function shownLines(frame: string): string[] {
	const rows = frame.split('\n');
	const title = rows.findIndex(row => row.startsWith('Logs '));
	return rows
		.slice(title + 1, -3)
		.map(row => row.trimEnd())
		.filter(Boolean);
}

const kubectlLines = async (...args: string[]) => (await sandbox.kubectl('logs', '-n', 'default', ...args)).split('\n').filter(Boolean);

/** Shows only `pod` in the pods pane (so it is the selected row), then opens its log. */
async function openLog(pod: string): Promise<number> {
	await key('/');
	await live.type(pod);
	await key(keys.enter);
	await onScreen(new RegExp(`Pods[^\\n]*\\n[^\\n]*\\n[^\\n]*${pod}`));
	const started = performance.now();
	await key('l');
	await onScreen(`Logs default/${pod} todoapi`);
	return performance.now() - started;
}

before(async () => {
	sandbox = await testSandbox();
	live = openView(sandbox.kubeconfigPath, {sandboxDir: sandbox.dir, height: 40});
	await onScreen('● live');
	await onScreen('todoapi-');
});

after(async () => {
	live?.close();
	await sandbox?.close();
});

test('l on a todoapi pod shows its simulated start, as kubectl logs does', async t => {
	const pod = (await podsOf(sandbox.api, 'default', 'app=todoapi'))[0].metadata.name as string;
	const opened = await openLog(pod);
	const started = performance.now() - opened;
	await onScreen('todoapi 1.0 starting (pid 1)');
	t.diagnostic(`l to the logs view: ${opened.toFixed(0)} ms; to its first log line: ${(performance.now() - started).toFixed(0)} ms (each includes the harness's 40 ms pause after a key)`);
	const frame = await onScreen('listening on :8080');
	assert.match(frame, /following · last 5,000 lines/);
	assert.deepEqual(shownLines(frame).slice(0, 3), ['todoapi 1.0 starting (pid 1)', 'no database configured: keeping todos in memory', 'listening on :8080']);
	assert.deepEqual(await kubectlLines(pod), shownLines(frame));
	await key(keys.escape);
	await onScreen('╭─ Nodes');
	await key('/');
	await key(keys.escape);
});

test('after a liveness failure (probe path /nope), p shows the previous container\u2019s log ending in its last line, as kubectl logs --previous does', async () => {
	const probe = (path: string) => ({httpGet: {path, port: 8080}, periodSeconds: 2, failureThreshold: 3});
	const patched = await sandbox.api.request('PATCH', deploymentPath, {spec: {template: {spec: {containers: [{name: 'todoapi', livenessProbe: probe('/nope'), readinessProbe: probe('/')}]}}}}, 'application/strategic-merge-patch+json');
	assert.equal(patched.status, 200, JSON.stringify(patched.body));
	// A pod killed once and running again: its previous container is the killed one.
	const restarted = await eventually(
		'a todoapi pod restarted by its liveness probe',
		async () => (await podsOf(sandbox.api, 'default', 'app=todoapi')).find(pod => pod.spec.containers[0].livenessProbe && pod.status?.containerStatuses?.[0]?.restartCount >= 1),
		90_000,
	);
	const pod = restarted.metadata.name as string;
	await openLog(pod);
	await key('p');
	const previous = await onScreen(/\(previous\)[^\n]*\n(.*\n)*received SIGTERM, shutting down/, 30_000);
	const lines = shownLines(previous);
	assert.equal(lines.at(-1), 'received SIGTERM, shutting down');
	assert.equal(lines.at(-2), 'GET / 200 0.3ms "kube-probe/1.34"');
	assert.ok(lines.filter(line => line === 'GET /nope 404 0.3ms "kube-probe/1.34"').length >= 3, lines.join('\n'));
	assert.equal(lines[0], 'todoapi 1.0 starting (pid 1)');
	// The same lines from kubectl, unless the pod restarted once more meanwhile (then the view is asked again).
	await eventually(
		'kubectl logs --previous and the view agree',
		async () => {
			const fromKubectl = await kubectlLines(pod, '--previous');
			const shown = shownLines(live.view.frame());
			if (JSON.stringify(fromKubectl) === JSON.stringify(shown)) return true;
			await key('p');
			await key('p');
			await onScreen('(previous)');
			return undefined;
		},
		30_000,
	);
	// And p again: the current container's log, as kubectl logs has it.
	await key('p');
	const current = await onScreen(/todoapi · (following|waiting)/);
	assert.doesNotMatch(current, /\(previous\)/);
	assert.equal(shownLines(current)[0], 'todoapi 1.0 starting (pid 1)');
});
