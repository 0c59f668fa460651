// The rollout's steps from what the watch saw: a `kubectl get rs --watch`
// recorded in the sandbox through lab part 4 (scale to 5, rename, the 4th
// node, undo), where the API merged the undo's ScalingReplicaSet events into
// one "(combined from similar events)" and the live record alone has them.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {emptyRolloutLog, maxLiveSteps, recordReplicaSet, type RolloutLog} from '../../source/model/rolloutLog.js';
import {rolloutSteps, stepText} from '../../source/model/rolloutSteps.js';
import type {Deployment, Event, ReplicaSet} from '../../source/model/types.js';
import {clone, loadJson} from './fixtures.js';

interface Recorded {
	deployments: Deployment[];
	replicaSets: ReplicaSet[];
	events: Event[];
	replicaSetUpdates: Array<{type: 'ADDED' | 'MODIFIED' | 'DELETED'; seenAtMs: number; object: ReplicaSet}>;
}

const recorded = loadJson<Recorded>('captured/rollout-watch.json');
const todoapi = recorded.deployments.find(d => d.metadata.name === 'todoapi')!;

/** The updates fed as the store feeds them: what it held before, and whether the first LIST brought it. */
function replayWatch(updates = recorded.replicaSetUpdates): RolloutLog {
	const held = new Map<string, ReplicaSet>();
	const listedAt = updates[0]!.seenAtMs;
	let log = emptyRolloutLog;
	for (const update of updates) {
		const uid = update.object.metadata.uid!;
		const initial = update.type === 'ADDED' && update.seenAtMs === listedAt;
		const next = update.type === 'DELETED' ? undefined : update.object;
		log = recordReplicaSet(log, held.get(uid), next, update.seenAtMs, initial);
		if (next) held.set(uid, next);
		else held.delete(uid);
	}
	return log;
}

const brief = (steps: ReturnType<typeof rolloutSteps>['steps']) => steps.map(step => `${step.replicaSet.slice(-4)} ${step.from}→${step.to}${step.merged ? ' merged' : ''}`);

test('every change of spec.replicas the watch delivered is a step, in order; status-only updates are not', () => {
	const log = replayWatch();
	const entry = log.get(todoapi.metadata.uid!)!;
	assert.deepEqual(
		entry.steps.map(step => `${step.replicaSet.slice(-4)} ${step.from}→${step.to} ${step.total}`),
		[
			// scale to 5: one ReplicaSet
			'8558 3→5 5',
			// the rename: new up by the surge (2 of 5), old down as new pods become available
			'7bcd 0→2 7',
			'8558 5→4 6',
			'7bcd 2→3 7',
			'8558 4→3 6',
			'7bcd 3→4 7',
			'8558 3→2 6',
			'7bcd 4→5 7',
			'8558 2→1 6',
			'8558 1→0 5',
			// the undo: the same dance back
			'8558 0→2 7',
			'7bcd 5→4 6',
			'8558 2→3 7',
			'7bcd 4→3 6',
			'8558 3→4 7',
			'7bcd 3→2 6',
			'8558 4→5 7',
			'7bcd 2→1 6',
			'7bcd 1→0 5',
		],
	);
	assert.equal(entry.baseline.get('todoapi-69c6bc8558'), 3, 'the first LIST is the starting point, not a step');
});

test('the API merged the undo into one event; the live record keeps its steps, and a step both saw shows once at the event time', () => {
	const events = recorded.events.filter(event => event.reason === 'ScalingReplicaSet');
	assert.ok(
		events.some(event => event.message?.startsWith('(combined from similar events)')),
		'the capture has merged events',
	);
	const fromEvents = rolloutSteps(todoapi, recorded.replicaSets, recorded.events);
	assert.ok(
		fromEvents.steps.some(step => step.merged),
		'from the events alone, steps are lost',
	);
	const log = replayWatch();
	const steps = rolloutSteps(todoapi, recorded.replicaSets, recorded.events, log).steps;
	// Before k8slab listed the ReplicaSets, the event says how the Deployment began.
	assert.deepEqual(brief(steps).slice(0, 3), ['8558 0→3', '8558 3→5', '7bcd 0→2']);
	assert.equal(steps.length, 20, 'the 19 live steps and the one before them, each once');
	assert.ok(
		steps.every(step => !step.merged),
		'nothing left to guess',
	);
	assert.equal(steps[0]!.live, undefined);
	assert.ok(steps.slice(1).every(step => step.live));
	// The rename's first step: told by an event too, so at the event's (whole-second) time.
	const event = events.find(each => each.message === 'Scaled up replica set todoapi-5df5c67bcd from 0 to 2')!;
	assert.equal(steps[2]!.atMs, Date.parse(String(event.lastTimestamp)));
	// The undo's scale-downs had no event of their own: at the time the watch saw them.
	const undoDown = steps.find(step => step.replicaSet === 'todoapi-5df5c67bcd' && step.from === 3 && step.to === 2)!;
	const seen = recorded.replicaSetUpdates.find(update => update.object.metadata.name === 'todoapi-5df5c67bcd' && update.object.spec!.replicas === 2 && update.seenAtMs > steps[10]!.atMs!)!;
	assert.equal(undoDown.atMs, seen.seenAtMs);
});

test('each live step is checked against both sides of the budget: surge over desired, and available against desired − maxUnavailable', () => {
	const steps = rolloutSteps(todoapi, recorded.replicaSets, recorded.events, replayWatch()).steps;
	assert.equal(stepText(steps[2]!), '↑ todoapi-5df5c67bcd 0→2 · 7 pods of 5 (+2, max surge 2) · 4 available (min 4)');
	// The undo's first step: the old template's ReplicaSet is the new one again.
	const undo = steps.find(step => step.replicaSet === 'todoapi-69c6bc8558' && step.from === 0 && step.to === 2)!;
	assert.equal(stepText(undo), '↑ todoapi-69c6bc8558 0→2 new · 7 pods of 5 (+2, max surge 2) · 5 available (min 4)');
	for (const step of steps.filter(each => each.others > 0)) {
		assert.ok(step.total <= step.desired + step.maxSurge!, `${stepText(step)} within max surge`);
		// The controller scales an old ReplicaSet down only while enough stay available.
		if (step.to < step.from && !step.newReplicaSet) assert.ok(step.available! >= step.desired - step.maxUnavailable!, `${stepText(step)} within max unavailable`);
	}
});

test('a status-only update, or one that changes nothing, leaves the log as it was (the snapshot is not rebuilt for it)', () => {
	const log = replayWatch();
	const rs = recorded.replicaSets.find(each => each.metadata.name === 'todoapi-69c6bc8558')!;
	assert.equal(recordReplicaSet(log, rs, clone(rs), Date.now()), log);
	const other = {...clone(rs), metadata: {...rs.metadata, ownerReferences: []}};
	assert.equal(recordReplicaSet(log, undefined, other, Date.now()), log, 'a ReplicaSet no Deployment controls is not recorded');
});

test(`memory is bounded: at most ${maxLiveSteps} steps per Deployment, the oldest folded into the baseline the events replay from`, () => {
	const rs = clone(recorded.replicaSets.find(each => each.metadata.name === 'todoapi-69c6bc8558')!);
	const scaled = (replicas: number): ReplicaSet => ({...rs, spec: {...rs.spec!, replicas}});
	let log = recordReplicaSet(emptyRolloutLog, undefined, scaled(1), 1000, true);
	for (let index = 0; index < maxLiveSteps * 2; index++) log = recordReplicaSet(log, scaled(1 + (index % 2)), scaled(1 + ((index + 1) % 2)), 2000 + index);
	const entry = log.get(todoapi.metadata.uid!)!;
	assert.equal(entry.steps.length, maxLiveSteps);
	assert.equal(entry.steps.at(-1)!.atMs, 2000 + maxLiveSteps * 2 - 1);
	assert.equal(entry.baseline.get(rs.metadata.name!), entry.steps[0]!.from, 'the baseline is where the kept steps begin');
	assert.ok(entry.sinceMs <= entry.steps[0]!.atMs && entry.sinceMs > 2000);
	// Its ReplicaSets deleted with it, the Deployment is forgotten.
	assert.equal(recordReplicaSet(log, scaled(1), undefined, 9000).size, 0);
});

test('k8slab started between the rename and the undo: the rename comes from the events (its last steps merged away), the undo from the watch', () => {
	const updates = recorded.replicaSetUpdates;
	// The undo begins where the old ReplicaSet, scaled to 0 by the rename, is scaled up again.
	const start = updates.findIndex(
		(update, index) =>
			update.object.metadata.name === 'todoapi-69c6bc8558' && update.object.spec!.replicas === 2 && updates.slice(0, index).some(earlier => earlier.object.metadata.name === 'todoapi-69c6bc8558' && earlier.object.spec!.replicas === 0),
	);
	const startedAt = updates[start]!.seenAtMs - 1;
	const listed = new Map<string, ReplicaSet>();
	for (const update of updates.slice(0, start)) listed.set(update.object.metadata.uid!, update.object);
	const log = replayWatch([...[...listed.values()].map(object => ({type: 'ADDED' as const, seenAtMs: startedAt, object})), ...updates.slice(start)]);
	const steps = rolloutSteps(todoapi, recorded.replicaSets, recorded.events, log).steps;
	assert.deepEqual(brief(steps), [
		'8558 0→3',
		'8558 3→5',
		'7bcd 0→2',
		'8558 5→4',
		'7bcd 2→3',
		'8558 4→3',
		'7bcd 3→4',
		'8558 3→2',
		// The rename's last two scale-downs went into the combined event, whose message is the undo's last step:
		// one step, right after the last event of its ReplicaSet (when they happened is lost).
		'8558 2→0 merged',
		'7bcd 4→5',
		'8558 0→2',
		'7bcd 5→4',
		'8558 2→3',
		'7bcd 4→3',
		'8558 3→4',
		'7bcd 3→2',
		'8558 4→5',
		'7bcd 2→1',
		'7bcd 1→0',
	]);
	// The combined event's last occurrence is the undo's last step: it is shown once, at the event's time.
	const combined = recorded.events.find(event => event.involvedObject?.name === 'todoapi' && event.message?.startsWith('(combined from similar events)'))!;
	assert.equal(steps.at(-1)!.atMs, Date.parse(String(combined.lastTimestamp)));
});

test('an event counted twice (an undo repeats a step with the same message) was also a step at its first time, before k8slab started', () => {
	const events = recorded.events.map(event => clone(event));
	const repeated = events.find(event => event.message === 'Scaled down replica set todoapi-69c6bc8558 from 5 to 4')!;
	// As the API keeps it when the same message comes again later: one event, count 2, first and last time.
	repeated.count = 2;
	repeated.lastTimestamp = new Date(Date.parse(String(repeated.lastTimestamp)) + 60_000).toISOString();
	const steps = rolloutSteps(todoapi, recorded.replicaSets, events).steps;
	const times = steps.filter(step => step.replicaSet === 'todoapi-69c6bc8558' && step.from === 5 && step.to === 4).map(step => step.atMs);
	assert.deepEqual(times, [Date.parse(String(repeated.firstTimestamp)), Date.parse(String(repeated.lastTimestamp))]);
});
