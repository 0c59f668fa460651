// A minimal HTTPS client for bootstrapping the sandbox (create objects, read
// readiness). The app itself talks to the cluster only through source/kube.
import fs from 'node:fs';
import https from 'node:https';
import {clientCertPaths, type Pki} from './pki.js';

export interface ApiResponse {
	status: number;
	body: any;
}

export class AdminClient {
	private readonly agent: https.Agent;

	constructor(
		readonly server: string,
		pki: Pki,
	) {
		const {cert, key} = clientCertPaths(pki, 'admin');
		this.agent = new https.Agent({ca: fs.readFileSync(pki.caCert), cert: fs.readFileSync(cert), key: fs.readFileSync(key), keepAlive: true});
	}

	request(method: string, path: string, body?: unknown, contentType = 'application/json', timeoutMs = 10_000): Promise<ApiResponse> {
		const url = new URL(path, this.server);
		const payload = body === undefined ? undefined : JSON.stringify(body);
		return new Promise((resolve, reject) => {
			const request = https.request(url, {method, agent: this.agent, timeout: timeoutMs, headers: {accept: 'application/json', ...(payload ? {'content-type': contentType} : {})}}, response => {
				const chunks: Buffer[] = [];
				response.on('data', chunk => chunks.push(chunk));
				response.on('end', () => {
					const text = Buffer.concat(chunks).toString();
					let parsed: unknown = text;
					try {
						parsed = JSON.parse(text);
					} catch {
						// healthz answers plain text
					}
					resolve({status: response.statusCode ?? 0, body: parsed});
				});
			});
			request.on('timeout', () => request.destroy(new Error(`timed out after ${timeoutMs} ms`)));
			request.on('error', reject);
			if (payload) request.write(payload);
			request.end();
		});
	}

	/** Creates an object; an existing one is left as it is (so `up` is idempotent). */
	async create(object: any): Promise<void> {
		const response = await this.request('POST', collectionPath(object), object);
		if (response.status >= 300 && response.status !== 409) {
			throw new Error(`creating ${object.kind} ${object.metadata?.name}: ${response.body?.message ?? response.status}`);
		}
	}

	async list(path: string): Promise<any[]> {
		const response = await this.request('GET', path);
		if (response.status !== 200) throw new Error(`listing ${path}: ${response.body?.message ?? response.status}`);
		return response.body.items ?? [];
	}

	close(): void {
		this.agent.destroy();
	}
}

const pluralOf: Record<string, string> = {
	Node: 'nodes',
	Pod: 'pods',
	ConfigMap: 'configmaps',
	Service: 'services',
	Namespace: 'namespaces',
	Role: 'roles',
	RoleBinding: 'rolebindings',
	ClusterRole: 'clusterroles',
	ClusterRoleBinding: 'clusterrolebindings',
	DaemonSet: 'daemonsets',
	Deployment: 'deployments',
	CustomResourceDefinition: 'customresourcedefinitions',
	Logs: 'logs',
};

export function collectionPath(object: any): string {
	const plural = pluralOf[object.kind];
	if (!plural) throw new Error(`no REST path known for kind ${object.kind}`);
	const group = object.apiVersion === 'v1' ? '/api/v1' : `/apis/${object.apiVersion}`;
	const namespace = object.metadata?.namespace;
	return namespace ? `${group}/namespaces/${namespace}/${plural}` : `${group}/${plural}`;
}
