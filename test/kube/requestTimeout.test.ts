// --request-timeout reaches every request: a server that never answers is
// given up on after the user's limit, 0 waits as long as it takes, and a
// request's own shorter deadline (the start-up reachability check's) still holds.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {KubeConfig} from '@kubernetes/client-node/dist/config.js';
import type {KubeClient} from '../../source/kube/client.js';
import {connect, resolveConfig} from '../../source/kube/config.js';

let silent: net.Server;
const sockets = new Set<net.Socket>();
let kubeConfig: KubeConfig;

let kubeconfigFile: string;

/** The client as the app builds it, with --request-timeout set to `requestTimeoutMs`. */
function clientWith(requestTimeoutMs: number): KubeClient {
	return connect(resolveConfig({kubeconfig: kubeconfigFile}), {requestTimeoutMs}).client;
}

before(async () => {
	// Accepts the connection and never answers.
	silent = net.createServer(socket => sockets.add(socket));
	await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve));
	const {port} = silent.address() as net.AddressInfo;
	kubeConfig = new KubeConfig();
	kubeConfig.loadFromOptions({
		// Its TLS handshake never completes, so verification never comes into it.
		clusters: [{name: 'silent', server: `https://127.0.0.1:${port}`, skipTLSVerify: true}],
		users: [{name: 'u', token: 'not-a-token'}],
		contexts: [{name: 'silent', cluster: 'silent', user: 'u'}],
		currentContext: 'silent',
	});
	kubeconfigFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-timeout-')), 'kubeconfig');
	fs.writeFileSync(kubeconfigFile, kubeConfig.exportConfig());
});

after(() => {
	for (const socket of sockets) socket.destroy();
	silent.close();
});

async function outcomeWithin(client: KubeClient, waitMs: number, timeoutMs?: number): Promise<{settled: string; ms: number}> {
	const started = Date.now();
	const request = client.request('GET', '/version', timeoutMs === undefined ? {} : {timeoutMs}).then(
		() => 'answered',
		(error: Error) => (/did not answer in time/.test(error.message) ? 'timeout' : error.message),
	);
	const settled = await Promise.race([request, new Promise<'pending'>(resolve => setTimeout(resolve, waitMs, 'pending'))]);
	return {settled, ms: Date.now() - started};
}

test('a request gives up after the client-wide limit', async () => {
	const {settled, ms} = await outcomeWithin(clientWith(300), 3000);
	assert.equal(settled, 'timeout');
	assert.ok(ms >= 290 && ms < 2000, `gave up after ${ms} ms`);
});

test("the limit caps a request's own longer deadline, and a shorter own deadline still holds", async () => {
	const capped = await outcomeWithin(clientWith(300), 3000, 8000);
	assert.equal(capped.settled, 'timeout');
	assert.ok(capped.ms < 2000, `gave up after ${capped.ms} ms`);
	const own = await outcomeWithin(clientWith(0), 3000, 300);
	assert.equal(own.settled, 'timeout');
	assert.ok(own.ms < 2000, `gave up after ${own.ms} ms`);
});

test('0 means no limit: the request is still waiting well past the default would-be deadline of a short one', async () => {
	const {settled} = await outcomeWithin(clientWith(0), 1500);
	assert.equal(settled, 'pending');
});
