// `w` on the rollout pane and the nodes pane, from objects captured in the
// sandbox: a rollout stuck on full nodes (the rename with 5 replicas on three
// t3.micro), a complete one, and the nodes that are full.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {nodeRows} from '../../source/model/index.js';
import type {Why} from '../../source/model/why.js';
import {whyNode} from '../../source/model/whyNode.js';
import {rolloutSteps} from '../../source/model/rolloutSteps.js';
import {blockingReason, whyRollout} from '../../source/model/whyRollout.js';
import {loadJson, snapshotOf, type Captured} from './fixtures.js';

const load = (name: string) => loadJson<Captured>(`captured/${name}.json`);
const text = (why: Why) => why.lines.map(line => line.text).join('\n');
const now = Date.parse('2026-11-24T02:51:00Z');

function explain(state: Captured, name = 'todoapi'): Why {
	const deployment = state.deployments.find(each => each.metadata.name === name)!;
	return whyRollout({deployment, replicaSets: state.replicaSets, pods: state.pods, events: state.events, now});
}

test('renamed with 5 replicas on full nodes: the 3 new pods Pending for Too many pods block it; 25% of 5 gives 7 pods at most and 4 available at least, and 7 pods with 4 available leave no room', () => {
	const state = load('renamed-mid-rollout');
	const why = explain(state);
	assert.equal(why.title, 'deployment/todoapi: rollout not complete');
	const shown = text(why);
	assert.match(shown, /3 out of 5 new replicas have been updated/);
	assert.match(shown, /New pods not available \(todoapi-5df5c67bcd\), which hold it back:/);
	const pending = state.pods.filter(pod => pod.metadata.name?.startsWith('todoapi-5df5c67bcd-'));
	assert.equal(pending.length, 3);
	// The scheduler's first sentence, not its words on preemption.
	for (const pod of pending) assert.match(shown, new RegExp(`${pod.metadata.name} 0/1: Pending, not scheduled: 0/3 nodes are available: 3 Too many pods\\.$`, 'm'));
	assert.doesNotMatch(shown, /preemption/);
	assert.doesNotMatch(shown, /todoapi-69c6bc8558-/, 'the old pods, all available, block nothing');
	assert.match(shown, /maxSurge 25% of 5 = 2 \(rounded up\) → at most 5 \+ 2 = 7 pods/);
	assert.match(shown, /maxUnavailable 25% of 5 = 1 \(rounded down\) → at least 5 − 1 = 4 available/);
	assert.match(shown, /now 7 pods \(3 new, 4 old\), 4 available: no room to go on until new pods become available/);
	assert.match(shown, /progressDeadlineSeconds 600: last progress /);
	assert.match(shown, /kubectl rollout status deployment\/todoapi · kubectl describe deployment todoapi/);
});

test('scaled to 5 on full nodes: one ReplicaSet, its 5th pod Pending; at most 7, at least 4, and room to add none', () => {
	const shown = text(explain(load('scaled-to-5')));
	assert.match(shown, /4 of 5 updated replicas are available/);
	assert.match(shown, /todoapi-69c6bc8558-88vt8 0\/1: Pending, not scheduled: 0\/3 nodes are available: 3 Too many pods/);
	assert.match(shown, /now 5 pods \(5 new, 0 old\), 4 available: no room to go on until a new pod becomes available/);
});

test('a bad image and a crash-looping pod: the reason of each in a few words', () => {
	const state = load('failures');
	const typo = state.pods.find(pod => pod.metadata.name?.startsWith('typo-'))!;
	assert.equal(blockingReason(typo, state.events), 'ImagePullBackOff: its image cannot be pulled (todoapii:1.0)');
	const probed = state.pods.find(pod => pod.metadata.name?.startsWith('probed-6469874d4c-'))!;
	assert.match(blockingReason(probed, state.events), /^crash-looping: 1 restarts, last \w+ \(exit \d+\)$/);
	const shown = text(explain(state, 'typo'));
	assert.match(shown, /typo-54cb779c67-\w{5} 0\/1: ImagePullBackOff: its image cannot be pulled \(todoapii:1\.0\)/);
	assert.match(shown, /at most 1 \+ 1 = 2 pods/);
	assert.match(shown, /at least 1 − 0 = 1 available/);
});

test('a complete rollout says so, with the revision it runs', () => {
	const why = explain(load('undone'));
	assert.equal(why.title, 'deployment/todoapi: rollout complete');
	assert.match(text(why), /Complete: all 5 pods run the current template \(revision 3, todoapi-69c6bc8558\) and are available\./);
	assert.match(text(why), /deployment "todoapi" successfully rolled out/);
});

test('w on a full node: its pods against the t3.micro max-pods formula, requests against allocatable, and kubectl describe node', () => {
	const state = load('scaled-to-5');
	const nodes = nodeRows(snapshotOf(state));
	const node = nodes[0]!;
	const why = whyNode(node, state.pods);
	assert.equal(why.title, `node/${node.name}: full`);
	const shown = text(why);
	assert.match(shown, /No new pod can be scheduled here: no pod slot left\./);
	assert.match(shown, /4\/4 allocatable pods: full, a new pod gets "Too many pods"/);
	assert.match(shown, /t3\.micro: max pods = 2 ENIs × \(2 IPv4 per ENI − 1\) \+ 2 = 4/);
	const onNode = state.pods.filter(pod => pod.spec?.nodeName === node.name);
	assert.equal(onNode.length, 4);
	for (const pod of onNode) assert.ok(shown.includes(`${pod.metadata.namespace}/${pod.metadata.name}: cpu`), pod.metadata.name);
	assert.match(shown, new RegExp(`kubectl describe node ${node.name.replaceAll('.', '\\.')}`));
});

test('w on a node with room: how much a new pod may ask for, and the requests in truncated percentages as kubectl describe node shows them', () => {
	const state = load('undone');
	const nodes = nodeRows(snapshotOf(state));
	const roomy = nodes.find(node => node.podsUsed < node.podsAllocatable)!;
	const shown = text(whyNode(roomy, state.pods));
	assert.match(shown, /^It has room for \d+ more pods?, each asking at most cpu \S+ and memory \S+\./);
	const percent = Math.trunc((roomy.cpuRequestedMilli * 100) / roomy.cpuAllocatableMilli);
	assert.match(shown, new RegExp(`cpu \\S+/\\S+ \\(${percent}%\\)`));
});

test('complete after the rename and undo three times over: the last step, merged by the API, is told without pods it cannot count', () => {
	const state = load('rename-undo-repeated');
	const deployment = state.deployments.find(each => each.metadata.name === 'todoapi')!;
	const steps = rolloutSteps(deployment, state.replicaSets, state.events);
	const shown = text(whyRollout({deployment, replicaSets: state.replicaSets, pods: state.pods, events: state.events, steps, now}));
	assert.match(shown, /^ {2}last step: ↓ todoapi-69c6bc8558 3→0 · merged by the API: when and with how many pods is not known$/m);
	assert.doesNotMatch(shown, /pods of 4/, 'the Deployment asked for 5');
});
