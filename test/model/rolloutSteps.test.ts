// The rollout's steps rebuilt from ReplicaSets and ScalingReplicaSet events
// captured in the sandbox, including the events the API merged.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {overSurge, rolloutSteps, stepText} from '../../source/model/rolloutSteps.js';
import type {Deployment, Event, ReplicaSet} from '../../source/model/types.js';
import {loadJson} from './fixtures.js';

interface Captured {
	deployments: Deployment[];
	replicaSets: ReplicaSet[];
	events: Event[];
}

const load = (name: string) => loadJson<Captured>(`captured/${name}.json`);
const todoapi = (state: Captured) => state.deployments.find(d => d.metadata.name === 'todoapi')!;
const brief = (state: Captured) => rolloutSteps(todoapi(state), state.replicaSets, state.events).steps.map(step => `${step.replicaSet.slice(-4)} ${step.from}→${step.to} ${step.total}${step.merged ? ' merged' : ''}`);

test('mid-rollout (renamed with 5 replicas on full nodes): new RS up by the surge, old RS down as pods become available', () => {
	const state = load('renamed-mid-rollout');
	assert.deepEqual(brief(state), ['8558 0→3 3', '8558 3→5 5', '7bcd 0→2 7', '8558 5→4 6', '7bcd 2→3 7']);
	const steps = rolloutSteps(todoapi(state), state.replicaSets, state.events);
	assert.equal(steps.desired, 5);
	assert.equal(steps.maxSurge, 2);
	assert.equal(stepText(steps.steps[2]!), '↑ todoapi-5df5c67bcd 0→2 new · 7 pods of 5 (+2, max surge 2)');
	assert.ok(
		steps.steps.every(step => !overSurge(step)),
		'the controller kept within max surge',
	);
	// Scaling 3 to 5 before the rename: one ReplicaSet, no surge to measure.
	assert.equal(stepText(steps.steps[1]!), '↑ todoapi-69c6bc8558 3→5 · 5 pods, one ReplicaSet');
});

test('the rename rolled out: the last scale-downs the API merged into one event are shown as a merged step', () => {
	const state = load('renamed');
	const steps = brief(state);
	// "(combined from similar events): Scaled down … from 1 to 0" is the last event; 2→1 left no event of its own.
	// When it happened is lost: it is shown after the last event that saw its ReplicaSet before.
	assert.deepEqual(steps.slice(-4), ['8558 3→2 6', '8558 2→1 5 merged', '7bcd 4→5 6', '8558 1→0 5']);
	const all = rolloutSteps(todoapi(state), state.replicaSets, state.events);
	assert.equal(all.steps.at(-1)!.total, 5, 'ends at the desired count');
	assert.equal(stepText(all.steps.at(-1)!), '↓ todoapi-69c6bc8558 1→0 · 5 pods of 5');
	assert.equal(stepText(all.steps.at(-3)!), '↓ todoapi-69c6bc8558 2→1 · merged by the API: when and with how many pods is not known');
	// 2→1 came before or after it: 6 or 7 pods.
	assert.equal(stepText(all.steps.at(-2)!), '↑ todoapi-5df5c67bcd 4→5 new · pods in all not known: the API merged steps around it');
});

test("undone: the old ReplicaSet scaled back up, the new one down, ending at the ReplicaSets' replicas", () => {
	const state = load('undone');
	const steps = rolloutSteps(todoapi(state), state.replicaSets, state.events);
	const final = new Map<string, number>();
	for (const step of steps.steps) final.set(step.replicaSet, step.to);
	for (const rs of state.replicaSets) assert.equal(final.get(rs.metadata.name!), rs.spec!.replicas, rs.metadata.name);
	assert.ok(
		steps.steps.some(step => step.merged),
		'the merged scale-downs of the undo are shown',
	);
});

test('without the ReplicaSets (forbidden, or not listed yet) there are no steps to replay', () => {
	const state = load('renamed');
	assert.deepEqual(rolloutSteps(todoapi(state), [], state.events).steps, []);
});

test('an event the API dropped (rate-limited) of a ReplicaSet created later: before its creation it had no pods, so earlier steps are not counted with them', () => {
	const state = load('rollout-watch');
	const events = state.events.filter(event => event.message !== 'Scaled up replica set todoapi-5df5c67bcd from 0 to 2');
	const steps = rolloutSteps(todoapi(state), state.replicaSets, events).steps;
	assert.deepEqual(
		steps.slice(0, 4).map(step => `${step.replicaSet.slice(-4)} ${step.from}→${step.to} ${step.total}${step.merged ? ' merged' : ''}`),
		// The scale to 5 before the rename: 5 pods of one ReplicaSet, not 7 with the renamed one's 2.
		['8558 0→3 3', '8558 3→5 5', '7bcd 0→2 7 merged', '8558 5→4 6'],
	);
});

test('the rename and its undo three times over: the API combined the repeated events, so the steps after the first merged one state no pod arithmetic they cannot know', () => {
	// Captured: scaled to 4, renamed, scaled to 5 on 4 nodes, then rename and undo three times; the API kept one combined
	// ScalingReplicaSet event per message, so the undos' steps and the scale to 5 are lost.
	const state = load('rename-undo-repeated');
	const {steps} = rolloutSteps(todoapi(state), state.replicaSets, state.events);
	const final = new Map<string, number>();
	for (const step of steps) final.set(step.replicaSet, step.to);
	for (const rs of state.replicaSets) assert.equal(final.get(rs.metadata.name!), rs.spec!.replicas, rs.metadata.name);
	for (const step of steps) {
		const text = stepText(step);
		const counted = /(\d+) pods (?:of (\d+))?/.exec(text);
		if (step.merged) assert.match(text, / · merged by the API: when and with how many pods is not known$/);
		if (!counted) continue;
		assert.ok(!step.merged && !step.guessed, `${text}: counted only where no merged step's place is guessed`);
		assert.ok(step.total >= 0 && !overSurge(step), `${text}: within max surge`);
	}
	// Before the first merged step the events are all there: the rollout at 4 replicas, counted exactly.
	assert.deepEqual(
		steps.slice(0, 5).map(step => stepText(step).replace(/todoapi-/, '')),
		[
			'↑ 69c6bc8558 0→3 · 3 pods, one ReplicaSet',
			'↑ 69c6bc8558 3→4 · 4 pods, one ReplicaSet',
			'↑ 5df5c67bcd 0→1 new · 5 pods of 4 (+1, max surge 1)',
			'↓ 69c6bc8558 4→3 · 4 pods of 4',
			'↑ 5df5c67bcd 1→2 new · 5 pods of 4 (+1, max surge 1)',
		],
	);
	assert.ok(steps.filter(step => step.merged).length >= 3, 'the undos the API merged are shown');
});
