// One word for "can I trust what I see": the status line aggregates the
// per-resource watch states.
import type {ClusterSnapshot} from '../../model/cluster.js';

export interface ConnectionState {
	tone: 'ok' | 'progress' | 'error';
	text: string;
}

/** `waitingFor`: the credential plugin requests are waiting on, which explains any other state. */
export function connectionState(sync: ClusterSnapshot['sync'], waitingFor?: string): ConnectionState {
	if (waitingFor) return {tone: 'progress', text: `◌ waiting for credentials from ${waitingFor}…`};
	const states = Object.values(sync).map(s => s.state);
	if (states.some(state => state === 'stale' || state === 'error')) {
		return {tone: 'error', text: '✖ connection lost — showing stale data (retrying)'};
	}

	if (states.some(state => state === 'connecting')) {
		return {tone: 'progress', text: '◌ connecting'};
	}

	return {tone: 'ok', text: '● live'};
}
