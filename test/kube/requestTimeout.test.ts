// --request-timeout reaches every request: a server that never answers is
// given up on after the user's limit, 0 waits as long as it takes, and a
// request's own shorter deadline (the start-up reachability check's) still holds.
import assert from 'node:assert/strict';
import net from 'node:net';
import {after, before, test} from 'node:test';
import {KubeConfig} from '@kubernetes/client-node/dist/config.js';
import {KubeClient} from '../../source/kube/client.js';

let silent: net.Server;
const sockets = new Set<net.Socket>();
let kubeConfig: KubeConfig;

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
	const {settled, ms} = await outcomeWithin(new KubeClient(kubeConfig, {requestTimeoutMs: 300}), 3000);
	assert.equal(settled, 'timeout');
	assert.ok(ms >= 290 && ms < 2000, `gave up after ${ms} ms`);
});

test("the limit caps a request's own longer deadline, and a shorter own deadline still holds", async () => {
	const capped = await outcomeWithin(new KubeClient(kubeConfig, {requestTimeoutMs: 300}), 3000, 8000);
	assert.equal(capped.settled, 'timeout');
	assert.ok(capped.ms < 2000, `gave up after ${capped.ms} ms`);
	const own = await outcomeWithin(new KubeClient(kubeConfig, {requestTimeoutMs: 0}), 3000, 300);
	assert.equal(own.settled, 'timeout');
	assert.ok(own.ms < 2000, `gave up after ${own.ms} ms`);
});

test('0 means no limit: the request is still waiting well past the default would-be deadline of a short one', async () => {
	const {settled} = await outcomeWithin(new KubeClient(kubeConfig, {requestTimeoutMs: 0}), 1500);
	assert.equal(settled, 'pending');
});
