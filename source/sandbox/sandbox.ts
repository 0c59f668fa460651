// Starts, inspects and stops a sandbox: a real control plane (etcd,
// kube-apiserver, kube-controller-manager, kube-scheduler) with kwok nodes,
// preloaded with the lab preset.
import fs from 'node:fs';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {AdminClient} from './api.js';
import {ensureBinaries, SandboxError, formatElapsed, type BuildProgress} from './build.js';
import {componentSpecs, etcdClientUrl, type SandboxPorts} from './components.js';
import {writeComponentKubeconfig, writeUserKubeconfig} from './kubeconfig.js';
import {withLock} from './lock.js';
import {assertSandboxDir, makePrivate, privateDirMode, privateFileMode} from './permissions.js';
import {ensurePki} from './pki.js';
import {expectedPods, labPreset, workerNode} from './preset.js';
import {freePort, isRunning, logTail, startProcess, stopProcess, type ProcessSpec} from './processes.js';
import {cliEntry, sandboxDir} from './paths.js';
import {defaultKnownImages, kwokConfig} from './stages.js';
import {logsApi, logsCrd} from './kwokLogs.js';
import {componentNames, type ComponentName} from './versions.js';

export {SandboxError};

export interface SandboxOptions {
	dir?: string;
	/** Worker nodes on first start (default 3, as in the lab). */
	nodes?: number;
	/** Images the fake kubelets can pull; anything else ends in ImagePullBackOff. */
	knownImages?: string[];
	/** 'lab' (default) loads the lab's EKS cluster; 'none' starts an empty control plane (benchmarks bring their own nodes). */
	preset?: 'lab' | 'none';
	/** Extra kube-apiserver flags (tests use --watch-cache=false to get 410s straight from etcd). */
	apiserverArgs?: string[];
	progress?: BuildProgress;
	env?: NodeJS.ProcessEnv;
}

export interface SandboxState {
	ports: SandboxPorts;
	server: string;
	/** https://…; absent in the state of a sandbox started before etcd spoke TLS. */
	etcdServer?: string;
	nodes: number;
	startedAt: string;
	apiserverArgs?: string[];
}

export interface Sandbox {
	dir: string;
	kubeconfigPath: string;
	server: string;
	/** Stops every process; the state dir stays unless `remove` is set. */
	stop(options?: {remove?: boolean}): Promise<void>;
}

const quiet: BuildProgress = () => {};

export function kubeconfigPath(dir: string): string {
	return path.join(dir, 'kubeconfig');
}

function statePath(dir: string): string {
	return path.join(dir, 'state.json');
}

export function readState(dir: string): SandboxState | undefined {
	try {
		return JSON.parse(fs.readFileSync(statePath(dir), 'utf8')) as SandboxState;
	} catch {
		return undefined;
	}
}

/** Starts the sandbox (idempotent) and resolves once nodes and lab pods are ready. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const dir = sandboxDir(options.dir, options.env);
	const progress = options.progress ?? quiet;
	fs.mkdirSync(dir, {recursive: true, mode: privateDirMode});
	assertSandboxDir(dir);
	makePrivate(dir);
	return withLock(path.join(dir, 'up.lock'), async () => {
		try {
			return await startLocked(dir, options, progress);
		} finally {
			// Files written on the way (openssl's keys among them) and any a user loosened end up private too.
			makePrivate(dir);
		}
	});
}

async function startLocked(dir: string, options: SandboxOptions, progress: BuildProgress): Promise<Sandbox> {
	const existing = readState(dir);
	const running = existing !== undefined && componentNames.every(name => isRunning(dir, name));
	if (running && existing.etcdServer?.startsWith('https://')) {
		const pki = ensurePki(dir);
		const client = new AdminClient(existing.server, pki);
		try {
			await waitFor('the API server to answer', 5_000, async () => (await client.request('GET', '/readyz')).status === 200);
		} finally {
			client.close();
		}
		progress(`sandbox already running (${existing.server})`, true);
		return handle(dir, existing.server);
	}
	if (running) {
		progress('restarting the sandbox: an older k8slab started its etcd without TLS…', true);
		await stopAll(dir);
		wipe(dir);
	} else if (existing || fs.existsSync(path.join(dir, 'pids'))) {
		progress('cleaning up a sandbox that did not stop cleanly…', true);
		await stopAll(dir);
		wipe(dir);
	}
	await ensureBinaries(progress, options.env);
	const started = Date.now();
	progress('starting etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok…', false);
	try {
		const server = await boot(dir, options, progress);
		progress(`sandbox ready in ${formatElapsed(Date.now() - started)}`, true);
		return handle(dir, server);
	} catch (error) {
		// Leave nothing half-started behind: the next `up` starts clean.
		await stopAll(dir);
		throw error;
	}
}

async function boot(dir: string, options: SandboxOptions, progress: BuildProgress): Promise<string> {
	const nodes = options.nodes ?? 3;
	const pki = ensurePki(dir);
	const ports: SandboxPorts = {etcdClient: await freePort(), etcdPeer: await freePort(), apiserver: await freePort(), kwok: await freePort()};
	const server = `https://127.0.0.1:${ports.apiserver}`;
	for (const identity of ['kube-controller-manager', 'kube-scheduler', 'kwok']) {
		writeComponentKubeconfig(path.join(dir, 'kubeconfigs', `${identity}.kubeconfig`), pki, server, identity);
	}
	writeUserKubeconfig(kubeconfigPath(dir), pki, server, credentialCommand(dir));
	fs.writeFileSync(path.join(dir, 'kwok.yaml'), kwokConfig(options.knownImages ?? defaultKnownImages), {mode: privateFileMode});
	const state: SandboxState = {ports, server, etcdServer: etcdClientUrl(ports), nodes, startedAt: new Date().toISOString(), apiserverArgs: options.apiserverArgs};
	fs.writeFileSync(statePath(dir), JSON.stringify(state, null, 2), {mode: privateFileMode});

	const specs = componentSpecs(dir, pki, ports, options.env, options.apiserverArgs);
	startProcess(dir, specs.etcd);
	startProcess(dir, specs['kube-apiserver']);
	const client = new AdminClient(server, pki);
	try {
		await waitFor('kube-apiserver to become ready', 60_000, async () => {
			assertAlive(dir, ['etcd', 'kube-apiserver']);
			return (await client.request('GET', '/readyz', undefined, undefined, 2000).catch(() => ({status: 0}))).status === 200;
		});
		progress('API server ready; starting controllers and nodes…', false);
		// kwok watches Logs objects (--enable-crds=Logs): their kind is served before it starts.
		await client.create(logsCrd);
		await waitFor('the Logs kind to be served', 30_000, async () => (await client.request('GET', `${logsApi}/logs`)).status === 200);
		for (const name of ['kube-controller-manager', 'kube-scheduler', 'kwok'] as const) startProcess(dir, specs[name]);
		if ((options.preset ?? 'lab') === 'lab') {
			// The lab's containers write their logs as they run (benchmarks with thousands of pods go without).
			startProcess(dir, podLogWriterSpec(dir));
			for (const object of labPreset(nodes)) await client.create(object);
			await waitForLab(dir, client, nodes);
		}
	} finally {
		client.close();
	}
	return server;
}

async function waitForLab(dir: string, client: AdminClient, nodes: number): Promise<void> {
	await waitFor(`${nodes} nodes Ready and ${expectedPods(nodes)} lab pods Running`, 90_000, async () => {
		assertAlive(dir, componentNames);
		const readyNodes = (await client.list('/api/v1/nodes')).filter(isReady).length;
		const pods = [...(await client.list('/api/v1/namespaces/kube-system/pods')), ...(await client.list('/api/v1/namespaces/default/pods'))];
		// lab-viewer's "view" role is empty until the controller-manager aggregates its rules in.
		const view = await client.request('GET', '/apis/rbac.authorization.k8s.io/v1/clusterroles/view');
		const viewAggregated = (view.body?.rules?.length ?? 0) > 0;
		return viewAggregated && readyNodes >= nodes && pods.filter(pod => pod.status?.phase === 'Running' && isReady(pod)).length >= expectedPods(nodes);
	});
}

function isReady(object: any): boolean {
	return (object.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
}

function assertAlive(dir: string, names: readonly ComponentName[]): void {
	for (const name of names) {
		if (!isRunning(dir, name)) {
			throw new SandboxError(`${name} exited during start-up. Last lines of ${path.join(dir, 'logs', `${name}.log`)}:\n${logTail(dir, name)}`);
		}
	}
}

async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await check().catch(error => (error instanceof SandboxError ? Promise.reject(error) : false))) return;
		if (Date.now() > deadline) throw new SandboxError(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
		await sleep(250);
	}
}

function handle(dir: string, server: string): Sandbox {
	return {
		dir,
		kubeconfigPath: kubeconfigPath(dir),
		server,
		stop: async ({remove = false} = {}) => {
			await stopAll(dir);
			if (remove) fs.rmSync(dir, {recursive: true, force: true});
		},
	};
}

/** The process that writes the simulated containers' logs (podLogWriter.ts). */
function podLogWriterSpec(dir: string): ProcessSpec {
	return {name: 'podlogs', command: process.execPath, args: [cliEntry(), 'sandbox', 'podlogs', '--dir', dir]};
}

/** Stops every component, newest first, and frees their ports. */
export async function stopAll(dir: string): Promise<void> {
	await stopProcess(dir, 'podlogs');
	for (const name of [...componentNames].reverse()) await stopProcess(dir, name);
	fs.rmSync(statePath(dir), {force: true});
}

function wipe(dir: string): void {
	for (const entry of ['etcd', 'pids', 'kubeconfigs', 'kwok.yaml', 'kubeconfig', 'state.json', 'podlogs']) {
		fs.rmSync(path.join(dir, entry), {recursive: true, force: true});
	}
}

export interface ComponentStatus {
	name: ComponentName;
	running: boolean;
}

export function sandboxStatus(dir: string): {state?: SandboxState; components: ComponentStatus[]} {
	return {state: readState(dir), components: componentNames.map(name => ({name, running: isRunning(dir, name)}))};
}

/** Stops one component (to inject a fault); `startComponent` brings it back with the same flags. */
export async function stopComponent(dir: string, name: ComponentName): Promise<boolean> {
	return stopProcess(dir, name);
}

export async function startComponent(dir: string, name: ComponentName, env: NodeJS.ProcessEnv = process.env): Promise<void> {
	const state = readState(dir);
	if (!state) throw new SandboxError(`no sandbox is running in ${dir}; start one with "k8slab sandbox up"`);
	if (isRunning(dir, name)) return;
	const pki = ensurePki(dir);
	startProcess(dir, componentSpecs(dir, pki, state.ports, env, state.apiserverArgs)[name]);
	if (name === 'kube-apiserver') {
		const client = new AdminClient(state.server, pki);
		try {
			await waitFor('kube-apiserver to become ready', 60_000, async () => (await client.request('GET', '/readyz', undefined, undefined, 2000)).status === 200);
		} finally {
			client.close();
		}
	}
}

/** Changes the number of worker nodes, as the lab changes the node group's desired size. */
/** `seen`: the size the caller showed its user; if the node group is no longer that size, nothing is changed. */
export async function setNodeCount(dir: string, count: number, seen?: number): Promise<{added: string[]; removed: string[]}> {
	const state = readState(dir);
	if (!state) throw new SandboxError(`no sandbox is running in ${dir}; start one with "k8slab sandbox up"`);
	const client = new AdminClient(state.server, ensurePki(dir));
	try {
		const existing = (await client.list('/api/v1/nodes?labelSelector=eks.amazonaws.com%2Fnodegroup%3Dworker-nodes')).map(n => n.metadata.name as string);
		if (seen !== undefined && existing.length !== seen) {
			throw new SandboxError(`nothing was changed: the node group's size changed meanwhile: ${seen} → ${existing.length} nodes; press n to set it from ${existing.length}`);
		}
		const wanted = Array.from({length: count}, (_, index) => workerNode(index) as {metadata: {name: string}});
		const added: string[] = [];
		for (const node of wanted) {
			if (!existing.includes(node.metadata.name)) {
				await client.create(node);
				added.push(node.metadata.name);
			}
		}
		const keep = new Set(wanted.map(n => n.metadata.name));
		const removed = existing.filter(name => !keep.has(name));
		for (const name of removed) {
			// Drain like a node group scale-in: cordon, then delete the node; its pods are rescheduled.
			await client.request('PATCH', `/api/v1/nodes/${name}`, {spec: {unschedulable: true}}, 'application/merge-patch+json');
			await client.request('DELETE', `/api/v1/nodes/${name}`);
		}
		fs.writeFileSync(statePath(dir), JSON.stringify({...state, nodes: count}, null, 2), {mode: privateFileMode});
		await waitFor(`${count} nodes Ready`, 60_000, async () => (await client.list('/api/v1/nodes')).filter(isReady).length >= count);
		return {added, removed};
	} finally {
		client.close();
	}
}

/** How the kubeconfig's exec user runs this CLI to get its token. */
function credentialCommand(dir: string): {command: string; args: string[]} {
	return {command: process.execPath, args: [cliEntry(), 'sandbox', 'credential', '--dir', dir]};
}
