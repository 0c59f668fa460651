// A container's log between the kube layer, which streams it (pods/log), and
// the view, which keeps its last lines (source/ui/state/logBuffer.ts).

/** Which log `pods/log` streams: kubectl logs POD -c CONTAINER [--previous]. */
export interface LogRequest {
	namespace: string;
	pod: string;
	container: string;
	previous: boolean;
	/** How many lines to start from (kubectl's --tail); the ring holds no more anyway. */
	tailLines: number;
}

/** One line as the server sent it (timestamps=true): its RFC 3339 time, then the text. */
export interface RawLogLine {
	time: string;
	text: string;
	/** The line was longer than what is kept: its length in characters. */
	cutFrom?: number;
}

/** Where the stream stands, for the view's title. */
export interface LogStreamStatus {
	/**
	 * connecting: asked, no answer yet; streaming: lines arrive as written; ended: the log is complete (a previous
	 * container's, or one that exited, no follow); waiting: the container is not running, and the stream reopens when
	 * it (re)starts; retrying: the connection broke and is reopened after a pause; failed: refused for good (403, 404).
	 */
	state: 'connecting' | 'streaming' | 'ended' | 'waiting' | 'retrying' | 'failed';
	/** The server's words (its 400 or 403 message) or what happened. */
	message?: string;
}

/** The longest line kept, in characters: a 1 MB line costs no more than this to keep, search or draw. */
export const maxLineChars = 16_384;

export interface LogHandlers {
	onLines(lines: readonly RawLogLine[]): void;
	onStatus(status: LogStreamStatus): void;
}

/** Orders two RFC 3339 times with up to nanosecond fractions ("…:05.1Z" before "…:05.123456789Z"), which neither Date nor a string compare does. */
export function compareLogTimes(a: string, b: string): number {
	const normal = (time: string) => {
		const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(time);
		if (!match) return {ms: Date.parse(time), fraction: ''};
		return {ms: Date.parse(`${match[1]}${match[3]}`), fraction: (match[2] ?? '').padEnd(9, '0')};
	};
	const left = normal(a);
	const right = normal(b);
	if (left.ms !== right.ms) return (left.ms || 0) < (right.ms || 0) ? -1 : 1;
	return left.fraction === right.fraction ? 0 : left.fraction < right.fraction ? -1 : 1;
}
