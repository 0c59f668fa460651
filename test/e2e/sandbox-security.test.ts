// The sandbox is a cluster on a shared machine: etcd answers only the API
// server (mutual TLS), the sandbox dir is its owner's alone, and the
// lab-viewer reads what Kubernetes' "view" role reads, Secrets excepted.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {clientCertPaths, ensurePki} from '../../source/sandbox/pki.js';
import {readState, startSandbox} from '../../source/sandbox/sandbox.js';
import {apiserverEtcdClient, etcdPost, testSandbox, type TestSandbox} from './sandbox-harness.js';

let sandbox: TestSandbox;
before(async () => {
	sandbox = await testSandbox();
	await sandbox.kubectl('create', 'secret', 'generic', 'db-password', '--from-literal=password=hunter2');
});
after(async () => {
	await sandbox?.close();
});

const key = (name: string) => Buffer.from(name).toString('base64');
const state = () => readState(sandbox.dir)!;

/** A plain-HTTP POST: resolves with what came back, or the error. */
async function plainHttp(port: number, pathname: string, body: object): Promise<{status?: number; text?: string; error?: string}> {
	try {
		const response = await fetch(`http://127.0.0.1:${port}${pathname}`, {method: 'POST', body: JSON.stringify(body), signal: AbortSignal.timeout(5000)});
		return {status: response.status, text: await response.text()};
	} catch (error) {
		return {error: String((error as Error).cause ?? error)};
	}
}

test('etcd serves the API server over mutual TLS, with its own CA', async () => {
	const url = state().etcdServer!;
	assert.match(url, /^https:\/\/127\.0\.0\.1:\d+$/);
	const range = await etcdPost(url, sandbox.dir, '/v3/kv/range', {key: key('/registry/secrets/default/db-password')}, apiserverEtcdClient(sandbox.dir));
	assert.equal(range.status, 200);
	assert.equal(range.body.kvs.length, 1, "the API server's certificate reads the Secret, so the refusals below are etcd refusing");
	const args = fs.readFileSync(`/proc/${fs.readFileSync(path.join(sandbox.dir, 'pids', 'kube-apiserver.pid'), 'utf8').trim()}/cmdline`, 'utf8').split('\0');
	assert.ok(args.includes(`--etcd-servers=${url}`) && args.some(arg => arg.startsWith('--etcd-certfile=')), 'the API server reaches etcd over TLS with a client certificate');
});

test("a plain-HTTP request to etcd's client port neither reads a Secret nor writes a key", async () => {
	const {ports} = state();
	const read = await plainHttp(ports.etcdClient, '/v3/kv/range', {key: key('/registry/secrets/default/db-password')});
	assert.ok(read.error !== undefined || read.status !== 200, `plain HTTP answered ${read.status}`);
	assert.doesNotMatch(read.text ?? '', /kvs|hunter2|aHVudGVyMg/);

	const write = await plainHttp(ports.etcdClient, '/v3/kv/put', {key: key('/registry/planted'), value: key('x')});
	assert.ok(write.error !== undefined || write.status !== 200, `plain HTTP answered ${write.status}`);
	const planted = await etcdPost(state().etcdServer!, sandbox.dir, '/v3/kv/range', {key: key('/registry/planted')}, apiserverEtcdClient(sandbox.dir));
	assert.equal(planted.body.kvs, undefined, 'nothing was written');
});

test("HTTPS to etcd without a client certificate, or with a certificate from the sandbox's API CA (the lab-viewer's), is refused", async () => {
	const url = state().etcdServer!;
	const body = {key: key('/registry/secrets/default/db-password')};
	await assert.rejects(etcdPost(url, sandbox.dir, '/v3/kv/range', body), /certificate required|alert|socket hang up|ECONNRESET/i);
	// The API server trusts this certificate; etcd must not, or it would read Secrets around RBAC.
	const viewer = clientCertPaths(ensurePki(sandbox.dir), 'lab-viewer');
	await assert.rejects(etcdPost(url, sandbox.dir, '/v3/kv/range', body, viewer), /unknown ca|bad certificate|alert|socket hang up|ECONNRESET/i);
});

test("etcd's peer port is not open to plain HTTP or to a client without an etcd certificate", async () => {
	const {ports} = state();
	const plain = await plainHttp(ports.etcdPeer, '/members', {});
	assert.ok(plain.error !== undefined || plain.status !== 200, `plain HTTP answered ${plain.status}`);
	await assert.rejects(etcdPost(`https://127.0.0.1:${ports.etcdPeer}`, sandbox.dir, '/members', {}), /certificate required|alert|socket hang up|ECONNRESET/i);
});

test('lab-viewer may not read Secrets but reads pods, deployments, replicasets and events in default', async () => {
	await assert.rejects(sandbox.kubectl('--context', 'lab-viewer', 'get', 'secrets'), /secrets is forbidden: User "lab-viewer" cannot list resource "secrets"/);
	await assert.rejects(sandbox.kubectl('--context', 'lab-viewer', 'get', 'secret', 'db-password'), /forbidden/);
	assert.match(await sandbox.kubectl('--context', 'lab-viewer', 'get', 'pods'), /todoapi-/);
	assert.match(await sandbox.kubectl('--context', 'lab-viewer', 'get', 'deployments,replicasets'), /deployment\.apps\/todoapi[\s\S]*replicaset\.apps\/todoapi-/);
	assert.match(await sandbox.kubectl('--context', 'lab-viewer', 'get', 'events'), /todoapi-/);
	await assert.rejects(sandbox.kubectl('--context', 'lab-viewer', 'get', 'pods', '-n', 'kube-system'), /forbidden/);
});

/** Every file and dir under the sandbox dir whose mode is not private, as "path mode". */
function loose(dir: string): string[] {
	const found: string[] = [];
	const visit = (file: string) => {
		const stat = fs.lstatSync(file);
		const mode = stat.mode & 0o777;
		if (stat.isDirectory()) {
			if (mode !== 0o700) found.push(`${path.relative(dir, file) || '.'} ${mode.toString(8)}`);
			for (const name of fs.readdirSync(file)) visit(path.join(file, name));
		} else if (mode !== 0o600) {
			found.push(`${path.relative(dir, file)} ${mode.toString(8)}`);
		}
	};
	visit(dir);
	return found;
}

test('the sandbox dir is 0700 and its keys, tokens, kubeconfigs, state, logs and pid files are 0600', () => {
	const dir = sandbox.dir;
	assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
	for (const file of [
		'pki/admin.key',
		'pki/ca.key',
		'pki/sa.key',
		'pki/etcd/ca.key',
		'pki/apiserver-etcd-client.key',
		'pki/tokens.csv',
		'pki/eks-token',
		'kubeconfig',
		'kubeconfigs/kwok.kubeconfig',
		'state.json',
		'logs/etcd.log',
		'logs/kube-apiserver.log',
		'pids/etcd.pid',
	]) {
		assert.equal(fs.statSync(path.join(dir, file)).mode & 0o777, 0o600, file);
	}
	assert.deepEqual(loose(dir), []);
});

test('up tightens a key, the kubeconfig, a log and the dir that someone loosened', async () => {
	const dir = sandbox.dir;
	fs.chmodSync(dir, 0o755);
	for (const file of ['pki/admin.key', 'pki/etcd/server.key', 'pki/eks-token', 'kubeconfig', 'logs/kube-apiserver.log', 'state.json']) fs.chmodSync(path.join(dir, file), 0o644);
	fs.chmodSync(path.join(dir, 'pki'), 0o755);
	assert.ok(loose(dir).length >= 8);
	await startSandbox({dir});
	assert.deepEqual(loose(dir), []);
});

test('a sandbox left running by an older k8slab (plain-HTTP etcd, no etcd certificates) is restarted with them', async () => {
	const dir = sandbox.dir;
	const caBefore = fs.readFileSync(path.join(dir, 'pki', 'ca.crt'), 'utf8');
	// What an older version left: state without etcdServer, a PKI without etcd's CA and certificates.
	const {etcdServer: _, ...oldState} = state();
	fs.writeFileSync(path.join(dir, 'state.json'), JSON.stringify(oldState));
	fs.rmSync(path.join(dir, 'pki', 'etcd'), {recursive: true});
	for (const file of ['apiserver-etcd-client.crt', 'apiserver-etcd-client.key']) fs.rmSync(path.join(dir, 'pki', file));

	const lines: string[] = [];
	await startSandbox({dir, progress: (line, final) => final && lines.push(line)});
	assert.match(lines.join('\n'), /restarting the sandbox: an older k8slab started its etcd without TLS/);
	assert.equal(fs.readFileSync(path.join(dir, 'pki', 'ca.crt'), 'utf8'), caBefore, "the cluster CA, and so the user's kubeconfig credentials, are kept");
	assert.match(state().etcdServer!, /^https:/);
	assert.match(await sandbox.kubectl('get', 'nodes'), /Ready/);
	assert.deepEqual(loose(dir), []);
	const plain = await plainHttp(state().ports.etcdClient, '/v3/kv/range', {key: key('/registry')});
	assert.ok(plain.error !== undefined || plain.status !== 200);
});
