// The rollout's steps: how the Deployment controller scaled its ReplicaSets
// (new one up, old one down) within maxSurge, rebuilt from its
// ScalingReplicaSet events ("Scaled up replica set todoapi-5df5c67bcd from 0
// to 2"). The API merges repeated events ("(combined from similar events):
// …") and keeps only the last of them, so the replay runs backwards from the
// ReplicaSets' current replicas: where an older event does not end where the
// next one starts, the steps in between were merged away and are shown as one,
// right after the older event (when they happened is lost with them).
//
// What k8slab saw itself (rolloutLog.ts) is exact and wins: from the moment
// it listed the ReplicaSets, the steps are the live record's, and the events
// replay only what came before, backwards from the replicas it listed then.
// A step both saw is shown once, at the event's time.
import {toMillis} from './age.js';
import {eventLastSeenMs} from './pendingReason.js';
import {isNewReplicaSet, ownedReplicaSets} from './replicaSets.js';
import type {DeploymentLog, LiveStep, RolloutLog} from './rolloutLog.js';
import {resolveStrategy} from './strategy.js';
import type {Deployment, Event, ReplicaSet} from './types.js';

export interface RolloutStep {
	replicaSet: string;
	from: number;
	to: number;
	/** When the event last saw it; undefined for steps the API merged away. */
	atMs?: number;
	/** Known only from the gap between two events. */
	merged: boolean;
	/**
	 * Its pods in all (total, others, desired) depend on where a merged step was placed, which is a guess: a merged step,
	 * or one between a merged step's guessed place and the next event of its ReplicaSet.
	 */
	guessed?: boolean;
	/** Seen by k8slab's watch (exact), not only told by an event. */
	live?: boolean;
	/** Available pods when the controller took the step (known for live steps). */
	available?: number;
	/** Pods the Deployment's ReplicaSets asked for after the step (all of them). */
	total: number;
	/** Of those, the other ReplicaSets' (0: a plain scale, not a rollout's surge). */
	others: number;
	/** Whether this ReplicaSet is the one of the current template. */
	newReplicaSet: boolean;
	/**
	 * The replicas wanted then: the last count one ReplicaSet held alone (a
	 * scale, or a finished rollout), else today's; and the surge it allowed.
	 */
	desired: number;
	maxSurge?: number;
	maxUnavailable?: number;
}

export interface RolloutSteps {
	steps: RolloutStep[];
	desired: number;
	maxSurge?: number;
	maxUnavailable?: number;
}

const scaled = /^(?:\(combined from similar events\): )?Scaled (?:up|down) replica set (\S+) (?:from (\d+) )?to (\d+)/;

interface Scaling {
	replicaSet: string;
	from?: number;
	to: number;
	atMs: number;
	/** The event's resourceVersion; -1 for a repeat's first time, whose place among the events of its second is not known. */
	order: number;
}

function scalingsOf(deployment: Deployment, events: Iterable<Event>): Scaling[] {
	const found: Scaling[] = [];
	for (const event of events) {
		const involved = event.involvedObject;
		if (event.reason !== 'ScalingReplicaSet' || involved?.kind !== 'Deployment' || involved.name !== deployment.metadata.name || involved.namespace !== deployment.metadata.namespace) continue;
		const match = scaled.exec(event.message ?? '');
		if (!match) continue;
		const scaling = {replicaSet: match[1]!, ...(match[2] === undefined ? {} : {from: Number(match[2])}), to: Number(match[3]), atMs: eventLastSeenMs(event), order: Number(event.metadata.resourceVersion ?? 0)};
		found.push(scaling);
		// The same message again (an undo repeats a rollout's steps) counts on the first event rather than adding one: its first time is an
		// occurrence of its own. (A combined event's first time was another message's.)
		const first = toMillis(event.firstTimestamp) ?? toMillis(event.eventTime);
		const combined = (event.message ?? '').startsWith('(combined');
		if ((event.series?.count ?? event.count ?? 1) > 1 && !combined && first !== undefined && first < scaling.atMs) found.push({...scaling, atMs: first, order: -1});
	}
	// Events of one second: the order they were written in.
	return found.sort((a, b) => a.atMs - b.atMs || a.order - b.order);
}

/** Events and live steps match when they tell the same change within this long (event times are whole seconds). */
const sameStepMs = 3000;

/** Pairs each live step with the event that told the same change (nearest in time), each used once. */
function matchEvents(live: readonly LiveStep[], scalings: readonly Scaling[]): {eventTimes: Map<LiveStep, number>; matched: Set<Scaling>} {
	const eventTimes = new Map<LiveStep, number>();
	const matched = new Set<Scaling>();
	for (const step of live) {
		let best: Scaling | undefined;
		for (const scaling of scalings) {
			if (matched.has(scaling) || scaling.replicaSet !== step.replicaSet || scaling.to !== step.to || (scaling.from !== undefined && scaling.from !== step.from)) continue;
			const distance = Math.abs(scaling.atMs - step.atMs);
			if (distance <= sameStepMs && (!best || distance < Math.abs(best.atMs - step.atMs))) best = scaling;
		}
		if (best) {
			matched.add(best);
			eventTimes.set(step, best.atMs);
		}
	}
	return {eventTimes, matched};
}

/** The events' steps, replayed backwards from `state` (the replicas at the end of what they cover). */
function replay(scalings: readonly Scaling[], state: Map<string, number>, newName: string | undefined, created: ReadonlyMap<string, number>): RolloutStep[] {
	const total = () => [...state.values()].reduce((sum, replicas) => sum + replicas, 0);
	const others = (name: string) => total() - (state.get(name) ?? 0);
	const backwards: RolloutStep[] = [];
	// Where each ReplicaSet's newest event so far is in `backwards`. A gap of its own is placed right after an older event, but it
	// happened somewhere up to that newer event: the steps in between were counted as if it had already happened, so their
	// pods in all are a guess.
	const seenAt = new Map<string, number>();
	const gap = (name: string, from: number, to: number) => {
		for (let index = (seenAt.get(name) ?? -1) + 1; index < backwards.length; index++) backwards[index]!.guessed = true;
		backwards.push({replicaSet: name, from, to, merged: true, guessed: true, total: total(), others: others(name), newReplicaSet: name === newName, desired: 0});
		state.set(name, from);
	};
	for (let index = scalings.length - 1; index >= 0; index--) {
		const scaling = scalings[index]!;
		// Before a ReplicaSet was created it had no pods: one whose first events the API dropped is scaled from 0 right after it was created.
		for (const [name, createdMs] of created) {
			const replicas = state.get(name) ?? 0;
			if (createdMs <= scaling.atMs || replicas === 0) continue;
			gap(name, 0, replicas);
		}
		const now = state.get(scaling.replicaSet) ?? 0;
		// Steps the API merged away (or a ReplicaSet since deleted): from where this event ended to where the next began.
		if (now !== scaling.to) gap(scaling.replicaSet, scaling.to, now);
		const from = scaling.from ?? 0;
		// A repeat's first time in a second with other steps: where it came among them (and so their pods in all) is a guess.
		const unordered = scalings.some(other => other !== scaling && other.atMs === scaling.atMs && (other.order < 0 || scaling.order < 0));
		backwards.push({
			replicaSet: scaling.replicaSet,
			from,
			to: scaling.to,
			atMs: scaling.atMs,
			merged: false,
			...(unordered ? {guessed: true} : {}),
			total: total(),
			others: others(scaling.replicaSet),
			newReplicaSet: scaling.replicaSet === newName,
			desired: 0,
		});
		seenAt.set(scaling.replicaSet, backwards.length - 1);
		state.set(scaling.replicaSet, from);
	}
	return backwards.reverse();
}

/** Live steps first told by the record; before it began, the events replayed from the replicas it started from. */
function combined(scalings: readonly Scaling[], log: DeploymentLog, newName: string | undefined, created: ReadonlyMap<string, number>): RolloutStep[] {
	const {eventTimes, matched} = matchEvents(log.steps, scalings);
	const before = scalings.filter(scaling => !matched.has(scaling) && scaling.atMs < log.sinceMs);
	const live = log.steps.map((step): RolloutStep => ({
		replicaSet: step.replicaSet,
		from: step.from,
		to: step.to,
		atMs: eventTimes.get(step) ?? step.atMs,
		merged: false,
		live: true,
		available: step.available,
		total: step.total,
		others: step.others,
		newReplicaSet: step.replicaSet === newName,
		desired: 0,
	}));
	return [...replay(before, new Map(log.baseline), newName, created), ...live];
}

/** The steps, oldest first, with the pods asked for after each; `log`: what k8slab's watch saw (rolloutLog.ts). */
export function rolloutSteps(deployment: Deployment, replicaSets: Iterable<ReplicaSet>, events: Iterable<Event>, log?: RolloutLog): RolloutSteps {
	const owned = ownedReplicaSets(deployment, [...replicaSets]);
	const newName = owned.find(rs => isNewReplicaSet(deployment, rs))?.metadata.name;
	const live = log?.get(deployment.metadata.uid ?? '');
	// Without its ReplicaSets (not listed yet, or forbidden) there is nothing to replay from.
	const scalings = owned.length > 0 ? scalingsOf(deployment, events) : [];
	const created = new Map(owned.map(rs => [rs.metadata.name ?? '', toMillis(rs.metadata.creationTimestamp) ?? 0]));
	const steps = live ? combined(scalings, live, newName, created) : replay(scalings, new Map(owned.map(rs => [rs.metadata.name ?? '', rs.spec?.replicas ?? 0])), newName, created);
	const strategy = resolveStrategy(deployment);
	const desired = deployment.spec?.replicas ?? 1;
	// The replicas wanted then are known from a step that left one ReplicaSet with all the pods, counted without a guess.
	const alone = (step: RolloutStep) => step.others === 0 && !step.merged && !step.guessed;
	let then = steps.find(alone)?.total ?? desired;
	for (const step of steps) {
		if (alone(step)) then = step.total;
		step.desired = then;
		const budget = resolveStrategy({...deployment, spec: {...deployment.spec, replicas: then}});
		if (budget.maxSurge !== undefined) step.maxSurge = budget.maxSurge;
		if (budget.maxUnavailable !== undefined) step.maxUnavailable = budget.maxUnavailable;
	}
	return {steps, desired, ...(strategy.maxSurge === undefined ? {} : {maxSurge: strategy.maxSurge}), ...(strategy.maxUnavailable === undefined ? {} : {maxUnavailable: strategy.maxUnavailable})};
}

/** "↑ todoapi-5df5c67bcd 0→2 · 7 pods of 5 (+2, max surge 2)": a step as the rollout pane lists it. */
export function stepText(step: RolloutStep): string {
	const arrow = step.to > step.from ? '↑' : '↓';
	const scaling = `${arrow} ${step.replicaSet} ${step.from}→${step.to}${step.newReplicaSet ? ' new' : ''}`;
	if (step.merged) return `${scaling} · merged by the API: when and with how many pods is not known`;
	if (step.guessed) return `${scaling} · pods in all not known: the API merged steps around it`;
	const over = step.total - step.desired;
	const surge = over > 0 ? ` (+${over}${step.maxSurge === undefined ? '' : `, max surge ${step.maxSurge}`})` : '';
	// One ReplicaSet with pods: a scale (or a rollout's end), not a surge.
	const pods = step.others === 0 ? `${step.total} pods, one ReplicaSet` : `${step.total} pods of ${step.desired}${surge}`;
	// The other side of the budget: the controller scales an old ReplicaSet down only while this many stay available.
	const minimum = step.maxUnavailable === undefined ? undefined : step.desired - step.maxUnavailable;
	const available = step.others > 0 && step.available !== undefined ? ` · ${step.available} available${minimum === undefined ? '' : ` (min ${minimum})`}` : '';
	return `${scaling} · ${pods}${available}`;
}

/** A step over the surge the strategy allowed (as far as the desired count then is known). */
export function overSurge(step: RolloutStep): boolean {
	return !step.guessed && step.others > 0 && step.maxSurge !== undefined && step.total > step.desired + step.maxSurge;
}
