// The pieces every kubectl describer shares (kubectl pkg/describe/describe.go):
// labels and annotations over several lines, times in RFC 1123, the
// controller, selectors, and the Events table at the end.
import {formatAge, toMillis} from '../age.js';
import type {DescribeWriter} from './tabwriter.js';

export type Loose = Record<string, any>;

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (value: number) => String(value).padStart(2, '0');

/** Go's time.RFC1123Z, in UTC as the API gives times: "Wed, 02 Dec 2026 04:14:58 +0000". */
export function rfc1123(timestamp: string | undefined | null): string {
	const ms = toMillis(timestamp ?? undefined);
	// Go formats the zero time for an unset one.
	if (ms === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000';
	const date = new Date(ms);
	return `${weekdays[date.getUTCDay()]}, ${two(date.getUTCDate())} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}

/** translateTimestampSince: "<unknown>" for an unset time. */
export function since(timestamp: string | undefined | null, now: number): string {
	const ms = toMillis(timestamp ?? undefined);
	return ms === undefined ? '<unknown>' : formatAge(now - ms);
}

export function sortedKeys(map: Record<string, unknown> | undefined | null): string[] {
	return Object.keys(map ?? {}).sort();
}

/** printLabelsMultilineWithIndent. */
export function writeLabels(w: DescribeWriter, title: string, labels: Record<string, string> | undefined | null, initialIndent = '', innerIndent = '\t'): void {
	w.write(0, `${initialIndent}${title}:${innerIndent}`);
	const keys = sortedKeys(labels);
	if (keys.length === 0) {
		w.write(0, '<none>\n');
		return;
	}
	keys.forEach((key, index) => {
		if (index !== 0) w.write(0, `${initialIndent}${innerIndent}`);
		w.write(0, `${key}=${labels![key]}\n`);
	});
}

const maxAnnotationLength = 140;
const skippedAnnotations = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

function shorten(text: string, max: number): string {
	return text.length > max ? `${text.slice(0, max)}...` : text;
}

/** printAnnotationsMultiline: long or multi-line values go on lines of their own. */
export function writeAnnotations(w: DescribeWriter, title: string, annotations: Record<string, string> | undefined | null): void {
	w.write(0, `${title}:\t`);
	const keys = sortedKeys(annotations).filter(key => !skippedAnnotations.has(key));
	if (keys.length === 0) {
		w.write(0, '<none>\n');
		return;
	}
	const indent = '\t';
	keys.forEach((key, index) => {
		if (index !== 0) w.write(0, indent);
		const value = String(annotations![key]).replace(/\n$/, '');
		if (value.length + key.length + 2 > maxAnnotationLength || value.includes('\n')) {
			w.write(0, `${key}:\n`);
			for (const line of value.split('\n')) w.write(0, `${indent}  ${shorten(line, maxAnnotationLength - 2)}\n`);
		} else {
			w.write(0, `${key}: ${value}\n`);
		}
	});
}

/** printController: "ReplicaSet/todoapi-69c6bc8558". */
export function controllerOf(object: Loose): string {
	const owner = (object.metadata?.ownerReferences ?? []).find((ref: Loose) => ref.controller === true);
	return owner ? `${owner.kind}/${owner.name}` : '';
}

/** labels.FormatLabels: "a=b,c=d", "<none>" when empty. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
	const keys = sortedKeys(labels);
	return keys.length === 0 ? '<none>' : keys.map(key => `${key}=${labels![key]}`).join(',');
}

/** metav1.FormatLabelSelector: match labels, then expressions, as a selector string. */
export function formatSelector(selector: Loose | undefined | null): string {
	if (!selector) return '<none>';
	const parts: string[] = [];
	for (const key of sortedKeys(selector.matchLabels)) parts.push(`${key}=${selector.matchLabels[key]}`);
	for (const expression of selector.matchExpressions ?? []) {
		const values = [...(expression.values ?? [])].sort().join(',');
		switch (expression.operator) {
			case 'In':
				parts.push(`${expression.key} in (${values})`);
				break;
			case 'NotIn':
				parts.push(`${expression.key} notin (${values})`);
				break;
			case 'Exists':
				parts.push(expression.key);
				break;
			case 'DoesNotExist':
				parts.push(`!${expression.key}`);
				break;
			default:
				parts.push(`${expression.key} ${expression.operator} (${values})`);
		}
	}
	return parts.length === 0 ? '<none>' : parts.join(',');
}

/** True/False, as printBool writes a bool. */
export function goBool(value: unknown): string {
	return value ? 'True' : 'False';
}

/** An optional *bool as %v prints it when unset. */
export function optionalBool(value: unknown): string {
	return value === undefined || value === null ? '<nil>' : String(Boolean(value));
}

function lastTimestampMs(event: Loose): number {
	return toMillis(event.lastTimestamp ?? undefined) ?? 0;
}

/** DescribeEvents: after a flush, the object's events oldest first, with kubectl's interval wording. */
export function writeEvents(w: DescribeWriter, events: readonly Loose[] | undefined, now: number): void {
	if (events === undefined) return;
	if (events.length === 0) {
		w.write(0, 'Events:\t<none>\n');
		return;
	}
	w.flush();
	const sorted = [...events].sort((a, b) => lastTimestampMs(a) - lastTimestampMs(b));
	w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
	w.write(1, '----\t------\t----\t----\t-------\n');
	for (const event of sorted) {
		const first = event.eventTime ? since(event.eventTime, now) : since(event.firstTimestamp, now);
		let interval = first;
		if (event.series) interval = `${since(event.series.lastObservedTime, now)} (x${event.series.count ?? 0} over ${first})`;
		else if ((event.count ?? 0) > 1) interval = `${since(event.lastTimestamp, now)} (x${event.count} over ${first})`;
		const from = event.source?.component || event.reportingComponent || '';
		w.write(1, `${event.type ?? ''}\t${event.reason ?? ''}\t${interval}\t${from}\t${String(event.message ?? '').trim()}\n`);
	}
}
