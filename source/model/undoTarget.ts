// Which revision `u` undoes to. A row picked in the history is the target only
// while it is fresh: once a newer revision has become current (another edit,
// or the undo itself), the old pick is stale and undo falls back to what
// `kubectl rollout undo` does, the previous revision. Otherwise a second `u`
// would undo onto the row picked for the first one (issue 16: undo from the
// bad image's row, change something, `u` again: back onto the bad image).
import type {RevisionRow} from './view.js';

/** A row the user picked in the history, and which revision was current at that moment. */
export interface HistoryPick {
	revision: number;
	currentWhenPicked: number | undefined;
}

export interface UndoTarget {
	toRevision: number;
	/** Chosen as "the previous revision", not picked in the history. */
	previous: boolean;
}

/** The revision undo should target, or undefined when there is no previous revision. */
export function undoTargetRevision(revisions: readonly Pick<RevisionRow, 'revision' | 'current'>[], pick?: HistoryPick): UndoTarget | undefined {
	const current = revisions.find(row => row.current)?.revision;
	if (pick && pick.currentWhenPicked === current && pick.revision !== current && revisions.some(row => row.revision === pick.revision)) {
		return {toRevision: pick.revision, previous: false};
	}
	// kubectl's default: the second-highest revision (rollback.go), which is the one before the current.
	let highest: number | undefined;
	let second: number | undefined;
	for (const {revision} of revisions) {
		if (highest === undefined || revision > highest) {
			second = highest;
			highest = revision;
		} else if (revision !== highest && (second === undefined || revision > second)) {
			second = revision;
		}
	}
	return second === undefined ? undefined : {toRevision: second, previous: true};
}
