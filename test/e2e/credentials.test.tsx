// Credentials like kubectl's, against the sandbox's real API server, with
// exec plugins written here as small scripts: one that hangs, one whose
// credential expires after 15 s and that then hangs, one that counts its runs,
// one that records what client-go would hand it; and tokenFile.
import assert from 'node:assert/strict';
import {execFileSync, spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {setTimeout as sleep} from 'node:timers/promises';
import {connect, resolveConfig} from '../../source/kube/config.js';
import {keys} from '../ui/helpers.js';
import {openView} from './app-harness.js';
import {eventually, testSandbox, type TestSandbox} from './sandbox-harness.js';

let sandbox: TestSandbox;
let scratch: string;
let kubeconfig: string;
const session = `k8slab-creds-${process.pid}`;

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

const runsOf = (name: string) => {
	const file = path.join(scratch, `${name}.runs`);
	return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : [];
};
const pidsOf = (name: string) => runsOf(name).map(line => Number(line.split(' ')[0]));

/** Running, not merely a zombie waiting to be reaped. */
function alive(pid: number): boolean {
	try {
		return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return false;
	}
}

/**
 * A plugin script: logs each run (pid and KUBERNETES_EXEC_INFO) to <name>.runs,
 * then runs `body`, where `credential(seconds?)` prints the sandbox's EKS token,
 * expiring after `seconds` if given, and `released()` says whether the test let it go.
 */
function plugin(name: string, body: string, apiVersion = 'client.authentication.k8s.io/v1'): string {
	const file = path.join(scratch, `${name}.mjs`);
	fs.writeFileSync(
		file,
		`#!${process.execPath}
import fs from 'node:fs';
const log = ${JSON.stringify(path.join(scratch, `${name}.runs`))};
const run = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\\n').filter(Boolean).length + 1 : 1;
fs.appendFileSync(log, process.pid + ' ' + (process.env.KUBERNETES_EXEC_INFO ?? '') + '\\n');
const token = fs.readFileSync(${JSON.stringify(path.join(sandbox.dir, 'pki', 'eks-token'))}, 'utf8').trim();
const credential = (seconds) => process.stdout.write(JSON.stringify({apiVersion: ${JSON.stringify(apiVersion)}, kind: 'ExecCredential',
	status: {token, ...(seconds ? {expirationTimestamp: new Date(Date.now() + seconds * 1000).toISOString()} : {})}}));
const released = () => fs.existsSync(${JSON.stringify(path.join(scratch, `${name}.release`))});
${body}
`,
		{mode: 0o755},
	);
	return file;
}

const release = (name: string) => fs.writeFileSync(path.join(scratch, `${name}.release`), '');
const waitForRelease = `await new Promise(resolve => { const timer = setInterval(() => { if (released()) { clearInterval(timer); resolve(); } }, 100); });`;

before(async () => {
	sandbox = await testSandbox();
	scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-creds-'));
	const config = JSON.parse(fs.readFileSync(sandbox.kubeconfigPath, 'utf8'));
	const cluster = config.contexts[0].context.cluster;
	const execUser = (command: string, extra: object = {}) => ({exec: {apiVersion: 'client.authentication.k8s.io/v1', command, args: ['get-token', '--cluster', 'lab'], interactiveMode: 'Never', ...extra}});
	const users: Record<string, object> = {
		hang: execUser(plugin('hang', `process.stderr.write('\\u001b[2J\\u001b[31mopening the browser\\n'); setInterval(() => {}, 1000);`)),
		counting: execUser(plugin('counting', `credential();`)),
		expiring: execUser(plugin('expiring', `if (run === 1) credential(15); else { ${waitForRelease} credential(3600); }`)),
		slow: execUser(plugin('slow', `setTimeout(() => credential(), 2500);`)),
		short: execUser(plugin('short', `if (run === 1) credential(5); else { ${waitForRelease} credential(); }`)),
		gated: execUser(plugin('gated', `${waitForRelease} credential();`)),
		'cluster-info': execUser(plugin('cluster-info', `credential();`, 'client.authentication.k8s.io/v1beta1'), {apiVersion: 'client.authentication.k8s.io/v1beta1', provideClusterInfo: true}),
		'bad-token': {token: 'not-the-token'},
		'token-file': {tokenFile: path.join(sandbox.dir, 'pki', 'eks-token')},
	};
	for (const [name, user] of Object.entries(users)) {
		config.users.push({name, user});
		config.contexts.push({name, context: {cluster, user: name, namespace: 'default'}});
	}
	kubeconfig = path.join(scratch, 'kubeconfig');
	fs.writeFileSync(kubeconfig, JSON.stringify(config), {mode: 0o600});
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

/** The CLI, with when its stdout last printed and when it exited. */
function k8slab(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{code: number | null; stdout: string; stderr: string; printedAt: number; exitedAt: number}> {
	return new Promise(resolve => {
		const child = spawn(process.execPath, ['dist/k8slab.mjs', ...args], {env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		let printedAt = 0;
		child.stdout.on('data', chunk => {
			stdout += chunk;
			printedAt = Date.now();
		});
		child.stderr.on('data', chunk => {
			stderr += chunk;
			printedAt = Date.now();
		});
		child.on('exit', code => resolve({code, stdout, stderr, printedAt, exitedAt: Date.now()}));
	});
}

let run = 0;
async function send(...keysToSend: string[]): Promise<void> {
	for (const key of keysToSend) {
		tmux('send-keys', '-t', session, key);
		await sleep(60);
	}
}

test('a plugin that hangs at start: the terminal says what k8slab waits for, q and Ctrl-C quit, the plugin is stopped; a slow one gives way to the view', async () => {
	for (const [key, code] of [
		['q', 0],
		['C-c', 130],
	] as const) {
		const marker = `exit-${++run}`;
		const before = runsOf('hang').length;
		await send('clear', 'Enter');
		await send(`node dist/k8slab.mjs --kubeconfig ${kubeconfig} --context hang; echo "${marker}=$?"`, 'Enter');
		await onScreen('k8slab: waiting for credentials from hang.mjs get-token --cluster lab… (q to quit)');
		await eventually('the plugin started', async () => (runsOf('hang').length > before ? true : undefined));
		await send(key);
		const text = await onScreen(`${marker}=${code}`, 5000);
		assert.doesNotMatch(text, /opening the browser/, "the plugin's stderr is not written to the terminal");
		assert.equal(tmux('display', '-p', '-t', session, '#{alternate_on}').trim(), '0');
		await eventually('the plugin is stopped', async () => (alive(pidsOf('hang').at(-1)!) ? undefined : true), 3000);
	}
	// A plugin that is only slow: the line, then the view, which takes the keyboard over as usual.
	const marker = `exit-${++run}`;
	await send('clear', 'Enter');
	await send(`node dist/k8slab.mjs --kubeconfig ${kubeconfig} --context slow; echo "${marker}=$?"`, 'Enter');
	await onScreen('k8slab: waiting for credentials from slow.mjs get-token --cluster lab… (q to quit)');
	await onScreen('● live', 20_000);
	await onScreen('todoapi-');
	await send('q');
	const after = await onScreen(`${marker}=0`, 5000);
	assert.doesNotMatch(after, /waiting for credentials/, 'the waiting line was taken back');
	assert.equal(tmux('display', '-p', '-t', session, '#{alternate_on}').trim(), '0');
	// The terminal is back in cooked mode with echo: a typed command shows as typed and runs.
	await send('echo typed-$((6*7))', 'Enter');
	const text = await onScreen(/^typed-42$/m, 5000);
	assert.match(text, /echo typed-\$\(\(6\*7\)\)/, 'echo is on');
});

test('a plugin past its deadline (K8SLAB_EXEC_TIMEOUT) is stopped and reported in one line; snapshot exits at once', async () => {
	const before = runsOf('hang').length;
	const started = Date.now();
	const result = await k8slab(['snapshot', '--kubeconfig', kubeconfig, '--context', 'hang'], {K8SLAB_EXEC_TIMEOUT: '2'});
	assert.equal(result.code, 1, result.stderr);
	const lines = result.stderr.trim().split('\n');
	assert.equal(lines[0], 'k8slab: waiting for credentials from hang.mjs get-token --cluster lab…', 'said once the wait is long enough to notice');
	assert.equal(lines[1], 'k8slab: could not get credentials from hang.mjs get-token --cluster lab (context hang, user hang): it gave no credential within 2s and was stopped; it said: opening the browser');
	assert.equal(lines.length, 2);
	assert.ok(result.exitedAt - started < 6000, `exited after ${result.exitedAt - started} ms`);
	assert.ok(result.exitedAt - result.printedAt < 1000, `exited ${result.exitedAt - result.printedAt} ms after printing`);
	assert.equal(runsOf('hang').length, before + 1);
	assert.equal(alive(pidsOf('hang').at(-1)!), false);
});

test('one plugin run per start, and the process exits within 1 s of printing', async () => {
	const result = await k8slab(['snapshot', '--kubeconfig', kubeconfig, '--context', 'counting', '--width', '120', '--height', '40']);
	assert.equal(result.code, 0, result.stderr);
	assert.match(result.stdout, /Rollout deployment\/todoapi/);
	// A slow start of the plugin may be announced; nothing else is said.
	assert.match(result.stderr, /^(k8slab: waiting for credentials from counting\.mjs get-token --cluster lab…\n)?$/);
	assert.equal(runsOf('counting').length, 1, 'kubectl runs it once; so does k8slab');
	assert.ok(result.exitedAt - result.printedAt < 1000, `exited ${result.exitedAt - result.printedAt} ms after printing`);
	// The sandbox's own exec user (`k8slab sandbox credential`, like `aws eks get-token`).
	const eks = await k8slab(['snapshot', '--kubeconfig', sandbox.kubeconfigPath, '--context', 'lab-eks']);
	assert.equal(eks.code, 0, eks.stderr);
	assert.match(eks.stdout, /Pods \(all\) 11/);
	assert.ok(eks.exitedAt - eks.printedAt < 1000, `exited ${eks.exitedAt - eks.printedAt} ms after printing`);
});

test('tokenFile: k8slab connects as the token’s identity, not system:anonymous', async () => {
	const {client} = connect(resolveConfig({kubeconfig, context: 'token-file'}));
	try {
		const review = await client.request('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {body: {apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview'}});
		assert.equal(review.status.userInfo.username, 'lab-eks-admin');
	} finally {
		client.stop();
	}
	const result = await k8slab(['snapshot', '--kubeconfig', kubeconfig, '--context', 'token-file']);
	assert.equal(result.code, 0, result.stderr);
	assert.match(result.stdout, /Pods \(all\) 11/);
});

test('provideClusterInfo: the plugin gets the server and CA in KUBERNETES_EXEC_INFO, in its own apiVersion', async () => {
	const {client} = connect(resolveConfig({kubeconfig, context: 'cluster-info'}));
	try {
		await client.request('GET', '/version');
	} finally {
		client.stop();
	}
	const [line] = runsOf('cluster-info');
	const info = JSON.parse(line!.split(' ').slice(1).join(' '));
	const config = JSON.parse(fs.readFileSync(sandbox.kubeconfigPath, 'utf8'));
	assert.equal(info.apiVersion, 'client.authentication.k8s.io/v1beta1');
	assert.equal(info.kind, 'ExecCredential');
	assert.equal(info.spec.interactive, false);
	assert.equal(info.spec.cluster.server, sandbox.server);
	assert.equal(info.spec.cluster['certificate-authority-data'], config.clusters[0].cluster['certificate-authority-data']);
});

test('a refused credential names the context, user and server', async () => {
	const result = await k8slab(['snapshot', '--kubeconfig', kubeconfig, '--context', 'bad-token']);
	assert.equal(result.code, 1);
	assert.equal(result.stderr.trim(), `k8slab: Unauthorized: context bad-token, user bad-token, server ${sandbox.server}`);
	assert.doesNotMatch(result.stderr, /not-the-token/);
});

test('stopped while its LISTs wait for a plugin, the store opens no connection when the credential arrives', async () => {
	const {client, store} = connect(resolveConfig({kubeconfig, context: 'gated'}));
	const sockets = () => process.getActiveResourcesInfo().filter(kind => kind === 'TLSWrap' || kind === 'TCPSocketWrap').length;
	const baseline = sockets();
	store.start();
	await eventually('the plugin started', async () => (runsOf('gated').length === 1 ? true : undefined));
	store.stop();
	release('gated');
	// The run itself goes on (the client is not stopped): its credential arrives, and nobody may use it.
	await eventually('the plugin returned', async () => (alive(pidsOf('gated')[0]!) ? undefined : true), 5000);
	await sleep(1500);
	assert.ok(sockets() <= baseline, `no socket opened (${sockets()} now, ${baseline} before)`);
	assert.equal(
		Object.values(store.informers).reduce((sum, informer) => sum + informer.stats.lists, 0),
		0,
		'no LIST was made',
	);
	client.stop();
});

test('stopped while a watch waits for a refreshed credential, the informer does not open it when the credential arrives', async () => {
	// Watches end every 2 s here, so they reconnect after the 5 s credential expired, while its refresh hangs.
	const {client, store} = connect(resolveConfig({kubeconfig, context: 'short'}), {watchTimeoutSeconds: 2});
	const sockets = () => process.getActiveResourcesInfo().filter(kind => kind === 'TLSWrap' || kind === 'TCPSocketWrap').length;
	store.start();
	await eventually('a watch waits for the refresh', async () => (runsOf('short').length === 2 && client.credentials.waitingFor() ? true : undefined), 20_000);
	store.stop();
	await sleep(500);
	const baseline = sockets();
	release('short');
	await eventually('the plugin returned', async () => (alive(pidsOf('short')[1]!) ? undefined : true), 5000);
	await sleep(1500);
	assert.ok(sockets() <= baseline, `no socket opened (${sockets()} now, ${baseline} before)`);
	client.stop();
});

test('mid-session expiry with a hanging plugin: the status line says so, an edit is refused at its deadline and never sent late, one run per expiry', async () => {
	const deploymentPath = '/apis/apps/v1/namespaces/default/deployments/todoapi';
	const replicas = async () => (await sandbox.api.request('GET', deploymentPath)).body.spec.replicas as number;
	const before = await replicas();
	const view = openView(kubeconfig, {context: 'expiring'});
	try {
		await view.onScreen('● live');
		await view.onScreen('todoapi-');
		assert.equal(runsOf('expiring').length, 1);
		// The credential lasts 15 s: wait it out, then edit.
		await sleep(16_000);
		await view.key('s');
		await view.onScreen('Scale deployment/todoapi');
		await view.key(keys.ctrlU);
		await view.type(String(before + 2));
		await view.key(keys.enter);
		await view.onScreen('waiting for credentials from expiring.mjs get-token --cluster lab…', 5000);
		// A second edit while the plugin runs waits on the same run.
		await view.key('s');
		await view.onScreen('Scale deployment/todoapi');
		await view.key(keys.ctrlU);
		await view.type(String(before + 3));
		await view.key(keys.enter);
		await sleep(2000);
		assert.equal(runsOf('expiring').length, 2, 'one run per expiry: the second edit did not start a plugin');
		await view.onScreen(/no credentials from expiring\.mjs get-token --cluster lab within the request's deadline \(waited \d+(\.\d)?s\), so nothing was sent/, 25_000);
		// Now the plugin answers: the edits it held up must not go out.
		release('expiring');
		await eventually('the plugin answered', async () => (alive(pidsOf('expiring')[1]!) ? undefined : true), 5000);
		await view.onScreen('● live', 10_000);
		await sleep(2000);
		assert.equal(await replicas(), before, 'the refused edits were never sent');
		assert.equal(runsOf('expiring').length, 2);
	} finally {
		view.close();
	}
});
