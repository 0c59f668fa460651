// One word for "can I trust what I see": the status line aggregates the
// per-resource watch states.
import type {ClusterSnapshot, ResourceSync} from '../../model/cluster.js';

export interface ConnectionState {
	tone: 'ok' | 'progress' | 'error';
	text: string;
}

export function connectionState(sync: ClusterSnapshot['sync']): ConnectionState {
	const states = Object.values(sync).map(s => s.state);
	if (states.some(state => state === 'stale' || state === 'error')) {
		return {tone: 'error', text: '✖ connection lost — showing stale data (retrying)'};
	}

	if (states.some(state => state === 'connecting')) {
		return {tone: 'progress', text: '◌ connecting'};
	}

	return {tone: 'ok', text: '● live'};
}

const severity: Record<ResourceSync['state'], number> = {synced: 0, connecting: 1, stale: 2, error: 3, forbidden: 4};

/** The worse of two resources' states, for a pane that shows both (rollout: deployments and replica sets). */
export function worstSync(...syncs: ResourceSync[]): ResourceSync | undefined {
	let worst: ResourceSync | undefined;
	for (const sync of syncs) {
		if (!worst || severity[sync.state] > severity[worst.state]) {
			worst = sync;
		}
	}

	return worst;
}
