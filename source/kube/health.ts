// Is the API server answering, and is it ready? Watches alone cannot tell: a
// frozen API server keeps its sockets open and simply says nothing, and one
// whose etcd is gone keeps serving its watch cache. Two cheap probes (a few
// bytes each, no data) see both within seconds:
// - GET /livez/ping answers at once from any live server, so no answer within
//   a short deadline means the server (or the path to it) is not answering;
// - GET /readyz runs the server's readiness checks, etcd's among them. With
//   etcd down it takes about 4 s to say so (two 2 s etcd checks), so it gets a
//   deadline of its own and does not hold the liveness probe back.
import https from 'node:https';
import type {ApiHealth} from '../model/cluster.js';
import type {KubeClient} from './client.js';
import {ApiError, messageOf} from './errors.js';

export interface HealthOptions {
	/** Pause between the end of one probe and the start of the next. */
	intervalMs?: number;
	/** A /livez/ping with no answer in this long counts as "not answering". */
	timeoutMs?: number;
	/** How long /readyz may take to report its checks. */
	readyTimeoutMs?: number;
}

/** Worst case from a freeze to the flag: one interval plus one timeout (4 s with these). */
const defaults = {intervalMs: 2000, timeoutMs: 2000, readyTimeoutMs: 8000};

type Liveness = {state: 'unknown' | 'ok'} | {state: 'silent'} | {state: 'unreachable'; message: string};
type Readiness = {state: 'unknown' | 'ok'} | {state: 'not-ready'; message: string};

/** One probe, again and again, never two at once. */
class Probe {
	private timer?: NodeJS.Timeout;
	private inFlight?: AbortController;
	private running = false;

	constructor(
		private readonly run: (signal: AbortSignal) => Promise<void>,
		private readonly intervalMs: number,
	) {}

	start(): void {
		this.running = true;
		// Not at once: the first LISTs and the reachability check are already on the wire.
		this.schedule();
	}

	stop(): void {
		this.running = false;
		clearTimeout(this.timer);
		// A probe in flight would otherwise keep the process alive until its deadline.
		this.inFlight?.abort();
	}

	private schedule(): void {
		if (!this.running) return;
		this.timer = setTimeout(() => void this.once(), this.intervalMs);
		this.timer.unref?.();
	}

	private async once(): Promise<void> {
		const controller = new AbortController();
		this.inFlight = controller;
		try {
			await this.run(controller.signal);
		} finally {
			if (this.inFlight === controller) this.inFlight = undefined;
			this.schedule();
		}
	}
}

export class HealthMonitor {
	health: ApiHealth = {state: 'unknown'};
	private liveness: Liveness = {state: 'unknown'};
	private readiness: Readiness = {state: 'unknown'};
	private running = false;
	/** When the API server last answered anything (ms since the epoch). */
	private lastAnswerMs = Date.now();
	private readonly probes: Probe[];
	/**
	 * The kubeconfig's agent makes a new TLS connection per request: 7-10 ms of
	 * CPU here (and the API server's share) twice every 2 s. One kept-alive
	 * socket per probe costs a fraction of a millisecond.
	 */
	private readonly agent = new https.Agent({keepAlive: true, maxSockets: 2});

	constructor(
		private readonly client: Pick<KubeClient, 'request'>,
		private readonly onChange: (health: ApiHealth, previous: ApiHealth) => void,
		options: HealthOptions = {},
	) {
		const {intervalMs, timeoutMs, readyTimeoutMs} = {...defaults, ...options};
		this.probes = [new Probe(signal => this.ping(signal, timeoutMs), intervalMs), new Probe(signal => this.ready(signal, readyTimeoutMs), intervalMs)];
	}

	start(): void {
		if (this.running) return;
		this.running = true;
		this.lastAnswerMs = Date.now();
		for (const probe of this.probes) probe.start();
	}

	stop(): void {
		this.running = false;
		for (const probe of this.probes) probe.stop();
		this.agent.destroy();
	}

	private async ping(signal: AbortSignal, timeoutMs: number): Promise<void> {
		let next: Liveness;
		try {
			await this.client.request('GET', '/livez/ping', {timeoutMs, signal, agent: this.agent});
			next = {state: 'ok'};
		} catch (error) {
			const apiError = error instanceof ApiError ? error : undefined;
			// Any HTTP answer (a 403 where RBAC keeps /livez/ping from this user, a 429) is a server that answers.
			if ((apiError?.status ?? 0) > 0) next = {state: 'ok'};
			else if (apiError?.reason === 'ETIMEDOUT') next = {state: 'silent'};
			else next = {state: 'unreachable', message: messageOf(error)};
		}
		if (next.state === 'ok') this.lastAnswerMs = Date.now();
		if (!this.running || signal.aborted) return;
		this.liveness = next;
		this.publish();
	}

	private async ready(signal: AbortSignal, timeoutMs: number): Promise<void> {
		let next: Readiness;
		try {
			await this.client.request('GET', '/readyz', {timeoutMs, signal, agent: this.agent});
			next = {state: 'ok'};
		} catch (error) {
			const status = error instanceof ApiError ? error.status : 0;
			// No answer at all is the liveness probe's to tell; the last word on readiness stands.
			if (status === 0) return;
			// 500 names the failing checks ("etcd, etcd-readiness failed"); a 401/403 on a
			// locked-down /readyz leaves readiness to the watches.
			next = status >= 500 ? {state: 'not-ready', message: messageOf(error).replace(/^GET \/readyz: /, '')} : {state: 'ok'};
		}
		this.lastAnswerMs = Date.now();
		if (!this.running || signal.aborted) return;
		this.readiness = next;
		this.publish();
	}

	private publish(): void {
		const {liveness, readiness} = this;
		let next: ApiHealth;
		if (liveness.state === 'silent') next = {state: 'silent', silentMs: Date.now() - this.lastAnswerMs};
		else if (liveness.state === 'unreachable') next = {state: 'unreachable', message: liveness.message};
		else if (readiness.state === 'not-ready') next = {state: 'not-ready', message: readiness.message};
		else if (liveness.state === 'ok' || readiness.state === 'ok') next = {state: 'ok'};
		else next = {state: 'unknown'};
		const previous = this.health;
		if (previous.state === next.state && previous.message === next.message && previous.silentMs === next.silentMs) return;
		this.health = next;
		this.onChange(next, previous);
	}
}
