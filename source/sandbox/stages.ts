// kwok Stages: how the sandbox's fake kubelets move nodes and pods through
// their lifecycle. Once any Pod stage is configured kwok's built-in ones are
// off, so this file is the whole pod lifecycle. Each stage's selector excludes
// every other stage that could match the same pod: kwok picks randomly among
// matches.
//
// The simulated todoapi answers only `GET /` on port 8080, so probes pointing
// elsewhere fail; images outside `knownImages` cannot be pulled.

import {failReadinessAnnotation} from '../model/readinessSwitch.js';
import {imageList, kubeletEvent, pullError, withPrelude, type Step} from './kubeletEvents.js';

export const defaultKnownImages = [
	'todoapi:1.0',
	'todoapi:1.1',
	'602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon-k8s-cni:v1.19.2-eksbuild.1',
	'602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/kube-proxy:v1.34.0-minimal-eksbuild.2',
	'602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/coredns:v1.11.4-eksbuild.2',
];

type Expression = {key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[]};

const notDeleting: Expression = {key: '.metadata.deletionTimestamp', operator: 'DoesNotExist'};
const phase = (value: string): Expression => ({key: '.status.phase', operator: 'In', values: [value]});
const waitingReason = (...values: string[]): Expression => ({key: '.status.containerStatuses[].state.waiting.reason', operator: 'In', values});
const isTrue = (query: string): Expression => ({key: query, operator: 'In', values: ['true']});
const isFalse = (query: string): Expression => ({key: query, operator: 'In', values: ['false']});
const readyCondition = (status: 'True' | 'False'): Expression => ({key: '.status.conditions[] | select(.type == "Ready") | .status', operator: 'In', values: [status]});

/** jq: does a todoapi container have a probe of this kind that the simulated app fails? */
const badProbe = '(.httpGet != null and (((.httpGet.path // "/") != "/") or ((.httpGet.port | tostring) != "8080")))' + ' or (.tcpSocket != null and ((.tcpSocket.port | tostring) != "8080"))';

function probeFails(probe: 'livenessProbe' | 'readinessProbe'): string {
	return `[.spec.containers[] | select((.image // "") | startswith("todoapi")) | .${probe} | select(. != null) | ${badProbe}] | any`;
}

const livenessFails = probeFails('livenessProbe');
/** jq: a readiness probe the simulated app fails by its path or port: every pod of the template fails it. */
const badReadiness = probeFails('readinessProbe');

// failReadinessAnnotation on one running pod: its simulated app answers its readiness probe with 503, as
// an app that lost its database would. The kubelet marks it not ready after failureThreshold failures,
// without a restart, and the EndpointSlice controller takes it out of its Services. Removed, the next
// probe passes. `k8slab sandbox fail-readiness POD` (and F in the view) sets it.
/** jq: a todoapi container's readiness probe, whatever it checks. */
const readinessProbe = '([.spec.containers[] | select((.image // "") | startswith("todoapi")) | .readinessProbe | select(. != null)][0])';
/** jq: the pod's app is told to fail a readiness probe it has (a pod without one is ready as long as it runs). */
const failingOnDemand = `((.metadata.annotations // {})[${JSON.stringify(failReadinessAnnotation)}] == "true" and ${readinessProbe} != null)`;
const readinessFails = `(${badReadiness}) or ${failingOnDemand}`;

function imagesKnown(images: string[]): string {
	return `[.spec.containers[].image] | all(IN(${images.map(i => JSON.stringify(i)).join(', ')}))`;
}

// Go templates rendering a pod status. `$root`/`$now` are bound by `head`.
const head = '{{ $now := Now }}{{ $root := . }}';
const podIPs = `hostIP: {{ NodeIPWith .spec.nodeName | Quote }}
podIP: {{ PodIPWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) | Quote }}`;

function conditions(ready: boolean, readyProbeMarker = false): string {
	const readyStatus = ready ? '"True"' : '"False"';
	// The status patch merges conditions by type: a ready one says null to what a not-ready one left.
	const notReady = ready
		? `\n  reason: null\n  message: null${readyProbeMarker ? '' : '\n  lastProbeTime: null'}`
		: `\n  reason: ContainersNotReady\n  message: 'containers with unready status: [{{ range $i, $c := .spec.containers }}{{ if $i }} {{ end }}{{ $c.name }}{{ end }}]'`;
	return `conditions:
- type: PodReadyToStartContainers
  status: "True"
  lastTransitionTime: {{ $now | Quote }}
- type: Initialized
  status: "True"
  lastTransitionTime: {{ $now | Quote }}
- type: Ready
  status: ${readyStatus}
  lastTransitionTime: {{ $now | Quote }}${readyProbeMarker ? '\n  lastProbeTime: {{ $now | Quote }}' : ''}${notReady}
- type: ContainersReady
  status: ${readyStatus}
  lastTransitionTime: {{ $now | Quote }}${notReady}
- type: PodScheduled
  status: "True"
  lastTransitionTime: {{ $now | Quote }}`;
}

/**
 * Per container $i, from what the pod last reported: $restarts, and the
 * $startedAt and $finishedAt of the container that runs or last ran (its
 * state, else the lastState of one waiting to restart).
 */
const restartCount =
	'{{ $restarts := 0 }}{{ $startedAt := $now }}{{ $finishedAt := $now }}{{ with $root.status.containerStatuses }}{{ if gt (len .) $i }}{{ $s := index . $i }}{{ $restarts = $s.restartCount }}' +
	'{{ with $s.lastState }}{{ with .terminated }}{{ $startedAt = .startedAt }}{{ $finishedAt = .finishedAt }}{{ end }}{{ end }}' +
	'{{ with $s.state }}{{ with .running }}{{ $startedAt = .startedAt }}{{ end }}{{ with .terminated }}{{ $startedAt = .startedAt }}{{ $finishedAt = .finishedAt }}{{ end }}{{ end }}{{ end }}{{ end }}';

/** A container the kubelet killed: SIGKILL after the grace period gives 137. */
const killed = (indent: string, finishedAt: string) => `${indent}terminated:\n${indent}  reason: Error\n${indent}  exitCode: 137\n${indent}  startedAt: {{ $startedAt | Quote }}\n${indent}  finishedAt: {{ ${finishedAt} | Quote }}`;

function containers(state: (indent: string) => string, opts: {ready: boolean; started: boolean; restartsDelta?: number; lastState?: string}): string {
	const restarts = opts.restartsDelta ? `{{ add $restarts ${opts.restartsDelta} }}` : '{{ $restarts }}';
	return `containerStatuses:
{{ range $i, $c := .spec.containers }}${restartCount}
- name: {{ $c.name | Quote }}
  image: {{ $c.image | Quote }}
  imageID: ""
  ready: ${opts.ready}
  started: ${opts.started}
  restartCount: ${restarts}
  state:
${state('    ')}${opts.lastState ? `\n  lastState:\n${opts.lastState}` : ''}
{{ end }}`;
}

const running = (indent: string) => `${indent}running:\n${indent}  startedAt: {{ $now | Quote }}`;
const waiting = (reason: string, message?: string) => (indent: string) => `${indent}waiting:\n${indent}  reason: ${reason}${message ? `\n${indent}  message: ${message}` : ''}`;

interface StageOptions {
	name: string;
	kind?: 'Pod' | 'Node';
	selector: Expression[];
	delayMs?: number;
	jitterMs?: number;
	/** jq giving a duration ("12s") or the RFC 3339 time to act at; it wins over delayMs. */
	delayFrom?: string;
	event?: {type: 'Normal' | 'Warning'; reason: string; message: string};
	statusTemplate?: string;
	steps?: Step[];
	remove?: boolean;
}

function stage(options: StageOptions): object {
	const delay: Record<string, unknown> = {durationMilliseconds: options.delayMs ?? 0};
	// kwok takes the jitter bound itself when it is below the duration, so it never goes with durationFrom.
	if (options.jitterMs && !options.delayFrom) delay['jitterDurationMilliseconds'] = (options.delayMs ?? 0) + options.jitterMs;
	if (options.delayFrom) delay['durationFrom'] = {expressionFrom: options.delayFrom};
	const steps: Step[] = [...(options.steps ?? [])];
	if (options.event) steps.unshift({event: options.event});
	if (options.statusTemplate) steps.push(statusPatch(options.statusTemplate));
	if (options.remove) steps.push({delete: true});
	return {
		apiVersion: 'kwok.x-k8s.io/v1alpha1',
		kind: 'Stage',
		metadata: {name: options.name},
		spec: {resourceRef: {apiGroup: 'v1', kind: options.kind ?? 'Pod'}, selector: {matchExpressions: options.selector}, delay, steps},
	};
}

const statusPatch = (template: string): Step => ({patch: {subresource: 'status', root: 'status', template}});

/**
 * Sets (or, with null, removes) one of the simulated kubelet's counters. kwok
 * keeps no state outside the object, so the pod carries what a kubelet keeps in
 * memory (consecutive probe failures, pull attempts); pods/status may write
 * annotations, so this is one update like a kubelet's status write.
 */
const counterPatch = (annotation: string, change: 'increment' | 'remove'): Step => ({
	patch: {
		subresource: 'status',
		root: 'metadata',
		template: `${counterVar(annotation)}annotations:\n  ${JSON.stringify(annotation)}: ${change === 'remove' ? 'null' : '{{ add $n 1 | toString | Quote }}'}`,
	},
});

export function nodeStages(): object[] {
	const nodeStatus = `{{ $now := Now }}
conditions:
{{ range NodeConditions }}
- lastHeartbeatTime: {{ $now | Quote }}
  lastTransitionTime: {{ $now | Quote }}
  message: {{ .message | Quote }}
  reason: {{ .reason | Quote }}
  status: {{ .status | Quote }}
  type: {{ .type | Quote }}
{{ end }}
{{ with NodePort }}
daemonEndpoints:
  kubeletEndpoint:
    Port: {{ . }}
{{ end }}
phase: Running`;
	return [
		stage({name: 'node-initialize', kind: 'Node', selector: [{key: '.status.conditions[] | select(.type == "Ready") | .status', operator: 'NotIn', values: ['True']}], delayMs: 500, jitterMs: 1000, statusTemplate: nodeStatus}),
		// Leases (--node-lease-duration-seconds) carry liveness; this refreshes conditions now and then.
		stage({name: 'node-heartbeat', kind: 'Node', selector: [readyCondition('True'), {key: '.status.phase', operator: 'In', values: ['Running']}], delayMs: 600_000, jitterMs: 10_000, statusTemplate: nodeStatus}),
	];
}

const livenessFailures = 'k8slab.sandbox/liveness-failures';
const pullFailures = 'k8slab.sandbox/image-pull-failures';
const readinessFailures = 'k8slab.sandbox/readiness-failures';

/** jq: a simulated kubelet's counter on the pod, 0 when unset. */
const counter = (annotation: string) => `((.metadata.annotations // {})[${JSON.stringify(annotation)}] // "0" | tonumber)`;
/** Go template binding $n to a counter. */
const counterVar = (annotation: string) => `{{ $n := 0 }}{{ with .metadata.annotations }}{{ with index . ${JSON.stringify(annotation)} }}{{ $n = atoi . }}{{ end }}{{ end }}`;
/** jq: the first todoapi container's liveness probe that the simulated app fails. */
const failingLiveness = `([.spec.containers[] | select((.image // "") | startswith("todoapi")) | .livenessProbe | select(. != null) | select(${badProbe})][0])`;
/** jq: the first todoapi container's readiness probe that the simulated app fails. */
const failingReadiness = `([.spec.containers[] | select((.image // "") | startswith("todoapi")) | .readinessProbe | select(. != null) | select(${badProbe})][0])`;
/** jq: when the running container started, in seconds. */
const startedAt = '([.status.containerStatuses[]?.state.running.startedAt | select(. != null)][0] | fromdate)';
/** jq: restarts so far (the first container's, as the pods pane's RESTARTS). */
const restarts = '((.status.containerStatuses // [])[0].restartCount // 0)';
/** jq: the kubelet's back-off before restart n+1 or pull attempt n+1: 10 s doubling, capped at five minutes. */
const backOffSeconds = (n: string) => `([10 * pow(2; (${n}) - 1), 300] | min)`;
/** jq: the readiness probe has settled: Ready, or reported failing (the marker below). */
const readySettled = '([.status.conditions[]? | select(.type == "Ready") | (.status == "True" or .lastProbeTime != null)] | any)';

/** The path of a simulated kubelet's counter, for selectors. */
const counterKey = (annotation: string) => `.metadata.annotations[${JSON.stringify(annotation)}]`;
const noCounter = (annotation: string): Expression => ({key: counterKey(annotation), operator: 'DoesNotExist'});
/** The Ready condition is not marked as failing its readiness probe (lastProbeTime, set by the stages that mark it). */
const notMarked = isTrue('[.status.conditions[]? | select(.type == "Ready") | .lastProbeTime == null] | all');
/** jq: one period of the pod's readiness probe from now, as a duration. */
const nextReadinessProbe = `"\\(${readinessProbe}.periodSeconds // 10)s"`;
const readinessThreshold = `(${readinessProbe}.failureThreshold // 3)`;
/** The running container keeps the start it has: readiness changes nothing of its run. */
const runningSince = (indent: string) => `${indent}running:\n${indent}  startedAt: {{ $startedAt | Quote }}`;
/** An app that is up but not ready to serve (its database gone) answers the kubelet's readiness GET with 503. */
const unavailable: Step = {event: {type: 'Warning', reason: 'Unhealthy', message: 'Readiness probe failed: HTTP probe failed with statuscode: 503'}};
/**
 * The pods the readiness stages told to fail, or that were, act on: running, a probe the app passes by path
 * and port, and no failing liveness probe (that one restarts the pod and owns it).
 */
const onDemand: Expression[] = [notDeleting, phase('Running'), {key: '.status.containerStatuses[].state.running', operator: 'Exists'}, isFalse(badReadiness), isFalse(livenessFails)];

export function podStages(knownImages: string[] = defaultKnownImages): object[] {
	const known = imagesKnown(knownImages);
	const images = imageList(knownImages);
	const pullMessage = `{{ if has $c.image ${images} }}''{{ else }}${pullError(knownImages, '$c')}{{ $pullError | Quote }}{{ end }}`;
	const pullFailed = containers(waiting('ErrImagePull', pullMessage), {ready: false, started: false});
	const backOff = containers(waiting('ImagePullBackOff', '{{ printf "Back-off pulling image %q" $c.image | Quote }}'), {ready: false, started: false});

	// $u: a container whose image cannot be pulled.
	const unknownContainer = `{{ $u := index .spec.containers 0 }}{{ range .spec.containers }}{{ if not (has .image ${images}) }}{{ $u = . }}{{ end }}{{ end }}`;
	const pullEvent = (reason: string, type: 'Normal' | 'Warning', message: string, count: string): Step => kubeletEvent({type, reason, container: '$u', message, count});
	// One pull attempt that fails: the kubelet's four events, then ErrImagePull.
	const pullAttempt: Step[] = [
		withPrelude(pullEvent('Pulling', 'Normal', '(printf "Pulling image %q" $c.image)', 'add $n 1'), unknownContainer + counterVar(pullFailures)),
		withPrelude(pullEvent('Failed', 'Warning', '(printf "Failed to pull image %q: %s" $c.image $pullError)', 'add $n 1'), unknownContainer + pullError(knownImages, '$u') + counterVar(pullFailures)),
		{event: {type: 'Warning', reason: 'Failed', message: 'Error: ErrImagePull'}},
		statusPatch(`${head}\n${conditions(false)}\n${pullFailed}\nphase: Pending`),
		counterPatch(pullFailures, 'increment'),
	];
	// Every start of every pod passes here (10,000 in the benchmark), so its event is a stage event, which
	// kwok's recorder sends in the background and counts per start: fixed text, without the container's name.
	const started: Step = {event: {type: 'Normal', reason: 'Started', message: 'Started container'}};
	const firstContainer = 'index .spec.containers 0';
	const starts = '{{ $r := 0 }}{{ with .status.containerStatuses }}{{ $r = (index . 0).restartCount }}{{ end }}';
	const restarted = `${head}\n${conditions(false)}\n${containers(running, {ready: false, started: true, restartsDelta: 1, lastState: killed('    ', '$finishedAt')})}\nphase: Running`;

	// The liveness probe's schedule, from the container's start: failure k at initialDelaySeconds + k × periodSeconds.
	const failureAt = (k: string) => `((${startedAt} + (${failingLiveness}.initialDelaySeconds // 0) + (${failingLiveness}.periodSeconds // 10) * (${k})) | todate)`;
	const threshold = `(${failingLiveness}.failureThreshold // 3)`;
	const livenessProbing = [notDeleting, phase('Running'), {key: '.status.containerStatuses[].state.running', operator: 'Exists'} as Expression, isTrue(livenessFails), isTrue(readySettled)];
	const readinessFailureAt = (k: string) => `((${startedAt} + (${failingReadiness}.initialDelaySeconds // 0) + (${failingReadiness}.periodSeconds // 10) * (${k})) | todate)`;
	const readinessUnhealthy: Step = {event: {type: 'Warning', reason: 'Unhealthy', message: 'Readiness probe failed: HTTP probe failed with statuscode: 404'}};
	const unhealthy: Step = {event: {type: 'Warning', reason: 'Unhealthy', message: 'Liveness probe failed: HTTP probe failed with statuscode: 404'}};
	const killing = withPrelude(kubeletEvent({type: 'Normal', reason: 'Killing', container: firstContainer, message: '(printf "Container %s failed liveness probe, will be restarted" $c.name)', count: 'add $r 1'}), starts);

	return [
		stage({
			name: 'pod-create',
			selector: [notDeleting, {key: '.spec.nodeName', operator: 'Exists'}, {key: '.status.podIP', operator: 'DoesNotExist'}],
			delayMs: 200,
			jitterMs: 600,
			statusTemplate: `${head}\n${conditions(false)}\n${containers(waiting('ContainerCreating'), {ready: false, started: false})}\n${podIPs}\nphase: Pending\nstartTime: {{ $now | Quote }}`,
		}),
		stage({
			name: 'pod-image-pull-failed',
			selector: [notDeleting, phase('Pending'), waitingReason('ContainerCreating'), isFalse(known)],
			delayMs: 1000,
			jitterMs: 500,
			steps: pullAttempt,
		}),
		stage({
			name: 'pod-image-pull-backoff',
			selector: [notDeleting, phase('Pending'), waitingReason('ErrImagePull')],
			delayMs: 1000,
			steps: [
				withPrelude(pullEvent('BackOff', 'Normal', '(printf "Back-off pulling image %q" $c.image)', '$n'), unknownContainer + counterVar(pullFailures)),
				{event: {type: 'Warning', reason: 'Failed', message: 'Error: ImagePullBackOff'}},
				statusPatch(`${head}\n${conditions(false)}\n${backOff}\nphase: Pending`),
			],
		}),
		stage({
			name: 'pod-image-pull-retry',
			selector: [notDeleting, phase('Pending'), waitingReason('ImagePullBackOff')],
			delayMs: 10_000,
			delayFrom: `"\\(${backOffSeconds(counter(pullFailures))} - 1)s"`,
			steps: pullAttempt,
		}),
		stage({
			name: 'pod-start',
			selector: [notDeleting, phase('Pending'), waitingReason('ContainerCreating'), isTrue(known)],
			delayMs: 500,
			jitterMs: 1000,
			steps: [started, statusPatch(`${head}\n${conditions(false)}\n${containers(running, {ready: false, started: true})}\nphase: Running`)],
		}),
		stage({
			// Ready once the readiness probe passes, also between the restarts a failing liveness probe causes, as a kubelet does.
			name: 'pod-ready',
			// A pod with a readiness failure counter passed again after failing: pod-readiness-recovered's.
			selector: [notDeleting, phase('Running'), readyCondition('False'), {key: '.status.containerStatuses[].state.running', operator: 'Exists'}, isFalse(readinessFails), noCounter(readinessFailures)],
			delayMs: 1000,
			delayFrom: `((${startedAt} + ([.spec.containers[].readinessProbe | select(. != null) | .initialDelaySeconds // 0] + [1] | max)) | todate)`,
			statusTemplate: `${head}\n${conditions(true)}\n${containers(runningSince, {ready: true, started: true})}\nphase: Running`,
		}),
		stage({
			// The first failure marks the Ready condition (lastProbeTime), so the pod is settled as not ready.
			name: 'pod-readiness-failed',
			selector: [
				notDeleting,
				phase('Running'),
				readyCondition('False'),
				{key: '.status.conditions[] | select(.type == "Ready") | .lastProbeTime', operator: 'DoesNotExist'},
				{key: '.status.containerStatuses[].state.running', operator: 'Exists'},
				isTrue(badReadiness),
			],
			delayMs: 10_000,
			delayFrom: readinessFailureAt('1'),
			steps: [readinessUnhealthy, statusPatch(`${head}\n${conditions(false, true)}\n${containers(running, {ready: false, started: true})}\nphase: Running`), counterPatch(readinessFailures, 'increment')],
		}),
		stage({
			// Then one Unhealthy event per period for as long as it fails, counted on one event by the correlator.
			// A failing liveness probe owns the pod instead: it restarts it.
			name: 'pod-readiness-failed-again',
			selector: [
				notDeleting,
				phase('Running'),
				readyCondition('False'),
				{key: '.status.conditions[] | select(.type == "Ready") | .lastProbeTime', operator: 'Exists'},
				{key: '.status.containerStatuses[].state.running', operator: 'Exists'},
				isTrue(badReadiness),
				isFalse(livenessFails),
			],
			delayMs: 10_000,
			delayFrom: readinessFailureAt(`${counter(readinessFailures)} + 1`),
			steps: [readinessUnhealthy, counterPatch(readinessFailures, 'increment')],
		}),
		// A running pod told to fail its readiness probe (failReadinessAnnotation): a probe each period from
		// now, the kubelet's consecutive failures counted, not ready at failureThreshold; no restart.
		stage({
			name: 'pod-readiness-probe-failed',
			selector: [...onDemand, isTrue(failingOnDemand), notMarked, isTrue(`${counter(readinessFailures)} + 1 < ${readinessThreshold}`)],
			delayMs: 10_000,
			delayFrom: nextReadinessProbe,
			steps: [unavailable, counterPatch(readinessFailures, 'increment')],
		}),
		stage({
			name: 'pod-readiness-lost',
			selector: [...onDemand, isTrue(failingOnDemand), notMarked, isTrue(`${counter(readinessFailures)} + 1 >= ${readinessThreshold}`)],
			delayMs: 10_000,
			delayFrom: nextReadinessProbe,
			steps: [unavailable, statusPatch(`${head}\n${conditions(false, true)}\n${containers(runningSince, {ready: false, started: true})}\nphase: Running`), counterPatch(readinessFailures, 'increment')],
		}),
		stage({
			name: 'pod-readiness-still-failing',
			selector: [...onDemand, isTrue(failingOnDemand), readyCondition('False'), {key: '.status.conditions[] | select(.type == "Ready") | .lastProbeTime', operator: 'Exists'}],
			delayMs: 10_000,
			delayFrom: nextReadinessProbe,
			steps: [unavailable, counterPatch(readinessFailures, 'increment')],
		}),
		stage({
			// Told to pass again: the next probe succeeds (successThreshold 1) and the failures are forgotten; a pod
			// marked not ready is then pod-ready's, which makes it Ready with its container still the same run.
			name: 'pod-readiness-recovered',
			selector: [...onDemand, isFalse(readinessFails), {key: counterKey(readinessFailures), operator: 'Exists'}],
			delayMs: 10_000,
			delayFrom: nextReadinessProbe,
			steps: [counterPatch(readinessFailures, 'remove')],
		}),
		stage({
			// One Unhealthy event per failed probe, each period; the kubelet's correlator counts them on one event.
			name: 'pod-liveness-failed',
			selector: [...livenessProbing, isTrue(`${counter(livenessFailures)} + 1 < ${threshold}`)],
			delayMs: 10_000,
			delayFrom: failureAt(`${counter(livenessFailures)} + 1`),
			steps: [unhealthy, counterPatch(livenessFailures, 'increment')],
		}),
		stage({
			// failureThreshold failures in a row: the first kill restarts at once, later ones wait in CrashLoopBackOff.
			name: 'pod-liveness-kill',
			selector: [...livenessProbing, isTrue(`${counter(livenessFailures)} + 1 >= ${threshold}`), isTrue(`${restarts} == 0`)],
			delayMs: 30_000,
			delayFrom: failureAt(threshold),
			steps: [unhealthy, killing, statusPatch(`${head}\n${conditions(false)}\n${containers(indent => killed(indent, '$now'), {ready: false, started: false})}\nphase: Running`), counterPatch(livenessFailures, 'remove')],
		}),
		stage({
			name: 'pod-liveness-kill-backoff',
			selector: [...livenessProbing, isTrue(`${counter(livenessFailures)} + 1 >= ${threshold}`), isTrue(`${restarts} > 0`)],
			delayMs: 30_000,
			delayFrom: failureAt(threshold),
			steps: [
				unhealthy,
				killing,
				withPrelude(
					kubeletEvent({type: 'Warning', reason: 'BackOff', container: firstContainer, message: '(printf "Back-off restarting failed container %s in pod %s_%s(%s)" $c.name .metadata.name .metadata.namespace .metadata.uid)', count: '$r'}),
					starts,
				),
				statusPatch(
					`${head}\n${conditions(false)}\n${containers(
						waiting(
							'CrashLoopBackOff',
							'{{ $backOff := 10 }}{{ range until (int (sub $restarts 1)) }}{{ $backOff = min 300 (mul $backOff 2) }}{{ end }}{{ printf "back-off %ds restarting failed container=%s pod=%s_%s(%s)" $backOff $c.name $root.metadata.name $root.metadata.namespace $root.metadata.uid | Quote }}',
						),
						{ready: false, started: false, lastState: killed('    ', '$now')},
					)}\nphase: Running`,
				),
				counterPatch(livenessFailures, 'remove'),
			],
		}),
		stage({
			name: 'pod-container-restart',
			selector: [notDeleting, phase('Running'), {key: '.status.containerStatuses[].state.terminated', operator: 'Exists'}],
			delayMs: 500,
			jitterMs: 500,
			steps: [started, statusPatch(restarted)],
		}),
		stage({
			name: 'pod-crashloop-restart',
			selector: [notDeleting, phase('Running'), waitingReason('CrashLoopBackOff')],
			delayMs: 10_000,
			delayFrom: `(([.status.containerStatuses[]?.lastState.terminated.finishedAt | select(. != null)][0] | fromdate) + ${backOffSeconds(restarts)} | todate)`,
			steps: [started, statusPatch(restarted)],
		}),
		stage({
			name: 'pod-delete',
			selector: [
				{key: '.metadata.deletionTimestamp', operator: 'Exists'},
				{key: '.metadata.finalizers', operator: 'DoesNotExist'},
			],
			// Long enough for "Terminating" to be seen, as a real container's shutdown is.
			delayMs: 1500,
			remove: true,
		}),
	];
}

/**
 * A pod with this label keeps the status its creator writes: kwok plays no stage for it. The
 * benchmark creates tens of thousands of pods at once and writes each one's Running status itself;
 * on two busy cores kwok's three patches per pod ran at about 10 pods/s.
 */
export const givenStatusLabel = 'k8slab.sandbox/given-status';

/**
 * kwok's own options. It plays 4 pod stages at a time by default: with three status patches per
 * pod start that is about 15 pods/s on a busy machine, and a cluster grown by 10,000 pods at once
 * (the benchmark) waited minutes for kwok. Idle with the lab's few pods, the workers cost nothing.
 */
const kwokOptions = {
	apiVersion: 'config.kwok.x-k8s.io/v1alpha1',
	kind: 'KwokConfiguration',
	options: {
		// With this document kwok takes none of its defaults for the other workers: they are spelled out (kwok's are 4 each).
		podPlayStageParallelism: 32,
		nodePlayStageParallelism: 4,
		// 500 nodes renew a lease each every 10 s: 4 workers fell behind on the busy bench machine, the node
		// lifecycle controller saw 8 nodes' leases expire and marked their 800 pods not ready.
		nodeLeaseParallelism: 16,
		podsOnNodeSyncParallelism: 4,
		disregardStatusWithLabelSelector: `${givenStatusLabel}=true`,
		// Spelled out too: with a document, kwok left the kubelet's debugging handlers (containerLogs) off and answered 405.
		enableDebuggingHandlers: true,
	},
};

/** The kwok --config file: its options, then one JSON document per stage (JSON is YAML). */
export function kwokConfig(knownImages: string[] = defaultKnownImages): string {
	return [kwokOptions, ...nodeStages(), ...podStages(knownImages)].map(doc => JSON.stringify(doc)).join('\n---\n') + '\n';
}
