// Credentials as kubectl gets them, with real plugin processes: small scripts
// that count their runs in a file, hang, expire, print escape sequences.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, test} from 'node:test';
import {setTimeout as sleep} from 'node:timers/promises';
import {KubeConfig} from '@kubernetes/client-node/dist/config.js';
import {Credentials, type CredentialSource} from '../../source/kube/credentials.js';
import {commandLabel} from '../../source/kube/execPlugin.js';
import {ApiError} from '../../source/kube/errors.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-credentials-'));
after(() => fs.rmSync(dir, {recursive: true, force: true}));

const server = 'https://127.0.0.1:6443';
const caData = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n').toString('base64');
let scripts = 0;

/**
 * A plugin: appends a line to its run log (and its pid to a pid file), then
 * runs `body` (JavaScript with `credential(extra)` to print an ExecCredential).
 */
function plugin(body: string, apiVersion = 'client.authentication.k8s.io/v1'): {command: string; runs: () => number; pids: () => number[]; log: string} {
	const name = `plugin-${++scripts}`;
	const log = path.join(dir, `${name}.runs`);
	const file = path.join(dir, `${name}.mjs`);
	fs.writeFileSync(
		file,
		`#!${process.execPath}
import fs from 'node:fs';
fs.appendFileSync(${JSON.stringify(log)}, process.pid + ' ' + (process.env.KUBERNETES_EXEC_INFO ?? '') + '\\n');
const credential = (status) => process.stdout.write(JSON.stringify({apiVersion: ${JSON.stringify(apiVersion)}, kind: 'ExecCredential', status: {token: 'tok-' + process.pid, ...status}}));
${body}
`,
		{mode: 0o755},
	);
	const lines = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : []);
	return {command: file, log, runs: () => lines().length, pids: () => lines().map(line => Number(line.split(' ')[0]))};
}

function credentialsFor(user: Record<string, unknown>, options: {execTimeoutMs?: number; now?: () => number; tokenFile?: string; execExtension?: unknown; cluster?: Record<string, unknown>} = {}): Credentials {
	const kubeConfig = new KubeConfig();
	kubeConfig.loadFromOptions({
		clusters: [{name: 'lab', server, caData, skipTLSVerify: false, ...options.cluster}],
		users: [{name: 'lab-eks-admin', ...user}],
		contexts: [{name: 'lab-eks', cluster: 'lab', user: 'lab-eks-admin'}],
		currentContext: 'lab-eks',
	});
	const source: CredentialSource = {context: 'lab-eks', user: 'lab-eks-admin', server, tokenFile: options.tokenFile, execExtension: options.execExtension};
	return new Credentials(kubeConfig, source, {execTimeoutMs: options.execTimeoutMs, now: options.now});
}

const exec = (command: string, extra: Record<string, unknown> = {}) => ({exec: {apiVersion: 'client.authentication.k8s.io/v1', command, args: ['eks', 'get-token'], interactiveMode: 'Never', ...extra}});

async function headersOf(credentials: Credentials, deadline?: number): Promise<Record<string, unknown>> {
	const credential = await credentials.get(deadline);
	const options: {headers?: Record<string, unknown>} = {};
	await credential.config.applyToHTTPSOptions(options as any);
	return options.headers ?? {};
}

/** Running, not merely a zombie waiting to be reaped. */
function alive(pid: number): boolean {
	try {
		return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return false;
	}
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error('timed out');
		await sleep(50);
	}
}

test('concurrent requests share one plugin run, and later ones reuse its credential', async () => {
	const counting = plugin(`setTimeout(() => credential({}), 300);`);
	const credentials = credentialsFor(exec(counting.command));
	const all = await Promise.all(Array.from({length: 8}, () => headersOf(credentials)));
	assert.equal(counting.runs(), 1);
	assert.ok(all.every(headers => headers['Authorization'] === all[0]!['Authorization']));
	assert.match(String(all[0]!['Authorization']), /^Bearer tok-\d+$/);
	await headersOf(credentials);
	assert.equal(counting.runs(), 1, 'no run while the credential has no expiry');
	credentials.stop();
});

test('an expiring credential is fetched again ahead of its expiry, once, while the old one still serves', async () => {
	let clock = Date.now();
	const expiring = plugin(`credential({expirationTimestamp: new Date(Date.now() + 15 * 60_000).toISOString()});`);
	const credentials = credentialsFor(exec(expiring.command), {now: () => clock});
	const first = await headersOf(credentials);
	clock += 10 * 60_000;
	assert.deepEqual(await headersOf(credentials), first, 'ten minutes in: the same credential, no run');
	assert.equal(expiring.runs(), 1);
	clock += 4 * 60_000 + 40_000;
	// 20 s before expiry: the old one is still handed out while a new one is fetched once.
	const during = await Promise.all([headersOf(credentials), headersOf(credentials), headersOf(credentials)]);
	assert.ok(during.every(headers => headers['Authorization'] === first['Authorization']));
	await until(() => credentials.waitingFor() === undefined && expiring.runs() === 2 && alive(expiring.pids()[1]!) === false);
	await sleep(100);
	assert.equal(expiring.runs(), 2);
	assert.notEqual((await headersOf(credentials))['Authorization'], first['Authorization']);
	credentials.stop();
});

test('a plugin that hangs is stopped at its deadline, with its process group, and says so', async () => {
	const hanging = plugin(`process.stderr.write('opening browser for SSO\\n'); setInterval(() => {}, 1000);`);
	const credentials = credentialsFor(exec(hanging.command), {execTimeoutMs: 800});
	const started = Date.now();
	await assert.rejects(credentials.get(), (error: unknown) => {
		assert.ok(error instanceof ApiError);
		assert.match(error.message, /could not get credentials from plugin-\d+\.mjs eks get-token \(context lab-eks, user lab-eks-admin\): it gave no credential within 1s and was stopped; it said: opening browser for SSO/);
		return true;
	});
	assert.ok(Date.now() - started < 3000);
	await sleep(200);
	assert.equal(alive(hanging.pids()[0]!), false, 'the plugin process is gone');
	credentials.stop();
});

test("a request's deadline covers the wait: it is refused at the deadline, and a second request does not start a second plugin", async () => {
	const hanging = plugin(`setTimeout(() => credential({}), 3000);`);
	const credentials = credentialsFor(exec(hanging.command));
	const waiting: string[] = [];
	credentials.subscribe(() => waiting.push(credentials.waitingFor() ?? '-'));
	const started = Date.now();
	await assert.rejects(credentials.get(Date.now() + 500), /no credentials from plugin-\d+\.mjs eks get-token within the request's deadline \(waited 0\.\ds\), so nothing was sent; the plugin is still running/);
	assert.ok(Date.now() - started < 1500);
	await assert.rejects(credentials.get(Date.now() + 300), /nothing was sent/);
	assert.equal(hanging.runs(), 1);
	assert.match(waiting[0] ?? '', /^plugin-\d+\.mjs eks get-token$/, 'the wait was announced');
	// The run goes on for whoever asks without a deadline.
	assert.match(String((await headersOf(credentials))['Authorization']), /^Bearer tok-/);
	assert.equal(hanging.runs(), 1);
	assert.equal(credentials.waitingFor(), undefined);
	credentials.stop();
});

test('stop() kills a running plugin and refuses every later request', async () => {
	const hanging = plugin(`setInterval(() => {}, 1000);`);
	const credentials = credentialsFor(exec(hanging.command));
	const pending = credentials.get();
	await until(() => hanging.runs() === 1);
	credentials.stop();
	await assert.rejects(pending, /stopping; the request was not sent/);
	await sleep(200);
	assert.equal(alive(hanging.pids()[0]!), false);
	await assert.rejects(credentials.get(), /stopping/);
});

test("a plugin's stderr is sanitised, shortened and redacted; its stdout is never quoted", async () => {
	const token = 'k8s-aws-v1.aHR0cHM6Ly9zdHMuYW1hem9uYXdzLmNvbS8_QWN0aW9uPUdldENhbGxlcklkZW50aXR5';
	const noisy = plugin(
		`process.stderr.write('\\u001b[31mERROR\\u001b[0m \\u001b]0;pwned\\u0007' + 'x'.repeat(20000) + '\\nline a\\nline b\\nline c\\nline d\\nfailed for ${token}\\u0007\\r\\n'); process.stdout.write('secret-stdout-${token}'); process.exit(3);`,
	);
	const credentials = credentialsFor(exec(noisy.command));
	await assert.rejects(credentials.get(), (error: unknown) => {
		const message = (error as Error).message;
		assert.match(message, /it failed with exit code 3: … line a \| line b \| line c \| line d \| failed for \[redacted\]$/);
		assert.doesNotMatch(message, /[\u0000-\u001F\u007F]/, 'no control characters');
		assert.ok(!message.includes(token) && !message.includes('secret-stdout'));
		assert.ok(message.length < 700, `short: ${message.length}`);
		return true;
	});
	credentials.stop();
});

test('interactiveMode: Always is refused with the reason, IfAvailable and Never run without the keyboard', async () => {
	const counting = plugin(`credential({});`);
	const always = credentialsFor(exec(counting.command, {interactiveMode: 'Always'}));
	await assert.rejects(always.get(), /cannot support interactive mode: standard input is unavailable \(k8slab's view reads the keyboard\)/);
	assert.equal(counting.runs(), 0);
	const unset = credentialsFor(exec(counting.command, {interactiveMode: undefined}));
	await assert.rejects(unset.get(), /interactiveMode must be specified for lab-eks-admin/);
	const ifAvailable = credentialsFor(exec(counting.command, {interactiveMode: 'IfAvailable'}));
	await ifAvailable.get();
	assert.equal(counting.runs(), 1);
	const info = JSON.parse(fs.readFileSync(counting.log, 'utf8').trim().split('\n')[0]!.split(' ').slice(1).join(' '));
	assert.deepEqual(info, {kind: 'ExecCredential', apiVersion: 'client.authentication.k8s.io/v1', spec: {interactive: false}}, 'KUBERNETES_EXEC_INFO without the cluster');
});

test('provideClusterInfo hands the plugin the server, the CA and the cluster extension, in its own apiVersion', async () => {
	const recording = plugin(`credential({});`, 'client.authentication.k8s.io/v1beta1');
	const credentials = credentialsFor(
		{exec: {apiVersion: 'client.authentication.k8s.io/v1beta1', command: recording.command, provideClusterInfo: true, env: [{name: 'AWS_PROFILE', value: 'lab'}]}},
		{execExtension: {region: 'eu-west-1'}, cluster: {tlsServerName: 'kubernetes'}},
	);
	await credentials.get();
	const info = JSON.parse(fs.readFileSync(recording.log, 'utf8').trim().split(' ').slice(1).join(' '));
	assert.deepEqual(info, {
		kind: 'ExecCredential',
		apiVersion: 'client.authentication.k8s.io/v1beta1',
		spec: {cluster: {server, 'tls-server-name': 'kubernetes', 'certificate-authority-data': caData, config: {region: 'eu-west-1'}}, interactive: false},
	});
});

test("a plugin's answer is checked like client-go does", async () => {
	const cases: Array<[string, RegExp]> = [
		[
			`process.stdout.write('{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"t"}}')`,
			/configured to use API version client.authentication.k8s.io\/v1, plugin returned version client.authentication.k8s.io\/v1beta1/,
		],
		[`process.stdout.write('tok-abcdef not json')`, /not an ExecCredential \(not JSON\)$/],
		[`credential({token: ''})`, /didn't return a token or cert\/key pair/],
		[`credential({token: '', clientCertificateData: 'x'})`, /only certificate or key, not both/],
	];
	for (const [body, expected] of cases) {
		const credentials = credentialsFor(exec(plugin(body).command));
		await assert.rejects(credentials.get(), (error: unknown) => {
			assert.match((error as Error).message, expected);
			assert.doesNotMatch((error as Error).message, /tok-/);
			return true;
		});
	}
	const missing = credentialsFor(exec(path.join(dir, 'no-such-plugin'), {installHint: 'install it with brew'}));
	await assert.rejects(missing.get(), /executable .*no-such-plugin not found; install it with brew/);
});

test('a client certificate from a plugin is what the request presents', async () => {
	const certPlugin = plugin(`credential({token: '', clientCertificateData: '-----BEGIN CERTIFICATE-----\\nMIIC\\n-----END CERTIFICATE-----\\n', clientKeyData: '-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----\\n'});`);
	const credentials = credentialsFor(exec(certPlugin.command));
	const credential = await credentials.get();
	const options: {cert?: Buffer; key?: Buffer; headers?: Record<string, string>} = {};
	await credential.config.applyToHTTPSOptions(options as any);
	assert.match(String(options.cert), /BEGIN CERTIFICATE/);
	assert.match(String(options.key), /BEGIN PRIVATE KEY/);
	assert.equal(options.headers?.['Authorization'], undefined);
});

test('a 401 drops the credential so the next request runs the plugin once more, but not in a loop', async () => {
	let clock = Date.now();
	const counting = plugin(`credential({});`);
	const credentials = credentialsFor(exec(counting.command), {now: () => clock});
	const first = await credentials.get();
	assert.equal(credentials.rejected(first), false, 'a credential just fetched is not fetched again at once');
	clock += 11_000;
	assert.equal(credentials.rejected(first), true);
	assert.equal(credentials.rejected(first), false, 'already dropped');
	const second = await credentials.get();
	assert.notEqual(second, first);
	assert.equal(counting.runs(), 2);
});

test('tokenFile: the token is read from the file, and read again at most once a minute', async () => {
	let clock = Date.now();
	const file = path.join(dir, 'token');
	fs.writeFileSync(file, 'first-token\n');
	const credentials = credentialsFor({exec: {apiVersion: 'client.authentication.k8s.io/v1', command: '/bin/false', interactiveMode: 'Never'}}, {tokenFile: file, now: () => clock});
	assert.equal((await headersOf(credentials))['Authorization'], 'Bearer first-token', 'the token file wins over the plugin, which never runs');
	fs.writeFileSync(file, 'second-token\n');
	clock += 30_000;
	assert.equal((await headersOf(credentials))['Authorization'], 'Bearer first-token');
	clock += 31_000;
	assert.equal((await headersOf(credentials))['Authorization'], 'Bearer second-token');
	fs.rmSync(file);
	clock += 61_000;
	assert.equal((await headersOf(credentials))['Authorization'], 'Bearer second-token', 'a file gone missing keeps the last token');
	const absent = credentialsFor({}, {tokenFile: path.join(dir, 'absent')});
	await assert.rejects(absent.get(), /the tokenFile .*absent of user lab-eks-admin could not be read \(ENOENT\)/);
});

test('static tokens, client certificates and basic auth work as client-node applies them', async () => {
	const counting = plugin(`credential({});`);
	const token = credentialsFor({token: 'static-token', ...exec(counting.command)});
	assert.equal((await headersOf(token))['Authorization'], 'Bearer static-token');
	assert.equal(counting.runs(), 0, 'a token wins over a plugin, which never runs');
	const basic = credentialsFor({username: 'admin', password: 'pw'});
	const credential = await basic.get();
	const options: {auth?: string} = {};
	await credential.config.applyToHTTPSOptions(options as any);
	assert.equal(options.auth, 'admin:pw');
});

test('the command shown is the program and its arguments, never its environment', () => {
	assert.equal(commandLabel({command: '/usr/local/bin/aws', args: ['eks', 'get-token', '--cluster-name', 'lab']}), 'aws eks get-token --cluster-name lab');
	assert.equal(commandLabel({command: 'aws\u001b[31m', args: []}), 'aws[31m');
	assert.ok(commandLabel({command: 'x', args: ['y'.repeat(200)]}).length <= 60);
});
