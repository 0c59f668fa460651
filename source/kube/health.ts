// Is the API server answering, and is it ready? Watches alone cannot tell: a
// frozen API server keeps its sockets open and simply says nothing, and one
// whose etcd is gone keeps serving its watch cache. A cheap GET /readyz every
// couple of seconds (no data, a few bytes) sees both within seconds.
import type {ApiHealth} from '../model/cluster.js';
import type {KubeClient} from './client.js';
import {ApiError, messageOf} from './errors.js';

export interface HealthOptions {
	/** Pause between the end of one probe and the start of the next. */
	intervalMs?: number;
	/** A probe with no answer in this long counts as "not answering". */
	timeoutMs?: number;
}

/** Worst case from a freeze to the flag: one interval plus one timeout (5 s with these). */
const defaultIntervalMs = 2000;
const defaultTimeoutMs = 3000;

export class HealthMonitor {
	health: ApiHealth = {state: 'unknown'};
	private timer?: NodeJS.Timeout;
	private probing?: AbortController;
	private running = false;
	/** When the API server last answered anything (ms since the epoch). */
	private lastAnswerMs = Date.now();
	private readonly intervalMs: number;
	private readonly timeoutMs: number;

	constructor(
		private readonly client: Pick<KubeClient, 'request'>,
		private readonly onChange: (health: ApiHealth, previous: ApiHealth) => void,
		options: HealthOptions = {},
	) {
		this.intervalMs = options.intervalMs ?? defaultIntervalMs;
		this.timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
	}

	start(): void {
		if (this.running) return;
		this.running = true;
		this.lastAnswerMs = Date.now();
		// Not at once: the first LISTs and the reachability check are already on the wire.
		this.schedule();
	}

	stop(): void {
		this.running = false;
		clearTimeout(this.timer);
		this.timer = undefined;
		// A probe in flight would otherwise keep the process alive until its deadline.
		this.probing?.abort();
		this.probing = undefined;
	}

	private schedule(): void {
		if (!this.running) return;
		this.timer = setTimeout(() => void this.probe(), this.intervalMs);
		this.timer.unref?.();
	}

	private async probe(): Promise<void> {
		const probing = new AbortController();
		this.probing = probing;
		let next: ApiHealth;
		try {
			await this.client.request('GET', '/readyz', {timeoutMs: this.timeoutMs, signal: probing.signal});
			this.lastAnswerMs = Date.now();
			next = {state: 'ok'};
		} catch (error) {
			if (!this.running || probing.signal.aborted) return;
			next = this.judge(error);
		} finally {
			if (this.probing === probing) this.probing = undefined;
		}
		if (!this.running) return;
		this.set(next);
		this.schedule();
	}

	private judge(error: unknown): ApiHealth {
		const apiError = error instanceof ApiError ? error : undefined;
		const status = apiError?.status ?? 0;
		if (status >= 500) {
			// It answered, and said which of its checks fail (etcd, for a backend that is down).
			this.lastAnswerMs = Date.now();
			return {state: 'not-ready', message: messageOf(error).replace(/^GET \/readyz: /, '')};
		}
		if (status > 0) {
			// Any other answer (401, 403 on a locked-down /readyz, 429) is a server that answers:
			// the watches and their errors say the rest.
			this.lastAnswerMs = Date.now();
			return {state: 'ok'};
		}
		if (apiError?.reason === 'ETIMEDOUT') return {state: 'silent', silentMs: Date.now() - this.lastAnswerMs};
		return {state: 'unreachable', message: messageOf(error)};
	}

	private set(next: ApiHealth): void {
		const previous = this.health;
		if (previous.state === next.state && previous.message === next.message && previous.silentMs === next.silentMs) return;
		this.health = next;
		this.onChange(next, previous);
	}
}
