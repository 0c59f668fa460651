// Which row of each pane is selected, resolved against the rows on screen.
// The view and the key handler both ask here, so a key handled before the
// next frame (several keys in one stdin chunk) starts from the store's
// selection, not from the one the last frame drew.
import type {DisplayRow} from '../../model/table.js';
import type {EventRow, NodeRow, PodRow, RevisionRow} from '../../model/view.js';
import type {PaneId, Selection} from './uiState.js';
import {resolveSelection} from './window.js';

export interface PaneRows {
	pods: readonly PodRow[];
	/** A kind opened with `:`, shown in the pods pane's place. */
	main?: {rows: readonly DisplayRow[]};
	events: readonly EventRow[];
	nodes: readonly NodeRow[];
	revisions: readonly RevisionRow[];
}

export function selectedIndex(rows: PaneRows, pane: PaneId, selection: Selection): number {
	switch (pane) {
		case 'pods': {
			if (rows.main) return resolveSelection(rows.main.rows, row => row.uid, selection);
			return resolveSelection(rows.pods, row => row.uid, selection);
		}

		case 'events': {
			return resolveSelection(rows.events, row => row.uid, selection);
		}

		case 'nodes': {
			return resolveSelection(rows.nodes, row => row.name, selection);
		}

		case 'rollout': {
			// Until a revision is picked, the history points at the current one.
			return selection.key === undefined && rows.revisions.length > 0
				? Math.max(0, rows.revisions.findIndex(row => row.current))
				: resolveSelection(rows.revisions, row => String(row.revision), selection);
		}

		default: {
			const _exhaustive: never = pane;
			return _exhaustive;
		}
	}
}

export function selectedIndexes(rows: PaneRows, selection: Readonly<Record<PaneId, Selection>>): Record<PaneId, number> {
	return {
		pods: selectedIndex(rows, 'pods', selection.pods),
		events: selectedIndex(rows, 'events', selection.events),
		nodes: selectedIndex(rows, 'nodes', selection.nodes),
		rollout: selectedIndex(rows, 'rollout', selection.rollout),
	};
}
