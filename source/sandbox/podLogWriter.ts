// The sandbox's containers have no process to write a log, so this one does,
// as they run: a background process of the sandbox (`k8slab sandbox podlogs`)
// that watches the pods and writes each container's log in the container
// runtime's format (CRI: "<time> stdout F <line>"), which kwok serves as the
// kubelet would (Logs objects, kwokLogs.ts). The simulated todoapi logs its
// start, one access line per probe request at the times the sandbox's kubelet
// stages probe it (stages.ts: GET / 200, GET /nope 404, GET / 503 on a pod told
// to fail its readiness probe), and a last line when
// a liveness failure kills it; a restart moves the log to the previous file,
// as `kubectl logs --previous` reads it.
import fs from 'node:fs';
import path from 'node:path';
import {connect, resolveConfig} from '../kube/config.js';
import {Informer} from '../kube/informer.js';
import {AdminClient} from './api.js';
import {podLogsObject} from './kwokLogs.js';
import {ensurePki} from './pki.js';
import {readState} from './sandbox.js';
import {failReadinessAnnotation} from '../model/readinessSwitch.js';

interface Probe {
	httpGet?: {path?: string; port?: number | string};
	initialDelaySeconds?: number;
	periodSeconds?: number;
}

interface ContainerSpec {
	name: string;
	image?: string;
	livenessProbe?: Probe;
	readinessProbe?: Probe;
}

interface RunState {
	running?: {startedAt?: string};
	terminated?: {startedAt?: string; finishedAt?: string; exitCode?: number};
	waiting?: {reason?: string};
}

interface ContainerStatus {
	name: string;
	restartCount?: number;
	state?: RunState;
	lastState?: RunState;
}

interface PodObject {
	metadata: {name: string; namespace: string; uid: string; deletionTimestamp?: string; annotations?: Record<string, string>};
	spec?: {nodeName?: string; containers?: ContainerSpec[]};
	status?: {containerStatuses?: ContainerStatus[]};
}

/** Where one container's current and previous logs are. */
export function containerLogFiles(dir: string, pod: PodObject['metadata'], container: string): {file: string; previousFile: string} {
	const podDir = path.join(dir, 'podlogs', `${pod.namespace}_${pod.name}_${pod.uid}`);
	return {file: path.join(podDir, `${container}.log`), previousFile: path.join(podDir, `${container}.previous.log`)};
}

/** A line as the container runtime writes it, for kwok (and the kubelet's log reader) to parse. */
export function criLine(timeMs: number, text: string): string {
	return `${new Date(timeMs).toISOString()} stdout F ${text}\n`;
}

/** What the simulated todoapi answers: only GET / on 8080. */
function probeAnswer(probe: Probe): {path: string; status: number} | undefined {
	const get = probe.httpGet;
	if (!get) return undefined;
	// A probe on another port never reaches the app: the kubelet's connection is refused, nothing is logged.
	if (String(get.port ?? '') !== '8080') return undefined;
	const requested = get.path ?? '/';
	return {path: requested, status: requested === '/' ? 200 : 404};
}

/** The lines a container of this image prints when it starts. */
export function startupLines(image: string): string[] {
	const name = (image.split('/').at(-1) ?? image).split(':')[0] ?? image;
	const tag = image.includes(':') ? (image.split(':').at(-1) ?? '') : 'latest';
	if (name === 'todoapi') return [`todoapi ${tag} starting (pid 1)`, 'no database configured: keeping todos in memory', 'listening on :8080'];
	return [`${name} ${tag} started`];
}

export const accessLine = (request: {path: string; status: number}) => `GET ${request.path} ${request.status} 0.3ms "kube-probe/1.34"`;
export const shutdownLine = 'received SIGTERM, shutting down';

/**
 * The lines one run of a container writes after `fromMs` and up to `untilMs`:
 * its start, then each probe request (failure k of the liveness probe comes
 * at startedAt + initialDelaySeconds + k × periodSeconds, as the stages have
 * it: from the start time the pod shows now, `probedFromMs`), then, if it was killed, the shutdown line at its
 * finish. `unready`: the app answers its readiness probe with 503 (the pod was told to fail it). Only that
 * window is computed, so a container running for hours costs no more.
 */
export function containerLines(container: ContainerSpec, run: {startedMs: number; probedFromMs: number; unready?: boolean}, fromMs: number, untilMs: number, finishedMs?: number): Array<{timeMs: number; text: string}> {
	const {startedMs, probedFromMs} = run;
	const end = finishedMs === undefined ? untilMs : Math.min(untilMs, finishedMs);
	const lines = startupLines(container.image ?? '')
		.map((text, index) => ({timeMs: startedMs + 40 * (index + 1), text}))
		.filter(line => line.timeMs > fromMs && line.timeMs <= untilMs);
	for (const probe of [container.livenessProbe, container.readinessProbe]) {
		const found = probe && probeAnswer(probe);
		const answer = found && run.unready && probe === container.readinessProbe && found.status === 200 ? {...found, status: 503} : found;
		if (!probe || !answer) continue;
		const period = Math.max(1, probe.periodSeconds ?? 10) * 1000;
		const base = probedFromMs + (probe.initialDelaySeconds ?? 0) * 1000;
		const first = Math.max(1, Math.floor((fromMs - base) / period) + 1);
		for (let at = base + first * period; at <= end; at += period) if (at > fromMs) lines.push({timeMs: at, text: accessLine(answer)});
	}
	// Once, when the kill is first seen (the caller writes a run's lines no more after it): it may be seen a moment after the clock passed it.
	if (finishedMs !== undefined && finishedMs <= untilMs) lines.push({timeMs: finishedMs + 1, text: shutdownLine});
	return lines.sort((a, b) => a.timeMs - b.timeMs);
}

/** One container's log as written so far: which run (its restart count), and up to when. */
interface Written {
	restarts: number;
	startedMs: number;
	untilMs: number;
	finished: boolean;
}

const tickMs = 250;

export class PodLogWriter {
	private readonly written = new Map<string, Written>();
	private readonly registered = new Set<string>();

	constructor(
		private readonly dir: string,
		private readonly register: (pod: PodObject, containers: ReadonlyArray<{name: string; file: string; previousFile: string}>) => Promise<void>,
	) {}

	/** Brings every container's files up to `nowMs`; `listed`: `pods` is every pod there is (the watch has listed), so the files of others can go. */
	sync(pods: Iterable<PodObject>, nowMs: number, listed = true): void {
		const live = new Set<string>();
		for (const pod of pods) {
			if (!pod.spec?.nodeName) continue;
			live.add(pod.metadata.uid);
			for (const container of pod.spec.containers ?? []) this.syncContainer(pod, container, nowMs);
		}
		for (const key of this.registered) {
			if (!live.has(key)) {
				this.registered.delete(key);
				for (const written of this.written.keys()) if (written.startsWith(`${key}/`)) this.written.delete(written);
			}
		}
		if (listed) this.removeGone(live);
	}

	private syncContainer(pod: PodObject, container: ContainerSpec, nowMs: number): void {
		const status = pod.status?.containerStatuses?.find(each => each.name === container.name);
		// The run that writes: the running one, or the one that just ended (killed, waiting to restart).
		const running = status?.state?.running;
		const ended = running ? undefined : (status?.state?.terminated ?? status?.lastState?.terminated);
		const startedAt = running?.startedAt ?? ended?.startedAt;
		if (!status || !startedAt) return;
		const files = containerLogFiles(this.dir, pod.metadata, container.name);
		const key = `${pod.metadata.uid}/${container.name}`;
		const restarts = status.restartCount ?? 0;
		let written = this.written.get(key);
		// Its files removed (the pod looked gone for a moment): start them again.
		if (written && !fs.existsSync(files.file)) written = undefined;
		if (written && written.restarts !== restarts) {
			// A new run: finish the old one (its kill line), then its log becomes the previous one.
			const killed = status.lastState?.terminated;
			if (!written.finished) this.append(files.file, container, written, Date.parse(killed?.startedAt ?? '') || written.startedMs, nowMs, Date.parse(killed?.finishedAt ?? '') || nowMs);
			fs.renameSync(files.file, files.previousFile);
			written = undefined;
		}
		if (!written) {
			fs.mkdirSync(path.dirname(files.file), {recursive: true, mode: 0o700});
			fs.writeFileSync(files.file, '', {mode: 0o600});
			written = {restarts, startedMs: Date.parse(startedAt), untilMs: Number.NEGATIVE_INFINITY, finished: false};
			this.written.set(key, written);
		}
		if (!this.registered.has(pod.metadata.uid)) {
			this.registered.add(pod.metadata.uid);
			const containers = (pod.spec?.containers ?? []).map(each => ({name: each.name, ...containerLogFiles(this.dir, pod.metadata, each.name)}));
			this.register(pod, containers).catch(() => this.registered.delete(pod.metadata.uid));
		}
		const unready = pod.metadata.annotations?.[failReadinessAnnotation] === 'true';
		if (!written.finished) this.append(files.file, container, written, Date.parse(startedAt), nowMs, ended?.finishedAt ? Date.parse(ended.finishedAt) : undefined, unready);
	}

	private append(file: string, container: ContainerSpec, written: Written, probedFromMs: number, nowMs: number, finishedMs?: number, unready = false): void {
		const fresh = containerLines(container, {startedMs: written.startedMs, probedFromMs, unready}, written.untilMs, nowMs, finishedMs);
		if (fresh.length > 0) fs.appendFileSync(file, fresh.map(line => criLine(line.timeMs, line.text)).join(''), {mode: 0o600});
		written.untilMs = nowMs;
		if (finishedMs !== undefined && finishedMs <= nowMs) written.finished = true;
	}
	/** A deleted pod's logs go with it, as the kubelet's do. */
	private removeGone(live: ReadonlySet<string>): void {
		const root = path.join(this.dir, 'podlogs');
		let entries: string[] = [];
		try {
			entries = fs.readdirSync(root);
		} catch {
			return;
		}
		for (const entry of entries) if (!live.has(entry.split('_').at(-1) ?? '')) fs.rmSync(path.join(root, entry), {recursive: true, force: true});
	}
}

/** `k8slab sandbox podlogs`: runs until killed (the sandbox stops it with the other components). */
export async function runPodLogWriter(dir: string): Promise<void> {
	// The sandbox finds (and stops) its processes by name in their command line, which the title replaces.
	process.title = 'k8slab sandbox podlogs';
	const state = readState(dir);
	if (!state) throw new Error(`no sandbox in ${dir}`);
	const admin = new AdminClient(state.server, ensurePki(dir));
	const {client} = connect(resolveConfig({kubeconfig: path.join(dir, 'kubeconfigs', 'kwok.kubeconfig')}));
	const writer = new PodLogWriter(dir, async (pod, containers) => admin.create(podLogsObject(pod, containers)));
	const pods = new Informer(client, {collectionPath: () => '/api/v1/pods', namespace: '', onChange: () => sync()});
	const sync = () => {
		try {
			writer.sync(pods.objects.values() as Iterable<PodObject>, Date.now(), pods.sync.state === 'synced');
		} catch (error) {
			process.stderr.write(`podlogs: ${(error as Error).message}\n`);
		}
	};
	pods.start();
	// Probe requests happen on the clock, not only when a pod changes.
	setInterval(sync, tickMs);
	await new Promise(() => {});
}
