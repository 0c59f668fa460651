// Rows the derivations produce and the panes render. Plain data, already
// worded the way kubectl words things, so panes only lay them out.

export interface PodRow {
	uid: string;
	namespace: string;
	name: string;
	/** "1/1", as kubectl's READY column. */
	ready: string;
	restarts: number;
	/** kubectl's STATUS column: Running, Pending, ImagePullBackOff, CrashLoopBackOff, Terminating… */
	status: string;
	/** Whether the status is a problem the user should look at (colours it). */
	severity: 'ok' | 'progress' | 'warning' | 'error';
	node: string;
	createdMs: number;
	/** Sum of container requests, formatted ("250m", "128Mi"), or "" when none. */
	cpuRequest: string;
	memoryRequest: string;
	/** For a pod that is not scheduled: the scheduler's message, e.g. "0/3 nodes are available: 3 Too many pods." */
	pendingReason?: string;
}

export interface NodeRow {
	name: string;
	ready: boolean;
	unschedulable: boolean;
	instanceType: string;
	zone: string;
	/** Non-terminal pods bound to the node, and allocatable pods (max pods). */
	podsUsed: number;
	podsAllocatable: number;
	cpuRequestedMilli: number;
	cpuAllocatableMilli: number;
	memoryRequestedBytes: number;
	memoryAllocatableBytes: number;
	cpuLimitsMilli: number;
	memoryLimitsBytes: number;
}

export interface CapacitySummary {
	nodes: number;
	readyNodes: number;
	podsUsed: number;
	podsAllocatable: number;
	/** Pod slots left on Ready, schedulable nodes. */
	freePodSlots: number;
	/** A plain sentence, e.g. "No node has room for another pod (12/12 pod slots used)." */
	message: string;
	/** No Ready, schedulable node can take the pod (any pod, or the one whose requests were given). */
	full: boolean;
	/** Per Ready, schedulable node that cannot take the pod: what runs out there. */
	shortfalls: NodeShortfall[];
}

/** What a pod asks the scheduler for: its requests (as podResources sums them). */
export interface PodDemand {
	cpuMilli: number;
	memoryBytes: number;
}

export interface NodeShortfall {
	node: string;
	/** In the scheduler's order: pods ("Too many pods"), then cpu and memory ("Insufficient cpu"). */
	resources: ('pods' | 'cpu' | 'memory')[];
	/** "pods 4/4", "cpu 105m free", "cpu 105m free, memory 30Mi free". */
	text: string;
}

export interface RolloutStatus {
	/** What `kubectl rollout status` would print right now. */
	message: string;
	done: boolean;
	/** Set when kubectl would exit with an error (progress deadline exceeded). */
	error?: string;
}

export interface StrategyView {
	type: 'RollingUpdate' | 'Recreate' | (string & {});
	/** Resolved against spec.replicas the way the controller resolves them. */
	maxSurge?: number;
	maxUnavailable?: number;
	/** As `kubectl describe` words it: "25% max unavailable, 25% max surge". */
	description: string;
}

export interface RevisionContainer {
	name: string;
	image: string;
	cpuRequest: string;
	memoryRequest: string;
}

export interface RevisionRow {
	revision: number;
	replicaSetName: string;
	containers: RevisionContainer[];
	/** From kubernetes.io/change-cause, "<none>" when missing (kubectl's wording). */
	changeCause: string;
	replicas: number;
	readyReplicas: number;
	/** The ReplicaSet whose template matches the Deployment's. */
	current: boolean;
}

export interface RolloutView {
	namespace: string;
	name: string;
	paused: boolean;
	desired: number;
	updated: number;
	ready: number;
	available: number;
	/** updated/available progress, 0..1, for the bar. */
	progress: number;
	strategy: StrategyView;
	status: RolloutStatus;
	/** Highest revision first. */
	revisions: RevisionRow[];
	containers: string[];
}

export interface EventRow {
	uid: string;
	namespace: string;
	/** The Event object's own name. */
	name: string;
	type: string;
	reason: string;
	/** "pod/todoapi-7d9c-abcde", lower-case kind as kubectl prints it. */
	object: string;
	/** First line only; multi-line messages are folded to one line. */
	message: string;
	count: number;
	lastSeenMs: number;
	warning: boolean;
}

/** A JSON patch operation (RFC 6902), as kubectl's undo sends it. */
export interface JsonPatchOperation {
	op: 'replace' | 'add' | 'remove' | 'test';
	path: string;
	value?: unknown;
}

export type UndoPlan = {kind: 'patch'; toRevision: number; patch: JsonPatchOperation[]} | {kind: 'skip'; toRevision: number; message: string} | {kind: 'error'; message: string};
