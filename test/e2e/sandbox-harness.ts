// Starts a private sandbox per test file (its own dir and ports) and reads the
// cluster through the API as an administrator, to check what k8slab did.
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {promisify} from 'node:util';
import {AdminClient} from '../../source/sandbox/api.js';
import {ensurePki} from '../../source/sandbox/pki.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/sandbox.js';

export interface TestSandbox extends Sandbox {
	api: AdminClient;
	kubectl(...args: string[]): Promise<string>;
	close(): Promise<void>;
}

export async function testSandbox(options: {nodes?: number} = {}): Promise<TestSandbox> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-e2e-'));
	const sandbox = await startSandbox({dir, nodes: options.nodes, progress: (line, final) => final && process.stderr.write(`# ${line}\n`)});
	const api = new AdminClient(sandbox.server, ensurePki(dir));
	const run = promisify(execFile);
	return {
		...sandbox,
		api,
		kubectl: async (...args) => (await run('kubectl', ['--kubeconfig', sandbox.kubeconfigPath, ...args])).stdout,
		close: async () => {
			api.close();
			await sandbox.stop({remove: true});
		},
	};
}

/** Polls until `check` returns a value (not undefined), or fails with what was last seen. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown;
	for (;;) {
		try {
			const value = await check();
			if (value !== undefined) return value;
		} catch (error) {
			last = error;
		}
		// eslint-disable-next-line @typescript-eslint/no-base-to-string -- a caught value, printed the way Node prints it
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
		await sleep(200);
	}
}

export async function podsOf(api: AdminClient, namespace: string, selector: string): Promise<any[]> {
	return api.list(`/api/v1/namespaces/${namespace}/pods?labelSelector=${encodeURIComponent(selector)}`);
}

export interface ClientCert {
	cert: string;
	key: string;
}

/** The API server's etcd client certificate: the one identity etcd serves. */
export function apiserverEtcdClient(dir: string): ClientCert {
	const {etcd} = ensurePki(dir);
	return {cert: etcd.clientCert, key: etcd.clientKey};
}

/** POSTs to etcd's JSON gateway over TLS, verifying etcd's certificate, as `client` (or with no client certificate). */
export function etcdPost(url: string, dir: string, pathname: string, body: object, client?: ClientCert): Promise<{status: number; body: any}> {
	const {etcd} = ensurePki(dir);
	return new Promise((resolve, reject) => {
		const request = https.request(
			new URL(pathname, url),
			{
				method: 'POST',
				ca: fs.readFileSync(etcd.caCert),
				...(client ? {cert: fs.readFileSync(client.cert), key: fs.readFileSync(client.key)} : {}),
				timeout: 5000,
			},
			response => {
				const chunks: Buffer[] = [];
				response.on('data', chunk => chunks.push(chunk));
				response.on('end', () => {
					const text = Buffer.concat(chunks).toString();
					try {
						resolve({status: response.statusCode ?? 0, body: JSON.parse(text)});
					} catch {
						resolve({status: response.statusCode ?? 0, body: text});
					}
				});
			},
		);
		request.on('timeout', () => request.destroy(new Error('timed out')));
		request.on('error', reject);
		request.end(JSON.stringify(body));
	});
}
