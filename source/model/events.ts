// The events pane: `kubectl get events`, newest first.
import type {ClusterSnapshot, LabObjects} from './cluster.js';
import {changedKeys} from './mapDiff.js';
import {eventLastSeenMs} from './pendingReason.js';
import {applySorted} from './sorted.js';
import {oneLine} from './text.js';
import type {Event} from './types.js';
import type {EventRow} from './view.js';

export interface EventRowsOptions {
	/** '' or undefined: all namespaces. */
	namespace?: string;
}

const rowCache = new WeakMap<Event, EventRow>();

function eventCount(event: Event): number {
	// kubectl: the series count when there is a series, else count, and 1 for
	// a singleton from the new events API, which leaves count unset.
	const series = event.series?.count;
	if (event.series && typeof series === 'number' && Number.isFinite(series)) return series;
	const count = event.count;
	return typeof count === 'number' && Number.isFinite(count) && count !== 0 ? count : 1;
}

function objectName(event: Event): string {
	const kind = (event.involvedObject?.kind ?? '').toLowerCase();
	const name = event.involvedObject?.name;
	return name ? `${kind}/${name}` : kind;
}

export function eventRow(event: Event): EventRow {
	let row = rowCache.get(event);
	if (row) return row;
	const meta = event.metadata ?? {};
	const type = event.type ?? '';
	row = {
		uid: meta.uid ?? `${meta.namespace ?? ''}/${meta.name ?? ''}`,
		namespace: meta.namespace ?? event.involvedObject?.namespace ?? '',
		name: meta.name ?? '',
		type,
		reason: event.reason ?? '',
		object: objectName(event),
		message: oneLine(event.message ?? ''),
		count: eventCount(event),
		lastSeenMs: eventLastSeenMs(event),
		warning: type === 'Warning',
	};
	rowCache.set(event, row);
	return row;
}

// Newest first; ties by uid, so the order is stable.
function compareRows(a: EventRow, b: EventRow): number {
	return b.lastSeenMs - a.lastSeenMs || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0);
}

/** Every event's row, newest first, computed from nothing; what the incremental path must equal. */
export function allEventRowsFromScratch(events: LabObjects['events']): EventRow[] {
	const rows: EventRow[] = [];
	for (const event of events.values()) if (event) rows.push(eventRow(event));
	return rows.sort(compareRows);
}

// The last derivation, so the next snapshot only moves the rows of the events
// that changed: a repeating event (new lastTimestamp, count) moves one row.
// An event's row is cached per event object, so the row a key had is the
// previous map's event's row; no map of rows needed.
let previous: LabObjects['events'] = new Map();
let previousAll: EventRow[] = [];

function allEventRows(events: LabObjects['events']): EventRow[] {
	const changed = changedKeys(previous, events);
	const before = previous;
	previous = events;
	if (changed.length === 0) return previousAll;
	// Past a few hundred changes (a relist, the first snapshot) splicing costs more than sorting once.
	if (changed.length > 256 && changed.length > previousAll.length / 16) {
		previousAll = allEventRowsFromScratch(events);
		return previousAll;
	}
	const removed: EventRow[] = [];
	const added: EventRow[] = [];
	for (const key of changed) {
		const event = events.get(key);
		const oldEvent = before.get(key);
		const oldRow = oldEvent ? eventRow(oldEvent) : undefined;
		const row = event ? eventRow(event) : undefined;
		if (row === oldRow) continue;
		if (oldRow) removed.push(oldRow);
		if (row) added.push(row);
	}
	if (removed.length > 0 || added.length > 0) previousAll = applySorted(previousAll, removed, added, compareRows);
	return previousAll;
}

const memo = new WeakMap<LabObjects['events'], EventRow[]>();
const byNamespace = new WeakMap<EventRow[], Map<string, EventRow[]>>();

/**
 * Events, newest first (ties by uid, so the order is stable). Same events map
 * and namespace give the same array, and so does a new map in which no row changed.
 */
export function eventRows(snapshot: ClusterSnapshot, opts: EventRowsOptions = {}): EventRow[] {
	const namespace = opts.namespace ?? '';
	let all = memo.get(snapshot.objects.events);
	if (!all) {
		all = allEventRows(snapshot.objects.events);
		memo.set(snapshot.objects.events, all);
	}
	if (namespace === '') return all;
	let remembered = byNamespace.get(all);
	if (!remembered) {
		remembered = new Map();
		byNamespace.set(all, remembered);
	}
	let rows = remembered.get(namespace);
	if (!rows) {
		rows = all.filter(row => row.namespace === namespace);
		remembered.set(namespace, rows);
	}
	return rows;
}
