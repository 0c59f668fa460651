// Whatever the API server sends (half-written objects, names in any script,
// messages over several lines), the whole view renders inside the terminal:
// no throw, no line wider than the terminal, no more lines than it has, and
// the status line always there.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {stripVTControlCharacters} from 'node:util';
import fc from 'fast-check';
import {cleanup} from 'ink-testing-library';
import type {ClusterSource} from '../../source/model/cluster.js';
import type {Container, Deployment, Event, Node, Pod} from '../../source/model/types.js';
import {renderSnapshot} from '../../source/ui/snapshot.js';
import {fitsMinimum} from '../../source/ui/layout.js';
import {labApp, labProps} from './app.js';
import {FixtureSource, now} from './fixtures.js';
import {cells, keys, renderAt, waitFor} from './helpers.js';

afterEach(() => {
	cleanup();
});

// Names from the API are usually DNS labels, but labels, images, messages and
// older or non-conforming servers bring any script: wide CJK, emoji (with ZWJ
// sequences and skin tones), combining marks, zero-width and bidi characters.
const oddName = fc.constantFrom(
	'日本語のポッド名前-長い名前',
	'服务-后端-数据库-主节点',
	'🚀🔥💥-pod',
	'👩‍👩‍👧‍👦-family',
	'👍🏽👍🏿',
	'e\u0301\u0301\u0301-combining',
	'Z\u0351\u0324\u0317a\u0353\u031Cl\u0316go',
	'\u200B\u200Bzero-width',
	'\u202Eevil-bidi\u202C',
	'ﾊﾝｶｸｶﾀｶﾅ',
	'한국어-파드',
	'\u0000nul',
	'tab\tin-name',
	'esc\u001B[31mred',
	'\u009Bc1-csi',
	'\uFEFFbom',
);
const name = fc.oneof(
	fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$/),
	fc.constantFrom('todoapi', 'todoapiv2', ''),
	oddName,
	fc.string({unit: 'grapheme', maxLength: 40}),
	fc.string({unit: 'grapheme', minLength: 150, maxLength: 300}),
	fc.tuple(oddName, fc.nat({max: 30})).map(([text, times]) => text.repeat(times)),
);
const namespace = fc.constantFrom('default', 'kube-system', '名前空間', '');
const timestamp = fc.oneof(
	fc.integer({min: -3 * 86_400, max: 400 * 86_400}).map(seconds => new Date(now - seconds * 1000).toISOString()),
	fc.constantFrom('', 'yesterday', '2021-07-21T17:20:02Z'),
	fc.constant(undefined),
);
const quantity = fc.oneof(fc.constantFrom('250m', '1', '0.5', '128Mi', '1Gi', '1e3', '4', '110', 'lots', '', '0', '999999999999Ei'), fc.nat({max: 100_000}));
const resourceList = fc.dictionary(fc.constantFrom('cpu', 'memory', 'pods'), quantity, {maxKeys: 3});
// Messages as controllers and users write them: several lines, tabs, any script.
const message = fc.tuple(fc.array(fc.oneof(fc.string({unit: 'grapheme', maxLength: 40}), oddName), {maxLength: 5}), fc.constantFrom('\n', '\r\n', '\u2028', ' \n  ', '\t', '\n\n\n')).map(([lines, separator]) => lines.join(separator));
const reason = fc.constantFrom('ContainerCreating', 'CrashLoopBackOff', 'ImagePullBackOff', 'Completed', 'OOMKilled', 'PodInitializing', '', '長い理由🚀');

const containerState = fc.record(
	{
		waiting: fc.record({reason, message}, {requiredKeys: []}),
		running: fc.record({startedAt: timestamp}, {requiredKeys: []}),
		terminated: fc.record({reason, exitCode: fc.integer({min: 0, max: 255}), signal: fc.integer({min: 0, max: 31})}, {requiredKeys: []}),
	},
	{requiredKeys: []},
);
const containerName = fc.oneof(fc.constantFrom('todoapi', 'sidecar', 'init-db', 'istio-proxy'), name);
const containerStatus = fc.record({name: containerName, ready: fc.boolean(), restartCount: fc.nat({max: 100_000}), started: fc.boolean(), state: containerState, lastState: containerState}, {requiredKeys: ['name', 'ready', 'restartCount']});
const container = fc
	.record(
		{
			name: containerName,
			image: fc.oneof(fc.constantFrom('todoapi:1.0', '123456789012.dkr.ecr.us-east-2.amazonaws.com/todoapi:1.0', 'busybox', ''), name),
			resources: fc.record({requests: resourceList, limits: resourceList}, {requiredKeys: []}),
		},
		{requiredKeys: ['name']},
	)
	.map(c => c as Container);
const condition = fc.record(
	{
		type: fc.constantFrom('Ready', 'PodScheduled', 'Initialized', 'ContainersReady', 'Progressing', 'Available'),
		status: fc.constantFrom('True', 'False', 'Unknown'),
		reason: fc.constantFrom('Unschedulable', 'ProgressDeadlineExceeded', 'NewReplicaSetAvailable', 'KubeletReady'),
		message,
	},
	{requiredKeys: ['type', 'status']},
);
const meta = fc.record({name, namespace, uid: fc.uuid(), creationTimestamp: timestamp, deletionTimestamp: fc.option(timestamp, {nil: undefined}), labels: fc.constant({app: 'todoapi'})}, {requiredKeys: ['uid']});
const podSpec = fc.record(
	{
		// Several containers, init containers, or none at all.
		containers: fc.array(container, {maxLength: 4}),
		initContainers: fc.array(container, {maxLength: 3}),
		nodeName: fc.oneof(fc.constantFrom('ip-192-168-12-34.us-east-2.compute.internal', ''), name),
	},
	{requiredKeys: []},
);
const pod = fc
	.record(
		{
			metadata: meta,
			spec: podSpec,
			// Often no status at all: a pod just created, or a server that sent none.
			status: fc.option(
				fc.record(
					{
						phase: fc.constantFrom('Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'),
						reason,
						message,
						conditions: fc.array(condition, {maxLength: 3}),
						containerStatuses: fc.array(containerStatus, {maxLength: 4}),
						initContainerStatuses: fc.array(containerStatus, {maxLength: 3}),
					},
					{requiredKeys: []},
				),
				{nil: undefined},
			),
		},
		{requiredKeys: ['metadata']},
	)
	.map(p => p as unknown as Pod);
const node = fc
	.record(
		{
			metadata: fc.record({name, uid: fc.uuid(), labels: fc.dictionary(fc.constantFrom('node.kubernetes.io/instance-type'), fc.oneof(fc.constantFrom('t3.micro'), name), {maxKeys: 1})}, {requiredKeys: ['uid']}),
			spec: fc.record({unschedulable: fc.boolean()}, {requiredKeys: []}),
			// Allocatable and capacity are often missing (a node still registering).
			status: fc.option(fc.record({allocatable: resourceList, capacity: resourceList, conditions: fc.array(condition, {maxLength: 3})}, {requiredKeys: []}), {nil: undefined}),
		},
		{requiredKeys: ['metadata']},
	)
	.map(n => n as unknown as Node);
const intOrPercent = fc.oneof(fc.nat({max: 10}), fc.constantFrom('25%', '0%', '100%', 'abc'));
/** A Deployment in the shown namespace, with zero or more owned ReplicaSets (no history at all is common). */
const rollout = fc
	.record({
		name: fc.oneof(fc.constant('todoapi'), name),
		replicas: fc.oneof(fc.constant(0), fc.nat({max: 1000}), fc.constant(undefined)),
		containers: fc.array(container, {maxLength: 4}),
		strategy: fc.record({type: fc.constantFrom('RollingUpdate', 'Recreate', 'Other'), rollingUpdate: fc.record({maxSurge: intOrPercent, maxUnavailable: intOrPercent}, {requiredKeys: []})}, {requiredKeys: []}),
		status: fc.option(
			fc.record({replicas: fc.nat({max: 1000}), updatedReplicas: fc.nat({max: 1000}), readyReplicas: fc.nat({max: 1000}), availableReplicas: fc.nat({max: 1000}), conditions: fc.array(condition, {maxLength: 3})}, {requiredKeys: []}),
			{nil: undefined},
		),
		history: fc.array(fc.record({revision: fc.oneof(fc.nat({max: 1_000_000}), fc.constant(-1)), replicas: fc.nat({max: 1000}), changeCause: fc.option(message, {nil: undefined}), containers: fc.array(container, {maxLength: 3})}), {
			maxLength: 5,
		}),
		paused: fc.boolean(),
	})
	.map(spec => {
		const deployment = {
			metadata: {name: spec.name, namespace: 'default', uid: 'd1', generation: 2, labels: {app: 'todoapi'}},
			spec: {replicas: spec.replicas, paused: spec.paused, selector: {matchLabels: {app: 'todoapi'}}, strategy: spec.strategy, template: {metadata: {labels: {app: 'todoapi'}}, spec: {containers: spec.containers}}},
			...(spec.status ? {status: {observedGeneration: 2, ...spec.status}} : {}),
		} as unknown as Deployment;
		const replicaSets = spec.history.map((entry, index) => ({
			metadata: {
				name: `${spec.name}-${index}`,
				namespace: 'default',
				uid: `rs-${index}`,
				labels: {app: 'todoapi', 'pod-template-hash': String(index)},
				annotations: {'deployment.kubernetes.io/revision': String(entry.revision), ...(entry.changeCause === undefined ? {} : {'kubernetes.io/change-cause': entry.changeCause})},
				ownerReferences: [{apiVersion: 'apps/v1', kind: 'Deployment', name: spec.name, uid: 'd1', controller: true}],
			},
			spec: {replicas: entry.replicas, template: {metadata: {labels: {app: 'todoapi', 'pod-template-hash': String(index)}}, spec: {containers: entry.containers}}},
			status: {replicas: entry.replicas, readyReplicas: Math.floor(entry.replicas / 2)},
		}));
		return {deployment, replicaSets};
	});
const event = fc
	.record(
		{
			metadata: meta,
			involvedObject: fc.record({kind: fc.constantFrom('Pod', 'Deployment', 'Node', ''), name, namespace}, {requiredKeys: []}),
			reason: fc.oneof(fc.constantFrom('FailedScheduling', 'BackOff', 'ScalingReplicaSet'), name),
			message,
			type: fc.constantFrom('Normal', 'Warning', ''),
			count: fc.oneof(fc.nat({max: 100}), fc.constant(2_147_483_647)),
			lastTimestamp: timestamp,
		},
		{requiredKeys: ['metadata', 'involvedObject']},
	)
	.map(e => e as unknown as Event);

const cluster = fc.record({
	pods: fc.array(pod, {maxLength: 14}),
	nodes: fc.array(node, {maxLength: 5}),
	rollouts: fc.array(rollout, {maxLength: 2}),
	events: fc.array(event, {maxLength: 10}),
});
type Cluster = typeof cluster extends fc.Arbitrary<infer T> ? T : never;

function sourceOf(objects: Cluster): ClusterSource {
	return new FixtureSource({
		pods: objects.pods,
		nodes: objects.nodes,
		deployments: objects.rollouts.map(r => r.deployment),
		replicaSets: objects.rollouts.flatMap(r => r.replicaSets),
		events: objects.events,
	});
}

// Sizes from the minimum up, and some below it (the too-small message must fit too).
const size = fc.oneof(
	{weight: 4, arbitrary: fc.record({width: fc.integer({min: 60, max: 220}), height: fc.integer({min: 18, max: 70})})},
	{weight: 1, arbitrary: fc.record({width: fc.integer({min: 1, max: 80}), height: fc.integer({min: 1, max: 24})})},
);

const graphemes = new Intl.Segmenter();

/** Everything a frame must satisfy, whatever it shows. Returns why not, or undefined. */
function frameProblem(frame: string, width: number, height: number): string | undefined {
	const lines = frame.split('\n');
	if (lines.length > Math.max(1, height - 1)) {
		return `${lines.length} lines for a ${height}-line terminal`;
	}

	for (const [index, line] of lines.entries()) {
		if (cells(line) > width) {
			return `line ${index} is ${cells(line)} cells wide in a ${width}-column terminal: ${JSON.stringify(line)}`;
		}

		// Text from the API must never reach the terminal as control codes (a message could clear the screen or recolour it).
		if (/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/.test(line)) {
			return `line ${index} carries a control character: ${JSON.stringify(line)}`;
		}

		// Ink gives every grapheme at least one cell when it composes a line, while the terminal
		// draws a zero-width one in none: one of those would shift the rest of the line left.
		const invisible = Array.from(graphemes.segment(line), ({segment}) => segment).find(segment => cells(segment) === 0);
		if (invisible !== undefined) {
			return `line ${index} has a zero-width grapheme ${JSON.stringify(invisible)}: ${JSON.stringify(line)}`;
		}
	}

	if (fitsMinimum(width, height) && !/^k8slab (● live|◌ connecting|✖ connection lost)/.test(lines[0] ?? '')) {
		return `no status line: ${JSON.stringify(lines[0])}`;
	}

	return undefined;
}

test('the whole view renders any cluster inside the terminal: no throw, fits in width and height, status line first', () => {
	fc.assert(
		fc.property(cluster, size, fc.boolean(), (objects, {width, height}, allNamespaces) => {
			const frame = renderSnapshot(labProps(sourceOf(objects), {initialAllNamespaces: allNamespaces}), {width, height, color: false});
			const problem = frameProblem(frame, width, height);
			assert.equal(problem, undefined, `${problem}\n${frame}`);
		}),
		{numRuns: 150},
	);
});

test('with colour on, the same holds once styles are stripped', () => {
	fc.assert(
		fc.property(cluster, size, (objects, {width, height}) => {
			const frame = stripVTControlCharacters(renderSnapshot(labProps(sourceOf(objects)), {width, height, color: true}));
			const problem = frameProblem(frame, width, height);
			assert.equal(problem, undefined, `${problem}\n${frame}`);
		}),
		{numRuns: 40},
	);
});

/** Long enough for Ink to hand a key over (a lone Esc waits one setImmediate) and React to commit. */
async function ticks(): Promise<void> {
	for (let index = 0; index < 3; index++) {
		await new Promise(resolve => {
			setImmediate(resolve);
		});
	}
}

test('moving through the panes, zooming and opening every prompt on odd objects keeps every frame inside the terminal', async () => {
	await fc.assert(
		fc.asyncProperty(cluster, fc.integer({min: 60, max: 160}), async (objects, width) => {
			const rendered = renderAt(labApp(labProps(sourceOf(objects), {width, height: 30})), width);
			try {
				await waitFor(rendered, frame => frame.startsWith('k8slab '));
				const steps = ['j', 'G', keys.tab, 'j', keys.tab, 'G', 'z', 'z', keys.tab, 'j', 'd', keys.escape, 's', keys.escape, 'r', keys.escape, 'c', keys.escape, 'u', 'n', '?', keys.escape, '/', '日本🚀e\u0301', keys.enter];
				for (const step of steps) {
					rendered.stdin.write(step);
					await ticks();
					const frame = rendered.frame();
					const problem = frameProblem(frame, width, 30);
					assert.equal(problem, undefined, `after ${JSON.stringify(step)}: ${problem}\n${frame}`);
				}
			} finally {
				rendered.unmount();
			}
		}),
		{numRuns: 15},
	);
});

test('a prompt over wide characters leaves every row in line, wherever its edges fall', async () => {
	const cluster = {
		pods: [],
		nodes: [],
		rollouts: [],
		events: [],
	};
	// Node names of wide characters fill the nodes pane under the prompt, at every alignment.
	const wide = ['服务-后端-数据库-主节点-一', 'x服务-后端-数据库-主节点-一', '日本語のポッド名前-長い名前', '👩‍👩‍👧‍👦👍🏽🚀🔥💥🚀🔥💥🚀🔥💥'];
	const nodes = wide.map((nodeName, index) => ({metadata: {name: nodeName, uid: `n${index}`}}));
	const deployment = {metadata: {name: 'todoapi', namespace: 'default', uid: 'd1'}, spec: {replicas: 1, template: {spec: {containers: [{name: 'todoapi'}]}}}} as unknown as Deployment;
	for (let width = 60; width <= 125; width++) {
		const rendered = renderAt(labApp(labProps(new FixtureSource({...cluster, nodes, deployments: [deployment], replicaSets: []}), {width, height: 24})), width);
		try {
			await waitFor(rendered, frame => frame.includes('Nodes 4'));
			rendered.stdin.write('s');
			const frame = await waitFor(rendered, f => f.includes('Scale deployment/todoapi'));
			assert.equal(frameProblem(frame, width, 24), undefined, `${width} columns:\n${frame}`);
		} finally {
			rendered.unmount();
		}
	}
});
