// The pods pane: one row per pod, worded like `kubectl get pods -o wide`.
import {toMillis} from './age.js';
import type {ClusterSnapshot} from './cluster.js';
import {failedSchedulingEvent, FailedSchedulingIndex, indexFailedScheduling, pendingReasonFor} from './pendingReason.js';
import {podResources} from './podResources.js';
import {podReadyCount, podRestarts, podSeverity, podStatusWord} from './podStatus.js';
import {formatCpuMilli, formatMemoryBytes} from './quantity.js';
import type {Event, Pod} from './types.js';
import type {PodRow} from './view.js';

export interface PodRowsOptions {
	/** '' or undefined: all namespaces. */
	namespace?: string;
	/** Case-insensitive substring of namespace, name, status or node. */
	filter?: string;
}

interface CachedRow {
	row: PodRow;
	// The row's pendingReason came from this event; a newer event means a new row.
	event: Event | undefined;
}

const rowCache = new WeakMap<Pod, CachedRow>();

function buildRow(pod: Pod, event: Event | undefined): PodRow {
	const meta = pod.metadata ?? {};
	const status = podStatusWord(pod);
	const resources = podResources(pod);
	const row: PodRow = {
		uid: meta.uid ?? `${meta.namespace ?? ''}/${meta.name ?? ''}`,
		namespace: meta.namespace ?? '',
		name: meta.name ?? '',
		ready: podReadyCount(pod),
		restarts: podRestarts(pod),
		status,
		severity: podSeverity(status),
		node: typeof pod.spec?.nodeName === 'string' ? pod.spec.nodeName : '',
		createdMs: toMillis(meta.creationTimestamp) ?? 0,
		cpuRequest: resources.hasCpuRequest ? formatCpuMilli(resources.cpuRequestMilli) : '',
		memoryRequest: resources.hasMemoryRequest ? formatMemoryBytes(resources.memoryRequestBytes) : '',
	};
	const reason = pendingReasonFor(pod, event);
	if (reason !== undefined) row.pendingReason = reason;
	return row;
}

/** One pod's row. Unchanged pods (same object, same scheduling event) return the same row object. */
export function podRow(pod: Pod, failedScheduling: FailedSchedulingIndex | ReadonlyMap<string, Event> | undefined): PodRow {
	const index = failedScheduling === undefined ? undefined : indexFailedScheduling(failedScheduling);
	const event = failedSchedulingEvent(pod, index);
	const cached = rowCache.get(pod);
	if (cached && cached.event === event) return cached.row;
	const row = buildRow(pod, event);
	rowCache.set(pod, {row, event});
	return row;
}

function compareRows(a: PodRow, b: PodRow): number {
	if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
	if (a.name !== b.name) return a.name < b.name ? -1 : 1;
	return a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
}

function matches(row: PodRow, needle: string): boolean {
	return (
		row.namespace.toLowerCase().includes(needle) ||
		row.name.toLowerCase().includes(needle) ||
		row.status.toLowerCase().includes(needle) ||
		row.node.toLowerCase().includes(needle)
	);
}

interface PodRowsMemo {
	events: ClusterSnapshot['events'];
	byOptions: Map<string, PodRow[]>;
}

const memo = new WeakMap<ClusterSnapshot['pods'], PodRowsMemo>();
// A handful of panes and filters at once; more than that is a filter being typed.
const maxRemembered = 16;

/** The pods pane's rows, sorted by namespace then name. Same maps and options give the same array. */
export function podRows(snapshot: ClusterSnapshot, opts: PodRowsOptions = {}): PodRow[] {
	const namespace = opts.namespace ?? '';
	const filter = (opts.filter ?? '').trim().toLowerCase();
	const key = `${namespace}\u0000${filter}`;
	let entry = memo.get(snapshot.pods);
	if (!entry || entry.events !== snapshot.events) {
		entry = {events: snapshot.events, byOptions: new Map()};
		memo.set(snapshot.pods, entry);
	}
	const remembered = entry.byOptions.get(key);
	if (remembered) return remembered;

	const index = indexFailedScheduling(snapshot.events);
	const rows: PodRow[] = [];
	for (const pod of snapshot.pods.values()) {
		if (!pod) continue;
		if (namespace !== '' && (pod.metadata?.namespace ?? '') !== namespace) continue;
		const row = podRow(pod, index);
		if (filter !== '' && !matches(row, filter)) continue;
		rows.push(row);
	}
	rows.sort(compareRows);
	if (entry.byOptions.size >= maxRemembered) entry.byOptions.clear();
	entry.byOptions.set(key, rows);
	return rows;
}
