// A small EKS cluster as the API server returns it, in the states the lab
// walks through: three t3.micro workers (4 pods each, from eni-max-pods.txt),
// kube-system's DaemonSets and CoreDNS, and the todoapi Deployment.
import type {ApiObject, ContainerEdit, DeploymentRef, EditOutcome, LabActions, UndoTarget, ValueChange} from '../../source/model/actions.js';
import type {ClusterSnapshot, ClusterSource, LabObjects, ResourceKind, ResourceSync} from '../../source/model/cluster.js';
import {queryKey, type ObjectQuery, type ObjectRef} from '../../source/model/objectRef.js';
import type {Deployment, Event, Node, Pod, ReplicaSet} from '../../source/model/types.js';

/** The clock the fixtures are written against. */
export const now = Date.parse('2021-07-21T18:30:00Z');

export function ago(seconds: number): string {
	return new Date(now - seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** API JSON carries more fields than the model reads; the model types name only those. */
function fromJson<T>(json: unknown): T {
	return json as T;
}

let serial = 0;
let resourceVersion = 41_000;

/** A UUID-shaped uid, deterministic so frames are stable. */
function uid(): string {
	serial++;
	return `5f0c${serial.toString(16).padStart(4, '0')}-1b2e-4c7d-9a51-${(0x3e4a_0000_0000 + serial).toString(16).padStart(12, '0')}`;
}

function rv(): string {
	resourceVersion += 7;
	return String(resourceVersion);
}

const region = 'us-east-2';
export const todoapiImage = '123456789012.dkr.ecr.us-east-2.amazonaws.com/todoapi:1.0';

export interface NodeSpec {
	name: string;
	zone: string;
	maxPods?: number;
	instanceType?: string;
	ready?: boolean;
}

export function node({name, zone, maxPods = 4, instanceType = 't3.micro', ready = true}: NodeSpec): Node {
	const json = {
		apiVersion: 'v1',
		kind: 'Node',
		metadata: {
			name,
			uid: uid(),
			resourceVersion: rv(),
			creationTimestamp: ago(3 * 86_400),
			labels: {
				'beta.kubernetes.io/arch': 'amd64',
				'beta.kubernetes.io/instance-type': instanceType,
				'beta.kubernetes.io/os': 'linux',
				'eks.amazonaws.com/capacityType': 'ON_DEMAND',
				'eks.amazonaws.com/nodegroup': 'worker-nodes',
				'eks.amazonaws.com/nodegroup-image': 'ami-0c1e6a0b2b6e3b1f4',
				'failure-domain.beta.kubernetes.io/region': region,
				'failure-domain.beta.kubernetes.io/zone': zone,
				'kubernetes.io/arch': 'amd64',
				'kubernetes.io/hostname': name,
				'kubernetes.io/os': 'linux',
				'node.kubernetes.io/instance-type': instanceType,
				'topology.kubernetes.io/region': region,
				'topology.kubernetes.io/zone': zone,
			},
			annotations: {'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true'},
		},
		spec: {providerID: `aws:///${zone}/i-0${serial.toString(16).padStart(16, 'a')}`},
		status: {
			capacity: {cpu: '2', 'ephemeral-storage': '20959212Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '980068Ki', pods: String(maxPods)},
			allocatable: {cpu: '1930m', 'ephemeral-storage': '18242267924', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '571492Ki', pods: String(maxPods)},
			conditions: [
				{type: 'MemoryPressure', status: 'False', lastHeartbeatTime: ago(20), lastTransitionTime: ago(3 * 86_400), reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available'},
				{type: 'DiskPressure', status: 'False', lastHeartbeatTime: ago(20), lastTransitionTime: ago(3 * 86_400), reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure'},
				{type: 'PIDPressure', status: 'False', lastHeartbeatTime: ago(20), lastTransitionTime: ago(3 * 86_400), reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available'},
				ready
					? {type: 'Ready', status: 'True', lastHeartbeatTime: ago(20), lastTransitionTime: ago(3 * 86_300), reason: 'KubeletReady', message: 'kubelet is posting ready status'}
					: {type: 'Ready', status: 'Unknown', lastHeartbeatTime: ago(400), lastTransitionTime: ago(300), reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.'},
			],
			addresses: [
				{type: 'InternalIP', address: name.replace(/^ip-/, '').replace(/\..*$/, '').replaceAll('-', '.')},
				{type: 'Hostname', address: name},
				{type: 'InternalDNS', address: name},
			],
			nodeInfo: {
				architecture: 'amd64',
				containerRuntimeVersion: 'docker://19.3.13',
				kernelVersion: '5.4.117-58.216.amzn2.x86_64',
				kubeProxyVersion: 'v1.20.4-eks-6b7464',
				kubeletVersion: 'v1.20.4-eks-6b7464',
				operatingSystem: 'linux',
				osImage: 'Amazon Linux 2',
			},
		},
	};
	return fromJson<Node>(json);
}

export const workerNodes = (maxPods = 4): Node[] => [
	node({name: 'ip-192-168-12-34.us-east-2.compute.internal', zone: 'us-east-2a', maxPods}),
	node({name: 'ip-192-168-45-67.us-east-2.compute.internal', zone: 'us-east-2b', maxPods}),
	node({name: 'ip-192-168-78-90.us-east-2.compute.internal', zone: 'us-east-2c', maxPods}),
];

export interface ContainerSpec {
	name: string;
	image: string;
	requests?: Record<string, string>;
	limits?: Record<string, string>;
	port?: number;
}

function containerJson(c: ContainerSpec) {
	const probe = {httpGet: {path: '/', port: c.port ?? 8080, scheme: 'HTTP'}, initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3};
	return {
		name: c.name,
		image: c.image,
		imagePullPolicy: 'IfNotPresent',
		ports: [{containerPort: c.port ?? 8080, protocol: 'TCP'}],
		resources: {...(c.requests ? {requests: c.requests} : {}), ...(c.limits ? {limits: c.limits} : {})},
		livenessProbe: probe,
		readinessProbe: probe,
		terminationMessagePath: '/dev/termination-log',
		terminationMessagePolicy: 'File',
	};
}

export type PodState = 'Running' | 'Pending' | 'ContainerCreating' | 'CrashLoopBackOff';

export interface PodSpecInput {
	namespace: string;
	name: string;
	nodeName?: string;
	containers: ContainerSpec[];
	owner: {kind: string; name: string; uid: string; apiVersion: string};
	labels: Record<string, string>;
	state: PodState;
	ageSeconds: number;
	restarts?: number;
	schedulerMessage?: string;
}

export function pod(input: PodSpecInput): Pod {
	const podUid = uid();
	const created = ago(input.ageSeconds);
	const scheduled = input.state !== 'Pending';
	const running = input.state === 'Running';
	const conditions = scheduled
		? [
				{type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: created},
				{
					type: 'Ready',
					status: running ? 'True' : 'False',
					lastProbeTime: null,
					lastTransitionTime: ago(input.ageSeconds - 12),
					...(running ? {} : {reason: 'ContainersNotReady', message: `containers with unready status: [${input.containers.map(c => c.name).join(' ')}]`}),
				},
				{type: 'ContainersReady', status: running ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: ago(input.ageSeconds - 12)},
				{type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: created},
			]
		: [{type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: created, reason: 'Unschedulable', message: input.schedulerMessage ?? '0/3 nodes are available: 3 Too many pods.'}];
	const containerStatuses = scheduled
		? input.containers.map(c => ({
				name: c.name,
				image: c.image,
				imageID: running ? `docker-pullable://${c.image.replace(/:.*$/, '')}@sha256:9b2a4c8f0e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928170615243` : '',
				...(running ? {containerID: `docker://${podUid.replaceAll('-', '')}${c.name.length}`} : {}),
				ready: running,
				started: running,
				restartCount: input.restarts ?? 0,
				lastState: {},
				state:
					input.state === 'Running'
						? {running: {startedAt: ago(input.ageSeconds - 8)}}
						: input.state === 'CrashLoopBackOff'
							? {waiting: {reason: 'CrashLoopBackOff', message: `back-off 5m0s restarting failed container=${c.name} pod=${input.name}_${input.namespace}(${podUid})`}}
							: {waiting: {reason: 'ContainerCreating'}},
			}))
		: undefined;
	const hasRequests = input.containers.some(c => c.requests);
	const json = {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {
			name: input.name,
			generateName: input.name.replace(/[^-]+$/, ''),
			namespace: input.namespace,
			uid: podUid,
			resourceVersion: rv(),
			creationTimestamp: created,
			labels: input.labels,
			annotations: {'kubernetes.io/psp': 'eks.privileged'},
			ownerReferences: [{...input.owner, controller: true, blockOwnerDeletion: true}],
		},
		spec: {
			containers: input.containers.map(containerJson),
			dnsPolicy: 'ClusterFirst',
			enableServiceLinks: true,
			...(input.nodeName ? {nodeName: input.nodeName} : {}),
			preemptionPolicy: 'PreemptLowerPriority',
			priority: 0,
			restartPolicy: 'Always',
			schedulerName: 'default-scheduler',
			securityContext: {},
			serviceAccount: 'default',
			serviceAccountName: 'default',
			terminationGracePeriodSeconds: 30,
			tolerations: [
				{effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300},
				{effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300},
			],
		},
		status: {
			phase: input.state === 'Running' || input.state === 'CrashLoopBackOff' ? 'Running' : 'Pending',
			conditions,
			...(scheduled ? {hostIP: '192.168.12.34', podIP: `192.168.${serial % 250}.${(serial * 7) % 250}`, podIPs: [{ip: `192.168.${serial % 250}.${(serial * 7) % 250}`}], startTime: created, containerStatuses} : {}),
			qosClass: hasRequests ? 'Burstable' : 'BestEffort',
		},
	};
	return fromJson<Pod>(json);
}

/** A pod-template-hash-like suffix, deterministic. */
function suffix(seed: number, length: number): string {
	const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
	let out = '';
	let value = seed * 7919 + 104_729;
	for (let index = 0; index < length; index++) {
		out += alphabet[value % alphabet.length];
		value = Math.floor(value / alphabet.length) + seed * 31 + index * 17;
	}

	return out;
}

export interface KubeSystem {
	pods: Pod[];
	replicaSets: ReplicaSet[];
}

/** aws-node and kube-proxy on every node, two CoreDNS replicas: 8 of the 12 pod slots. */
export function kubeSystem(nodes: Node[]): KubeSystem {
	const awsNode = {kind: 'DaemonSet', name: 'aws-node', uid: uid(), apiVersion: 'apps/v1'};
	const kubeProxy = {kind: 'DaemonSet', name: 'kube-proxy', uid: uid(), apiVersion: 'apps/v1'};
	const corednsRs = {kind: 'ReplicaSet', name: 'coredns-85d5b4454d', uid: uid(), apiVersion: 'apps/v1'};
	const pods: Pod[] = [];
	for (const [index, n] of nodes.entries()) {
		const nodeName = n.metadata.name ?? '';
		pods.push(
			pod({
				namespace: 'kube-system',
				name: `aws-node-${suffix(index + 1, 5)}`,
				nodeName,
				containers: [{name: 'aws-node', image: '602401143452.dkr.ecr.us-east-2.amazonaws.com/amazon-k8s-cni:v1.7.5-eksbuild.1', requests: {cpu: '10m'}, port: 61678}],
				owner: awsNode,
				labels: {'k8s-app': 'aws-node', 'controller-revision-hash': '7f8d9b6c5', 'pod-template-generation': '1'},
				state: 'Running',
				ageSeconds: 3 * 86_300,
			}),
			pod({
				namespace: 'kube-system',
				name: `kube-proxy-${suffix(index + 11, 5)}`,
				nodeName,
				containers: [{name: 'kube-proxy', image: '602401143452.dkr.ecr.us-east-2.amazonaws.com/eks/kube-proxy:v1.20.4-eksbuild.2', requests: {cpu: '100m'}, port: 10249}],
				owner: kubeProxy,
				labels: {'k8s-app': 'kube-proxy', 'controller-revision-hash': '6b8c7d9f4', 'pod-template-generation': '1'},
				state: 'Running',
				ageSeconds: 3 * 86_300,
			}),
		);
	}

	for (const index of [0, 1]) {
		pods.push(
			pod({
				namespace: 'kube-system',
				name: `coredns-85d5b4454d-${suffix(index + 21, 5)}`,
				nodeName: nodes[index]?.metadata.name,
				containers: [{name: 'coredns', image: '602401143452.dkr.ecr.us-east-2.amazonaws.com/eks/coredns:v1.8.3-eksbuild.1', requests: {cpu: '100m', memory: '70Mi'}, limits: {memory: '170Mi'}, port: 53}],
				owner: corednsRs,
				labels: {'eks.amazonaws.com/component': 'coredns', 'k8s-app': 'kube-dns', 'pod-template-hash': '85d5b4454d'},
				state: 'Running',
				ageSeconds: 3 * 86_300,
			}),
		);
	}

	return {pods, replicaSets: []};
}

const todoapiLabels = {app: 'todoapi'};

export interface Revision {
	revision: number;
	hash: string;
	container: ContainerSpec;
	changeCause?: string;
	ageSeconds: number;
}

/** The lab's history: 1 the plain deployment, 2 with resource requests, 3 requests backed off and the container renamed. */
export const labRevisions: Revision[] = [
	{revision: 1, hash: '6d9f7c8b4d', container: {name: 'todoapi', image: todoapiImage}, ageSeconds: 7 * 86_400},
	{revision: 2, hash: '7c4b9d6f58', container: {name: 'todoapi', image: todoapiImage, requests: {cpu: '500m', memory: '256Mi'}}, changeCause: 'kubectl apply --filename=k8s/deployment.yaml --record=true', ageSeconds: 3600},
	{revision: 3, hash: '59b7f6d8c9', container: {name: 'todoapiv2', image: todoapiImage, requests: {cpu: '100m', memory: '64Mi'}}, ageSeconds: 1800},
];

function template(revision: Revision, withHash: boolean) {
	return {
		metadata: {creationTimestamp: null, labels: withHash ? {...todoapiLabels, 'pod-template-hash': revision.hash} : {...todoapiLabels}},
		spec: {
			containers: [containerJson(revision.container)],
			dnsPolicy: 'ClusterFirst',
			restartPolicy: 'Always',
			schedulerName: 'default-scheduler',
			securityContext: {},
			terminationGracePeriodSeconds: 30,
		},
	};
}

export interface DeploymentState {
	replicas: number;
	current: Revision;
	revisions: Revision[];
	status: {replicas: number; updatedReplicas: number; readyReplicas: number; availableReplicas: number};
	/** ReplicaSet replica counts by revision (spec = status for the fixtures). */
	rsReplicas: Record<number, {replicas: number; ready: number}>;
	generation: number;
	progressing?: 'NewReplicaSetAvailable' | 'ReplicaSetUpdated' | 'ProgressDeadlineExceeded';
}

export function todoapi(state: DeploymentState): {deployment: Deployment; replicaSets: ReplicaSet[]} {
	const deploymentUid = uid();
	const {status} = state;
	const unavailable = Math.max(0, state.replicas - status.availableReplicas);
	const progressing = state.progressing ?? 'NewReplicaSetAvailable';
	const currentRsName = `todoapi-${state.current.hash}`;
	const deployment = fromJson<Deployment>({
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {
			name: 'todoapi',
			namespace: 'default',
			uid: deploymentUid,
			resourceVersion: rv(),
			generation: state.generation,
			creationTimestamp: ago(7 * 86_400),
			labels: todoapiLabels,
			annotations: {
				'deployment.kubernetes.io/revision': String(state.current.revision),
				'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"todoapi"},"name":"todoapi","namespace":"default"}}\n',
			},
		},
		spec: {
			replicas: state.replicas,
			revisionHistoryLimit: 10,
			progressDeadlineSeconds: 600,
			selector: {matchLabels: todoapiLabels},
			strategy: {type: 'RollingUpdate', rollingUpdate: {maxSurge: '25%', maxUnavailable: '25%'}},
			template: template(state.current, false),
		},
		status: {
			observedGeneration: state.generation,
			replicas: status.replicas,
			updatedReplicas: status.updatedReplicas,
			readyReplicas: status.readyReplicas,
			availableReplicas: status.availableReplicas,
			...(unavailable > 0 ? {unavailableReplicas: unavailable} : {}),
			conditions: [
				unavailable > 0
					? {type: 'Available', status: 'False', lastUpdateTime: ago(300), lastTransitionTime: ago(300), reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.'}
					: {type: 'Available', status: 'True', lastUpdateTime: ago(1700), lastTransitionTime: ago(1700), reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.'},
				progressing === 'ProgressDeadlineExceeded'
					? {type: 'Progressing', status: 'False', lastUpdateTime: ago(30), lastTransitionTime: ago(30), reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${currentRsName}" has timed out progressing.`}
					: progressing === 'ReplicaSetUpdated'
						? {type: 'Progressing', status: 'True', lastUpdateTime: ago(20), lastTransitionTime: ago(1800), reason: 'ReplicaSetUpdated', message: `ReplicaSet "${currentRsName}" is progressing.`}
						: {type: 'Progressing', status: 'True', lastUpdateTime: ago(1700), lastTransitionTime: ago(1800), reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${currentRsName}" has successfully progressed.`},
			],
		},
	});
	const replicaSets = state.revisions.map(revision => {
		const counts = state.rsReplicas[revision.revision] ?? {replicas: 0, ready: 0};
		return fromJson<ReplicaSet>({
			apiVersion: 'apps/v1',
			kind: 'ReplicaSet',
			metadata: {
				name: `todoapi-${revision.hash}`,
				namespace: 'default',
				uid: uid(),
				resourceVersion: rv(),
				generation: revision.revision + 1,
				creationTimestamp: ago(revision.ageSeconds),
				labels: {...todoapiLabels, 'pod-template-hash': revision.hash},
				annotations: {
					'deployment.kubernetes.io/desired-replicas': String(state.replicas),
					'deployment.kubernetes.io/max-replicas': String(state.replicas + Math.ceil(state.replicas / 4)),
					'deployment.kubernetes.io/revision': String(revision.revision),
					...(revision.changeCause ? {'kubernetes.io/change-cause': revision.changeCause} : {}),
				},
				ownerReferences: [{apiVersion: 'apps/v1', kind: 'Deployment', name: 'todoapi', uid: deploymentUid, controller: true, blockOwnerDeletion: true}],
			},
			spec: {replicas: counts.replicas, selector: {matchLabels: {...todoapiLabels, 'pod-template-hash': revision.hash}}, template: template(revision, true)},
			status: {replicas: counts.replicas, fullyLabeledReplicas: counts.replicas, readyReplicas: counts.ready, availableReplicas: counts.ready, observedGeneration: revision.revision + 1},
		});
	});
	return {deployment, replicaSets};
}

export function todoapiPod(revision: Revision, replicaSet: ReplicaSet, index: number, state: PodState, nodeName?: string, ageSeconds = 1700): Pod {
	return pod({
		namespace: 'default',
		name: `todoapi-${revision.hash}-${suffix(revision.revision * 10 + index, 5)}`,
		nodeName,
		containers: [revision.container],
		owner: {kind: 'ReplicaSet', name: replicaSet.metadata.name ?? '', uid: replicaSet.metadata.uid ?? '', apiVersion: 'apps/v1'},
		labels: {...todoapiLabels, 'pod-template-hash': revision.hash},
		state,
		ageSeconds,
	});
}

export interface EventInput {
	namespace: string;
	involved: {kind: string; name: string; uid?: string; apiVersion: string; fieldPath?: string};
	type: 'Normal' | 'Warning';
	reason: string;
	message: string;
	component: string;
	count?: number;
	firstSeconds: number;
	lastSeconds: number;
}

export function event(input: EventInput): Event {
	const first = ago(input.firstSeconds);
	const json = {
		apiVersion: 'v1',
		kind: 'Event',
		metadata: {
			name: `${input.involved.name}.${(0x1_69b3_c0de_0000 + serial * 4099).toString(16)}`,
			namespace: input.namespace,
			uid: uid(),
			resourceVersion: rv(),
			creationTimestamp: first,
		},
		involvedObject: {...input.involved, namespace: input.namespace, resourceVersion: rv()},
		reason: input.reason,
		message: input.message,
		source: {component: input.component},
		firstTimestamp: first,
		lastTimestamp: ago(input.lastSeconds),
		count: input.count ?? 1,
		type: input.type,
		eventTime: null,
		reportingComponent: '',
		reportingInstance: '',
	};
	return fromJson<Event>(json);
}

export interface ClusterObjects {
	pods: Pod[];
	nodes: Node[];
	deployments: Deployment[];
	replicaSets: ReplicaSet[];
	events: Event[];
}

function byUid<T extends {metadata: {uid?: string}}>(items: readonly T[]): ReadonlyMap<string, T> {
	return new Map(items.map(item => [item.metadata.uid ?? '', item]));
}

const synced = (namespace = ''): ResourceSync => ({state: 'synced', namespace});

/** A ClusterSource over fixture objects; `update` publishes a new snapshot the way the kube layer does. */
export class FixtureSource implements ClusterSource {
	private snapshot: ClusterSnapshot;
	private readonly listeners = new Set<() => void>();
	notifications = 0;

	constructor(objects: ClusterObjects, sync: Partial<Record<ResourceKind, ResourceSync>> = {}) {
		this.snapshot = {
			version: 1,
			objects: {
				pods: byUid(objects.pods),
				nodes: byUid(objects.nodes),
				deployments: byUid(objects.deployments),
				replicasets: byUid(objects.replicaSets),
				events: byUid(objects.events),
			},
			sync: {pods: synced(), nodes: synced(), deployments: synced(), replicasets: synced(), events: synced(), ...sync},
		};
	}

	getSnapshot(): ClusterSnapshot {
		return this.snapshot;
	}

	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => {
			this.listeners.delete(listener);
		};
	}

	/** The lab's objects a query selects (by metadata.name or involvedObject.uid), as the store's watchQuery would put them in the snapshot. */
	watchQuery(query: ObjectQuery): {release(): void} {
		this.queries.set(queryKey(query), query);
		this.answer(query);
		queueMicrotask(() => {
			for (const listener of this.listeners) listener();
		});
		return {release: () => this.queries.delete(queryKey(query))};
	}

	private readonly queries = new Map<string, ObjectQuery>();
	/** When set, every query is answered with nothing and this sync (a 403; or synced: not found). */
	queryRefusal?: ResourceSync;

	private answer(query: ObjectQuery): void {
		const key = queryKey(query);
		const kinds: Record<string, keyof LabObjects> = {pods: 'pods', nodes: 'nodes', deployments: 'deployments', replicasets: 'replicasets', events: 'events'};
		const kind = kinds[query.resource.resource];
		const objects = kind ? [...this.snapshot.objects[kind].values()] : [];
		const conditions = (query.fieldSelector ?? '')
			.split(',')
			.filter(Boolean)
			.map(term => term.split('=') as [string, string]);
		const value = (object: any, path: string) => path.split('.').reduce((at, part) => at?.[part], object);
		const selected = objects.filter(object => (!query.namespace || object.metadata?.namespace === query.namespace) && conditions.every(([path, wanted]) => String(value(object, path)) === wanted));
		const answered = this.queryRefusal ? [] : selected;
		this.snapshot = {
			...this.snapshot,
			version: this.snapshot.version + 1,
			objects: {...this.snapshot.objects, [key]: new Map(answered.map(object => [object.metadata?.uid ?? '', object]))},
			sync: {...this.snapshot.sync, [key]: this.queryRefusal ?? synced()},
		};
	}

	get listenerCount(): number {
		return this.listeners.size;
	}

	update(change: Partial<ClusterObjects> & {sync?: Partial<Record<ResourceKind, ResourceSync>>}): void {
		const previous = this.snapshot;
		this.snapshot = {
			version: previous.version + 1,
			objects: {
				pods: change.pods ? byUid(change.pods) : previous.objects.pods,
				nodes: change.nodes ? byUid(change.nodes) : previous.objects.nodes,
				deployments: change.deployments ? byUid(change.deployments) : previous.objects.deployments,
				replicasets: change.replicaSets ? byUid(change.replicaSets) : previous.objects.replicasets,
				events: change.events ? byUid(change.events) : previous.objects.events,
			},
			sync: {...previous.sync, ...change.sync},
		};
		for (const query of this.queries.values()) this.answer(query);
		this.notifications++;
		for (const listener of this.listeners) {
			listener();
		}
	}
}

/**
 * Part 4, stuck: todoapi scaled to 5 on three t3.micro nodes (4 pods each).
 * kube-system holds 8 slots, todoapi's 4 running pods the other 4, and the
 * fifth replica is Pending with "0/3 nodes are available: 3 Too many pods."
 */
export function stuckScaleCluster(): ClusterObjects & {pendingPod: Pod} {
	const nodes = workerNodes(4);
	const system = kubeSystem(nodes);
	const current = labRevisions[2]!;
	const {deployment, replicaSets} = todoapi({
		replicas: 5,
		current,
		revisions: labRevisions,
		generation: 5,
		status: {replicas: 5, updatedReplicas: 5, readyReplicas: 4, availableReplicas: 4},
		rsReplicas: {3: {replicas: 5, ready: 4}},
	});
	const currentRs = replicaSets[2]!;
	const nodeNames = nodes.map(n => n.metadata.name ?? '');
	const running = [nodeNames[0], nodeNames[1], nodeNames[2], nodeNames[2]].map((nodeName, index) => todoapiPod(current, currentRs, index, 'Running', nodeName));
	const pendingPod = todoapiPod(current, currentRs, 4, 'Pending', undefined, 95);
	const pendingName = pendingPod.metadata.name ?? '';
	const events = [
		event({
			namespace: 'default',
			involved: {kind: 'Pod', name: pendingName, uid: pendingPod.metadata.uid, apiVersion: 'v1'},
			type: 'Warning',
			reason: 'FailedScheduling',
			message: '0/3 nodes are available: 3 Too many pods.',
			component: 'default-scheduler',
			count: 6,
			firstSeconds: 95,
			lastSeconds: 14,
		}),
		event({
			namespace: 'default',
			involved: {kind: 'ReplicaSet', name: currentRs.metadata.name ?? '', uid: currentRs.metadata.uid, apiVersion: 'apps/v1'},
			type: 'Normal',
			reason: 'SuccessfulCreate',
			message: `Created pod: ${pendingName}`,
			component: 'replicaset-controller',
			firstSeconds: 95,
			lastSeconds: 95,
		}),
		event({
			namespace: 'default',
			involved: {kind: 'Deployment', name: 'todoapi', uid: deployment.metadata.uid, apiVersion: 'apps/v1'},
			type: 'Normal',
			reason: 'ScalingReplicaSet',
			message: `Scaled up replica set ${currentRs.metadata.name ?? ''} to 5`,
			component: 'deployment-controller',
			firstSeconds: 96,
			lastSeconds: 96,
		}),
		...running.map((p, index) =>
			event({
				namespace: 'default',
				involved: {kind: 'Pod', name: p.metadata.name ?? '', uid: p.metadata.uid, apiVersion: 'v1', fieldPath: 'spec.containers{todoapiv2}'},
				type: 'Normal',
				reason: 'Started',
				message: 'Started container todoapiv2',
				component: 'kubelet',
				firstSeconds: 1690 - index,
				lastSeconds: 1690 - index,
			}),
		),
	];
	return {nodes, pods: [...system.pods, ...running, pendingPod], deployments: [deployment], replicaSets, events, pendingPod};
}

/**
 * Part 4, mid-rollout: the rename to todoapiv2 (revision 3) rolling out over
 * revision 2 at 4 replicas with 25% surge/unavailable: 2 new pods, 3 old.
 */
export function halfwayRolloutCluster(): ClusterObjects {
	const nodes = workerNodes(11).map(n => n);
	const system = kubeSystem(nodes);
	const [, previous, current] = labRevisions as [Revision, Revision, Revision];
	const {deployment, replicaSets} = todoapi({
		replicas: 4,
		current,
		revisions: labRevisions,
		generation: 4,
		status: {replicas: 5, updatedReplicas: 2, readyReplicas: 3, availableReplicas: 3},
		rsReplicas: {2: {replicas: 3, ready: 3}, 3: {replicas: 2, ready: 0}},
		progressing: 'ReplicaSetUpdated',
	});
	const nodeNames = nodes.map(n => n.metadata.name ?? '');
	const oldPods = [0, 1, 2].map(index => todoapiPod(previous, replicaSets[1]!, index, 'Running', nodeNames[index], 3500));
	const newPods = [0, 1].map(index => todoapiPod(current, replicaSets[2]!, index, 'ContainerCreating', nodeNames[index], 6));
	const events = [
		event({
			namespace: 'default',
			involved: {kind: 'Deployment', name: 'todoapi', uid: deployment.metadata.uid, apiVersion: 'apps/v1'},
			type: 'Normal',
			reason: 'ScalingReplicaSet',
			message: `Scaled up replica set ${replicaSets[2]!.metadata.name ?? ''} to 2`,
			component: 'deployment-controller',
			firstSeconds: 7,
			lastSeconds: 7,
		}),
		event({
			namespace: 'default',
			involved: {kind: 'Deployment', name: 'todoapi', uid: deployment.metadata.uid, apiVersion: 'apps/v1'},
			type: 'Normal',
			reason: 'ScalingReplicaSet',
			message: `Scaled down replica set ${replicaSets[1]!.metadata.name ?? ''} to 3`,
			component: 'deployment-controller',
			firstSeconds: 7,
			lastSeconds: 7,
		}),
	];
	return {nodes, pods: [...system.pods, ...oldPods, ...newPods], deployments: [deployment], replicaSets, events};
}

/** Thousands of pods for windowing and the benchmark: `count` pods over 50 nodes in 20 namespaces. */
export function bigCluster(count: number): ClusterObjects {
	const nodes = Array.from({length: 50}, (_, index) => node({name: `ip-10-0-${Math.floor(index / 10)}-${(index % 10) + 10}.us-east-2.compute.internal`, zone: `us-east-2${'abc'[index % 3]}`, maxPods: 110, instanceType: 'm5.4xlarge'}));
	const owner = {kind: 'ReplicaSet', name: 'load-7b8c9d6f5', uid: uid(), apiVersion: 'apps/v1'};
	const pods: Pod[] = [];
	for (let index = 0; index < count; index++) {
		pods.push(
			pod({
				namespace: `team-${String(index % 20).padStart(2, '0')}`,
				name: `load-7b8c9d6f5-${String(index).padStart(5, '0')}`,
				nodeName: nodes[index % nodes.length]!.metadata.name,
				containers: [{name: 'load', image: 'nginx:1.21', requests: {cpu: '10m', memory: '16Mi'}}],
				owner,
				labels: {app: 'load', 'pod-template-hash': '7b8c9d6f5'},
				state: 'Running',
				ageSeconds: 600 + index,
			}),
		);
	}

	return {nodes, pods, deployments: [], replicaSets: [], events: []};
}

export interface Call {
	method: keyof LabActions;
	args: unknown[];
}

/**
 * The calls in a form a test can spell out: an edit's changes as
 * `{'resources.requests.cpu': [seen, next]}`, without the labels.
 */
export function editsSent(calls: readonly Call[]): unknown[] {
	return calls.map(({method, args}) => {
		if (method !== 'editContainer') return {method, args};
		const [ref, edit] = args as [DeploymentRef, ContainerEdit];
		return {method, ref, action: edit.action, container: edit.container, changes: Object.fromEntries(edit.changes.map(change => [change.path.join('.'), [change.seen, change.next]]))};
	});
}

/** Records the edits keys make. `sandbox` adds the node group size, which only the sandbox offers. */
export function recorder(options: {fail?: string; sandbox?: boolean} = {}): LabActions & {calls: Call[]} {
	const calls: Call[] = [];
	const answer = async (call: Call, message: string) => {
		calls.push(call);
		if (options.fail) {
			throw new Error(options.fail);
		}

		return message;
	};

	return {
		calls,
		scale: async (ref: DeploymentRef, replicas: ValueChange<number>) => answer({method: 'scale', args: [ref, replicas]}, `deployment.apps/${ref.name} scaled`),
		editContainer: async (ref: DeploymentRef, edit: ContainerEdit) =>
			answer({method: 'editContainer', args: [ref, edit]}, `deployment.apps/${ref.name} ${edit.action === 'resources' ? 'resource requirements updated' : edit.action === 'image' ? 'image updated' : 'patched'}`),
		undo: async (ref: DeploymentRef, target: UndoTarget) => answer({method: 'undo', args: [ref, target]}, `deployment.apps/${ref.name} rolled back`),
		deleteObject: async (ref: ObjectRef) => answer({method: 'deleteObject', args: [ref]}, `${ref.resource.kind.toLowerCase()} "${ref.name}" deleted`),
		readForEdit: async (ref: ObjectRef) => {
			calls.push({method: 'readForEdit', args: [ref]});
			if (options.fail) throw new Error(options.fail);
			return {apiVersion: ref.resource.group ? `${ref.resource.group}/${ref.resource.version}` : ref.resource.version, kind: ref.resource.kind, metadata: {name: ref.name, namespace: ref.namespace, resourceVersion: '1'}};
		},
		applyEdit: async (ref: ObjectRef, original: ApiObject, edited: ApiObject): Promise<EditOutcome> => ({
			kind: 'applied',
			message: await answer({method: 'applyEdit', args: [ref, original, edited]}, `${ref.resource.kind.toLowerCase()}/${ref.name} edited`),
		}),
		...(options.sandbox
			? {
					setNodeGroupSize: async (nodes: ValueChange<number>) => answer({method: 'setNodeGroupSize', args: [nodes]}, `node group worker-nodes: desired size ${nodes.next}`),
					setReadinessFailure: async (pod: ObjectRef, fail: boolean) => answer({method: 'setReadinessFailure', args: [pod.name, fail]}, `pod/${pod.name}: its app now answers the readiness probe with ${fail ? 503 : 200}`),
				}
			: {}),
	};
}

/**
 * The stuck cluster with a second container in todoapi's template: a log
 * shipper sidecar, as a Deployment that ships its logs to CloudWatch has.
 */
export function twoContainerCluster(): ClusterObjects & {pendingPod: Pod} {
	const cluster = stuckScaleCluster();
	const [deployment] = cluster.deployments;
	const template = deployment?.spec?.template?.spec;
	if (!deployment || !template) {
		throw new Error('stuckScaleCluster has no todoapi template');
	}

	template.containers = [
		...template.containers,
		fromJson(containerJson({name: 'log-shipper', image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.21.1', requests: {cpu: '50m', memory: '32Mi'}, limits: {memory: '64Mi'}, port: 2020})),
	];
	return cluster;
}
