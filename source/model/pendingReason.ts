// Why a pod is not scheduled: what `kubectl describe pod` shows under Events
// ("0/3 nodes are available: 3 Too many pods."), falling back to the
// PodScheduled condition the scheduler also writes.
import {toMillis} from './age.js';
import {oneLine} from './text.js';
import type {Event, Pod} from './types.js';

/**
 * The latest FailedScheduling event per pod. Keyed by the pod's uid, or by
 * "namespace/name" for events that do not carry one.
 */
export class FailedSchedulingIndex extends Map<string, Event> {}

const indexCache = new WeakMap<object, FailedSchedulingIndex>();

/** When an event last happened, the way kubectl's LAST SEEN column picks it. */
export function eventLastSeenMs(event: Event): number {
	return toMillis(event.series?.lastObservedTime) ?? toMillis(event.lastTimestamp) ?? toMillis(event.firstTimestamp) ?? toMillis(event.eventTime) ?? toMillis(event.metadata?.creationTimestamp) ?? 0;
}

function nameKey(namespace: string | undefined, name: string | undefined): string {
	return `${namespace ?? ''}/${name ?? ''}`;
}

/** The index key a FailedScheduling event is filed under; undefined for any other event. */
export function failedSchedulingKey(event: Event | undefined): string | undefined {
	if (!event || event.reason !== 'FailedScheduling') return undefined;
	const involved = event.involvedObject;
	if (!involved) return undefined;
	if (involved.kind !== undefined && involved.kind !== 'Pod') return undefined;
	if (involved.uid) return involved.uid;
	if (!involved.name) return undefined;
	return nameKey(involved.namespace ?? event.metadata?.namespace, involved.name);
}

/** The index keys a pod's event may be filed under: its uid and its namespace/name. */
export function podSchedulingKeys(pod: Pod): string[] {
	const uid = pod.metadata?.uid;
	const byName = nameKey(pod.metadata?.namespace, pod.metadata?.name);
	return uid ? [uid, byName] : [byName];
}

function resourceVersionOf(event: Event): number {
	const rv = Number(event.metadata?.resourceVersion);
	return Number.isFinite(rv) ? rv : Number.NEGATIVE_INFINITY;
}

/**
 * Whether `candidate` is the later of two events for a pod. A total order, so
 * the pick never depends on the order events are listed or arrive in (the
 * index is kept up to date event by event, and must agree with one built from
 * the whole list).
 */
export function isNewer(candidate: Event, current: Event): boolean {
	const a = eventLastSeenMs(candidate);
	const b = eventLastSeenMs(current);
	if (a !== b) return a > b;
	// Same millisecond: the later write wins, as the API server's resourceVersion orders them.
	const ra = resourceVersionOf(candidate);
	const rb = resourceVersionOf(current);
	if (ra !== rb) return ra > rb;
	// Nothing orders them; the uid at least gives the same answer every time.
	return (candidate.metadata?.uid ?? '') > (current.metadata?.uid ?? '');
}

function* eventsOf(events: Iterable<Event> | ReadonlyMap<string, Event>): Iterable<Event> {
	if (events instanceof Map) {
		yield* events.values();
		return;
	}
	yield* events as Iterable<Event>;
}

/** Index the FailedScheduling events once, so each pod's lookup is a map get. Memoized per events map or array. */
export function indexFailedScheduling(events: Iterable<Event> | ReadonlyMap<string, Event>): FailedSchedulingIndex {
	if (events instanceof FailedSchedulingIndex) return events;
	const cacheable = typeof events === 'object' && events !== null;
	if (cacheable) {
		const cached = indexCache.get(events);
		if (cached) return cached;
	}
	const index = new FailedSchedulingIndex();
	for (const event of eventsOf(events)) {
		const key = failedSchedulingKey(event);
		if (key === undefined) continue;
		const current = index.get(key);
		if (!current || isNewer(event, current)) index.set(key, event);
	}
	if (cacheable) indexCache.set(events, index);
	return index;
}

/** The FailedScheduling event that explains this pod, if any. */
export function failedSchedulingEvent(pod: Pod, index: FailedSchedulingIndex | undefined): Event | undefined {
	if (!index || index.size === 0) return undefined;
	const uid = pod.metadata?.uid;
	return (uid ? index.get(uid) : undefined) ?? index.get(nameKey(pod.metadata?.namespace, pod.metadata?.name));
}

function isScheduled(pod: Pod): boolean {
	return typeof pod.spec?.nodeName === 'string' && pod.spec.nodeName !== '';
}

function conditionReason(pod: Pod): string | undefined {
	const conditions = Array.isArray(pod.status?.conditions) ? pod.status.conditions : [];
	const scheduled = conditions.find(c => c?.type === 'PodScheduled');
	if (!scheduled || scheduled.status !== 'False') return undefined;
	return scheduled.message || scheduled.reason || undefined;
}

/** The scheduler's explanation for an unscheduled pod; undefined once it has a node. */
export function pendingReasonFor(pod: Pod, event: Event | undefined): string | undefined {
	if (isScheduled(pod)) return undefined;
	const message = event?.message ? oneLine(event.message) : '';
	if (message) return message;
	const fromCondition = conditionReason(pod);
	return fromCondition ? oneLine(fromCondition) : undefined;
}

/**
 * Why an unscheduled pod is Pending. Pass the index from
 * indexFailedScheduling when asking for many pods; a plain list of events
 * (or the snapshot's events map) is indexed here and cached.
 */
export function pendingReason(pod: Pod, events: Iterable<Event> | ReadonlyMap<string, Event> | FailedSchedulingIndex): string | undefined {
	if (isScheduled(pod)) return undefined;
	return pendingReasonFor(pod, failedSchedulingEvent(pod, indexFailedScheduling(events)));
}
