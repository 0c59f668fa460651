// The events pane: `kubectl get events`, newest first.
import type {ClusterSnapshot} from './cluster.js';
import {eventLastSeenMs} from './pendingReason.js';
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

const memo = new WeakMap<ClusterSnapshot['events'], Map<string, EventRow[]>>();

/** Events, newest first (ties by name, so the order is stable). Same events map and namespace give the same array. */
export function eventRows(snapshot: ClusterSnapshot, opts: EventRowsOptions = {}): EventRow[] {
	const namespace = opts.namespace ?? '';
	let byNamespace = memo.get(snapshot.events);
	if (!byNamespace) {
		byNamespace = new Map();
		memo.set(snapshot.events, byNamespace);
	}
	const remembered = byNamespace.get(namespace);
	if (remembered) return remembered;
	const rows: EventRow[] = [];
	for (const event of snapshot.events.values()) {
		if (!event) continue;
		const row = eventRow(event);
		if (namespace !== '' && row.namespace !== namespace) continue;
		rows.push(row);
	}
	rows.sort((a, b) => b.lastSeenMs - a.lastSeenMs || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
	byNamespace.set(namespace, rows);
	return rows;
}
