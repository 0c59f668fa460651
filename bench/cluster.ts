// The cluster under test: an empty sandbox control plane, kwok nodes with room
// for 110 pods each (EKS's max pods on a large instance), a few Deployments in
// several namespaces that the real controllers and scheduler turn into pods
// (and the churn namespace's, patched during the latency phase), and the bulk
// of the pods created straight through the API, already bound to a kwok node
// and given a running pod's status. The controllers create pods at their
// client's 20 requests/s (260 s for 10,000 pods), and kwok plays three status
// patches per pod; many parallel POSTs bound by spec.nodeName, each followed
// by one status write, skip the controllers, the scheduler and kwok's stages.
// Sizes grow on the same cluster by adding pods.
import {AdminClient} from '../source/sandbox/api.js';
import {ensurePki} from '../source/sandbox/pki.js';
import {startSandbox, type Sandbox} from '../source/sandbox/sandbox.js';
import {givenStatusLabel} from '../source/sandbox/stages.js';
import {setTimeout as sleep} from 'node:timers/promises';

export const podsPerNode = 110;
/** The namespace whose pods churn (annotation patches) during the latency phase. */
export const churnNamespace = 'churn';
/** Sorts before every other namespace, so a probe pod lands in the first rows on screen. */
export const probeNamespace = 'a-probe';

export interface Layout {
	/** Namespaces holding the workload: a few Deployments and the pods created directly. */
	namespaces: string[];
	deploymentsPerNamespace: number;
	/** Replicas of each workload Deployment (fixed: the sizes grow by direct pods). */
	replicasPerDeployment: number;
	/** Pods in the churn namespace (part of each size's total). */
	churnPods: number;
}

/** POSTs in flight while creating pods directly: enough to keep the API server's two cores busy. */
const createConcurrency = 48;
/** Direct pods per node: the rest of its 110 slots stays free for the scheduler's Deployment pods. */
const directPodsPerNode = 100;

export interface ScaleLog {
	/** Pods in the cluster once grown: fewer than asked when the creation deadline came first. */
	pods: number;
	ms: number;
	podsPerSecond: number;
	/** Of them, pods created directly (the rest the controllers made). */
	directPods: number;
	/** The size asked for, when the deadline stopped the growth short of it. */
	stoppedShortOf?: number;
}

export interface BenchCluster {
	sandbox: Sandbox;
	api: AdminClient;
	kubeconfig: string;
	layout: Layout;
	/**
	 * Grows (never shrinks) the workload so the cluster holds exactly `pods` pods, all Running and Ready;
	 * no pod is created after `createUntil` (a performance.now() time), and the cluster then holds fewer.
	 */
	scaleTo(pods: number, timeoutMs: number, log: (line: string) => void, createUntil?: number): Promise<ScaleLog>;
	/** Pods in the cluster right now (what every client should end up showing): the first page's item and the server's count of the rest. */
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
	if (maxPods <= 200) return {namespaces: ['bench-0', 'bench-1'], deploymentsPerNamespace: 1, replicasPerDeployment: 2, churnPods: 10};
	return {namespaces: Array.from({length: 10}, (_, i) => `bench-${i}`), deploymentsPerNamespace: 2, replicasPerDeployment: 5, churnPods: 50};
}

/** Pods the controllers create (workload Deployments and churn); the rest of each size is created directly. */
export function controllerPods(layout: Layout): number {
	return layout.namespaces.length * layout.deploymentsPerNamespace * layout.replicasPerDeployment + layout.churnPods;
}

function nodeName(index: number): string {
	return `bench-node-${String(index).padStart(3, '0')}`;
}

function node(index: number): object {
	const name = nodeName(index);
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

const podSpec = {containers: [{name: 'app', image: 'todoapi:1.0', resources: {requests: {cpu: '10m', memory: '16Mi'}}}]};

/** A pod as its Deployment would make it, bound to a node: what the direct pods look like on screen. */
function directPod(index: number, layout: Layout): object {
	const namespace = layout.namespaces[index % layout.namespaces.length]!;
	const app = `direct-${index % 5}`;
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name: `${app}-${String(index).padStart(6, '0')}`, namespace, labels: {app, [givenStatusLabel]: 'true'}},
		spec: {...podSpec, nodeName: nodeName(Math.floor(index / directPodsPerNode))},
	};
}

/** The status a kubelet would report once the pod's container runs and is ready: what kwok writes in three steps, in one. */
function runningStatus(index: number, node: number): object {
	const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
	const condition = (type: string) => ({type, status: 'True', lastProbeTime: null, lastTransitionTime: now});
	const podIP = `10.${64 + Math.floor(index / 65_536)}.${Math.floor(index / 256) % 256}.${index % 256}`;
	return {
		status: {
			phase: 'Running',
			conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(condition),
			hostIP: `192.168.${Math.floor(node / 256)}.${node % 256}`,
			podIP,
			podIPs: [{ip: podIP}],
			startTime: now,
			containerStatuses: [{name: 'app', image: 'todoapi:1.0', imageID: '', ready: true, started: true, restartCount: 0, state: {running: {startedAt: now}}}],
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
				spec: podSpec,
			},
		},
	};
}

/** Each Deployment's replicas: fixed, whatever the size. */
export function replicasFor(layout: Layout): Map<string, number> {
	const result = new Map<string, number>();
	for (const namespace of layout.namespaces) for (let d = 0; d < layout.deploymentsPerNamespace; d++) result.set(`${namespace}/app-${d}`, layout.replicasPerDeployment);
	result.set(`${churnNamespace}/churn`, layout.churnPods);
	return result;
}

/**
 * Creates pods first..end-1 directly, `createConcurrency` at a time, each with the status of a
 * running, ready pod (kwok leaves pods with givenStatusLabel alone); an existing one is left as it is.
 */
async function createDirectPods(api: AdminClient, layout: Layout, first: number, end: number, until = Infinity): Promise<number> {
	let next = first;
	const worker = async () => {
		while (next < end && performance.now() < until) {
			const index = next++;
			// A request that timed out on a loaded API server is tried again (an existing pod is fine).
			for (let attempt = 1; ; attempt++) {
				try {
					const pod = directPod(index, layout) as {metadata: {name: string; namespace: string}};
					await api.create(pod);
					const path = `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}/status`;
					const patched = await api.request('PATCH', path, runningStatus(index, Math.floor(index / directPodsPerNode)), 'application/merge-patch+json');
					if (patched.status >= 300) throw new Error(`setting the status of ${pod.metadata.name}: ${patched.body?.message ?? patched.status}`);
					break;
				} catch (error) {
					if (attempt >= 5) throw error;
					await sleep(1000 * attempt);
				}
			}
		}
	};
	await Promise.all(Array.from({length: Math.min(createConcurrency, end - first)}, worker));
	return next;
}

/**
 * Pods not yet Running and Ready, read a page at a time from the watch cache (a full LIST at 50,000
 * pods is 200 MB of JSON). A direct pod that lost its Ready condition is given it back, as its
 * kubelet would report it again: when kwok renews a node's lease late (500 nodes on two busy
 * cores), the node lifecycle controller marks that node's pods not ready, and kwok leaves these alone.
 */
async function podsNotReady(api: AdminClient): Promise<number> {
	let notReady = 0;
	let token = '';
	const lost: any[] = [];
	do {
		const response = await api.request('GET', `/api/v1/pods?limit=5000${token ? `&continue=${encodeURIComponent(token)}` : ''}`, undefined, undefined, 60_000);
		if (response.status !== 200) throw new Error(`listing pods: ${response.body?.message ?? response.status}`);
		for (const pod of response.body.items as any[]) {
			if (pod.status?.phase === 'Running' && isReady(pod)) continue;
			notReady++;
			if (pod.metadata?.labels?.[givenStatusLabel] === 'true' && pod.status?.phase === 'Running') lost.push(pod);
		}
		token = response.body.metadata?.continue ?? '';
	} while (token);
	for (const pod of lost) {
		const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
		const conditions = (pod.status.conditions as any[]).map(condition => (condition.type === 'Ready' ? {...condition, status: 'True', lastTransitionTime: now} : condition));
		await api.request('PATCH', `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}/status`, {status: {conditions}}, 'application/merge-patch+json');
	}
	return notReady;
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
	let directCreated = 0;
	const cluster: BenchCluster = {
		sandbox,
		api,
		kubeconfig: sandbox.kubeconfigPath,
		layout,
		async scaleTo(asked, timeoutMs, scaleLog, createUntil) {
			const before = await cluster.countPods();
			const t0 = performance.now();
			const fromControllers = controllerPods(layout);
			if (asked < fromControllers) throw new Error(`${asked} pods is fewer than the ${fromControllers} the Deployments hold`);
			if (!created) {
				for (const [key, count] of replicasFor(layout)) {
					const [namespace, name] = key.split('/') as [string, string];
					await api.create(deployment(namespace, name, count));
				}
				created = true;
			}
			const direct = asked - fromControllers;
			if (direct > directCreated) {
				const reached = await createDirectPods(api, layout, directCreated, direct, createUntil);
				scaleLog(`  ${reached - directCreated} pods created directly in ${Math.round((performance.now() - t0) / 1000)} s${reached < direct ? ` (stopped by the time budget, ${direct - reached} short)` : ''}`);
				directCreated = reached;
			}
			const pods = fromControllers + directCreated;
			let last = '';
			let lastLogged = 0;
			await waitUntil(
				`${pods} pods Running and Ready`,
				timeoutMs,
				async () => {
					const total = await cluster.countPods();
					const notReady = total === pods ? await podsNotReady(api) : -1;
					last = `${total} pods, ${notReady < 0 ? '?' : notReady} not Running and Ready`;
					if (performance.now() - lastLogged > 15_000) {
						lastLogged = performance.now();
						scaleLog(`  ${last} after ${Math.round((performance.now() - t0) / 1000)} s`);
					}
					return notReady === 0;
				},
				() => last,
			);
			const ms = performance.now() - t0;
			const grown = pods - before;
			return {pods, ms: Math.round(ms), podsPerSecond: Math.round((grown / (ms / 1000)) * 10) / 10, directPods: directCreated, ...(pods < asked ? {stoppedShortOf: asked} : {})};
		},
		async countPods() {
			// One item and the server's count of the rest: a full LIST at 50,000 pods is 200 MB of JSON, every second while growing.
			const response = await api.request('GET', '/api/v1/pods?limit=1', undefined, undefined, 60_000);
			if (response.status !== 200) throw new Error(`listing pods: ${response.body?.message ?? response.status}`);
			return (response.body.items?.length ?? 0) + (response.body.metadata?.remainingItemCount ?? 0);
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
