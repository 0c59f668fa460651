// The floor any client stands on: how long the API server takes to hand over
// every pod. Measured with a plain Node HTTPS GET (fresh TLS connection, body
// fully read, then JSON.parse timed separately) and with `kubectl get --raw`;
// and the everyday peer, `kubectl get pods -A`. k8slab lists pods in protobuf,
// which the API server encodes faster than JSON, so the same GET in protobuf
// is measured too: the ratio to the JSON LIST is the goal, the ratio to
// the protobuf one says what is left on k8slab's side.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import {ProtobufListReader, protobufType} from '../source/kube/protobuf/stream.js';
import {clientCertPaths, ensurePki} from '../source/sandbox/pki.js';
import {median, round} from './stats.js';

export interface RawList {
	/** Wall time of the GET: connect, TLS, request, last byte. */
	fetchMs: number;
	parseMs: number;
	bytes: number;
	items: number;
}

/** Counts a body's items: JSON.parse (timed as parseMs), or a protobuf list walked without decoding its items. */
function countItems(body: Buffer, protobuf: boolean): number {
	if (!protobuf) return (JSON.parse(body.toString()) as {items?: unknown[]}).items?.length ?? 0;
	let items = 0;
	const reader = new ProtobufListReader(
		() => 0,
		batch => (items += batch.length),
	);
	reader.push(body);
	reader.end();
	return items;
}

/** One LIST of all pods over a new TLS connection, with the sandbox's admin certificate. */
export function nodeList(server: string, sandboxDir: string, protobuf = false): Promise<RawList> {
	const pki = ensurePki(sandboxDir);
	const {cert, key} = clientCertPaths(pki, 'admin');
	const agent = new https.Agent({ca: fs.readFileSync(pki.caCert), cert: fs.readFileSync(cert), key: fs.readFileSync(key), keepAlive: false});
	const started = performance.now();
	return new Promise<RawList>((resolve, reject) => {
		const request = https.get(new URL('/api/v1/pods', server), {agent, headers: {accept: protobuf ? protobufType : 'application/json'}, timeout: 120_000}, response => {
			const chunks: Buffer[] = [];
			response.on('data', chunk => chunks.push(chunk));
			response.on('error', reject);
			response.on('end', () => {
				const fetchMs = performance.now() - started;
				if (response.statusCode !== 200) return reject(new Error(`GET /api/v1/pods: HTTP ${response.statusCode}`));
				const body = Buffer.concat(chunks);
				const parseStarted = performance.now();
				const items = countItems(body, protobuf);
				resolve({fetchMs, parseMs: performance.now() - parseStarted, bytes: body.length, items});
			});
		});
		request.on('timeout', () => request.destroy(new Error('GET /api/v1/pods timed out')));
		request.on('error', reject);
	}).finally(() => agent.destroy());
}

/** A raw LIST that must hold every pod, as the clients are compared on the same pods. */
async function checkedList(server: string, sandboxDir: string, expectedPods: number, protobuf: boolean): Promise<RawList> {
	const list = await nodeList(server, sandboxDir, protobuf);
	if (list.items !== expectedPods) throw new Error(`the ${protobuf ? 'protobuf' : 'raw'} LIST returned ${list.items} pods, expected ${expectedPods}`);
	return list;
}

export interface CommandRun {
	ms: number;
	stdoutBytes: number;
	lines: number;
}

/** Runs a command to completion, output read and counted (as a terminal or a pipe would take it). */
export function timeCommand(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CommandRun> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn(command, args, {env, stdio: ['ignore', 'pipe', 'pipe']});
		let bytes = 0;
		let lines = 0;
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => {
			bytes += chunk.length;
			for (const byte of chunk) if (byte === 10) lines++;
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		child.on('error', reject);
		child.on('close', code => {
			const ms = performance.now() - started;
			if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' ')}`));
			else resolve({ms, stdoutBytes: bytes, lines});
		});
	});
}

export interface LimitResult {
	rawListMs: number | null;
	rawListParseMs: number | null;
	rawListBytes: number | null;
	/** The same GET asking for protobuf, as k8slab does. */
	rawListProtobufMs: number | null;
	rawListProtobufBytes: number | null;
	kubectlRawMs: number | null;
	/** Every timed LIST, in order: the runs before the clients, then one of each before each k8slab start. */
	rawListRunsMs: number[];
	rawListProtobufRunsMs: number[];
	runs: number;
}

export interface KubectlResult {
	getPodsMs: number | null;
	/** Rows kubectl printed (header excluded): proves it saw every pod. */
	rows: number | null;
	runs: number;
	error?: string;
}

export function kubectlArgs(kubeconfig: string, cacheDir: string, ...args: string[]): string[] {
	// A private discovery cache, warmed by a first untimed run, like a kubectl used every day.
	return ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, ...args];
}

export async function measureLimit(options: {server: string; sandboxDir: string; kubeconfig: string; cacheDir: string; runs: number; expectedPods: number; kubectl: boolean}): Promise<LimitResult & {error?: string}> {
	const {server, sandboxDir, kubeconfig, cacheDir, runs, expectedPods} = options;
	// A warm-up LIST: the first one after a burst of writes may still be catching up.
	await nodeList(server, sandboxDir);
	const fetches: number[] = [];
	const parses: number[] = [];
	let bytes = 0;
	for (let i = 0; i < runs; i++) {
		const list = await checkedList(server, sandboxDir, expectedPods, false);
		fetches.push(list.fetchMs);
		parses.push(list.parseMs);
		bytes = list.bytes;
	}
	const protobufFetches: number[] = [];
	let protobufBytes = 0;
	for (let i = 0; i < runs; i++) {
		const list = await checkedList(server, sandboxDir, expectedPods, true);
		protobufFetches.push(list.fetchMs);
		protobufBytes = list.bytes;
	}
	const kubectlRuns: number[] = [];
	let error: string | undefined;
	if (options.kubectl) {
		try {
			await timeCommand('kubectl', kubectlArgs(kubeconfig, cacheDir, 'get', '--raw', '/api/v1/pods'));
			for (let i = 0; i < runs; i++) kubectlRuns.push((await timeCommand('kubectl', kubectlArgs(kubeconfig, cacheDir, 'get', '--raw', '/api/v1/pods'))).ms);
		} catch (e) {
			error = (e as Error).message;
		}
	}
	return {
		rawListMs: round(median(fetches)),
		rawListParseMs: round(median(parses)),
		rawListBytes: bytes,
		rawListRunsMs: fetches.map(ms => round(ms)!),
		rawListProtobufRunsMs: protobufFetches.map(ms => round(ms)!),
		rawListProtobufMs: round(median(protobufFetches)),
		rawListProtobufBytes: protobufBytes,
		kubectlRawMs: round(median(kubectlRuns)),
		runs,
		...(error ? {error} : {}),
	};
}

/**
 * One more raw LIST in each encoding, added to a LimitResult's samples and
 * medians. The API server's LIST time drifts by 100 ms and more over minutes
 * (seen on a held 10,000-pod cluster), so the LISTs the first frame is
 * divided by are spread over the same minutes as the starts.
 */
export async function addRawLists(limit: LimitResult, options: {server: string; sandboxDir: string; expectedPods: number}): Promise<void> {
	const json = await checkedList(options.server, options.sandboxDir, options.expectedPods, false);
	const protobuf = await checkedList(options.server, options.sandboxDir, options.expectedPods, true);
	limit.rawListRunsMs.push(round(json.fetchMs)!);
	limit.rawListProtobufRunsMs.push(round(protobuf.fetchMs)!);
	limit.rawListMs = round(median(limit.rawListRunsMs));
	limit.rawListProtobufMs = round(median(limit.rawListProtobufRunsMs));
}

export async function measureKubectl(options: {kubeconfig: string; cacheDir: string; runs: number}): Promise<KubectlResult> {
	const {kubeconfig, cacheDir, runs} = options;
	try {
		await timeCommand('kubectl', kubectlArgs(kubeconfig, cacheDir, 'get', 'pods', '-A'));
		const times: number[] = [];
		let rows = 0;
		for (let i = 0; i < runs; i++) {
			const run = await timeCommand('kubectl', kubectlArgs(kubeconfig, cacheDir, 'get', 'pods', '-A'));
			times.push(run.ms);
			rows = run.lines - 1;
		}
		return {getPodsMs: round(median(times)), rows, runs};
	} catch (e) {
		return {getPodsMs: null, rows: null, runs: 0, error: (e as Error).message};
	}
}
