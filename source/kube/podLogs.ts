// A container's log through the pods/log subresource, as `kubectl logs -f
// --timestamps` reads it, kept open while the view shows it: a stream that
// ends because the container exited is reopened when it restarts (the pod's
// watch says when), a broken connection is reopened after a pause, and lines
// already shown are not shown twice (each line's timestamp says where it
// stood). The server's refusals (a container still waiting to start, no
// previous container, 403) are handed over in its own words.
import {StringDecoder} from 'node:string_decoder';
import {compareLogTimes, maxLineChars, type LogHandlers, type LogRequest, type RawLogLine} from '../model/logs.js';
import type {KubeClient} from './client.js';
import type {ApiError} from './errors.js';

/** What the pods watch says of one container, so a stream can wait for it to (re)start instead of polling. */
export interface ContainerWatch {
	/**
	 * Changes whenever the container starts again (its restart count and start time);
	 * undefined once the pod is gone; null when the pod is not watched (another namespace).
	 */
	instance(): string | null | undefined;
	subscribe(listener: () => void): () => void;
}

const timestamped = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d) /;

/** Splits a byte stream into lines: UTF-8 across chunk boundaries, a line longer than `limit` kept only up to it. */
export class LogLineSplitter {
	private readonly decoder = new StringDecoder('utf8');
	private pending = '';
	/** Characters of the pending line dropped beyond the limit. */
	private dropped = 0;

	constructor(private readonly limit = maxLineChars) {}

	push(chunk: Buffer): RawLogLine[] {
		return this.split(this.decoder.write(chunk));
	}

	/** The last line, when the stream ended without a newline. */
	end(): RawLogLine[] {
		const rest = this.split(this.decoder.end());
		if (this.pending || this.dropped) rest.push(this.line(this.pending));
		this.pending = '';
		this.dropped = 0;
		return rest;
	}

	private split(text: string): RawLogLine[] {
		const lines: RawLogLine[] = [];
		let start = 0;
		for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
			this.keep(text, start, newline);
			lines.push(this.line(this.pending));
			this.pending = '';
			this.dropped = 0;
			start = newline + 1;
		}
		this.keep(text, start, text.length);
		return lines;
	}

	/** Appends text[from, to) to the pending line, up to the limit (plus room for the timestamp). */
	private keep(text: string, from: number, to: number): void {
		const room = this.limit + 64 - this.pending.length;
		const take = Math.max(0, Math.min(room, to - from));
		if (take > 0) this.pending += text.slice(from, from + take);
		this.dropped += to - from - take;
	}

	private line(text: string): RawLogLine {
		const match = timestamped.exec(text);
		const time = match ? match[0].slice(0, -1) : '';
		const body = match ? text.slice(match[0].length) : text;
		const length = body.length + this.dropped;
		return length > this.limit ? {time, text: body.slice(0, this.limit), cutFrom: length} : {time, text: body};
	}
}

export function podLogPath(request: LogRequest, follow: boolean, sinceTime?: string): string {
	const query = new URLSearchParams({container: request.container, timestamps: 'true'});
	if (follow) query.set('follow', 'true');
	if (request.previous) query.set('previous', 'true');
	// Resuming: from the second of the last line shown (sinceTime has whole seconds); the lines up to it are dropped below.
	if (sinceTime) query.set('sinceTime', sinceTime.replace(/\.\d+/, ''));
	else query.set('tailLines', String(request.tailLines));
	return `/api/v1/namespaces/${encodeURIComponent(request.namespace)}/pods/${encodeURIComponent(request.pod)}/log?${query.toString()}`;
}

const retryMs = [1000, 2000, 5000, 10_000];

/**
 * Streams the log until the returned function is called. The previous
 * container's log is read once (it is complete); the current one is followed.
 */
export function streamPodLogs(client: KubeClient, request: LogRequest, handlers: LogHandlers, watch?: ContainerWatch): () => void {
	const follow = !request.previous;
	let stopped = false;
	let abort: (() => void) | undefined;
	let timer: NodeJS.Timeout | undefined;
	let unsubscribe: (() => void) | undefined;
	let lastTime: string | undefined;
	let failures = 0;

	const open = () => {
		if (stopped) return;
		const opened = watch?.instance();
		const resumeFrom = lastTime;
		const splitter = new LogLineSplitter();
		let streaming = false;
		let skipping = resumeFrom !== undefined;
		const deliver = (lines: RawLogLine[]) => {
			let fresh = lines;
			if (skipping) {
				const index = lines.findIndex(line => !line.time || compareLogTimes(line.time, resumeFrom!) > 0);
				fresh = index < 0 ? [] : lines.slice(index);
				skipping = index < 0;
			}
			if (fresh.length === 0) return;
			lastTime = fresh.at(-1)!.time || lastTime;
			handlers.onLines(fresh);
		};
		handlers.onStatus({state: 'connecting'});
		client
			.stream(podLogPath(request, follow, resumeFrom), {
				onData(chunk) {
					if (stopped) return;
					if (!streaming) {
						streaming = true;
						failures = 0;
						handlers.onStatus({state: follow ? 'streaming' : 'ended'});
					}
					deliver(splitter.push(chunk));
				},
				onEnd(error) {
					if (stopped) return;
					deliver(splitter.end());
					ended(error, opened);
				},
			})
			.then(
				stop => {
					if (stopped) stop();
					else abort = stop;
				},
				(error: ApiError) => ended(error, opened),
			);
	};

	/** Opens again once the container is another one than `opened` (it restarted, or started at last). */
	const reopenOnRestart = (opened: string | null | undefined, why: string) => {
		if (!watch || opened === null || watch.instance() === null) {
			retryLater({state: 'waiting', message: why});
			return;
		}
		handlers.onStatus({state: 'waiting', message: why});
		const check = () => {
			const now = watch.instance();
			if (now === undefined) {
				unsubscribe?.();
				unsubscribe = undefined;
				handlers.onStatus({state: 'ended', message: `pod ${request.pod} is gone`});
			} else if (now !== opened) {
				unsubscribe?.();
				unsubscribe = undefined;
				open();
			}
		};
		unsubscribe = watch.subscribe(check);
		check();
	};

	const retryLater = (status: {state: 'waiting' | 'retrying'; message: string}) => {
		const delay = retryMs[Math.min(failures, retryMs.length - 1)]!;
		failures++;
		handlers.onStatus({...status, message: `${status.message}; trying again in ${delay / 1000} s`});
		timer = setTimeout(open, delay);
	};

	const ended = (error: ApiError | undefined, opened: string | null | undefined) => {
		abort = undefined;
		if (stopped) return;
		if (!error) {
			if (follow) reopenOnRestart(opened, 'the container exited; following again when it restarts');
			else handlers.onStatus({state: 'ended'});
			return;
		}
		// 400 is the kubelet's "waiting to start", "previous terminated container … not found", "a container name must be specified".
		if (error.status === 400 && follow) reopenOnRestart(opened, error.message);
		else if (error.status >= 400 && error.status < 500) handlers.onStatus({state: 'failed', message: error.message});
		else retryLater({state: 'retrying', message: error.message});
	};

	open();
	return () => {
		stopped = true;
		clearTimeout(timer);
		unsubscribe?.();
		abort?.();
	};
}
