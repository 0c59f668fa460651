// Ages as kubectl prints them (k8s.io/apimachinery/pkg/util/duration.HumanDuration),
// so the AGE column reads the same here as in a terminal next to it. One
// difference: a time in the future (this machine's clock behind the cluster's)
// reads "0s" for a few minutes of skew and as a negative age beyond ("-3h",
// short enough for the 5-column AGE), where kubectl says "<invalid>" for
// anything more than a second ahead.
import type {Timestamp} from './types.js';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
/** NTP drift, a laptop's or a VM's clock: skew this small reads as "just now". */
const skewToleranceMs = 5 * minute;

export function formatAge(ms: number): string {
	if (!Number.isFinite(ms)) return '<invalid>';
	if (ms < 0) return -ms <= skewToleranceMs ? '0s' : `-${formatAge(-ms)}`;
	// Go converts with int(), which truncates toward zero.
	const seconds = Math.trunc(ms / second);
	if (seconds < 60 * 2) return `${seconds}s`;
	const minutes = Math.trunc(ms / minute);
	if (minutes < 10) {
		const s = seconds % 60;
		return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
	}
	if (minutes < 60 * 3) return `${minutes}m`;
	const hours = Math.trunc(ms / hour);
	if (hours < 8) {
		const m = minutes % 60;
		return m === 0 ? `${hours}h` : `${hours}h${m}m`;
	}
	if (hours < 48) return `${hours}h`;
	if (hours < 24 * 8) {
		const h = hours % 24;
		const days = Math.trunc(hours / 24);
		return h === 0 ? `${days}d` : `${days}d${h}h`;
	}
	if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
	const years = Math.trunc(hours / 24 / 365);
	if (hours < 24 * 365 * 8) {
		const dy = Math.trunc(hours / 24) % 365;
		return dy === 0 ? `${years}y` : `${years}y${dy}d`;
	}
	return `${years}y`;
}

/** Milliseconds since the epoch, or undefined for a missing or unparsable time. */
export function toMillis(t: Timestamp | number | undefined | null): number | undefined {
	if (t === undefined || t === null) return undefined;
	let ms: number;
	if (t instanceof Date) ms = t.getTime();
	else if (typeof t === 'number') ms = t;
	else if (typeof t === 'string') ms = t === '' ? Number.NaN : Date.parse(t);
	else return undefined;
	return Number.isFinite(ms) ? ms : undefined;
}
