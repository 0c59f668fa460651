// pods/log streamed as the logs view needs it, against a scripted server:
// lines with their timestamps, the server's refusals in its words, a stream
// that ended reopened when the container restarts (without showing a line
// twice), and nothing left open once stopped.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {KubeConfig} from '@kubernetes/client-node/dist/config.js';
import type {KubeClient} from '../../source/kube/client.js';
import {connect, resolveConfig} from '../../source/kube/config.js';
import {streamPodLogs, type ContainerWatch} from '../../source/kube/podLogs.js';
import type {LogStreamStatus, RawLogLine} from '../../source/model/logs.js';

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;
let server: http.Server;
let handle: Handler = (_request, response) => response.end();
const urls: string[] = [];
let client: KubeClient;

before(async () => {
	server = http.createServer((request, response) => {
		urls.push(request.url ?? '');
		handle(request, response);
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as {port: number};
	const kubeConfig = new KubeConfig();
	kubeConfig.loadFromOptions({
		clusters: [{name: 'scripted', server: `http://127.0.0.1:${port}`, skipTLSVerify: true}],
		users: [{name: 'u', token: 'not-a-token'}],
		contexts: [{name: 'scripted', cluster: 'scripted', user: 'u'}],
		currentContext: 'scripted',
	});
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-podlogs-')), 'kubeconfig');
	fs.writeFileSync(file, kubeConfig.exportConfig());
	client = connect(resolveConfig({kubeconfig: file})).client;
});

after(() => {
	client.stop();
	server.closeAllConnections();
	server.close();
});

const request = {namespace: 'default', pod: 'todoapi-1', container: 'todoapi', previous: false, tailLines: 100};

function collect() {
	const lines: RawLogLine[] = [];
	const statuses: LogStreamStatus[] = [];
	let notify = () => {};
	const changed = () => new Promise<void>(resolve => (notify = resolve));
	return {
		lines,
		statuses,
		changed,
		handlers: {
			onLines(batch: readonly RawLogLine[]) {
				lines.push(...batch);
				notify();
			},
			onStatus(status: LogStreamStatus) {
				statuses.push(status);
				notify();
			},
		},
	};
}

async function until(check: () => boolean, what: string): Promise<void> {
	const deadline = Date.now() + 5000;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 10));
	}
}

/** A container watch the test moves on by hand, as the pods watch would. */
function containerWatch() {
	let instance = '0/t0';
	const listeners = new Set<() => void>();
	const watch: ContainerWatch = {
		instance: () => instance,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
	return {
		watch,
		restart(next: string) {
			instance = next;
			for (const listener of listeners) listener();
		},
	};
}

test('a followed stream that ends waits for the container to restart, then resumes without repeating a line', async () => {
	urls.length = 0;
	let served = 0;
	handle = (_request, response) => {
		served++;
		response.writeHead(200, {'content-type': 'text/plain'});
		if (served === 1) response.end('2026-12-02T04:00:01.5Z todoapi 1.0: starting\n2026-12-02T04:00:02.25Z GET /nope 404\n');
		// Asked from the last second shown: the server sends that second again, and then the new container's lines.
		else response.write('2026-12-02T04:00:02.25Z GET /nope 404\n2026-12-02T04:00:09.1Z todoapi 1.0: starting\n');
	};
	const seen = collect();
	const {watch, restart} = containerWatch();
	const stop = streamPodLogs(client, request, seen.handlers, watch);
	await until(() => seen.statuses.some(status => status.state === 'waiting'), 'the end of the first stream');
	assert.deepEqual(
		seen.lines.map(line => line.text),
		['todoapi 1.0: starting', 'GET /nope 404'],
	);
	assert.match(seen.statuses.at(-1)!.message ?? '', /container exited/);
	assert.match(urls[0]!, /follow=true&tailLines=100$/);
	restart('1/t9');
	await until(() => seen.lines.length === 3, 'the restarted container\u2019s line');
	assert.deepEqual(seen.lines.at(-1), {time: '2026-12-02T04:00:09.1Z', text: 'todoapi 1.0: starting'});
	assert.match(urls[1]!, /follow=true&sinceTime=2026-12-02T04%3A00%3A02Z$/);
	stop();
});

test('the server\u2019s 400 (not started yet) is shown in its words, and the stream opens once the container starts', async () => {
	urls.length = 0;
	let started = false;
	handle = (_request, response) => {
		if (!started) {
			response.writeHead(400, {'content-type': 'application/json'});
			response.end(JSON.stringify({kind: 'Status', status: 'Failure', message: 'container "todoapi" in pod "todoapi-1" is waiting to start: ContainerCreating', reason: 'BadRequest', code: 400}));
			return;
		}
		response.writeHead(200);
		response.write('2026-12-02T04:00:03Z todoapi 1.0: starting\n');
	};
	const seen = collect();
	const {watch, restart} = containerWatch();
	const stop = streamPodLogs(client, request, seen.handlers, watch);
	await until(() => seen.statuses.some(status => status.state === 'waiting'), 'the refusal');
	assert.deepEqual(seen.statuses.at(-1), {state: 'waiting', message: 'container "todoapi" in pod "todoapi-1" is waiting to start: ContainerCreating'});
	started = true;
	restart('0/t3');
	await until(() => seen.lines.length === 1, 'the first line');
	assert.equal(seen.statuses.at(-1)?.state, 'streaming');
	stop();
});

test('--previous with no previous container, and a 403, end in the server\u2019s words without retrying', async () => {
	urls.length = 0;
	handle = (request, response) => {
		const previous = request.url?.includes('previous=true');
		response.writeHead(previous ? 400 : 403, {'content-type': 'application/json'});
		response.end(
			JSON.stringify(
				previous
					? {kind: 'Status', message: 'previous terminated container "todoapi" in pod "todoapi-1" not found', reason: 'BadRequest', code: 400}
					: {kind: 'Status', message: 'pods "todoapi-1" is forbidden: User "lab-viewer" cannot get resource "pods/log" in API group "" in the namespace "default"', reason: 'Forbidden', code: 403},
			),
		);
	};
	const previous = collect();
	streamPodLogs(client, {...request, previous: true}, previous.handlers);
	await until(() => previous.statuses.some(status => status.state === 'failed'), 'the refusal');
	assert.equal(previous.statuses.at(-1)?.message, 'previous terminated container "todoapi" in pod "todoapi-1" not found');
	assert.match(urls[0]!, /previous=true/);
	assert.doesNotMatch(urls[0]!, /follow/);
	const forbidden = collect();
	streamPodLogs(client, request, forbidden.handlers);
	await until(() => forbidden.statuses.some(status => status.state === 'failed'), 'the 403');
	assert.match(forbidden.statuses.at(-1)?.message ?? '', /^pods "todoapi-1" is forbidden: User "lab-viewer" cannot get resource "pods\/log".*\(context scripted, user u, server http:\/\/127\.0\.0\.1:\d+\)$/);
	await new Promise(resolve => setTimeout(resolve, 300));
	assert.equal(urls.length, 2, 'neither is asked again');
});

test('stopping closes the connection of a followed stream', async () => {
	let closed = false;
	handle = (request, response) => {
		response.writeHead(200);
		response.write('2026-12-02T04:00:03Z line\n');
		request.on('close', () => (closed = true));
	};
	const seen = collect();
	const stop = streamPodLogs(client, request, seen.handlers);
	await until(() => seen.lines.length === 1, 'a line');
	stop();
	await until(() => closed, 'the server to see the connection close');
});
