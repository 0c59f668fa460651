// The real CLI as a user runs it: broken configuration gives one clear line
// and exit code 1 (no stack trace, no secrets); a snapshot prints the view;
// the sandbox command line is idempotent and recovers from a crash.
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {readPid} from '../../source/sandbox/processes.js';
import {componentNames} from '../../source/sandbox/versions.js';
import {freePort} from '../../source/sandbox/processes.js';
import {testSandbox, type TestSandbox} from './sandbox-harness.js';

let sandbox: TestSandbox;
let scratch: string;

function k8slab(args: string[], env: NodeJS.ProcessEnv = {}) {
	const result = spawnSync(process.execPath, ['dist/k8slab.mjs', ...args], {encoding: 'utf8', env: {...process.env, ...env}, timeout: 60_000});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

function kubeconfigWith(edit: (config: any) => void): string {
	const config = JSON.parse(fs.readFileSync(sandbox.kubeconfigPath, 'utf8'));
	edit(config);
	const file = path.join(scratch, `kubeconfig-${Math.random().toString(36).slice(2)}`);
	fs.writeFileSync(file, JSON.stringify(config));
	return file;
}

/** One line, no stack frames, none of the kubeconfig's secrets. */
function assertCleanFailure(result: {code: number | null; stdout: string; stderr: string}, expected: RegExp): void {
	assert.equal(result.code, 1, `exit code (stderr: ${result.stderr})`);
	const lines = result.stderr.trim().split('\n');
	assert.equal(lines.length, 1, `one line, got:\n${result.stderr}`);
	assert.match(lines[0]!, expected);
	assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
	const config = JSON.parse(fs.readFileSync(sandbox.kubeconfigPath, 'utf8'));
	for (const user of config.users) {
		for (const secret of [user.user['client-key-data'], user.user['client-certificate-data']].filter(Boolean)) {
			assert.ok(!result.stderr.includes(secret.slice(0, 40)), 'no key or certificate data');
		}
	}
	const token = fs.readFileSync(path.join(sandbox.dir, 'pki', 'eks-token'), 'utf8').trim();
	assert.ok(!result.stderr.includes(token) && !result.stdout.includes(token), 'no token');
}

before(async () => {
	sandbox = await testSandbox();
	scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-cli-'));
});

after(async () => {
	await sandbox?.close();
	fs.rmSync(scratch, {recursive: true, force: true});
});

test('a missing kubeconfig file', () => {
	assertCleanFailure(k8slab(['snapshot', '--kubeconfig', path.join(scratch, 'nope')]), /^k8slab: kubeconfig .*nope does not exist$/);
});

test('no kubeconfig anywhere points at --sandbox', () => {
	const home = fs.mkdtempSync(path.join(scratch, 'home-'));
	assertCleanFailure(k8slab(['snapshot'], {HOME: home, KUBECONFIG: ''}), /no kubeconfig found .*k8slab --sandbox/);
});

test('an invalid kubeconfig', () => {
	const file = path.join(scratch, 'garbage');
	fs.writeFileSync(file, 'apiVersion: v1\nclusters: [this is: not: yaml\n');
	assertCleanFailure(k8slab(['snapshot', '--kubeconfig', file]), /^k8slab: kubeconfig .* is not valid: /);
});

test('an unknown context names the ones there are', () => {
	assertCleanFailure(k8slab(['snapshot', '--kubeconfig', sandbox.kubeconfigPath, '--context', 'prod']), /context "prod" is not in the kubeconfig \(it has: k8slab-sandbox, lab-viewer, lab-eks\)/);
});

test('an unreachable server', async () => {
	const port = await freePort();
	const file = kubeconfigWith(config => {
		config.clusters[0].cluster.server = `https://127.0.0.1:${port}`;
	});
	assertCleanFailure(k8slab(['snapshot', '--kubeconfig', file]), new RegExp(`cannot reach the API server at https://127\\.0\\.0\\.1:${port} \\(connection refused\\)`));
});

test('a server that accepts the connection but never answers', async () => {
	// The kernel completes the TCP handshake; nothing ever answers the TLS hello.
	const silent = net.createServer(() => {});
	await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve));
	const {port} = silent.address() as net.AddressInfo;
	const file = kubeconfigWith(config => {
		config.clusters[0].cluster.server = `https://127.0.0.1:${port}`;
	});
	const started = Date.now();
	const result = k8slab(['snapshot', '--kubeconfig', file]);
	const waited = Date.now() - started;
	silent.close();
	assertCleanFailure(result, new RegExp(`the API server at https://127\\.0\\.0\\.1:${port} did not answer in time`));
	// The reachability check allows 8 s; the socket's own timeout used to let it run twice that.
	assert.ok(waited < 12_000, `gave up after ${waited} ms`);
});

test('a server certificate the kubeconfig does not trust', () => {
	execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'other.key', '-out', 'other.crt', '-days', '1', '-subj', '/CN=other-ca'], {cwd: scratch, stdio: 'ignore'});
	const file = kubeconfigWith(config => {
		config.clusters[0].cluster['certificate-authority-data'] = fs.readFileSync(path.join(scratch, 'other.crt')).toString('base64');
	});
	assertCleanFailure(k8slab(['snapshot', '--kubeconfig', file]), /presented a certificate the kubeconfig's CA does not trust/);
});

test('snapshot prints the view without colour when stdout is not a terminal', () => {
	const result = k8slab(['snapshot', '--kubeconfig', sandbox.kubeconfigPath, '--width', '120', '--height', '40']);
	assert.equal(result.code, 0, result.stderr);
	const lines = result.stdout.trimEnd().split('\n');
	assert.ok(lines.length <= 40, `at most 40 lines, got ${lines.length}`);
	assert.ok(
		lines.every(line => line.length <= 120),
		'no line wider than 120',
	);
	assert.doesNotMatch(result.stdout, /\u001B\[/, 'no ANSI escapes');
	assert.match(result.stdout, /Pods \(all\) 11/);
	assert.match(result.stdout, /Rollout deployment\/todoapi/);
	assert.match(result.stdout, /deployment "todoapi" successfully rolled out/);
});

test("lab, when stdout is not a terminal, prints the view with the lab's steps open, checked against the cluster", () => {
	const result = k8slab(['lab', '--kubeconfig', sandbox.kubeconfigPath, '--width', '120', '--height', '40']);
	assert.equal(result.code, 0, result.stderr);
	assert.match(result.stderr, /not a terminal, so this is a snapshot/);
	assert.match(result.stdout, /Lab progress · 0 of 9 · deployment\/todoapi/);
	assert.match(result.stdout, /· part 2\s+Liveness and readiness probes added\s+p/);
	assert.match(result.stdout, /Pods \(all\) 11/);
});

test('the code cache is written by the first start, serves the next, and a corrupt one is replaced, not fatal', () => {
	const home = fs.mkdtempSync(path.join(scratch, 'cache-'));
	const trace = path.join(home, 'trace.log');
	const cacheDir = path.join(home, 'k8slab', 'code-cache');
	const snapshot = () => {
		fs.rmSync(trace, {force: true});
		const result = k8slab(['snapshot', '--kubeconfig', sandbox.kubeconfigPath], {XDG_CACHE_HOME: home, K8SLAB_TRACE: trace});
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, /Pods \(all\) 11/);
		return /code cache (\w+)/.exec(fs.readFileSync(trace, 'utf8'))?.[1];
	};
	assert.equal(snapshot(), 'none');
	const files = fs.readdirSync(cacheDir);
	assert.equal(files.length, 1, `one cache file, got ${files.join(', ')}`);
	const cacheFile = path.join(cacheDir, files[0]!);
	assert.equal(snapshot(), 'accepted');

	fs.writeFileSync(cacheFile, 'not a code cache'.repeat(1000));
	assert.equal(snapshot(), 'rejected');
	assert.notEqual(fs.readFileSync(cacheFile, 'latin1'), 'not a code cache'.repeat(1000), 'the corrupt cache is rewritten');
	assert.equal(snapshot(), 'accepted');
});

test('the lab-eks context authenticates through the exec plugin in k8slab too', () => {
	const result = k8slab(['snapshot', '--kubeconfig', sandbox.kubeconfigPath, '--context', 'lab-eks']);
	assert.equal(result.code, 0, result.stderr);
	assert.match(result.stdout, /ctx lab-eks/);
	assert.match(result.stdout, /ip-192-168-/);
});

test('a snapshot with a pane the context may not list prints what it can and exits 3, naming the pane', () => {
	const result = k8slab(['snapshot', '--kubeconfig', sandbox.kubeconfigPath, '--context', 'lab-viewer']);
	assert.equal(result.code, 3, result.stderr);
	assert.match(result.stdout, /nodes is forbidden: User "lab-viewer" cannot list resource/);
	assert.match(result.stdout, /todoapi-/, 'the panes it may read are there');
	assert.equal(result.stderr, 'k8slab: snapshot incomplete: nodes forbidden\n');
});

test('-n starts pods and events in that namespace, -A (or neither) in all of them', () => {
	const scoped = k8slab(['snapshot', '--kubeconfig', sandbox.kubeconfigPath, '-n', 'kube-system']);
	assert.equal(scoped.code, 0, scoped.stderr);
	assert.match(scoped.stdout, /Pods \(kube-system\) 8/);
	assert.doesNotMatch(scoped.stdout, /todoapi-\w+-\w+ /, 'no pod of default');
	const all = k8slab(['snapshot', '--kubeconfig', sandbox.kubeconfigPath, '-n', 'kube-system', '-A']);
	assert.equal(all.code, 0, all.stderr);
	assert.match(all.stdout, /Pods \(all\) 11/);
});

test('bash completion offers the namespaces and deployments of the cluster', () => {
	const bin = fs.mkdtempSync(path.join(scratch, 'bin-'));
	fs.symlinkSync(path.resolve('dist/k8slab.mjs'), path.join(bin, 'k8slab'));
	const complete = (line: string) => {
		const script = `source <(k8slab completion bash)\nCOMP_LINE=${JSON.stringify(line)}; COMP_POINT=\${#COMP_LINE}\n_k8slab\nprintf '%s\\n' "\${COMPREPLY[@]}"`;
		const result = spawnSync('bash', ['-c', script], {encoding: 'utf8', env: {...process.env, PATH: `${bin}${path.delimiter}${process.env['PATH']}`}});
		assert.equal(result.status, 0, result.stderr);
		return result.stdout.split('\n').filter(Boolean);
	};
	assert.deepEqual(complete(`k8slab --kubeconfig ${sandbox.kubeconfigPath} -n `).sort(), ['default', 'kube-node-lease', 'kube-public', 'kube-system']);
	assert.deepEqual(complete(`k8slab --kubeconfig ${sandbox.kubeconfigPath} --namespace=kube-s`), ['kube-system']);
	assert.deepEqual(complete(`k8slab snapshot --kubeconfig ${sandbox.kubeconfigPath} -d `), ['todoapi']);
	assert.deepEqual(complete(`k8slab --kubeconfig ${sandbox.kubeconfigPath} --context lab-`).sort(), ['lab-eks', 'lab-viewer']);
});

test('sandbox up is idempotent, status reports the components, and a crashed sandbox is cleaned up and restarted', () => {
	const again = k8slab(['sandbox', 'up', '--dir', sandbox.dir]);
	assert.equal(again.code, 0, again.stderr);
	assert.match(again.stderr, /already running/);
	assert.match(again.stdout, new RegExp(`export KUBECONFIG=${sandbox.kubeconfigPath.replaceAll('.', '\\.')}`));

	const status = k8slab(['sandbox', 'status', '--dir', sandbox.dir]);
	assert.equal(status.code, 0);
	for (const name of componentNames) assert.match(status.stdout, new RegExp(`● ${name}\\s+running`));

	// A crash: every component killed, pid files and state left behind.
	for (const name of componentNames) process.kill(readPid(sandbox.dir, name)!, 'SIGKILL');
	const recovered = k8slab(['sandbox', 'up', '--dir', sandbox.dir]);
	assert.equal(recovered.code, 0, recovered.stderr);
	assert.match(recovered.stderr, /cleaning up a sandbox that did not stop cleanly/);
	assert.match(recovered.stderr, /sandbox ready/);
	assert.match(execFileSync('kubectl', ['--kubeconfig', sandbox.kubeconfigPath, 'get', 'nodes'], {encoding: 'utf8'}), /Ready/);
});
