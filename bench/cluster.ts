// The cluster under test: an empty sandbox control plane, kwok nodes with room
// for 110 pods each (EKS's max pods on a large instance), and Deployments in
// several namespaces that the real controllers and scheduler turn into pods.
// Sizes grow on the same cluster by scaling the Deployments up.
import {AdminClient} from '../source/sandbox/api.js';
import {ensurePki} from '../source/sandbox/pki.js';
import {startSandbox, type Sandbox} from '../source/sandbox/sandbox.js';
import {setTimeout as sleep} from 'node:timers/promises';

export const podsPerNode = 110;
/** The namespace whose pods churn (annotation patches) during the latency phase. */
export const churnNamespace = 'churn';
/** Sorts before every other namespace, so a probe pod lands in the first rows on screen. */
export const probeNamespace = 'a-probe';

export interface Layout {
	/** Namespaces holding the workload Deployments. */
	namespaces: string[];
	deploymentsPerNamespace: number;
	/** Pods in the churn namespace (part of each size's total). */
	churnPods: number;
}

export interface ScaleLog {
	pods: number;
	ms: number;
	podsPerSecond: number;
}

export interface BenchCluster {
	sandbox: Sandbox;
	api: AdminClient;
	kubeconfig: string;
	layout: Layout;
	/** Grows (never shrinks) the workload so the cluster holds exactly `pods` pods, all Running and Ready. */
	scaleTo(pods: number, timeoutMs: number, log: (line: string) => void): Promise<ScaleLog>;
	/** Pods in the cluster right now, by one full LIST (what every client should end up showing). */
	countPods(): Promise<number>;
	/** Events stored in the cluster (cheap: one item and the remaining count). */
	countEvents(): Promise<number>;
	/**
	 * Waits until no new Event has been recorded for `quietMs`: the controllers'
	 * and kwok's events trail the pods by a long way after a scale-up, and an
	 * "idle" measure taken while they arrive measures the events pane instead.
	 */
	waitForQuiet(quietMs: number, maxMs: number): Promise<{waitedMs: number; quiet: boolean}>;
	close(): Promise<void>;
}

export function layoutFor(maxPods: number): Layout {
	// Tiny (smoke) clusters keep a couple of namespaces; the real sizes spread
	// over 10 namespaces x 5 Deployments, like a shared team cluster.
	if (maxPods <= 200) return {namespaces: ['bench-0', 'bench-1'], deploymentsPerNamespace: 2, churnPods: 10};
	return {namespaces: Array.from({length: 10}, (_, i) => `bench-${i}`), deploymentsPerNamespace: 5, churnPods: 50};
}

function node(index: number): object {
	const name = `bench-node-${String(index).padStart(3, '0')}`;
	const resources = {cpu: '32', memory: '256Gi', pods: String(podsPerNode), 'ephemeral-storage': '100Gi'};
	return {
		apiVersion: 'v1',
		kind: 'Node',
		metadata: {
			name,
			labels: {'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'node.kubernetes.io/instance-type': 'm5.8xlarge', type: 'kwok'},
			// kwok manages only nodes carrying this annotation.
			annotations: {'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0'},
		},
		status: {
			capacity: resources,
			allocatable: resources,
			nodeInfo: {architecture: 'amd64', operatingSystem: 'linux', kubeletVersion: 'v1.34.4', containerRuntimeVersion: 'containerd://1.7.25', kernelVersion: '', osImage: '', kubeProxyVersion: '', machineID: '', systemUUID: '', bootID: ''},
		},
	};
}

function deployment(namespace: string, name: string, replicas: number): object {
	const labels = {app: name};
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name, namespace, labels},
		spec: {
			replicas,
			selector: {matchLabels: labels},
			template: {
				metadata: {labels},
				// No probes: kwok takes such a pod to Running and Ready in about 2 s.
				spec: {containers: [{name: 'app', image: 'todoapi:1.0', resources: {requests: {cpu: '10m', memory: '16Mi'}}}]},
			},
		},
	};
}

/** Per-Deployment replicas for a total, spread as evenly as integers allow. */
export function replicasFor(layout: Layout, total: number): Map<string, number> {
	const names: string[] = [];
	for (const namespace of layout.namespaces) for (let d = 0; d < layout.deploymentsPerNamespace; d++) names.push(`${namespace}/app-${d}`);
	const workload = Math.max(0, total - layout.churnPods);
	const result = new Map<string, number>();
	names.forEach((key, index) => result.set(key, Math.floor(workload / names.length) + (index < workload % names.length ? 1 : 0)));
	result.set(`${churnNamespace}/churn`, layout.churnPods);
	return result;
}

async function check(response: Promise<{status: number; body: any}>, what: string): Promise<any> {
	const {status, body} = await response;
	if (status >= 300 && status !== 409) throw new Error(`${what}: ${body?.message ?? status}`);
	return body;
}

export async function startCluster(options: {dir: string; maxPods: number; log: (line: string) => void}): Promise<BenchCluster> {
	const {dir, maxPods, log} = options;
	const started = performance.now();
	const sandbox = await startSandbox({dir, preset: 'none'});
	const api = new AdminClient(sandbox.server, ensurePki(dir));
	const layout = layoutFor(maxPods);
	try {
		log(`sandbox up in ${Math.round(performance.now() - started)} ms (${sandbox.server})`);
		// Headroom of ~10% so the scheduler never runs out of pod slots.
		const nodes = Math.ceil((maxPods * 1.1) / podsPerNode) + 1;
		for (let i = 0; i < nodes; i++) await api.create(node(i));
		for (const namespace of [...layout.namespaces, churnNamespace, probeNamespace]) {
			await api.create({apiVersion: 'v1', kind: 'Namespace', metadata: {name: namespace}});
		}
		await waitUntil(`${nodes} nodes Ready`, 60_000, async () => (await api.list('/api/v1/nodes')).filter(isReady).length >= nodes);
		log(`${nodes} kwok nodes Ready (${podsPerNode} pods each)`);
	} catch (error) {
		api.close();
		await sandbox.stop({remove: true});
		throw error;
	}

	let created = false;
	const cluster: BenchCluster = {
		sandbox,
		api,
		kubeconfig: sandbox.kubeconfigPath,
		layout,
		async scaleTo(pods, timeoutMs, scaleLog) {
			const before = await cluster.countPods();
			const t0 = performance.now();
			const replicas = replicasFor(layout, pods);
			for (const [key, count] of replicas) {
				const [namespace, name] = key.split('/') as [string, string];
				if (!created) await api.create(deployment(namespace, name, count));
				else await check(api.request('PATCH', `/apis/apps/v1/namespaces/${namespace}/deployments/${name}`, {spec: {replicas: count}}, 'application/merge-patch+json'), `scaling ${key}`);
			}
			created = true;
			let last = '';
			let lastLogged = 0;
			await waitUntil(
				`${pods} pods Running and Ready`,
				timeoutMs,
				async () => {
					const deployments = await api.list('/apis/apps/v1/deployments');
					let ready = 0;
					let desired = 0;
					let updated = 0;
					for (const d of deployments) {
						if (d.metadata.namespace === probeNamespace) continue;
						desired += d.spec?.replicas ?? 0;
						ready += d.status?.readyReplicas ?? 0;
						updated += d.status?.replicas ?? 0;
					}
					last = `${ready}/${desired} ready, ${updated} created`;
					if (performance.now() - lastLogged > 15_000) {
						lastLogged = performance.now();
						scaleLog(`  ${last} after ${Math.round((performance.now() - t0) / 1000)} s`);
					}
					return desired === pods && ready === pods && updated === pods;
				},
				() => last,
			);
			// Deployments report ready; the pod LIST is the ground truth the clients will be compared with.
			await waitUntil(`the pod LIST to hold ${pods} pods`, 60_000, async () => (await cluster.countPods()) === pods);
			const ms = performance.now() - t0;
			const grown = pods - before;
			return {pods, ms: Math.round(ms), podsPerSecond: Math.round((grown / (ms / 1000)) * 10) / 10};
		},
		async countPods() {
			// metadata only would be cheaper, but a full LIST is also what proves the API server serves them all.
			const response = await api.request('GET', '/api/v1/pods', undefined, undefined, 120_000);
			if (response.status !== 200) throw new Error(`listing pods: ${response.body?.message ?? response.status}`);
			return (response.body.items as unknown[]).length;
		},
		async countEvents() {
			const response = await api.request('GET', '/api/v1/events?limit=1');
			if (response.status !== 200) throw new Error(`listing events: ${response.body?.message ?? response.status}`);
			return (response.body.items?.length ?? 0) + (response.body.metadata?.remainingItemCount ?? 0);
		},
		async waitForQuiet(quietMs, maxMs) {
			const started = performance.now();
			let last = await cluster.countEvents();
			let lastChange = performance.now();
			while (performance.now() - started < maxMs) {
				if (performance.now() - lastChange >= quietMs) return {waitedMs: Math.round(performance.now() - started), quiet: true};
				await sleep(1000);
				const count = await cluster.countEvents();
				if (count !== last) {
					last = count;
					lastChange = performance.now();
				}
			}
			return {waitedMs: Math.round(performance.now() - started), quiet: false};
		},
		async close() {
			api.close();
			await sandbox.stop({remove: true});
		},
	};
	return cluster;
}

function isReady(object: any): boolean {
	return (object.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
}

export async function waitUntil(what: string, timeoutMs: number, test: () => Promise<boolean>, detail?: () => string): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		try {
			if (await test()) return;
		} catch (error) {
			lastError = error;
		}
		if (performance.now() > deadline) {
			// eslint-disable-next-line @typescript-eslint/no-base-to-string -- a caught value, printed the way Node prints it
			const why = detail?.() || (lastError ? String(lastError) : '');
			throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${why ? ` (${why})` : ''}`);
		}
		await sleep(1000);
	}
}
