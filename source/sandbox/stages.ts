// kwok Stages: how the sandbox's fake kubelets move nodes and pods through
// their lifecycle. Once any Pod stage is configured kwok's built-in ones are
// off, so this file is the whole pod lifecycle. Each stage's selector excludes
// every other stage that could match the same pod: kwok picks randomly among
// matches.
//
// The simulated todoapi answers only `GET /` on port 8080, so probes pointing
// elsewhere fail; images outside `knownImages` cannot be pulled.

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
function probeFails(probe: 'livenessProbe' | 'readinessProbe'): string {
	const bad =
		'(.httpGet != null and (((.httpGet.path // "/") != "/") or ((.httpGet.port | tostring) != "8080")))' +
		' or (.tcpSocket != null and ((.tcpSocket.port | tostring) != "8080"))';
	return `[.spec.containers[] | select((.image // "") | startswith("todoapi")) | .${probe} | select(. != null) | ${bad}] | any`;
}

const livenessFails = probeFails('livenessProbe');
const readinessFails = probeFails('readinessProbe');

function imagesKnown(images: string[]): string {
	return `[.spec.containers[].image] | all(IN(${images.map(i => JSON.stringify(i)).join(', ')}))`;
}

/** Go-template (sprig) list literal of the known images. */
function imageList(images: string[]): string {
	return `(list ${images.map(i => JSON.stringify(i)).join(' ')})`;
}

// Go templates rendering a pod status. `$root`/`$now` are bound by `head`.
const head = '{{ $now := Now }}{{ $root := . }}';
const podIPs = `hostIP: {{ NodeIPWith .spec.nodeName | Quote }}
podIP: {{ PodIPWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) | Quote }}`;

function conditions(ready: boolean, readyProbeMarker = false): string {
	const readyStatus = ready ? '"True"' : '"False"';
	const notReady = ready ? '' : `\n  reason: ContainersNotReady\n  message: 'containers with unready status: [{{ range $i, $c := .spec.containers }}{{ if $i }} {{ end }}{{ $c.name }}{{ end }}]'`;
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

/** restartCount of container $i as the pod last reported it. */
const restartCount = '{{ $restarts := 0 }}{{ with $root.status.containerStatuses }}{{ if gt (len .) $i }}{{ $restarts = (index . $i).restartCount }}{{ end }}{{ end }}';

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
const waiting = (reason: string, message?: string) => (indent: string) =>
	`${indent}waiting:\n${indent}  reason: ${reason}${message ? `\n${indent}  message: ${message}` : ''}`;

interface StageOptions {
	name: string;
	kind?: 'Pod' | 'Node';
	selector: Expression[];
	delayMs?: number;
	jitterMs?: number;
	delayFrom?: string;
	event?: {type: 'Normal' | 'Warning'; reason: string; message: string};
	statusTemplate?: string;
	remove?: boolean;
}

function stage(options: StageOptions): object {
	const delay: Record<string, unknown> = {durationMilliseconds: options.delayMs ?? 0};
	if (options.jitterMs) delay['jitterDurationMilliseconds'] = (options.delayMs ?? 0) + options.jitterMs;
	if (options.delayFrom) delay['durationFrom'] = {expressionFrom: options.delayFrom};
	const next: Record<string, unknown> = {};
	if (options.event) next['event'] = options.event;
	if (options.statusTemplate) next['statusTemplate'] = options.statusTemplate;
	if (options.remove) next['delete'] = true;
	return {
		apiVersion: 'kwok.x-k8s.io/v1alpha1',
		kind: 'Stage',
		metadata: {name: options.name},
		spec: {resourceRef: {apiGroup: 'v1', kind: options.kind ?? 'Pod'}, selector: {matchExpressions: options.selector}, delay, next},
	};
}

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
phase: Running`;
	return [
		stage({name: 'node-initialize', kind: 'Node', selector: [{key: '.status.conditions[] | select(.type == "Ready") | .status', operator: 'NotIn', values: ['True']}], delayMs: 500, jitterMs: 1000, statusTemplate: nodeStatus}),
		// Leases (--node-lease-duration-seconds) carry liveness; this refreshes conditions now and then.
		stage({name: 'node-heartbeat', kind: 'Node', selector: [readyCondition('True'), {key: '.status.phase', operator: 'In', values: ['Running']}], delayMs: 600_000, jitterMs: 10_000, statusTemplate: nodeStatus}),
	];
}

export function podStages(knownImages: string[] = defaultKnownImages): object[] {
	const known = imagesKnown(knownImages);
	const pullMessage = `{{ if has $c.image ${imageList(knownImages)} }}''{{ else }}{{ printf "failed to pull and unpack image %q: failed to resolve reference %q: %q: not found" $c.image $c.image $c.image | Quote }}{{ end }}`;
	const pullFailed = containers(waiting('ErrImagePull', pullMessage), {ready: false, started: false});
	const backOff = containers(waiting('ImagePullBackOff', '{{ printf "Back-off pulling image %q" $c.image | Quote }}'), {ready: false, started: false});
	const probeDelay = (probe: string, extra: string) =>
		`"\\([.spec.containers[].${probe} | select(. != null) | ((.initialDelaySeconds // 0) + ${extra})] + [0] | max)s"`;

	return [
		stage({
			name: 'pod-create',
			selector: [notDeleting, {key: '.spec.nodeName', operator: 'Exists'}, {key: '.status.podIP', operator: 'DoesNotExist'}],
			delayMs: 200,
			jitterMs: 600,
			event: {type: 'Normal', reason: 'Pulling', message: 'Pulling image'},
			statusTemplate: `${head}\n${conditions(false)}\n${containers(waiting('ContainerCreating'), {ready: false, started: false})}\n${podIPs}\nphase: Pending\nstartTime: {{ $now | Quote }}`,
		}),
		stage({
			name: 'pod-image-pull-failed',
			selector: [notDeleting, phase('Pending'), waitingReason('ContainerCreating'), isFalse(known)],
			delayMs: 1000,
			jitterMs: 500,
			event: {type: 'Warning', reason: 'Failed', message: 'Failed to pull image: rpc error: code = NotFound desc = failed to pull and unpack image: not found'},
			statusTemplate: `${head}\n${conditions(false)}\n${pullFailed}\nphase: Pending`,
		}),
		stage({
			name: 'pod-image-pull-backoff',
			selector: [notDeleting, phase('Pending'), waitingReason('ErrImagePull')],
			delayMs: 1500,
			event: {type: 'Normal', reason: 'BackOff', message: 'Back-off pulling image'},
			statusTemplate: `${head}\n${conditions(false)}\n${backOff}\nphase: Pending`,
		}),
		stage({
			name: 'pod-image-pull-retry',
			selector: [notDeleting, phase('Pending'), waitingReason('ImagePullBackOff')],
			delayMs: 20_000,
			event: {type: 'Warning', reason: 'Failed', message: 'Failed to pull image: rpc error: code = NotFound desc = failed to pull and unpack image: not found'},
			statusTemplate: `${head}\n${conditions(false)}\n${pullFailed}\nphase: Pending`,
		}),
		stage({
			name: 'pod-start',
			selector: [notDeleting, phase('Pending'), waitingReason('ContainerCreating'), isTrue(known)],
			delayMs: 500,
			jitterMs: 1000,
			event: {type: 'Normal', reason: 'Started', message: 'Started container'},
			statusTemplate: `${head}\n${conditions(false)}\n${containers(running, {ready: false, started: true})}\nphase: Running`,
		}),
		stage({
			name: 'pod-ready',
			selector: [notDeleting, phase('Running'), readyCondition('False'), {key: '.status.containerStatuses[].state.running', operator: 'Exists'}, isFalse(readinessFails), isFalse(livenessFails)],
			delayMs: 1000,
			delayFrom: probeDelay('readinessProbe', '0'),
			statusTemplate: `${head}\n${conditions(true)}\n${containers(running, {ready: true, started: true})}\nphase: Running`,
		}),
		stage({
			name: 'pod-readiness-failed',
			selector: [
				notDeleting,
				phase('Running'),
				readyCondition('False'),
				{key: '.status.conditions[] | select(.type == "Ready") | .lastProbeTime', operator: 'DoesNotExist'},
				{key: '.status.containerStatuses[].state.running', operator: 'Exists'},
				isTrue(readinessFails),
				isFalse(livenessFails),
			],
			delayMs: 10_000,
			delayFrom: probeDelay('readinessProbe', '(.periodSeconds // 10)'),
			event: {type: 'Warning', reason: 'Unhealthy', message: 'Readiness probe failed: HTTP probe failed with statuscode: 404'},
			statusTemplate: `${head}\n${conditions(false, true)}\n${containers(running, {ready: false, started: true})}\nphase: Running`,
		}),
		stage({
			name: 'pod-liveness-failed',
			selector: [notDeleting, phase('Running'), {key: '.status.containerStatuses[].state.running', operator: 'Exists'}, isTrue(livenessFails)],
			delayMs: 30_000,
			delayFrom: probeDelay('livenessProbe', '(.periodSeconds // 10) * (.failureThreshold // 3)'),
			event: {type: 'Warning', reason: 'Unhealthy', message: 'Liveness probe failed: HTTP probe failed with statuscode: 404'},
			statusTemplate: `${head}\n${conditions(false)}\n${containers(
				waiting('CrashLoopBackOff', '{{ printf "back-off 10s restarting failed container=%s pod=%s_%s(%s)" $c.name $root.metadata.name $root.metadata.namespace $root.metadata.uid | Quote }}'),
				{
					ready: false,
					started: false,
					restartsDelta: 1,
					lastState: '    terminated:\n      reason: Error\n      exitCode: 137\n      startedAt: {{ $now | Quote }}\n      finishedAt: {{ $now | Quote }}',
				},
			)}\nphase: Running`,
		}),
		stage({
			name: 'pod-crashloop-restart',
			selector: [notDeleting, phase('Running'), waitingReason('CrashLoopBackOff')],
			delayMs: 10_000,
			// The kubelet's restart back-off: 10s doubling per restart, capped at five minutes.
			delayFrom: '"\\([10 * pow(2; ((([.status.containerStatuses[].restartCount] | max) // 1) - 1)), 300] | min)s"',
			event: {type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container'},
			statusTemplate: `${head}\n${conditions(false)}\n${containers(running, {ready: false, started: true})}\nphase: Running`,
		}),
		stage({
			name: 'pod-delete',
			selector: [{key: '.metadata.deletionTimestamp', operator: 'Exists'}, {key: '.metadata.finalizers', operator: 'DoesNotExist'}],
			// Long enough for "Terminating" to be seen, as a real container's shutdown is.
			delayMs: 1500,
			remove: true,
		}),
	];
}

/** The kwok --config file: one JSON document per stage (JSON is YAML). */
export function kwokConfig(knownImages: string[] = defaultKnownImages): string {
	return [...nodeStages(), ...podStages(knownImages)].map(doc => JSON.stringify(doc)).join('\n---\n') + '\n';
}
