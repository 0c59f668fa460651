// k8slab's derivations against kubectl itself: objects captured from a real
// API server (scripts/capture-fixtures.mjs) together with what kubectl printed
// about them at the same moment. The wording must be kubectl's.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {capacitySummary, nodeRows, pendingReason, planUndo, podReadyCount, podRestarts, podStatusWord, rolloutHistory, rolloutStatus} from '../../source/model/index.js';
import type {Deployment} from '../../source/model/types.js';
import {loadJson, snapshotOf, type Captured} from './fixtures.js';

const states = ['scaled-to-5', 'renamed-mid-rollout', 'renamed', 'undone', 'failures'] as const;
const load = (name: string) => loadJson<Captured>(`captured/${name}.json`);
const todoapi = (state: Captured) => state.deployments.find(d => d.metadata.name === 'todoapi')!;

for (const name of states) {
	test(`${name}: rolloutStatus says what kubectl rollout status said`, () => {
		const state = load(name);
		assert.equal(rolloutStatus(todoapi(state)).message, state.kubectl['rolloutStatus']);
	});

	test(`${name}: rolloutHistory lists kubectl rollout history's revisions and change-causes`, () => {
		const state = load(name);
		const kubectlRows = state.kubectl['rolloutHistory']!.split('\n')
			.slice(2)
			.map(line => /^(\d+)\s+(.*)$/.exec(line.trim())!)
			.map(match => ({revision: Number(match[1]), changeCause: match[2]!.trim()}));
		const ours = rolloutHistory(todoapi(state), state.replicaSets)
			.map(row => ({revision: row.revision, changeCause: row.changeCause}))
			.sort((a, b) => a.revision - b.revision);
		assert.deepEqual(ours, kubectlRows);
	});
}

/** Rows of `kubectl get pods --no-headers`: NAME READY STATUS RESTARTS AGE. */
function kubectlPodRows(text: string) {
	return text.split('\n').map(line => {
		const [podName, ready, status, restarts] = line.trim().split(/\s{2,}|\s(?=\d)/);
		return {name: podName!, ready: ready!, status: status!, restarts: Number.parseInt(restarts!, 10)};
	});
}

for (const [name, key] of [
	['scaled-to-5', 'getPodsWide'],
	['failures', 'getPods'],
] as const) {
	test(`${name}: READY, STATUS and RESTARTS match kubectl get pods`, () => {
		const state = load(name);
		const rows = kubectlPodRows(state.kubectl[key]!);
		assert.ok(rows.length >= 5);
		for (const row of rows) {
			const pod = state.pods.find(p => p.metadata.name === row.name && p.metadata.namespace === 'default');
			assert.ok(pod, row.name);
			assert.equal(podStatusWord(pod), row.status, `${row.name} status`);
			assert.equal(podReadyCount(pod), row.ready, `${row.name} ready`);
			assert.equal(podRestarts(pod), row.restarts, `${row.name} restarts`);
		}
	});
}

test('scaled-to-5: the Pending pod gives the scheduler reason, and no node has room', () => {
	const state = load('scaled-to-5');
	const pending = state.pods.filter(p => p.metadata.namespace === 'default' && !p.spec?.nodeName);
	assert.equal(pending.length, 1);
	assert.match(pendingReason(pending[0]!, state.events) ?? '', /^0\/3 nodes are available: 3 Too many pods\./);
	const rows = nodeRows(snapshotOf({nodes: state.nodes, pods: state.pods}));
	assert.equal(rows.length, 3);
	for (const row of rows) {
		assert.equal(row.podsAllocatable, 4);
		assert.equal(row.podsUsed, 4);
		assert.equal(row.instanceType, 't3.micro');
	}
	const summary = capacitySummary(rows);
	assert.equal(summary.full, true);
	assert.equal(summary.freePodSlots, 0);
});

test('renamed -> undone: the undo patch sets the template that kubectl rollout undo set', () => {
	const before = load('renamed');
	const after = load('undone');
	const deployment = todoapi(before);
	const plan = planUndo(deployment, before.replicaSets);
	assert.equal(plan.kind, 'patch');
	if (plan.kind !== 'patch') return;
	assert.equal(plan.toRevision, 1);
	// What kubectl's own undo left on the Deployment, read back from the API server.
	const kubectlResult = todoapi(after);
	const template = plan.patch.find(op => op.path === '/spec/template')!.value as NonNullable<NonNullable<Deployment['spec']>['template']>;
	assert.deepEqual(template.spec?.containers, kubectlResult.spec?.template?.spec?.containers);
	assert.deepEqual(template.metadata?.labels, kubectlResult.spec?.template?.metadata?.labels);
	const annotations = plan.patch.find(op => op.path === '/metadata/annotations')!.value as Record<string, string>;
	assert.equal(annotations['deployment.kubernetes.io/revision'], deployment.metadata.annotations?.['deployment.kubernetes.io/revision']);
	// Revision 1's ReplicaSet had no change-cause, so the undo drops the rename's, as kubectl's did.
	assert.equal(annotations['kubernetes.io/change-cause'], undefined);
	assert.equal(kubectlResult.metadata.annotations?.['kubernetes.io/change-cause'], undefined);
});

test("undone: undoing to the current revision is skipped with kubectl's words", () => {
	const state = load('undone');
	const plan = planUndo(todoapi(state), state.replicaSets, 3);
	assert.equal(plan.kind, 'skip');
	assert.equal(`deployment.apps/todoapi ${plan.kind === 'skip' ? plan.message : ''}`, state.kubectl['undoSkip']!.trim());
});
