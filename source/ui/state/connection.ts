// One word for "can I trust what I see": the status line aggregates the
// per-resource watch states and the API server's health probe.
import type {ApiHealth, ClusterSnapshot} from '../../model/cluster.js';

export interface ConnectionState {
	tone: 'ok' | 'progress' | 'error';
	text: string;
}

/** What the health probe saw, when it is something to worry about. */
function healthTrouble(health: ApiHealth | undefined): string | undefined {
	switch (health?.state) {
		case 'silent':
			return `✖ API server not answering for ${Math.round((health.silentMs ?? 0) / 1000)}s — showing stale data`;
		case 'not-ready':
			return `✖ API server not ready: ${health.message ?? 'a readiness check fails'} — showing stale data`;
		default:
			return undefined;
	}
}

/** `waitingFor`: the credential plugin requests are waiting on, which explains any other state. */
export function connectionState(sync: ClusterSnapshot['sync'], health?: ApiHealth, waitingFor?: string): ConnectionState {
	if (waitingFor) return {tone: 'progress', text: `◌ waiting for credentials from ${waitingFor}…`};
	// Before the watches: a frozen server leaves them open, looking fine.
	const trouble = healthTrouble(health);
	if (trouble) return {tone: 'error', text: trouble};

	const states = Object.values(sync).map(s => s.state);
	if (health?.state === 'unreachable' || states.some(state => state === 'stale' || state === 'error')) {
		return {tone: 'error', text: '✖ connection lost — showing stale data (retrying)'};
	}

	if (states.some(state => state === 'connecting')) {
		return {tone: 'progress', text: '◌ connecting'};
	}

	return {tone: 'ok', text: '● live'};
}
