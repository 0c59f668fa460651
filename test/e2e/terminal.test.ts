// The real binary in a real terminal (tmux): it draws the view, answers keys,
// and quitting, from any state, gives the user's terminal back as it was.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {after, before, test} from 'node:test';
import {setTimeout as sleep} from 'node:timers/promises';
import {eventually, testSandbox, type TestSandbox} from './sandbox-harness.js';

let sandbox: TestSandbox;
const session = `k8slab-e2e-${process.pid}`;

const tmux = (...args: string[]) => execFileSync('tmux', args, {encoding: 'utf8'});
const screen = () => tmux('capture-pane', '-p', '-t', session);
const onScreen = (what: string | RegExp, timeoutMs = 20_000) =>
	eventually(`${String(what)} in the terminal`, async () => {
		const text = screen();
		return (typeof what === 'string' ? text.includes(what) : what.test(text)) ? text : undefined;
	}, timeoutMs);

async function send(...keys: string[]): Promise<void> {
	for (const key of keys) {
		tmux('send-keys', '-t', session, key);
		await sleep(60);
	}
}

let run = 0;

/** Starts k8slab from the shell, after a line that must be there again once it quits. */
async function startK8slab(): Promise<string> {
	const marker = `before-k8slab-${++run}`;
	await send('clear', 'Enter');
	await send(`echo ${marker}`, 'Enter');
	await onScreen(new RegExp(`^${marker}$`, 'm'));
	await send(`node dist/k8slab.mjs --kubeconfig ${sandbox.kubeconfigPath}; echo "exit-${run}=$?"`, 'Enter');
	await onScreen('● live', 30_000);
	await onScreen('todoapi-');
	return marker;
}

/** The shell's screen is back: what was printed before, a prompt, a visible cursor. */
async function assertTerminalRestored(marker: string): Promise<void> {
	const text = await onScreen(new RegExp(`exit-${run}=0`));
	assert.match(text, new RegExp(`^${marker}$`, 'm'), 'the screen from before k8slab is back');
	assert.doesNotMatch(text, /Pods \(all\)/, 'nothing of the view is left behind');
	assert.equal(tmux('display', '-p', '-t', session, '#{cursor_flag}').trim(), '1', 'the cursor is visible');
	assert.equal(tmux('display', '-p', '-t', session, '#{alternate_on}').trim(), '0', 'back on the main screen');
}

before(async () => {
	sandbox = await testSandbox();
	tmux('new-session', '-d', '-s', session, '-x', '140', '-y', '45', 'bash --norc --noprofile');
	tmux('set-option', '-t', session, 'remain-on-exit', 'on');
});

after(async () => {
	try {
		tmux('kill-session', '-t', session);
	} catch {
		// already gone
	}
	await sandbox?.close();
});

test('q quits and restores the terminal', async () => {
	const marker = await startK8slab();
	assert.equal(tmux('display', '-p', '-t', session, '#{alternate_on}').trim(), '1', 'the view draws on the alternate screen');
	await send('q');
	await assertTerminalRestored(marker);
});

test('Ctrl-C with a prompt open and an error on screen also restores the terminal', async () => {
	const marker = await startK8slab();
	await send('s');
	await onScreen('Scale deployment/todoapi');
	await send('C-u', 'x', 'Enter');
	await onScreen(/replicas must be a whole number/);
	await send('C-c');
	await assertTerminalRestored(marker);
});

test('a resize repaints the view at the new size', async () => {
	const marker = await startK8slab();
	tmux('resize-window', '-t', session, '-x', '100', '-y', '30');
	const text = await onScreen(/Pods \(all\)/);
	await sleep(500);
	const lines = screen().split('\n');
	assert.ok(lines.every(line => [...line].length <= 100), 'no line wider than the new width');
	assert.match(text, /Rollout deployment\/todoapi/);
	await send('q');
	await assertTerminalRestored(marker);
	tmux('resize-window', '-t', session, '-x', '140', '-y', '45');
});
