// The sandbox's PKI, flags and file modes, without starting it: etcd gets its
// own CA and mutual TLS, and nothing in the sandbox dir is readable by others.
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {componentSpecs} from '../../source/sandbox/components.js';
import {assertSandboxDir, makePrivate} from '../../source/sandbox/permissions.js';
import {ensurePki} from '../../source/sandbox/pki.js';

const scratch = () => fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-security-'));
const mode = (file: string) => fs.statSync(file).mode & 0o777;

/** `openssl verify`: true when `cert` chains to `ca`. */
function signedBy(ca: string, cert: string): boolean {
	return spawnSync('openssl', ['verify', '-CAfile', ca, cert], {encoding: 'utf8'}).status === 0;
}

test('etcd has its own CA: its certificates verify against it and not against the CA the API server trusts', () => {
	const dir = scratch();
	const pki = ensurePki(dir);
	for (const cert of [pki.etcd.serverCert, pki.etcd.peerCert, pki.etcd.clientCert]) {
		assert.ok(signedBy(pki.etcd.caCert, cert), `${cert} is signed by etcd's CA`);
		assert.ok(!signedBy(pki.caCert, cert), `${cert} is not signed by the cluster CA`);
	}
	// And the other way round: no certificate the API server accepts (admin, lab-viewer, …) is one etcd accepts.
	assert.ok(!signedBy(pki.etcd.caCert, path.join(pki.dir, 'lab-viewer.crt')));
	const server = execFileSync('openssl', ['x509', '-in', pki.etcd.serverCert, '-noout', '-ext', 'subjectAltName,extendedKeyUsage'], {encoding: 'utf8'});
	assert.match(server, /DNS:localhost/);
	assert.match(server, /IP Address:127\.0\.0\.1/);
	assert.match(server, /TLS Web Server Authentication, TLS Web Client Authentication/);
	fs.rmSync(dir, {recursive: true});
});

test('a PKI from before etcd spoke TLS gets etcd certificates and keeps its cluster CA and client certificates', () => {
	const dir = scratch();
	const pki = ensurePki(dir);
	fs.rmSync(path.join(pki.dir, 'etcd'), {recursive: true});
	for (const file of ['apiserver-etcd-client.crt', 'apiserver-etcd-client.key']) fs.rmSync(path.join(pki.dir, file));
	const before = ['ca.crt', 'admin.crt', 'admin.key', 'eks-token'].map(file => fs.readFileSync(path.join(pki.dir, file), 'utf8'));

	const again = ensurePki(dir);
	assert.deepEqual(
		['ca.crt', 'admin.crt', 'admin.key', 'eks-token'].map(file => fs.readFileSync(path.join(pki.dir, file), 'utf8')),
		before,
	);
	assert.equal(again.eksToken, pki.eksToken);
	assert.ok(signedBy(again.etcd.caCert, again.etcd.clientCert));
	fs.rmSync(dir, {recursive: true});
});

test('etcd listens on https only, demands client certificates on both ports, and the API server presents one', () => {
	const pki = ensurePki(scratch());
	const specs = componentSpecs('/sandbox', pki, {etcdClient: 2379, etcdPeer: 2380, apiserver: 6443}, {K8SLAB_BIN_DIR: '/bin'});
	const etcd = specs.etcd.args;
	for (const flag of [
		'--client-cert-auth=true',
		'--peer-client-cert-auth=true',
		`--trusted-ca-file=${pki.etcd.caCert}`,
		`--peer-trusted-ca-file=${pki.etcd.caCert}`,
		`--cert-file=${pki.etcd.serverCert}`,
		`--peer-cert-file=${pki.etcd.peerCert}`,
	]) {
		assert.ok(etcd.includes(flag), flag);
	}
	const urls = etcd.filter(arg => /-urls=|-cluster=k8slab=/.test(arg));
	assert.equal(urls.length, 5);
	for (const url of urls) assert.match(url, /=(k8slab=)?https:\/\/127\.0\.0\.1:\d+$/, url);
	const apiserver = specs['kube-apiserver'].args;
	assert.ok(apiserver.includes('--etcd-servers=https://127.0.0.1:2379'));
	for (const flag of [`--etcd-cafile=${pki.etcd.caCert}`, `--etcd-certfile=${pki.etcd.clientCert}`, `--etcd-keyfile=${pki.etcd.clientKey}`]) assert.ok(apiserver.includes(flag), flag);
	assert.ok(apiserver.includes('--bind-address=127.0.0.1'));
	fs.rmSync(path.dirname(pki.dir), {recursive: true});
});

test("makePrivate tightens the sandbox's dirs to 0700 and files to 0600, and leaves everything else alone", () => {
	const dir = scratch();
	ensurePki(dir);
	fs.mkdirSync(path.join(dir, 'logs'));
	fs.writeFileSync(path.join(dir, 'logs', 'etcd.log'), '', {mode: 0o644});
	fs.writeFileSync(path.join(dir, 'kubeconfig'), '{}', {mode: 0o644});
	fs.chmodSync(path.join(dir, 'pki', 'admin.key'), 0o644);
	fs.chmodSync(path.join(dir, 'pki'), 0o755);
	fs.chmodSync(dir, 0o755);
	// Not the sandbox's: a file of the user's and a link out of the dir.
	const outside = path.join(scratch(), 'notes.txt');
	fs.writeFileSync(outside, '', {mode: 0o644});
	fs.writeFileSync(path.join(dir, 'notes.txt'), '', {mode: 0o644});
	fs.symlinkSync(outside, path.join(dir, 'logs', 'link'));

	makePrivate(dir);
	assert.equal(mode(dir), 0o700);
	assert.equal(mode(path.join(dir, 'pki')), 0o700);
	for (const file of ['pki/admin.key', 'pki/etcd/server.key', 'pki/ca.crt', 'kubeconfig', 'logs/etcd.log']) assert.equal(mode(path.join(dir, file)), 0o600, file);
	assert.equal(mode(path.join(dir, 'notes.txt')), 0o644);
	assert.equal(mode(outside), 0o644, 'a link is not followed');
	fs.rmSync(dir, {recursive: true});
	fs.rmSync(path.dirname(outside), {recursive: true});
});

test('sandbox up refuses a --dir that holds other files, in one line, and changes nothing', () => {
	const dir = scratch();
	fs.writeFileSync(path.join(dir, 'notes.txt'), '');
	fs.chmodSync(dir, 0o755);
	assert.throws(() => assertSandboxDir(dir), /holds other files and no sandbox/);
	const result = spawnSync(process.execPath, ['dist/k8slab.mjs', 'sandbox', 'up', '--dir', dir], {encoding: 'utf8'});
	assert.equal(result.status, 1);
	assert.equal(result.stderr, `k8slab: ${dir} holds other files and no sandbox; give --dir a new or empty directory\n`);
	assert.equal(mode(dir), 0o755);
	assert.deepEqual(fs.readdirSync(dir), ['notes.txt']);
	fs.rmSync(dir, {recursive: true});
});
