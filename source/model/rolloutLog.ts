// What k8slab saw of each Deployment's ReplicaSets while it ran: every change
// of a ReplicaSet's spec.replicas the watch delivered (old 4→3, new 1→2), with
// the time it was seen. The API merges and rate-limits ScalingReplicaSet
// events, so they lose steps; this record does not, from the moment the
// ReplicaSets were first listed. Immutable: each change returns a new log
// (sharing what did not change), so a snapshot can hold it like its maps.
import type {ReplicaSet} from './types.js';

/** One change of a ReplicaSet's replicas, with the Deployment's pods around it. */
export interface LiveStep {
	replicaSet: string;
	from: number;
	to: number;
	/** When the watch delivered it (k8slab's clock). */
	atMs: number;
	/** Pods all the Deployment's ReplicaSets asked for after the step. */
	total: number;
	/** Of those, the other ReplicaSets'. */
	others: number;
	/** Available pods of all its ReplicaSets when the step was seen (their status, before the step took effect). */
	available: number;
}

interface Counts {
	replicas: number;
	available: number;
}

export interface DeploymentLog {
	/** From when the steps are complete: events before it are replayed from the baseline. */
	sinceMs: number;
	/** The ReplicaSets' replicas at sinceMs. */
	baseline: ReadonlyMap<string, number>;
	/** The ReplicaSets' counts now, to know the pods around the next step. */
	current: ReadonlyMap<string, Counts>;
	/** Oldest first, at most maxLiveSteps. */
	steps: readonly LiveStep[];
}

/** By the Deployment's uid. */
export type RolloutLog = ReadonlyMap<string, DeploymentLog>;

export const emptyRolloutLog: RolloutLog = new Map();

/** Steps kept per Deployment: a lab's whole part 4 (scale, rename, undo) is about 30. */
export const maxLiveSteps = 64;

/** The Deployment that controls a ReplicaSet, by uid. */
function ownerOf(rs: ReplicaSet): string | undefined {
	const refs = Array.isArray(rs.metadata?.ownerReferences) ? rs.metadata.ownerReferences : [];
	const owner = refs.find(ref => ref?.controller === true && ref.kind === 'Deployment');
	return owner?.uid;
}

function countsOf(rs: ReplicaSet | undefined): Counts {
	return {replicas: rs?.spec?.replicas ?? 0, available: rs?.status?.availableReplicas ?? 0};
}

function sum(current: ReadonlyMap<string, Counts>, field: keyof Counts): number {
	let total = 0;
	for (const counts of current.values()) total += counts[field];
	return total;
}

/**
 * The log after the watch delivered a ReplicaSet (previous: what the store held, undefined for a new one;
 * next: undefined when deleted). `initial`: part of the first LIST, the state k8slab starts from, not a change.
 */
export function recordReplicaSet(log: RolloutLog, previous: ReplicaSet | undefined, next: ReplicaSet | undefined, seenAtMs: number, initial = false): RolloutLog {
	const rs = next ?? previous;
	const owner = rs && ownerOf(rs);
	const name = rs?.metadata?.name;
	if (!owner || !name) return log;
	const before = log.get(owner);
	const was = countsOf(previous);
	const now = countsOf(next);
	if (before && previous && next && was.replicas === now.replicas && was.available === now.available) return log;
	const entry: DeploymentLog = before ?? {sinceMs: seenAtMs, baseline: new Map(), current: new Map(), steps: []};
	const current = new Map(entry.current);
	if (next) current.set(name, now);
	else current.delete(name);
	let {baseline, steps, sinceMs} = entry;
	if (initial) {
		// Still the starting state: the baseline, and the time the record begins.
		const starting = new Map(baseline);
		if (next) starting.set(name, now.replicas);
		else starting.delete(name);
		baseline = starting;
		sinceMs = seenAtMs;
	} else if (was.replicas !== now.replicas) {
		const total = sum(current, 'replicas');
		// Availability as the controller saw it when it decided: the status before the step took effect.
		const available = sum(entry.current, 'available');
		steps = [...steps, {replicaSet: name, from: was.replicas, to: now.replicas, atMs: seenAtMs, total, others: total - now.replicas, available}];
		if (steps.length > maxLiveSteps) {
			// The oldest steps fold into the baseline: events before them are replayed from there.
			const dropped = steps.slice(0, steps.length - maxLiveSteps);
			const moved = new Map(baseline);
			for (const step of dropped) moved.set(step.replicaSet, step.to);
			baseline = moved;
			sinceMs = dropped.at(-1)!.atMs + 1;
			steps = steps.slice(-maxLiveSteps);
		}
	}
	const updated = new Map(log);
	// A Deployment whose last ReplicaSet is gone (deleted with it) is forgotten, so the log stays as small as the ReplicaSets.
	if (current.size === 0) updated.delete(owner);
	else updated.set(owner, {sinceMs, baseline, current, steps});
	return updated;
}
