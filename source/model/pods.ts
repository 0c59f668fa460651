// The pods pane: one row per pod, worded like `kubectl get pods -o wide`.
import {toMillis} from './age.js';
import type {ClusterSnapshot, LabObjects} from './cluster.js';
import {changedKeys} from './mapDiff.js';
import {failedSchedulingEvent, FailedSchedulingIndex, indexFailedScheduling, pendingReasonFor, podSchedulingKeys} from './pendingReason.js';
import {SchedulingTracker} from './schedulingTracker.js';
import {applySorted} from './sorted.js';
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

// Every field, whatever PodRow comes to hold: a field left out here would leave a stale row on screen.
function samePodRow(a: PodRow, b: PodRow): boolean {
	const keys = Object.keys(a) as Array<keyof PodRow>;
	if (keys.length !== Object.keys(b).length) return false;
	for (const key of keys) if (a[key] !== b[key]) return false;
	return true;
}

/**
 * One pod's row. Unchanged pods (same object, same scheduling event) return the
 * same row object; so does a new pod object that reads the same as `previous`.
 */
export function podRow(pod: Pod, failedScheduling: FailedSchedulingIndex | ReadonlyMap<string, Event> | undefined, previous?: PodRow): PodRow {
	const index = failedScheduling === undefined ? undefined : indexFailedScheduling(failedScheduling);
	const event = failedSchedulingEvent(pod, index);
	const cached = rowCache.get(pod);
	if (cached && cached.event === event) return cached.row;
	let row = buildRow(pod, event);
	// Most pod updates change nothing a row shows (an annotation, a heartbeat,
	// the resourceVersion): keeping the row object keeps the sorted rows array,
	// so nothing downstream re-sorts, re-renders or allocates 10k-row arrays.
	if (previous && samePodRow(previous, row)) row = previous;
	rowCache.set(pod, {row, event});
	return row;
}

/** "a/" against "b/" without making either string: a compare runs for every row a change is merged past. */
function compareNamespaceKeys(a: string, b: string): number {
	const length = Math.max(a.length, b.length) + 1;
	for (let i = 0; i < length; i++) {
		const x = i < a.length ? a.charCodeAt(i) : i === a.length ? 0x2f : -1;
		const y = i < b.length ? b.charCodeAt(i) : i === b.length ? 0x2f : -1;
		if (x !== y) return x < y ? -1 : 1;
	}
	return 0;
}

/**
 * The API server's order, which is etcd's key order (namespace/name), as `kubectl get pods -A`
 * prints: the first page of a paged LIST is then the first screen of the final sort, and later
 * pages only add rows below it. Namespaces compare with the '/' that ends them in the key, so
 * "team-a" sorts before "team" ('-' and '.' come before '/'), as in etcd.
 */
export function compareRows(a: PodRow, b: PodRow): number {
	if (a.namespace !== b.namespace) return compareNamespaceKeys(a.namespace, b.namespace);
	if (a.name !== b.name) return a.name < b.name ? -1 : 1;
	return a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
}

/** How many of a list of rows are Pending, and how many are failing otherwise: the pods pane's title. */
export interface PodCounts {
	pending: number;
	failing: number;
}

// The full list's counts move with each change, as its rows do: counting
// 50,000 rows again took 2 ms of every frame under churn.
const countsOf = new WeakMap<readonly PodRow[], PodCounts>();

function tally(rows: Iterable<PodRow>, sign: 1 | -1, into: PodCounts): void {
	for (const row of rows) {
		if (row.status === 'Pending') into.pending += sign;
		else if (row.severity === 'error') into.failing += sign;
	}
}

export function podCounts(rows: readonly PodRow[]): PodCounts {
	let counts = countsOf.get(rows);
	if (!counts) {
		counts = {pending: 0, failing: 0};
		tally(rows, 1, counts);
		countsOf.set(rows, counts);
	}
	return counts;
}

/** The same rows in another order (a column sort) have the same counts: the title need not count them again. */
export function reorderedPodRows(rows: readonly PodRow[], reordered: readonly PodRow[]): void {
	countsOf.set(reordered, podCounts(rows));
}

// Lower-cased once per row: a filter being typed re-matches every row per keystroke.
const haystacks = new WeakMap<PodRow, readonly string[]>();

function matches(row: PodRow, needle: string): boolean {
	let fields = haystacks.get(row);
	if (!fields) {
		fields = [row.namespace.toLowerCase(), row.name.toLowerCase(), row.status.toLowerCase(), row.node.toLowerCase()];
		haystacks.set(row, fields);
	}
	return fields.some(field => field.includes(needle));
}

/** Every pod's row, sorted, computed from nothing; what the incremental path must equal. */
export function allPodRowsFromScratch(snapshot: ClusterSnapshot): PodRow[] {
	const index = indexFailedScheduling(snapshot.objects.events);
	const rows: PodRow[] = [];
	for (const pod of snapshot.objects.pods.values()) {
		if (!pod) continue;
		rows.push(podRow(pod, index));
	}
	return rows.sort(compareRows);
}

// The last derivation, kept so the next snapshot only redoes what changed in
// it. The UI derives once per snapshot, and snapshots differ by a few objects.
class PodRowsState {
	pods: ReadonlyMap<string, Pod> = new Map();
	events: ReadonlyMap<string, Event> = new Map();
	readonly scheduling = new SchedulingTracker();
	// Row per pods-map key.
	readonly rows = new Map<string, PodRow>();
	// Pods-map keys per scheduling key (pod uid, namespace/name), to find the
	// pods a changed event explains. Built the first time an event needs it
	// after a rebuild, so a relist does not pay for it.
	private byKey: Map<string, Set<string>> | undefined;
	all: PodRow[] = [];

	private register(byKey: Map<string, Set<string>>, mapKey: string, pod: Pod | undefined, add: boolean): void {
		if (!pod) return;
		for (const key of podSchedulingKeys(pod)) {
			let keys = byKey.get(key);
			if (add) {
				if (!keys) {
					keys = new Set();
					byKey.set(key, keys);
				}
				keys.add(mapKey);
			} else if (keys) {
				keys.delete(mapKey);
				if (keys.size === 0) byKey.delete(key);
			}
		}
	}

	private podsByKey(): Map<string, Set<string>> {
		if (!this.byKey) {
			this.byKey = new Map();
			for (const [mapKey, pod] of this.pods) this.register(this.byKey, mapKey, pod, true);
		}
		return this.byKey;
	}

	private rowOf(pod: Pod | undefined, previous?: PodRow): PodRow | undefined {
		return pod ? podRow(pod, this.scheduling.index, previous) : undefined;
	}

	update(pods: ReadonlyMap<string, Pod>, events: ReadonlyMap<string, Event>): PodRow[] {
		const eventKeysChanged = events === this.events ? new Set<string>() : this.scheduling.update(events);
		this.events = events;
		const podChanges = changedKeys(this.pods, pods);
		const previous = this.pods;
		this.pods = pods;
		// Past a few hundred changes (a relist, the first snapshot) splicing costs more than sorting once.
		if (podChanges.length > 256 && podChanges.length > this.all.length / 16) return this.rebuild();
		if (this.byKey) {
			for (const mapKey of podChanges) {
				const oldPod = previous.get(mapKey);
				const pod = pods.get(mapKey);
				if (oldPod === pod) continue;
				this.register(this.byKey, mapKey, oldPod, false);
				this.register(this.byKey, mapKey, pod, true);
			}
		}
		const dirty = new Set(podChanges);
		if (eventKeysChanged.size > 0) {
			const byKey = this.podsByKey();
			for (const key of eventKeysChanged) for (const mapKey of byKey.get(key) ?? []) dirty.add(mapKey);
		}
		if (dirty.size === 0) return this.all;
		if (dirty.size > 256 && dirty.size > this.all.length / 16) return this.rebuild();
		const removed: PodRow[] = [];
		const added: PodRow[] = [];
		for (const mapKey of dirty) {
			const oldRow = this.rows.get(mapKey);
			const row = this.rowOf(pods.get(mapKey), oldRow);
			if (row === oldRow) continue;
			if (oldRow) removed.push(oldRow);
			if (row) {
				added.push(row);
				this.rows.set(mapKey, row);
			} else {
				this.rows.delete(mapKey);
			}
		}
		if (removed.length > 0 || added.length > 0) {
			const counts = {...podCounts(this.all)};
			tally(removed, -1, counts);
			tally(added, 1, counts);
			this.all = applySorted(this.all, removed, added, compareRows);
			countsOf.set(this.all, counts);
		}
		return this.all;
	}

	private rebuild(): PodRow[] {
		this.rows.clear();
		this.byKey = undefined;
		const all: PodRow[] = [];
		for (const [mapKey, pod] of this.pods) {
			const row = this.rowOf(pod);
			if (!row) continue;
			this.rows.set(mapKey, row);
			all.push(row);
		}
		this.all = all.sort(compareRows);
		return this.all;
	}
}

const state = new PodRowsState();
// Each pods map's sorted rows, so going back to an earlier snapshot costs nothing either.
const allMemo = new WeakMap<LabObjects['pods'], {events: LabObjects['events']; all: PodRow[]}>();
const byOptions = new WeakMap<PodRow[], Map<string, PodRow[]>>();
// A handful of panes and filters at once; more than that is a filter being typed.
const maxRemembered = 16;

const lastPicked = new Map<string, PodRow[]>();

function sameRows(a: readonly PodRow[], b: readonly PodRow[]): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

function allPodRows(snapshot: ClusterSnapshot): PodRow[] {
	const remembered = allMemo.get(snapshot.objects.pods);
	if (remembered && remembered.events === snapshot.objects.events) return remembered.all;
	const all = state.update(snapshot.objects.pods, snapshot.objects.events);
	allMemo.set(snapshot.objects.pods, {events: snapshot.objects.events, all});
	return all;
}

/**
 * The pods pane's rows, sorted by namespace then name. Same maps and options
 * give the same array, and so does a new snapshot in which no row changed.
 */
export function podRows(snapshot: ClusterSnapshot, opts: PodRowsOptions = {}): PodRow[] {
	const namespace = opts.namespace ?? '';
	const filter = (opts.filter ?? '').trim().toLowerCase();
	const all = allPodRows(snapshot);
	if (namespace === '' && filter === '') return all;
	const key = `${namespace}\u0000${filter}`;
	let remembered = byOptions.get(all);
	if (!remembered) {
		remembered = new Map();
		byOptions.set(all, remembered);
	}
	const rows = remembered.get(key);
	if (rows) return rows;
	let picked = all.filter(row => (namespace === '' || row.namespace === namespace) && (filter === '' || matches(row, filter)));
	// A change in another namespace leaves this pane's rows as they were: keep the array, so the pane need not render.
	const last = lastPicked.get(key);
	if (last && sameRows(last, picked)) picked = last;
	if (remembered.size >= maxRemembered) remembered.clear();
	remembered.set(key, picked);
	if (lastPicked.size >= maxRemembered && !lastPicked.has(key)) lastPicked.clear();
	lastPicked.set(key, picked);
	return picked;
}
