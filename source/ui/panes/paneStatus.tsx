// What a pane shows instead of rows when its resource cannot be listed.
import type {ResourceSync} from '../../model/cluster.js';
import {seg, type Segment} from '../components/Line.js';
import {wrap} from '../text.js';

/** Lines replacing the rows, or undefined when the rows should be drawn. */
export function blockedLines(sync: ResourceSync | undefined, noun: string, hasRows: boolean, width: number, maxLines: number): Segment[][] | undefined {
	const lines = (text: string, token: 'status.error' | 'text.muted') => wrap(text, width, Math.max(1, maxLines)).map(line => [seg(line, token)]);
	if (!sync) {
		return undefined;
	}

	switch (sync.state) {
		case 'forbidden': {
			// The server's own words: they name the user, verb and resource that RBAC refused.
			return lines(sync.message ?? `forbidden: cannot list ${noun}`, 'status.error');
		}

		case 'error': {
			return hasRows ? undefined : lines(sync.message ?? `cannot list ${noun}`, 'status.error');
		}

		case 'connecting': {
			return hasRows ? undefined : lines(`loading ${noun}…`, 'text.muted');
		}

		case 'gone': {
			return lines(sync.message ?? `the server no longer serves ${noun}`, 'text.muted');
		}

		case 'stale':
		case 'synced': {
			return undefined;
		}

		default: {
			const _exhaustive: never = sync.state;
			return _exhaustive;
		}
	}
}

/** A list in a namespace that does not exist is empty, not an error: say why it is empty, as kubectl's "namespaces \"x\" not found" does. */
export function missingNamespaceText(namespace: string): string {
	return `namespace "${namespace}" not found`;
}

/**
 * A pane title's count. While a paged LIST is still coming in, the rows so far are a lower
 * bound: "500+ loading…", so a first screen drawn from the first page never looks complete.
 */
export function countSegments(count: number, sync: ResourceSync | undefined): Segment[] {
	if (sync?.state === 'connecting' && count > 0) return [seg(`${count}+`, 'text.primary'), seg(' loading…', 'text.muted')];
	return [seg(String(count), 'text.primary')];
}

/** The marker a pane title gets while its watch is down and it shows the last data it had. */
export function staleMarker(sync: ResourceSync | undefined): Segment[] {
	if (sync?.state === 'stale' || sync?.state === 'error') {
		return [seg(' · ', 'text.muted'), seg('stale', 'status.warning', {bold: true})];
	}

	return [];
}
