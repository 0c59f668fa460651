// The real binary in a real terminal (tmux): it draws the view, answers keys,
// and quitting, from any state, gives the user's terminal back as it was.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {setTimeout as sleep} from 'node:timers/promises';
import {eventually, testSandbox, type TestSandbox} from './sandbox-harness.js';

let sandbox: TestSandbox;
// K8SLAB_E2E_TMUX names the session, so engineers sharing a machine can tell theirs apart.
const session = process.env['K8SLAB_E2E_TMUX'] ?? `k8slab-e2e-${process.pid}`;

const tmux = (...args: string[]) => execFileSync('tmux', args, {encoding: 'utf8'});
const screen = () => tmux('capture-pane', '-p', '-t', session);
const onScreen = (what: string | RegExp, timeoutMs = 20_000) =>
	eventually(
		`${String(what)} in the terminal`,
		async () => {
			const text = screen();
			return (typeof what === 'string' ? text.includes(what) : what.test(text)) ? text : undefined;
		},
		timeoutMs,
	);

async function send(...keys: string[]): Promise<void> {
	for (const key of keys) {
		tmux('send-keys', '-t', session, key);
		await sleep(60);
	}
}

let run = 0;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-terminal-'));
const pidFile = () => path.join(scratch, `k8slab-${run}.pid`);
const stderrFile = () => path.join(scratch, `k8slab-${run}.stderr`);

/**
 * Starts k8slab from the shell, after a line that must be there again once it
 * quits. Its pid goes to pidFile() (exec keeps it), its stderr to stderrFile(),
 * and once it exits the shell prints its exit code and the tty's line
 * discipline flags (raw mode turns icanon, echo and isig off).
 */
async function startK8slab(options: {env?: string; program?: string; ready?: string | RegExp} = {}): Promise<string> {
	// A test that failed with k8slab still running would leave every later one typing into it.
	if (run > 0 && fs.existsSync(pidFile())) {
		try {
			process.kill(k8slabPid(), 'SIGTERM');
			await sleep(500);
		} catch {
			// it had exited
		}
	}
	const marker = `before-k8slab-${++run}`;
	await send('clear', 'Enter');
	await send(`echo ${marker}`, 'Enter');
	await onScreen(new RegExp(`^${marker}$`, 'm'));
	const program = options.program ?? `node dist/k8slab.mjs --kubeconfig ${sandbox.kubeconfigPath}`;
	// A script, run by a non-interactive shell: an interactive one abandons the rest of a
	// command line when a job dies of SIGINT, as it should when the user presses Ctrl-C.
	const script = path.join(scratch, `run-${run}.sh`);
	fs.writeFileSync(
		script,
		[`bash -c 'echo $$ > ${pidFile()}; exec ${program}' 2>${stderrFile()}`, `echo "exit-${run}=$?"`, `echo "tty-${run}: $(stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo|isig)' | tr '\\n' ' ')"`, ''].join('\n'),
	);
	await send(`${options.env ?? ''} bash ${script}`, 'Enter');
	await onScreen(options.ready ?? '● live', 30_000);
	if (!options.ready) await onScreen('todoapi-');
	return marker;
}

/** The line the shell prints after k8slab exits (not the command line that asks for it). */
const ttyLine = () => new RegExp(`^tty-${run}: (-?(isig|icanon|echo)\\s*)+$`, 'm');

function k8slabPid(): number {
	return Number(fs.readFileSync(pidFile(), 'utf8').trim());
}

/** The shell's screen is back: what was printed before, a prompt, a visible cursor, the tty out of raw mode. */
async function assertTerminalRestored(marker: string, exitCode = 0): Promise<string> {
	const text = await onScreen(ttyLine());
	assert.match(text, new RegExp(`^exit-${run}=${exitCode}$`, 'm'), `exit code ${exitCode}`);
	assert.match(text, new RegExp(`^${marker}$`, 'm'), 'the screen from before k8slab is back');
	assert.doesNotMatch(text, /Pods \(all\)/, 'nothing of the view is left behind');
	assert.equal(tmux('display', '-p', '-t', session, '#{cursor_flag}').trim(), '1', 'the cursor is visible');
	assert.equal(tmux('display', '-p', '-t', session, '#{alternate_on}').trim(), '0', 'back on the main screen');
	assert.match(text, new RegExp(`^tty-${run}: isig icanon echo\\s*$`, 'm'), 'the tty is out of raw mode');
	const stderr = fs.readFileSync(stderrFile(), 'utf8');
	// restore-cursor's show-cursor at exit goes to stdout (patches/restore-cursor+4.0.0.patch), bundled or not.
	assert.doesNotMatch(stderr, /\u001B/, 'no escape sequence went to stderr');
	return stderr;
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
	fs.rmSync(scratch, {recursive: true, force: true});
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

test("k8slab lab opens the live view with the lab's steps shown, checked against the cluster; esc shows the panes, L the steps again", async () => {
	const marker = await startK8slab({program: `node dist/k8slab.mjs lab --kubeconfig ${sandbox.kubeconfigPath}`, ready: /Lab progress · \d of 9 · deployment\/todoapi/});
	// The live view, not a snapshot: its watches connect under the steps.
	const steps = await onScreen(/● live[\s\S]*A failing liveness probe: the container restarts/);
	assert.equal(tmux('display', '-p', '-t', session, '#{alternate_on}').trim(), '1', 'on the alternate screen');
	// The sandbox's preset: 3 replicas and no probes yet, so nothing is done.
	assert.match(steps, /Lab progress · 0 of 9 · deployment\/todoapi/);
	assert.match(steps, /· part 2\s+Liveness and readiness probes added\s+p/);
	await send('Escape');
	const panes = await eventually('the steps closed', async () => (screen().includes('Lab progress') ? undefined : screen()));
	assert.match(panes, /todoapi-\S+\s+1\/1\s+Running/);
	await send('L');
	await onScreen('Lab progress · 0 of 9');
	await send('Escape');
	await eventually('the steps closed', async () => (screen().includes('Lab progress') ? undefined : true));
	await send('q');
	await assertTerminalRestored(marker);
});

test('a resize repaints the view at the new size', async () => {
	const marker = await startK8slab();
	tmux('resize-window', '-t', session, '-x', '100', '-y', '30');
	// Both panes of the repainted frame: the old frame, cut by tmux, has only the first.
	const text = await onScreen(/Pods \(all\)[\s\S]*Rollout deployment\/todoapi/);
	await sleep(500);
	const lines = screen().split('\n');
	assert.ok(
		lines.every(line => [...line].length <= 100),
		'no line wider than the new width',
	);
	assert.match(text, /Rollout deployment\/todoapi/);
	await send('q');
	await assertTerminalRestored(marker);
	tmux('resize-window', '-t', session, '-x', '140', '-y', '45');
});

for (const [signal, code] of [
	['SIGTERM', 143],
	['SIGHUP', 129],
	['SIGINT', 130],
] as const) {
	test(`${signal} from outside restores the terminal and exits ${code}`, async () => {
		const marker = await startK8slab();
		assert.equal(tmux('display', '-p', '-t', session, '#{alternate_on}').trim(), '1');
		process.kill(k8slabPid(), signal);
		const stderr = await assertTerminalRestored(marker, code);
		assert.equal(stderr, '', 'nothing printed for a signal');
	});
}

test('an uncaught error restores the terminal and prints one line, exit 1, no stack trace', async () => {
	// The real entry point (runApp) on a fixture cluster, with an error thrown from a timer once it is drawn.
	// Without CI in its environment, as cli.tsx removes it for a live terminal: Ink in CI mode draws only the last frame.
	const marker = await startK8slab({program: 'env -u CI -u CONTINUOUS_INTEGRATION node dist/test/e2e/crashing-view.js --throw-after-first-frame', ready: 'Pods (all) 13'});
	const stderr = await assertTerminalRestored(marker, 1);
	assert.equal(stderr, 'k8slab: something broke after the first frame\n');
});

test('a terminal read that fails with EIO (the terminal is gone) is a hangup: terminal restored, exit 129, nothing on stderr', async () => {
	const marker = await startK8slab({program: 'env -u CI -u CONTINUOUS_INTEGRATION node dist/test/e2e/crashing-view.js --stdin-eio-after-first-frame', ready: 'Pods (all) 13'});
	const stderr = await assertTerminalRestored(marker, 129);
	assert.equal(stderr, '', 'no crash line, no stack trace');
});

test('TERM=dumb gets a snapshot and a note, with no cursor addressing', async () => {
	// 20 lines, so the snapshot and the lines around it fit the 45-line pane.
	const marker = await startK8slab({env: 'TERM=dumb', program: `node dist/k8slab.mjs --kubeconfig ${sandbox.kubeconfigPath} --height 20`, ready: /Pods \(all\)/});
	const text = await onScreen(ttyLine());
	assert.match(text, new RegExp(`^exit-${run}=0$`, 'm'));
	assert.match(text, /Pods \(all\)/, 'the snapshot is printed on the main screen');
	assert.match(text, new RegExp(`^${marker}$`, 'm'));
	assert.equal(tmux('display', '-p', '-t', session, '#{alternate_on}').trim(), '0');
	assert.match(fs.readFileSync(stderrFile(), 'utf8'), /^k8slab: TERM=dumb cannot move the cursor, so this is a snapshot/);
	// What was written to the terminal, escapes included: plain text and newlines only.
	const escaped = tmux('capture-pane', '-p', '-e', '-t', session);
	assert.doesNotMatch(escaped, /\u001B\[[0-9;]*[A-Za-z]/, 'no escape sequence at all');
});

test('a terminal without colours (TERM=vt100) gets the mono theme: no colour, bold and inverse only', async () => {
	const marker = await startK8slab({env: 'TERM=vt100'});
	const escaped = tmux('capture-pane', '-p', '-e', '-t', session);
	const sgr = [...escaped.matchAll(/\u001B\[([0-9;]*)m/g)].flatMap(match => match[1]!.split(';')).filter(Boolean);
	assert.ok(sgr.length > 0, 'styled');
	// 39 and 49 are "default colour" (tmux writes them when a style ends); anything else in 30-48, 90-107 is a colour.
	const colours = sgr.filter(code => /^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$/.test(code));
	assert.deepEqual(colours, [], 'no colour codes');
	await send('q');
	await assertTerminalRestored(marker);
});

test('e hands the terminal to the editor (main screen, cursor shown, out of raw mode) and takes it back, redrawn, with keys working', async () => {
	const editor = path.join(scratch, 'editor.sh');
	const started = path.join(scratch, 'editor-started');
	const go = path.join(scratch, 'editor-go');
	fs.writeFileSync(editor, ['#!/bin/sh', `stty -a > ${started}.tty`, `touch ${started}`, `while [ ! -f ${go} ]; do sleep 0.1; done`, `sed -i 's/^  replicas: .*/  replicas: 2/' "$1"`, ''].join('\n'), {mode: 0o755});
	const marker = await startK8slab({env: `KUBE_EDITOR= VISUAL= EDITOR=${editor}`});
	// Pods, nodes, then the rollout pane, whose selection is its Deployment.
	await send('Tab', 'Tab');
	await onScreen('┏━ Rollout deployment/todoapi');
	await send('e');
	await eventually('the editor to start', async () => (fs.existsSync(started) ? true : undefined));
	assert.equal(tmux('display', '-p', '-t', session, '#{alternate_on}').trim(), '0', 'the editor has the main screen');
	assert.equal(tmux('display', '-p', '-t', session, '#{cursor_flag}').trim(), '1', 'the cursor is shown');
	const tty = fs.readFileSync(`${started}.tty`, 'utf8');
	assert.match(tty, /(^|\s)icanon(\s|$)/, 'the tty is out of raw mode');
	assert.match(tty, /(^|\s)echo(\s|$)/);
	assert.match(tty, /(^|\s)isig(\s|$)/);
	assert.doesNotMatch(screen(), /Pods \(all\)/, 'the view is not drawn over the editor');
	fs.writeFileSync(go, '');
	const text = await onScreen('deployment.apps/todoapi edited');
	assert.match(text, /Pods \(all\)[\s\S]*Rollout deployment\/todoapi[\s\S]*Events/, 'the whole view is drawn again');
	assert.equal(tmux('display', '-p', '-t', session, '#{alternate_on}').trim(), '1', 'back on the alternate screen');
	assert.equal(tmux('display', '-p', '-t', session, '#{cursor_flag}').trim(), '0', 'the cursor is hidden again');
	assert.equal((await sandbox.api.request('GET', '/apis/apps/v1/namespaces/default/deployments/todoapi')).body.spec.replicas, 2);
	// Keys reach the view again (raw mode is back): a prompt opens and closes, then q quits cleanly.
	await send('s');
	await onScreen('Scale deployment/todoapi');
	await send('Escape');
	await send('q');
	await assertTerminalRestored(marker);
});

test('closing the terminal (a real hangup) ends k8slab quietly: no crash report, no stack trace', async () => {
	const closing = `${session}-hangup`;
	const pid = path.join(scratch, 'hangup.pid');
	const stderr = path.join(scratch, 'hangup.stderr');
	tmux('new-session', '-d', '-s', closing, '-x', '120', '-y', '40', `bash -c 'echo $$ > ${pid}; exec node dist/k8slab.mjs --kubeconfig ${sandbox.kubeconfigPath} 2>${stderr}'`);
	let k8slab = 0;
	try {
		await eventually('the view in the second terminal', async () => (tmux('capture-pane', '-p', '-t', closing).includes('● live') ? true : undefined), 30_000);
		k8slab = Number(fs.readFileSync(pid, 'utf8').trim());
	} finally {
		tmux('kill-session', '-t', closing);
	}
	await eventually(
		'k8slab to exit',
		async () => {
			try {
				process.kill(k8slab, 0);
				return undefined;
			} catch {
				return true;
			}
		},
		10_000,
	);
	assert.equal(fs.readFileSync(stderr, 'utf8'), '', 'nothing on stderr');
});
