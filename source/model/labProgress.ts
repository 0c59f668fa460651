// The lab's steps (../shared/lab-exercise.md, parts 2–5), each checked off
// from what the cluster shows, never from keys pressed: a step done with
// kubectl counts the same. Past steps are read from what outlives them: the
// ReplicaSets' templates (the rollout history) and the events.
import type {ClusterSnapshot} from './cluster.js';
import {valuesOf} from './collections.js';
import {eventLastSeenMs} from './pendingReason.js';
import {ownedReplicaSets} from './replicaSets.js';
import {rolloutStatus} from './rolloutStatus.js';
import {rolloutSteps, type RolloutStep} from './rolloutSteps.js';
import type {Container, Deployment, Event, Pod, PodTemplateSpec, ReplicaSet} from './types.js';

export type LabStepId = 'probes' | 'scaledTo4' | 'requestsPending' | 'renamed' | 'tooManyPods' | 'undo' | 'fourthNode' | 'badImage' | 'livenessFails';

export interface LabStep {
	id: LabStepId;
	part: number;
	title: string;
	/** The key (or keys) that do it in k8slab, and the kubectl the lab uses. */
	keys: string;
	kubectl: string;
	done: boolean;
	/** What the check saw, when done: "FailedScheduling: 0/3 nodes are available: 3 Too many pods." */
	evidence?: string;
}

/** What the checks read: the Deployment's templates now and in its history, its pods, and the events about them. */
interface LabEvidence {
	deployment: Deployment;
	templates: PodTemplateSpec[];
	containers: Container[];
	pods: Pod[];
	events: Event[];
	workerNodes: number;
	readyWorkerNodes: number;
	undone: boolean;
	/** The replicas the Deployment, or the pod's own ReplicaSet, asked for when an event about the pod was last seen. */
	askedFor(podName: string | undefined, atMs: number): number;
}

const revisionHistoryAnnotation = 'deployment.kubernetes.io/revision-history';

function gather(snapshot: ClusterSnapshot, deployment: Deployment): LabEvidence {
	const owned = ownedReplicaSets(deployment, snapshot.objects.replicasets);
	const templates = [deployment.spec?.template, ...owned.map(rs => rs.spec?.template)].filter((template): template is PodTemplateSpec => template !== undefined);
	const namespace = deployment.metadata?.namespace ?? '';
	// A pod is `<replica set>-<suffix>`: slimmed pods keep no labels to match on.
	const prefixes = owned.map(rs => `${rs.metadata?.name ?? ''}-`).filter(prefix => prefix.length > 1);
	const ofDeployment = (name: string | undefined) => name !== undefined && prefixes.some(prefix => name.startsWith(prefix));
	const pods = [...valuesOf(snapshot.objects.pods)].filter(pod => pod.metadata?.namespace === namespace && ofDeployment(pod.metadata?.name));
	const name = deployment.metadata?.name;
	const events = [...valuesOf(snapshot.objects.events)].filter(event => {
		const object = event.involvedObject;
		if ((object?.namespace ?? event.metadata?.namespace) !== namespace) return false;
		return object?.kind === 'Pod' ? ofDeployment(object.name) : object?.name === name;
	});
	const nodes = [...valuesOf(snapshot.objects.nodes)].filter(node => !Object.hasOwn(node.metadata?.labels ?? {}, 'node-role.kubernetes.io/control-plane'));
	const ready = nodes.filter(node => node.status?.conditions?.some(condition => condition.type === 'Ready' && condition.status === 'True'));
	return {
		deployment,
		templates,
		containers: templates.flatMap(template => template.spec?.containers ?? []),
		pods,
		events,
		workerNodes: nodes.length,
		readyWorkerNodes: ready.length,
		undone: owned.some(rs => rs.metadata?.annotations?.[revisionHistoryAnnotation] !== undefined),
		askedFor: askedFor(deployment, owned, rolloutSteps(deployment, owned, events).steps),
	};
}

/**
 * What was asked for at a time, from the rollout's steps (ScalingReplicaSet events): a rollout's surge pod is Pending
 * while the Deployment asks for fewer pods than are running, and its event outlives the rollout. Before any step k8slab
 * knows of, and for a pod Pending now (atMs infinity), only today's replicas are known.
 */
function askedFor(deployment: Deployment, owned: readonly ReplicaSet[], steps: readonly RolloutStep[]) {
	return (podName: string | undefined, atMs: number): number => {
		const replicaSet = owned.find(rs => podName?.startsWith(`${rs.metadata?.name ?? ''}-`));
		const known = steps.filter(step => step.atMs !== undefined && step.atMs <= atMs);
		const then = known.at(-1);
		const own = known.filter(step => step.replicaSet === replicaSet?.metadata?.name).at(-1);
		const today = Math.max(deployment.spec?.replicas ?? 1, replicaSet?.spec?.replicas ?? 0);
		if (!then || atMs === Number.POSITIVE_INFINITY) return today;
		// After steps the API merged, the count then is not known (the scale may be among them): today's stands in.
		return Math.max(then.desired, own?.to ?? 0, then.guessed ? today : 0);
	};
}

function eventMatching(events: readonly Event[], reason: string, pattern: RegExp): Event | undefined {
	return events.find(event => event.reason === reason && pattern.test(event.message ?? ''));
}

function said(event: Event | undefined): string | undefined {
	return event && `${event.reason}: ${(event.message ?? '').split('\n')[0]}`;
}

function restarted(pods: readonly Pod[], name: string | undefined): boolean {
	const pod = pods.find(candidate => candidate.metadata?.name === name);
	return (pod?.status?.containerStatuses ?? []).some(status => (status.restartCount ?? 0) > 0);
}

/** A pod's condition or waiting state that says the same as the event would, for a step still on screen. */
function podMatching(pods: readonly Pod[], pattern: RegExp): string | undefined {
	for (const pod of pods) {
		const scheduled = pod.status?.conditions?.find(condition => condition.type === 'PodScheduled' && condition.status === 'False');
		if (scheduled?.message && pattern.test(scheduled.message)) return `${pod.metadata?.name}: ${scheduled.message}`;
		for (const status of pod.status?.containerStatuses ?? []) {
			const waiting = status.state?.waiting;
			if (waiting && pattern.test(`${waiting.reason ?? ''} ${waiting.message ?? ''}`)) return `${pod.metadata?.name}: ${waiting.reason}`;
		}
	}
	return undefined;
}

const hasRequests = (container: Container) => Object.keys(container.resources?.requests ?? {}).length > 0;

interface StepDeclaration {
	id: LabStepId;
	part: number;
	title: string;
	keys: string;
	kubectl: string;
	check(evidence: LabEvidence): string | undefined;
}

// In the lab's order. A check returns what it saw, or undefined while the step is not done.
const steps: readonly StepDeclaration[] = [
	{
		id: 'probes',
		part: 2,
		title: 'Liveness and readiness probes added',
		keys: 'p',
		kubectl: 'kubectl apply -f deployment.yaml (livenessProbe, readinessProbe)',
		check: ({containers}) => {
			const probed = containers.find(container => container.livenessProbe?.httpGet && container.readinessProbe?.httpGet);
			return probed && `container ${probed.name}: liveness ${probed.livenessProbe?.httpGet?.path ?? ''}, readiness ${probed.readinessProbe?.httpGet?.path ?? ''}`;
		},
	},
	{
		id: 'scaledTo4',
		part: 3,
		title: 'Scaled to 4 replicas',
		keys: 's',
		kubectl: 'kubectl scale deployment todoapi --replicas=4',
		check: ({deployment, events}) => {
			const replicas = deployment.spec?.replicas ?? 1;
			if (replicas >= 4) return `spec.replicas ${replicas}`;
			return said(eventMatching(events, 'ScalingReplicaSet', / to ([4-9]|\d{2,})\b/));
		},
	},
	{
		id: 'requestsPending',
		part: 3,
		title: 'Requests raised until a pod is Pending (Insufficient cpu/memory)',
		keys: 'r',
		kubectl: 'kubectl apply -f deployment.yaml (resources.requests); kubectl describe pod',
		check: ({containers, events, pods}) => {
			if (!containers.some(hasRequests)) return undefined;
			const insufficient = /Insufficient (cpu|memory)/;
			return said(eventMatching(events, 'FailedScheduling', insufficient)) ?? podMatching(pods, insufficient);
		},
	},
	{
		id: 'renamed',
		part: 4,
		title: 'Container renamed (todoapiv2): a new revision',
		keys: 'c',
		kubectl: 'kubectl apply -f deployment.yaml (containers[0].name)',
		check: ({templates}) => {
			const names = new Set(templates.map(template => (template.spec?.containers ?? []).map(container => container.name).join(',')));
			return names.size > 1 ? `container names in the history: ${[...names].sort().join(' · ')}` : undefined;
		},
	},
	{
		id: 'tooManyPods',
		part: 4,
		title: 'Scaled to 5: a pod Pending with "Too many pods"',
		keys: 's',
		kubectl: 'kubectl scale … --replicas=5; kubectl get events',
		check: ({events, pods, askedFor}) => {
			// Pending for want of pod slots only counts at 5 replicas or more: a surge pod of a smaller Deployment is Pending the same way.
			const atFive = (podName: string | undefined, atMs: number) => askedFor(podName, atMs) >= 5;
			const event = events.find(event => event.reason === 'FailedScheduling' && /Too many pods/.test(event.message ?? '') && atFive(event.involvedObject?.name, eventLastSeenMs(event)));
			const now = pods.filter(pod => atFive(pod.metadata?.name, Number.POSITIVE_INFINITY));
			return said(event) ?? podMatching(now, /Too many pods/);
		},
	},
	{
		id: 'undo',
		part: 4,
		title: 'Rolled back (rollout undo), and it got worse',
		keys: 'u',
		kubectl: 'kubectl rollout undo deployment todoapi',
		check: ({undone}) => (undone ? 'a revision was rolled back to (deployment.kubernetes.io/revision-history)' : undefined),
	},
	{
		id: 'fourthNode',
		part: 4,
		title: 'Node group at 4 nodes, and the rollout finished',
		keys: 'n',
		kubectl: 'EKS console: node group desired size 4; kubectl rollout status',
		check: ({readyWorkerNodes, deployment}) => (readyWorkerNodes >= 4 && rolloutStatus(deployment).done ? `${readyWorkerNodes} nodes Ready, rollout complete` : undefined),
	},
	{
		id: 'badImage',
		part: 5,
		title: 'A misspelled image: pods cannot start',
		keys: 'i',
		kubectl: 'kubectl apply -f deployment.yaml (image); kubectl describe pod',
		check: ({events, pods}) => said(eventMatching(events, 'Failed', /Failed to pull image/)) ?? podMatching(pods, /ErrImagePull|ImagePullBackOff/),
	},
	{
		id: 'livenessFails',
		part: 5,
		title: 'A failing liveness probe: the container restarts',
		keys: 'p',
		kubectl: 'kubectl describe pod (Events: Unhealthy, Killing)',
		// One failed probe is not yet a restart: the kubelet kills only after failureThreshold of them.
		check: ({events, pods}) =>
			said(eventMatching(events, 'Killing', /failed liveness probe/) ?? events.find(event => event.reason === 'Unhealthy' && /^Liveness probe failed/.test(event.message ?? '') && restarted(pods, event.involvedObject?.name))),
	},
];

/** Each step of the lab, checked against the cluster as it is for this Deployment. */
export function labProgress(snapshot: ClusterSnapshot, deployment: Deployment | undefined): LabStep[] {
	const evidence = deployment && gather(snapshot, deployment);
	return steps.map(({check, ...step}) => {
		const seen = evidence && check(evidence);
		return {...step, done: seen !== undefined, ...(seen === undefined ? {} : {evidence: seen})};
	});
}
