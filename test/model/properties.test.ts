// Whatever shape the watched objects arrive in (half-written by a controller,
// from an older API server, from kwok), the derivations must not throw and
// must give rows the panes can lay out.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import fc from 'fast-check';
import {capacitySummary, eventRows, formatAge, formatCpuMilli, formatMemoryBytes, nodeRows, parseCpuMilli, parseMemoryBytes, planUndo, podRows, rolloutView, validateContainerName, validateReplicas} from '../../source/model/index.js';
import type {Deployment, Event, Node, Pod, ReplicaSet} from '../../source/model/types.js';
import {slimEvent, slimPod} from '../../source/model/slim.js';
import {computePodResources, podResources} from '../../source/model/podResources.js';
import {snapshotOf} from './fixtures.js';

const runs = {numRuns: 200};

// Names: DNS-like, the lab's own, long, or any Unicode at all.
const name = fc.oneof(
	fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/),
	fc.constantFrom('todoapi', 'todoapiv2', 'coredns', ''),
	fc.string({unit: 'grapheme', maxLength: 40}),
	fc.string({unit: 'binary', minLength: 200, maxLength: 400}),
);
const namespace = fc.constantFrom('default', 'kube-system', 'staging', '');
const nodeName = fc.constantFrom('ip-192-168-12-34.ec2.internal', 'ip-192-168-45-67.ec2.internal', 'node-ü', '');
const uid = fc.oneof(fc.uuid(), fc.constantFrom('u1', 'u2', 'u3'));
const timestamp = fc.oneof(
	fc.date({min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true}).map(d => d.toISOString()),
	fc.date(),
	fc.constantFrom('', 'yesterday', '2021-07-21T17:20:02Z', '2021-07-21T17:20:02.512345Z'),
	fc.constant(null),
);
const quantity = fc.oneof(fc.constantFrom('250m', '1', '0.5', '100m', '128Mi', '1Gi', '70Mi', '1e3', '4', '110', 'lots', '', '1.5Gi', '0'), fc.nat({max: 10_000}), fc.string({maxLength: 8}));
const resourceList = fc.dictionary(fc.constantFrom('cpu', 'memory', 'pods', 'ephemeral-storage'), quantity, {maxKeys: 4});
// Messages as controllers write them: several lines, odd whitespace, any script.
const message = fc.tuple(fc.array(fc.string({unit: 'grapheme', maxLength: 30}), {maxLength: 4}), fc.constantFrom('\n', '\r\n', '\u2028', ' \n  ', '\v')).map(([lines, separator]) => lines.join(separator));

const reason = fc.constantFrom('ContainerCreating', 'CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'Completed', 'Error', 'OOMKilled', 'PodInitializing', 'NodeLost', 'Evicted', '');

const containerState = fc.record(
	{
		waiting: fc.record({reason: fc.option(reason, {nil: undefined}), message: fc.option(message, {nil: undefined})}, {requiredKeys: []}),
		running: fc.record({startedAt: timestamp}, {requiredKeys: []}),
		terminated: fc.record({reason: fc.option(reason, {nil: undefined}), exitCode: fc.integer({min: 0, max: 255}), signal: fc.integer({min: 0, max: 31})}, {requiredKeys: []}),
	},
	{requiredKeys: []},
);

const containerStatus = fc.record(
	{
		name: fc.constantFrom('todoapi', 'todoapiv2', 'init', 'sidecar'),
		ready: fc.boolean(),
		restartCount: fc.nat({max: 50}),
		started: fc.boolean(),
		state: containerState,
		lastState: containerState,
	},
	{requiredKeys: ['name', 'ready', 'restartCount']},
);

const container = fc.record(
	{
		name: fc.constantFrom('todoapi', 'todoapiv2', 'init', 'sidecar'),
		image: fc.constantFrom('usld/todoapi:0.1.0', 'usld/todoapii:0.1.0', 'busybox'),
		resources: fc.record({requests: resourceList, limits: resourceList}, {requiredKeys: []}),
		restartPolicy: fc.constantFrom('Always', 'Never'),
	},
	{requiredKeys: ['name']},
);

const conditionType = fc.constantFrom('Ready', 'PodScheduled', 'Initialized', 'ContainersReady', 'Progressing', 'Available');
const condition = fc.record(
	{
		type: conditionType,
		status: fc.constantFrom('True', 'False', 'Unknown'),
		reason: fc.constantFrom('SchedulingGated', 'Unschedulable', 'ProgressDeadlineExceeded', 'NewReplicaSetAvailable', 'KubeletReady'),
		message,
	},
	{requiredKeys: ['type', 'status']},
);

const labels = fc.dictionary(fc.constantFrom('app', 'pod-template-hash', 'tier', 'node.kubernetes.io/instance-type', 'topology.kubernetes.io/zone'), fc.constantFrom('todoapi', 'a', 'b', 't3.micro', 'us-east-1a'), {maxKeys: 4});

const meta = fc.record(
	{
		name,
		namespace,
		uid,
		generation: fc.nat({max: 10}),
		creationTimestamp: timestamp,
		deletionTimestamp: timestamp,
		labels,
		annotations: fc.dictionary(
			fc.constantFrom('deployment.kubernetes.io/revision', 'kubernetes.io/change-cause', 'deployment.kubernetes.io/desired-replicas', 'kubectl.kubernetes.io/last-applied-configuration', 'note'),
			fc.oneof(fc.nat({max: 6}).map(String), fc.constantFrom('x', '-1', '+2', ''), fc.string({maxLength: 20})),
			{maxKeys: 4},
		),
		ownerReferences: fc.array(fc.record({kind: fc.constantFrom('Deployment', 'ReplicaSet'), name: fc.constantFrom('todoapi'), uid: fc.constantFrom('d1', 'd2'), controller: fc.boolean()}, {requiredKeys: ['kind', 'name', 'uid']}), {
			maxLength: 2,
		}),
	},
	{requiredKeys: []},
);

const podSpec = fc.record(
	{
		containers: fc.array(container, {maxLength: 3}),
		initContainers: fc.array(container, {maxLength: 2}),
		nodeName,
		restartPolicy: fc.constantFrom('Always', 'Never', 'OnFailure'),
		overhead: resourceList,
		resources: fc.record({requests: resourceList, limits: resourceList}, {requiredKeys: []}),
	},
	{requiredKeys: []},
);

const pod = fc
	.record(
		{
			metadata: meta,
			spec: podSpec,
			status: fc.record(
				{
					phase: fc.constantFrom('Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'),
					reason,
					conditions: fc.array(condition, {maxLength: 4}),
					containerStatuses: fc.array(containerStatus, {maxLength: 3}),
					initContainerStatuses: fc.array(containerStatus, {maxLength: 2}),
				},
				{requiredKeys: []},
			),
		},
		{requiredKeys: ['metadata']},
	)
	.map(p => p as unknown as Pod);

const node = fc
	.record(
		{
			metadata: fc.record({name: fc.oneof(nodeName, name), uid, labels}, {requiredKeys: []}),
			spec: fc.record({unschedulable: fc.boolean()}, {requiredKeys: []}),
			status: fc.record({allocatable: resourceList, capacity: resourceList, conditions: fc.array(condition, {maxLength: 3})}, {requiredKeys: []}),
		},
		{requiredKeys: ['metadata']},
	)
	.map(n => n as unknown as Node);

const intOrPercent = fc.oneof(fc.nat({max: 10}), fc.constantFrom('25%', '0%', '100%', '33%', 'abc', '1'));
const template = fc.record({metadata: fc.record({labels}, {requiredKeys: []}), spec: podSpec}, {requiredKeys: []});

// Deployments and ReplicaSets built to overlap often enough that ownership,
// selectors and template equality are all exercised, not just the empty case.
const ownedMeta = fc.record(
	{
		name: fc.constantFrom('todoapi', 'web', ''),
		namespace: fc.constantFrom('default', 'staging'),
		uid: fc.constantFrom('d1', 'd2'),
		generation: fc.nat({max: 10}),
		labels: fc.constantFrom({app: 'todoapi'}, {app: 'todoapi', tier: 'a'}, {}),
		annotations: meta.map(m => m.annotations ?? {}),
		ownerReferences: fc.array(fc.record({kind: fc.constantFrom('Deployment'), name: fc.constantFrom('todoapi'), uid: fc.constantFrom('d1', 'd2'), controller: fc.boolean()}, {requiredKeys: ['kind', 'name', 'uid']}), {maxLength: 2}),
	},
	{requiredKeys: []},
);

const deployment = fc
	.record(
		{
			metadata: fc.oneof(ownedMeta, meta),
			spec: fc.record(
				{
					replicas: fc.oneof(fc.nat({max: 20}), fc.constant(0)),
					paused: fc.boolean(),
					selector: fc.oneof(fc.constant({matchLabels: {app: 'todoapi'}}), fc.record({matchLabels: fc.dictionary(fc.constantFrom('app', 'tier'), fc.constantFrom('todoapi', 'a'), {maxKeys: 2})}, {requiredKeys: []})),
					template,
					strategy: fc.record({type: fc.constantFrom('RollingUpdate', 'Recreate', 'Other'), rollingUpdate: fc.record({maxSurge: intOrPercent, maxUnavailable: intOrPercent}, {requiredKeys: []})}, {requiredKeys: []}),
				},
				{requiredKeys: []},
			),
			status: fc.record(
				{
					observedGeneration: fc.nat({max: 10}),
					replicas: fc.nat({max: 25}),
					updatedReplicas: fc.nat({max: 25}),
					readyReplicas: fc.nat({max: 25}),
					availableReplicas: fc.nat({max: 25}),
					conditions: fc.array(condition, {maxLength: 3}),
				},
				{requiredKeys: []},
			),
		},
		{requiredKeys: ['metadata']},
	)
	.map(d => d as unknown as Deployment);

const replicaSet = fc
	.record(
		{
			metadata: fc.oneof(ownedMeta, ownedMeta, meta),
			spec: fc.record({replicas: fc.nat({max: 10}), template}, {requiredKeys: []}),
			status: fc.record({replicas: fc.nat({max: 10}), readyReplicas: fc.nat({max: 10})}, {requiredKeys: []}),
		},
		{requiredKeys: ['metadata']},
	)
	.map(rs => rs as unknown as ReplicaSet);

/**
 * A Deployment with ReplicaSets: most owned by it (same namespace, controller
 * reference, labels matching its selector), some running its current template
 * under a pod-template-hash label.
 */
const rollout = fc.tuple(deployment, fc.array(fc.tuple(replicaSet, fc.boolean(), fc.boolean(), fc.nat({max: 6})), {maxLength: 6})).map(([original, entries]) => {
	const d = structuredClone(original);
	d.metadata = {...d.metadata, uid: d.metadata.uid || 'd1'};
	const replicaSets = entries.map(([rs, owned, current, revision]) => {
		const copy = structuredClone(rs);
		copy.metadata = {...copy.metadata, annotations: {...copy.metadata.annotations, 'deployment.kubernetes.io/revision': String(revision)}};
		if (owned) {
			copy.metadata.namespace = d.metadata.namespace;
			copy.metadata.ownerReferences = [{apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name ?? '', uid: d.metadata.uid!, controller: true}];
			copy.metadata.labels = {...d.spec?.selector?.matchLabels, 'pod-template-hash': 'abc123'};
		}
		if (current && d.spec?.template) {
			const template = structuredClone(d.spec.template);
			template.metadata = {...template.metadata, labels: {...template.metadata?.labels, 'pod-template-hash': 'abc123'}};
			copy.spec = {...copy.spec, template};
		}
		return copy;
	});
	return {deployment: d, replicaSets};
});

const event = fc
	.record(
		{
			metadata: meta,
			involvedObject: fc.record({kind: fc.constantFrom('Pod', 'Deployment', 'Node', ''), name, namespace, uid}, {requiredKeys: []}),
			reason: fc.constantFrom('FailedScheduling', 'Scheduled', 'BackOff', 'ScalingReplicaSet'),
			message,
			type: fc.constantFrom('Normal', 'Warning'),
			count: fc.nat({max: 100}),
			firstTimestamp: timestamp,
			lastTimestamp: timestamp,
			eventTime: timestamp,
			series: fc.record({count: fc.nat({max: 100}), lastObservedTime: timestamp}, {requiredKeys: []}),
		},
		{requiredKeys: ['metadata', 'involvedObject']},
	)
	.map(e => e as unknown as Event);

const severities = new Set(['ok', 'progress', 'warning', 'error']);

test('podRows never throws and gives rows the pods pane can show', () => {
	let explained = 0;
	fc.assert(
		fc.property(fc.array(pod, {maxLength: 12}), fc.array(event, {maxLength: 8}), fc.option(fc.string({maxLength: 4}), {nil: undefined}), (pods, events, filter) => {
			const snapshot = snapshotOf({pods, events});
			const rows = podRows(snapshot, {});
			assert.equal(rows.length, snapshot.objects.pods.size);
			for (const row of rows) {
				assert.match(row.ready, /^\d+\/\d+$/);
				assert.ok(Number.isInteger(row.restarts) && row.restarts >= 0);
				assert.equal(typeof row.status, 'string');
				assert.ok(severities.has(row.severity));
				assert.ok(Number.isFinite(row.createdMs));
				assert.match(row.cpuRequest, /^$|^-?\d+(\.\d+)?(e\+\d+)?m?$/);
				assert.match(row.memoryRequest, /^$|^-?\d+(\.\d+)?(e\+\d+)?(Ki|Mi|Gi|Ti|Pi|Ei)?$/);
				if (row.node !== '') assert.equal(row.pendingReason, undefined);
				if (row.pendingReason !== undefined) {
					explained++;
					assert.doesNotMatch(row.pendingReason, /[\r\n\u2028]/);
				}
			}
			for (let i = 1; i < rows.length; i++) {
				const a = rows[i - 1]!;
				const b = rows[i]!;
				assert.ok(a.namespace < b.namespace || (a.namespace === b.namespace && a.name <= b.name));
			}
			assert.equal(podRows(snapshot, {}), rows, 'memoized');
			const filtered = podRows(snapshot, {namespace: 'default', filter});
			assert.ok(filtered.every(r => r.namespace === 'default'));
			assert.ok(filtered.length <= rows.length);
		}),
		runs,
	);
	assert.ok(explained > 0, 'some pending pods got a reason');
});

test('nodeRows and capacitySummary never throw and add up', () => {
	let occupied = 0;
	fc.assert(
		fc.property(fc.array(node, {maxLength: 6}), fc.array(pod, {maxLength: 15}), (nodes, pods) => {
			const snapshot = snapshotOf({nodes, pods});
			const rows = nodeRows(snapshot);
			assert.equal(rows.length, snapshot.objects.nodes.size);
			for (const row of rows) {
				for (const n of [row.podsUsed, row.podsAllocatable, row.cpuRequestedMilli, row.cpuAllocatableMilli, row.memoryRequestedBytes, row.memoryAllocatableBytes, row.cpuLimitsMilli, row.memoryLimitsBytes]) {
					assert.ok(Number.isFinite(n), `${n} is not finite`);
				}
				assert.ok(Number.isInteger(row.podsUsed) && row.podsUsed >= 0);
				assert.ok(Number.isInteger(row.podsAllocatable) && row.podsAllocatable >= 0);
				assert.equal(typeof row.instanceType, 'string');
				if (row.podsUsed > 0) occupied++;
			}
			const summary = capacitySummary(rows);
			assert.ok(summary.message.length > 0);
			assert.equal(summary.full, summary.freePodSlots === 0);
			assert.ok(summary.freePodSlots >= 0 && summary.freePodSlots <= summary.podsAllocatable);
			assert.equal(summary.nodes, rows.length);
			assert.ok(summary.readyNodes <= summary.nodes);
		}),
		runs,
	);
	assert.ok(occupied > 0, 'some nodes had pods on them');
});

test('rolloutView never throws, and its progress, strategy and history are sane', () => {
	let withHistory = 0;
	let withCurrent = 0;
	fc.assert(
		fc.property(
			fc.oneof(
				rollout,
				fc.tuple(deployment, fc.array(replicaSet, {maxLength: 6})).map(([deployment, replicaSets]) => ({deployment, replicaSets})),
			),
			({deployment: d, replicaSets}) => {
				const view = rolloutView(d, replicaSets);
				if (view.revisions.length > 0) withHistory++;
				if (view.revisions.some(r => r.current)) withCurrent++;
				assert.ok(view.progress >= 0 && view.progress <= 1);
				assert.ok(view.status.message.length > 0);
				assert.equal(view.status.done, view.status.message.endsWith('successfully rolled out'));
				if (view.strategy.type === 'RollingUpdate') {
					assert.ok(Number.isInteger(view.strategy.maxSurge) && Number.isInteger(view.strategy.maxUnavailable));
					assert.ok(view.strategy.maxSurge! > 0 || view.strategy.maxUnavailable! > 0, 'never both zero');
				}
				for (let i = 1; i < view.revisions.length; i++) assert.ok(view.revisions[i - 1]!.revision > view.revisions[i]!.revision);
				assert.ok(view.revisions.filter(r => r.current).length <= 1);
				for (const revision of view.revisions) assert.ok(revision.changeCause.length > 0);
			},
		),
		runs,
	);
	assert.ok(withHistory > 0 && withCurrent > 0, `history in ${withHistory} runs, a current revision in ${withCurrent}`);
});

test('planUndo never throws and any patch restores a hash-free template', () => {
	const kinds = new Map<string, number>();
	fc.assert(
		fc.property(rollout, fc.option(fc.integer({min: -2, max: 8}), {nil: undefined}), ({deployment: d, replicaSets}, toRevision) => {
			const plan = planUndo(d, replicaSets, toRevision);
			kinds.set(plan.kind, (kinds.get(plan.kind) ?? 0) + 1);
			assert.ok(['patch', 'skip', 'error'].includes(plan.kind));
			if (plan.kind === 'error') {
				assert.ok(plan.message.length > 0);
				return;
			}
			if (toRevision) assert.equal(plan.toRevision, toRevision);
			if (plan.kind === 'skip') {
				assert.match(plan.message, /^skipped rollback \(current template already matches revision -?\d+\)$/);
				return;
			}
			assert.notEqual(d.spec?.paused, true);
			const [templateOp, annotationsOp] = plan.patch;
			assert.equal(templateOp!.path, '/spec/template');
			assert.equal(annotationsOp!.path, '/metadata/annotations');
			const restored = templateOp!.value as {metadata?: {labels?: Record<string, string>}};
			assert.equal(restored.metadata?.labels?.['pod-template-hash'], undefined);
			const annotations = annotationsOp!.value as Record<string, string>;
			assert.equal(annotations['deployment.kubernetes.io/revision'], d.metadata.annotations?.['deployment.kubernetes.io/revision']);
		}),
		{numRuns: 400},
	);
	for (const kind of ['patch', 'skip', 'error']) assert.ok((kinds.get(kind) ?? 0) > 0, `no ${kind} plan in ${JSON.stringify([...kinds])}`);
});

test('eventRows never throws, folds messages to one line and sorts newest first', () => {
	fc.assert(
		fc.property(fc.array(event, {maxLength: 12}), events => {
			const snapshot = snapshotOf({events});
			const rows = eventRows(snapshot, {});
			assert.equal(rows.length, snapshot.objects.events.size);
			for (const row of rows) {
				assert.doesNotMatch(row.message, /[\r\n\v\f\u0085\u2028\u2029]/);
				assert.ok(Number.isInteger(row.count));
				assert.ok(Number.isFinite(row.lastSeenMs));
				const kind = row.object.split('/')[0]!;
				assert.equal(kind, kind.toLowerCase());
				assert.equal(row.warning, row.type === 'Warning');
			}
			for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1]!.lastSeenMs >= rows[i]!.lastSeenMs);
		}),
		runs,
	);
});

test('CPU and memory formatting round-trips', () => {
	fc.assert(
		fc.property(fc.nat({max: 1_000_000}), milli => {
			assert.equal(parseCpuMilli(formatCpuMilli(milli)), milli);
		}),
		runs,
	);
	fc.assert(
		fc.property(fc.nat({max: 1023}), fc.constantFrom(1, 1024, 1024 ** 2, 1024 ** 3), (n, unit) => {
			assert.equal(parseMemoryBytes(formatMemoryBytes(n * unit)), n * unit);
		}),
		runs,
	);
});

test('formatAge always gives kubectl-shaped ages', () => {
	fc.assert(
		fc.property(fc.integer({min: -20 * 365 * 24 * 3600 * 1000, max: 20 * 365 * 24 * 3600 * 1000}), ms => {
			// A future time (clock skew) reads as a negative age once past the few minutes that read "0s".
			assert.match(formatAge(ms), ms < -5 * 60 * 1000 ? /^-(\d+[smhdy])+$/ : /^(\d+[smhdy])+$/);
		}),
		runs,
	);
});

test('validation accepts exactly what the API would', () => {
	fc.assert(
		fc.property(fc.integer({min: -50, max: 1100}), n => {
			assert.equal(validateReplicas(String(n)).ok, n >= 0 && n <= 1000);
		}),
		runs,
	);
	fc.assert(
		fc.property(fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/), label => {
			assert.deepEqual(validateContainerName(label, []), {ok: true, value: label});
			assert.equal(validateContainerName(label, [label]).ok, false);
			if (/[a-z]/.test(label)) assert.equal(validateContainerName(label.toUpperCase(), []).ok, false);
		}),
		runs,
	);
});

test('the store keeps slim pods and events: every row is the same as from the full objects', () => {
	fc.assert(
		fc.property(fc.array(pod, {maxLength: 8}), fc.array(event, {maxLength: 8}), fc.array(node, {maxLength: 3}), (pods, events, nodes) => {
			const full = snapshotOf({pods, events, nodes});
			const slim = snapshotOf({pods: pods.map(slimPod), events: events.map(slimEvent), nodes});
			assert.deepEqual(podRows(slim), podRows(full));
			assert.deepEqual(eventRows(slim), eventRows(full));
			assert.deepEqual(nodeRows(slim), nodeRows(full));
		}),
		runs,
	);
});

test("a pod's requests and limits from the plain-containers path equal the scheduler's full rules", () => {
	// Most pods have app containers only; drop the rest from half of the generated ones so that path is taken often.
	const plainOrNot = fc.tuple(pod, fc.boolean()).map(([generated, plain]) => {
		const copy = structuredClone(generated);
		if (plain && copy.spec) {
			delete copy.spec.initContainers;
			delete copy.spec['overhead'];
			delete copy.spec['resources'];
		}
		return copy;
	});
	let plainSeen = 0;
	fc.assert(
		fc.property(plainOrNot, generated => {
			if (Array.isArray(generated.spec?.containers) && generated.spec.initContainers === undefined) plainSeen++;
			assert.deepEqual(podResources(generated), computePodResources(structuredClone(generated)));
		}),
		runs,
	);
	assert.ok(plainSeen > 20, `only ${plainSeen} generated pods took the plain path`);
});
