// `w`: why a pod cannot run, or runs but gets no traffic, in the words of the
// objects that say so, with the arithmetic behind it. A Pending pod: the
// scheduler's message broken down per node (pod slots with the EKS max-pods
// formula, requests against allocatable). A pod not ready: its readiness
// probe and what the kubelet said of it. A restarting pod: its last
// termination and the failing liveness probe. An image that cannot be pulled:
// the image and the registry's answer. Each names the kubectl command that
// shows the same, so the concept carries over.
import {formatAge, toMillis} from './age.js';
import {maxPodsFormula} from './maxPods.js';
import {eventLastSeenMs, pendingReason} from './pendingReason.js';
import {podResources} from './podResources.js';
import {awaitsScheduling, podReadyCount, podStatusWord} from './podStatus.js';
import {describeProbe} from './probes.js';
import {formatCpuMilli, formatMemoryBytes} from './quantity.js';
import {oneLine} from './text.js';
import type {ClusterSnapshot} from './cluster.js';
import type {ServiceEndpoints} from './services.js';
import type {ContainerStatus, Event, Pod, PodTemplateSpec, Probe, ReplicaSet} from './types.js';
import type {NodeRow} from './view.js';

export interface WhyLine {
	text: string;
	tone?: 'ok' | 'warning' | 'error' | 'muted' | 'heading';
}

export interface Why {
	/** "pod/todoapi-7d9c-abcde: Pending" */
	title: string;
	lines: WhyLine[];
}

export interface WhyInput {
	pod: Pod;
	/** Every pod, to list the ones filling each node. */
	pods: Iterable<Pod>;
	nodes: readonly NodeRow[];
	events: Iterable<Event>;
	/** The pod's ReplicaSet's template: pods are kept without their probes and images (slimPod). */
	template?: PodTemplateSpec;
	/** The Services that hold it back, not ready ("todoapi"). */
	outOfServices?: readonly string[];
	now: number;
}

/** The ReplicaSet a pod was made from, by name (`<replicaset>-<5 characters>`): a slim pod has no owner references. */
export function podReplicaSet(pod: Pod, replicaSets: Iterable<ReplicaSet>): ReplicaSet | undefined {
	const name = pod.metadata.name ?? '';
	for (const replicaSet of replicaSets) {
		const rs = replicaSet.metadata.name ?? '';
		if (rs && replicaSet.metadata.namespace === pod.metadata.namespace && name.length === rs.length + 6 && name.startsWith(`${rs}-`)) return replicaSet;
	}
	return undefined;
}

const line = (text: string, tone?: WhyLine['tone']): WhyLine => (tone ? {text, tone} : {text});

/** The pod's events of one reason, newest first. */
function eventsOf(pod: Pod, events: Iterable<Event>, accept: (event: Event) => boolean): Event[] {
	const uid = pod.metadata.uid;
	const found: Event[] = [];
	for (const event of events) {
		const involved = event.involvedObject;
		const same = uid && involved?.uid ? involved.uid === uid : involved?.name === pod.metadata.name && involved?.namespace === pod.metadata.namespace;
		if (same && involved?.kind === 'Pod' && accept(event)) found.push(event);
	}
	return found.sort((a, b) => eventLastSeenMs(b) - eventLastSeenMs(a));
}

function countText(event: Event): string {
	const count = event.series?.count ?? event.count ?? 1;
	return count > 1 ? ` (×${count})` : '';
}

function percentOf(part: number, whole: number): string {
	return whole > 0 ? `${Math.trunc((part * 100) / whole)}%` : '-';
}

/** Pods bound to each node that hold a slot (not finished), by node name. */
function podsByNode(pods: Iterable<Pod>): Map<string, string[]> {
	const byNode = new Map<string, string[]>();
	for (const pod of pods) {
		const node = pod.spec?.nodeName;
		const phase = pod.status?.phase;
		if (!node || phase === 'Succeeded' || phase === 'Failed') continue;
		const list = byNode.get(node);
		const name = `${pod.metadata.namespace}/${pod.metadata.name}`;
		if (list) list.push(name);
		else byNode.set(node, [name]);
	}
	return byNode;
}

const maxListed = 8;

function pendingWhy(input: WhyInput): WhyLine[] {
	const {pod} = input;
	const lines: WhyLine[] = [];
	const reason = pendingReason(pod, input.events);
	lines.push(line('The scheduler found no node for it:', 'heading'));
	lines.push(line(reason ? `  ${reason}` : '  no FailedScheduling event yet: the scheduler has not tried, or has not said', reason ? 'warning' : 'muted'));
	const resources = podResources(pod);
	const asks = resources.cpuRequestMilli > 0 || resources.memoryRequestBytes > 0;
	const cpuAsked = formatCpuMilli(resources.cpuRequestMilli);
	const memoryAsked = formatMemoryBytes(resources.memoryRequestBytes);
	lines.push(line(asks ? `It asks for cpu ${cpuAsked}, memory ${memoryAsked} (its containers' requests) and one pod slot.` : 'It asks for one pod slot and no cpu or memory (its containers set no requests).'));
	lines.push(line(''));
	lines.push(line('Per node (kubectl describe nodes: Allocated resources):', 'heading'));
	const byNode = podsByNode(input.pods);
	const types = new Map<string, NodeRow>();
	for (const node of input.nodes) {
		const problems: string[] = [];
		if (!node.ready) problems.push('not Ready');
		if (node.unschedulable) problems.push('cordoned (unschedulable)');
		const full = node.podsUsed >= node.podsAllocatable;
		const cpuFree = node.cpuAllocatableMilli - node.cpuRequestedMilli;
		const memoryFree = node.memoryAllocatableBytes - node.memoryRequestedBytes;
		const cpuShort = resources.cpuRequestMilli > 0 && resources.cpuRequestMilli > cpuFree;
		const memoryShort = resources.memoryRequestBytes > 0 && resources.memoryRequestBytes > memoryFree;
		if (full) problems.push('Too many pods');
		if (cpuShort) problems.push('Insufficient cpu');
		if (memoryShort) problems.push('Insufficient memory');
		lines.push(line(`${problems.length > 0 ? '✗' : '✓'} ${node.name} (${node.instanceType || 'unknown type'}): ${problems.length > 0 ? problems.join(', ') : 'has room'}`, problems.length > 0 ? 'error' : 'ok'));
		const podsHere = (byNode.get(node.name) ?? []).sort();
		// A big node's pods are not all worth a line each: the first few say what fills it.
		const listed = podsHere.length > maxListed ? `${podsHere.slice(0, maxListed).join(', ')} and ${podsHere.length - maxListed} more` : podsHere.join(', ');
		lines.push(line(`    pods ${node.podsUsed}/${node.podsAllocatable}${full ? ' full' : `, ${node.podsAllocatable - node.podsUsed} free`}${listed ? `: ${listed}` : ''}`, full ? 'warning' : undefined));
		lines.push(
			line(
				`    cpu ${formatCpuMilli(node.cpuRequestedMilli)}/${formatCpuMilli(node.cpuAllocatableMilli)} requested (${percentOf(node.cpuRequestedMilli, node.cpuAllocatableMilli)}), ${formatCpuMilli(Math.max(0, cpuFree))} free${resources.cpuRequestMilli > 0 ? (cpuShort ? ` < ${cpuAsked} asked` : ` ≥ ${cpuAsked} asked`) : ''}`,
				cpuShort ? 'warning' : undefined,
			),
		);
		lines.push(
			line(
				`    memory ${formatMemoryBytes(node.memoryRequestedBytes)}/${formatMemoryBytes(node.memoryAllocatableBytes)} requested (${percentOf(node.memoryRequestedBytes, node.memoryAllocatableBytes)}), ${formatMemoryBytes(Math.max(0, memoryFree))} free${resources.memoryRequestBytes > 0 ? (memoryShort ? ` < ${memoryAsked} asked` : ` ≥ ${memoryAsked} asked`) : ''}`,
				memoryShort ? 'warning' : undefined,
			),
		);
		if (node.instanceType && !types.has(node.instanceType)) types.set(node.instanceType, node);
	}
	if (input.nodes.length === 0) lines.push(line('  no nodes are listed (or they may not be read)', 'muted'));
	const formulas = [...types].map(([type, node]) => ({node, formula: maxPodsFormula(type)})).filter(each => each.formula);
	if (formulas.length > 0) {
		lines.push(line(''));
		lines.push(line('Why so few pod slots (EKS, VPC CNI without prefix delegation):', 'heading'));
		for (const {node, formula} of formulas) {
			const matches = formula!.maxPods === node.podsAllocatable;
			lines.push(line(`  ${formula!.instanceType}: ${formula!.text}${matches ? '' : ` (this node allocates ${node.podsAllocatable})`}`));
		}
		lines.push(line("  each pod takes an IPv4 address of the node's ENIs; aws-node and kube-proxy use the host's. More pods: more nodes or a bigger type.", 'muted'));
	}
	lines.push(line(''));
	lines.push(line(`kubectl describe pod ${pod.metadata.name} (Events) · kubectl describe nodes (Allocated resources)`, 'muted'));
	return lines;
}

function firstWaiting(statuses: readonly ContainerStatus[]): ContainerStatus | undefined {
	return statuses.find(status => status.state?.waiting?.reason);
}

function probeOf(input: WhyInput, container: string, kind: 'livenessProbe' | 'readinessProbe'): Probe | undefined {
	return input.template?.spec?.containers.find(each => each.name === container)?.[kind];
}

function imageOf(input: WhyInput, container: string): string | undefined {
	return input.template?.spec?.containers.find(each => each.name === container)?.image;
}

function imagePullWhy(input: WhyInput, status: ContainerStatus): WhyLine[] {
	const {pod} = input;
	const waiting = status.state!.waiting!;
	const image = imageOf(input, status.name) ?? /image "([^"]+)"/.exec(waiting.message ?? '')?.[1];
	const lines: WhyLine[] = [line(`Container ${status.name} cannot start: its image cannot be pulled (${waiting.reason}).`, 'heading')];
	if (image) lines.push(line(`  image ${image}`));
	if (waiting.message) lines.push(line(`  ${oneLine(waiting.message)}`, 'warning'));
	const failed = eventsOf(pod, input.events, event => event.reason === 'Failed' && /pull|image/i.test(event.message ?? ''));
	if (failed[0]) lines.push(line("What the registry said (the kubelet's last Failed event):", 'heading'), line(`  ${oneLine(failed[0].message ?? '')}${countText(failed[0])}`, 'error'));
	lines.push(line('  the kubelet tries again with a growing back-off (ImagePullBackOff); a misspelled name or tag never succeeds: set the image again (i) or undo (u).', 'muted'));
	lines.push(line(''));
	lines.push(line(`kubectl describe pod ${pod.metadata.name} (Events) · kubectl get pod ${pod.metadata.name} -o jsonpath='{.status.containerStatuses[*].state}'`, 'muted'));
	return lines;
}

function terminationText(status: ContainerStatus, now: number): string | undefined {
	const terminated = status.lastState?.terminated;
	if (!terminated) return undefined;
	const code = terminated.exitCode ?? 0;
	const signal = code > 128 ? ` = 128 + ${code - 128}${code === 137 ? ' (SIGKILL: killed, by the kubelet after a failed liveness probe or by the kernel out of memory)' : code === 143 ? ' (SIGTERM)' : ''}` : '';
	const finished = toMillis((terminated as {finishedAt?: string}).finishedAt);
	return `last terminated: ${terminated.reason ?? 'unknown'}, exit code ${code}${signal}${finished === undefined ? '' : `, ${formatAge(now - finished)} ago`}`;
}

function restartingWhy(input: WhyInput, status: ContainerStatus): WhyLine[] {
	const {pod} = input;
	const waiting = status.state?.waiting;
	const lines: WhyLine[] = [line(`Container ${status.name} keeps restarting: ${status.restartCount} restart${status.restartCount === 1 ? '' : 's'}${waiting?.reason ? ` (${waiting.reason})` : ''}.`, 'heading')];
	const termination = terminationText(status, input.now);
	if (termination) lines.push(line(`  ${termination}`, 'warning'));
	if (waiting?.message) lines.push(line(`  ${oneLine(waiting.message)}`, 'muted'));
	const liveness = probeOf(input, status.name, 'livenessProbe');
	const failures = eventsOf(pod, input.events, event => event.reason === 'Unhealthy' && (event.message ?? '').startsWith('Liveness probe failed'));
	if (liveness || failures[0]) {
		lines.push(line('The liveness probe (a failure restarts the container):', 'heading'));
		if (liveness) lines.push(line(`  ${describeProbe(liveness)}`));
		if (failures[0]) lines.push(line(`  ${oneLine(failures[0].message ?? '')}${countText(failures[0])}`, 'error'));
		else lines.push(line('  no failure reported by the kubelet yet', 'muted'));
	}
	lines.push(line('  after each restart the kubelet waits longer (10s, 20s, 40s… up to 5 minutes): CrashLoopBackOff is that wait.', 'muted'));
	lines.push(line(''));
	lines.push(line(`kubectl describe pod ${pod.metadata.name} (Last State, Liveness, Events) · kubectl logs ${pod.metadata.name} --previous`, 'muted'));
	return lines;
}

function notReadyWhy(input: WhyInput, statuses: readonly ContainerStatus[]): WhyLine[] {
	const {pod} = input;
	const lines: WhyLine[] = [];
	const services = input.outOfServices ?? [];
	lines.push(line(services.length > 0 ? `Running, but not ready: out of Service ${services.join(', ')}, which sends it no traffic.` : 'Running, but not ready: a Service selecting it would send it no traffic.', 'heading'));
	const failures = eventsOf(pod, input.events, event => event.reason === 'Unhealthy' && (event.message ?? '').startsWith('Readiness probe failed'));
	for (const status of statuses.filter(each => !each.ready)) {
		const readiness = probeOf(input, status.name, 'readinessProbe');
		lines.push(line(`  container ${status.name}: ${readiness ? `readiness ${describeProbe(readiness)}` : 'not ready'}`));
	}
	if (failures[0]) lines.push(line(`  ${oneLine(failures[0].message ?? '')}${countText(failures[0])}`, 'error'));
	else lines.push(line('  no readiness failure reported yet: the probe may not have passed for the first time', 'muted'));
	lines.push(line('  a failing readiness probe does not restart the container: the pod stays, out of the endpoints, until it passes.', 'muted'));
	lines.push(line(''));
	const service = services[0];
	lines.push(line(`kubectl describe pod ${pod.metadata.name} (Readiness, Events)${service ? ` · kubectl get endpointslices -l kubernetes.io/service-name=${service}` : ''}`, 'muted'));
	return lines;
}

/** What `w` shows for a pod. */
export function whyPod(input: WhyInput): Why {
	const {pod} = input;
	const status = podStatusWord(pod);
	const title = `pod/${pod.metadata.name}: ${status} ${podReadyCount(pod)}`;
	const statuses = pod.status?.containerStatuses ?? [];
	if (pod.metadata.deletionTimestamp) return {title, lines: [line('It is being deleted: its containers are stopping (terminationGracePeriodSeconds) and it is out of every Service.', 'heading')]};
	if (awaitsScheduling(pod)) return {title, lines: pendingWhy(input)};
	const waiting = firstWaiting(statuses);
	if (waiting && /ImagePull|ErrImage|InvalidImageName/.test(waiting.state!.waiting!.reason!)) return {title, lines: imagePullWhy(input, waiting)};
	const restarting = statuses.find(each => each.state?.waiting?.reason === 'CrashLoopBackOff') ?? statuses.find(each => each.restartCount > 0 && !each.ready);
	if (restarting) return {title, lines: restartingWhy(input, restarting)};
	if (pod.status?.phase === 'Running' && statuses.some(each => !each.ready)) return {title, lines: notReadyWhy(input, statuses)};
	if (waiting) return {title, lines: [line(`Container ${waiting.name} is waiting: ${waiting.state!.waiting!.reason}`, 'heading'), ...(waiting.state!.waiting!.message ? [line(`  ${oneLine(waiting.state!.waiting!.message)}`)] : [])]};
	const restarts = statuses.find(each => each.restartCount > 0);
	const lines = [line(pod.status?.phase === 'Running' ? 'Running and ready: nothing keeps it from running or from its Services.' : `Phase ${pod.status?.phase ?? 'unknown'}.`, 'ok')];
	const termination = restarts && terminationText(restarts, input.now);
	if (termination) lines.push(line(`  container ${restarts.name} restarted ${restarts.restartCount}× before; ${termination}`, 'muted'));
	return {title, lines};
}

/** `w` on a pod of the snapshot, by uid: its template from its ReplicaSet (watched in the focused namespace), its Services from the endpoints. */
export function explainPod(snapshot: ClusterSnapshot, nodes: readonly NodeRow[], endpoints: ServiceEndpoints, uid: string, now: number): Why | undefined {
	const {pods, replicasets, events} = snapshot.objects;
	const pod = pods.get(uid) ?? [...pods.values()].find(each => each.metadata.uid === uid);
	if (!pod) return undefined;
	const outOfServices = (endpoints.byPod.get(uid) ?? []).filter(each => each.state === 'not ready').map(each => each.service.slice(each.service.indexOf('/') + 1));
	return whyPod({pod, pods: [...pods.values()], nodes, events: [...events.values()], template: podReplicaSet(pod, replicasets.values())?.spec?.template, outOfServices, now});
}
