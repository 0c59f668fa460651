// The whole of a message the panes cut to one line: an event's, with what
// it is about, how often and when it happened, and who reported it; or why a
// Pending pod is not scheduled (its latest FailedScheduling event, else its
// PodScheduled condition).
import {formatAge, toMillis} from './age.js';
import {rfc1123} from './describe/common.js';
import {eventLastSeenMs} from './pendingReason.js';

export interface MessageDetails {
	/** Label and value, in the order shown. */
	fields: Array<[string, string]>;
	message: string;
}

function when(timestamp: string | undefined | null, now: number): string {
	const ms = toMillis(timestamp ?? undefined);
	return ms === undefined ? '<unknown>' : `${rfc1123(timestamp)} (${formatAge(now - ms)} ago)`;
}

export function eventDetails(event: any, now: number): MessageDetails {
	const involved = event.involvedObject ?? event.regarding ?? {};
	const source = [event.source?.component || event.reportingComponent, event.source?.host || event.reportingInstance].filter(Boolean).join(', ');
	const count = event.series?.count ?? event.count ?? 1;
	const first = event.firstTimestamp ?? event.eventTime ?? event.metadata?.creationTimestamp;
	const last = event.series?.lastObservedTime ?? event.lastTimestamp ?? event.eventTime ?? first;
	return {
		fields: [
			['Object', `${String(involved.kind ?? '').toLowerCase()}/${involved.name ?? ''}${involved.namespace ? ` (namespace ${involved.namespace})` : ''}`],
			['Type', event.type ?? ''],
			['Reason', event.reason ?? ''],
			['Count', String(count)],
			['First seen', when(first, now)],
			['Last seen', when(last, now)],
			['Source', source || '<none>'],
		],
		message: String(event.message ?? '').trim(),
	};
}

/** A Pending pod's reason in full: its latest FailedScheduling event (of `events`), else what its PodScheduled condition says. */
export function pendingDetails(pod: any, events: readonly any[] | undefined, now: number): MessageDetails {
	const latest = [...(events ?? [])].filter(event => event.reason === 'FailedScheduling').sort((a, b) => eventLastSeenMs(b) - eventLastSeenMs(a))[0];
	if (latest) return eventDetails(latest, now);
	const condition = (pod?.status?.conditions ?? []).find((each: any) => each.type === 'PodScheduled' && each.status !== 'True');
	return {
		fields: [
			['Object', `pod/${pod?.metadata?.name ?? ''} (namespace ${pod?.metadata?.namespace ?? ''})`],
			['Status', pod?.status?.phase ?? ''],
			['Reason', condition?.reason ?? '<none>'],
			['Since', when(condition?.lastTransitionTime, now)],
		],
		message: String(condition?.message ?? pod?.status?.message ?? 'the pod is not waiting to be scheduled').trim(),
	};
}
