// The subset of Kubernetes API objects that the derivations read, in the JSON
// shape the API server sends. Kept here (not imported from the client library)
// so that the model layer stays pure and its fixtures are plain API JSON.
// Timestamps may arrive as RFC 3339 strings (raw JSON) or as Date objects
// (the client library's deserializer), so both are accepted.

export type Timestamp = string | Date;

export interface OwnerReference {
	apiVersion?: string;
	kind: string;
	name: string;
	uid: string;
	controller?: boolean;
}

export interface ObjectMeta {
	name?: string;
	namespace?: string;
	uid?: string;
	resourceVersion?: string;
	generation?: number;
	creationTimestamp?: Timestamp;
	deletionTimestamp?: Timestamp;
	labels?: Record<string, string>;
	annotations?: Record<string, string>;
	ownerReferences?: OwnerReference[];
}

export type Quantities = Record<string, string | number>;

export interface ResourceRequirements {
	requests?: Quantities;
	limits?: Quantities;
}

export interface Probe {
	httpGet?: {path?: string; port?: number | string; scheme?: string; host?: string; httpHeaders?: Array<{name: string; value: string}>};
	tcpSocket?: {port?: number | string; host?: string};
	exec?: {command?: string[]};
	grpc?: {port?: number; service?: string};
	initialDelaySeconds?: number;
	periodSeconds?: number;
	timeoutSeconds?: number;
	failureThreshold?: number;
	successThreshold?: number;
	terminationGracePeriodSeconds?: number;
}

export interface Container {
	name: string;
	image?: string;
	ports?: Array<{containerPort: number; name?: string; protocol?: string}>;
	resources?: ResourceRequirements;
	livenessProbe?: Probe;
	readinessProbe?: Probe;
	[key: string]: unknown;
}

export interface PodSpec {
	containers: Container[];
	initContainers?: Container[];
	nodeName?: string;
	restartPolicy?: string;
	[key: string]: unknown;
}

export interface PodTemplateSpec {
	metadata?: ObjectMeta;
	spec?: PodSpec;
}

export interface ContainerState {
	waiting?: {reason?: string; message?: string};
	running?: {startedAt?: Timestamp};
	terminated?: {reason?: string; message?: string; exitCode?: number; signal?: number; startedAt?: Timestamp; finishedAt?: Timestamp};
}

export interface ContainerStatus {
	name: string;
	ready: boolean;
	restartCount: number;
	image?: string;
	started?: boolean;
	state?: ContainerState;
	lastState?: ContainerState;
}

export interface Condition {
	type: string;
	status: string;
	reason?: string;
	message?: string;
	lastTransitionTime?: Timestamp;
	lastUpdateTime?: Timestamp;
}

export interface PodStatus {
	phase?: string;
	reason?: string;
	message?: string;
	conditions?: Condition[];
	containerStatuses?: ContainerStatus[];
	initContainerStatuses?: ContainerStatus[];
	podIP?: string;
	startTime?: Timestamp;
}

export interface Pod {
	apiVersion?: string;
	kind?: string;
	metadata: ObjectMeta;
	spec?: PodSpec;
	status?: PodStatus;
}

export interface Node {
	apiVersion?: string;
	kind?: string;
	metadata: ObjectMeta;
	spec?: {unschedulable?: boolean; taints?: Array<{key: string; value?: string; effect: string}>};
	status?: {
		capacity?: Quantities;
		allocatable?: Quantities;
		conditions?: Condition[];
		nodeInfo?: {kubeletVersion?: string};
	};
}

export interface RollingUpdateDeployment {
	maxSurge?: number | string;
	maxUnavailable?: number | string;
}

export interface Deployment {
	apiVersion?: string;
	kind?: string;
	metadata: ObjectMeta;
	spec?: {
		replicas?: number;
		paused?: boolean;
		selector?: {matchLabels?: Record<string, string>; matchExpressions?: Array<{key: string; operator: string; values?: string[]}>};
		template?: PodTemplateSpec;
		strategy?: {type?: string; rollingUpdate?: RollingUpdateDeployment};
		progressDeadlineSeconds?: number;
		revisionHistoryLimit?: number;
		minReadySeconds?: number;
	};
	status?: {
		observedGeneration?: number;
		replicas?: number;
		updatedReplicas?: number;
		readyReplicas?: number;
		availableReplicas?: number;
		unavailableReplicas?: number;
		conditions?: Condition[];
	};
}

export interface ReplicaSet {
	apiVersion?: string;
	kind?: string;
	metadata: ObjectMeta;
	spec?: {
		replicas?: number;
		selector?: Deployment['spec'] extends infer S ? (S extends {selector?: infer T} ? T : never) : never;
		template?: PodTemplateSpec;
	};
	status?: {replicas?: number; readyReplicas?: number; availableReplicas?: number};
}

export interface Event {
	apiVersion?: string;
	kind?: string;
	metadata: ObjectMeta;
	involvedObject: {kind?: string; name?: string; namespace?: string; uid?: string; fieldPath?: string};
	reason?: string;
	message?: string;
	type?: string;
	count?: number;
	firstTimestamp?: Timestamp | null;
	lastTimestamp?: Timestamp | null;
	eventTime?: Timestamp | null;
	series?: {count?: number; lastObservedTime?: Timestamp};
	source?: {component?: string; host?: string};
	reportingComponent?: string;
}

export interface ServicePort {
	name?: string;
	port: number;
	targetPort?: number | string;
	nodePort?: number;
	protocol?: string;
}

export interface Service {
	apiVersion?: string;
	kind?: string;
	metadata: ObjectMeta;
	spec?: {
		type?: string;
		clusterIP?: string;
		externalIPs?: string[];
		externalName?: string;
		ports?: ServicePort[];
		selector?: Record<string, string>;
	};
	status?: {loadBalancer?: {ingress?: Array<{ip?: string; hostname?: string}>}};
}

export interface Endpoint {
	addresses?: string[];
	conditions?: {ready?: boolean; serving?: boolean; terminating?: boolean};
	nodeName?: string;
	targetRef?: {kind?: string; name?: string; namespace?: string; uid?: string};
}

export interface EndpointSlice {
	apiVersion?: string;
	kind?: string;
	metadata: ObjectMeta;
	addressType?: string;
	endpoints?: Endpoint[] | null;
	ports?: Array<{name?: string; port?: number; protocol?: string}> | null;
}
