// kubectl describe node: its Lease, the pods on it with their share of its
// allocatable, and their total.
import {parseCpuMilli, parseMemoryBytes} from '../quantity.js';
import {podResources} from '../podResources.js';
import type {Pod} from '../types.js';
import {rfc1123, since, sortedKeys, writeAnnotations, writeEvents, writeLabels, type Loose} from './common.js';
import {DescribeWriter} from './tabwriter.js';

function roles(labels: Record<string, string>): string {
	const found = new Set<string>();
	for (const [key, value] of Object.entries(labels)) {
		if (key.startsWith('node-role.kubernetes.io/')) {
			const role = key.slice('node-role.kubernetes.io/'.length);
			if (role) found.add(role);
		} else if (key === 'kubernetes.io/role' && value) found.add(value);
	}
	return found.size === 0 ? '<none>' : [...found].sort().join(',');
}

function writeTaints(w: DescribeWriter, taints: readonly Loose[] | undefined): void {
	w.write(0, 'Taints:\t');
	if (!taints || taints.length === 0) {
		w.write(0, '<none>\n');
		return;
	}
	taints.forEach((taint, index) => {
		const text = `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;
		w.write(0, index === 0 ? `${text}\n` : `\t${text}\n`);
	});
}

/** Quantity.String() of a CPU amount in millicores. */
function cpuText(milli: number): string {
	if (milli === 0) return '0';
	return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Quantity.String() of bytes, in the binary suffixes the lab's requests use when they divide evenly. */
function memoryText(bytes: number): string {
	if (bytes === 0) return '0';
	const binary = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
	let unit = 0;
	let value = bytes;
	while (value % 1024 === 0 && unit < binary.length - 1) {
		value /= 1024;
		unit++;
	}
	if (unit > 0) return `${value}${binary[unit]}`;
	const decimal = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
	value = bytes;
	while (value % 1000 === 0 && unit < decimal.length - 1) {
		value /= 1000;
		unit++;
	}
	return `${value}${decimal[unit]}`;
}

function percent(part: number, whole: number): number {
	return whole > 0 ? Math.trunc((part / whole) * 100) : 0;
}

export function describeNode(node: Loose, related: {events?: readonly Loose[]; pods?: readonly Loose[]; lease?: Loose}, now: number): string {
	const w = new DescribeWriter();
	const spec = node.spec ?? {};
	const status = node.status ?? {};
	w.write(0, `Name:\t${node.metadata?.name ?? ''}\n`);
	w.write(0, `Roles:\t${roles(node.metadata?.labels ?? {})}\n`);
	writeLabels(w, 'Labels', node.metadata?.labels);
	writeAnnotations(w, 'Annotations', node.metadata?.annotations);
	w.write(0, `CreationTimestamp:\t${rfc1123(node.metadata?.creationTimestamp)}\n`);
	writeTaints(w, spec.taints);
	w.write(0, `Unschedulable:\t${Boolean(spec.unschedulable)}\n`);
	if (related.lease) {
		const lease = related.lease.spec ?? {};
		w.write(0, 'Lease:\n');
		w.write(1, `HolderIdentity:\t${lease.holderIdentity ?? '<unset>'}\n`);
		w.write(1, `AcquireTime:\t${lease.acquireTime ? rfc1123(lease.acquireTime) : '<unset>'}\n`);
		w.write(1, `RenewTime:\t${lease.renewTime ? rfc1123(lease.renewTime) : '<unset>'}\n`);
	}
	const conditions: Loose[] = status.conditions ?? [];
	if (conditions.length > 0) {
		w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
		w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
		for (const c of conditions) w.write(1, `${c.type} \t${c.status} \t${rfc1123(c.lastHeartbeatTime)} \t${rfc1123(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
	}
	w.write(0, 'Addresses:\n');
	for (const address of status.addresses ?? []) w.write(1, `${address.type}:\t${address.address}\n`);
	for (const [title, list] of [
		['Capacity', status.capacity],
		['Allocatable', status.allocatable],
	] as const) {
		if (sortedKeys(list).length === 0) continue;
		w.write(0, `${title}:\n`);
		for (const name of sortedKeys(list)) w.write(0, `  ${name}:\t${list[name]}\n`);
	}
	const info = status.nodeInfo ?? {};
	w.write(0, 'System Info:\n');
	for (const [label, field] of [
		['Machine ID', 'machineID'],
		['System UUID', 'systemUUID'],
		['Boot ID', 'bootID'],
		['Kernel Version', 'kernelVersion'],
		['OS Image', 'osImage'],
		['Operating System', 'operatingSystem'],
		['Architecture', 'architecture'],
		['Container Runtime Version', 'containerRuntimeVersion'],
		['Kubelet Version', 'kubeletVersion'],
		['Kube-Proxy Version', 'kubeProxyVersion'],
	] as const) {
		w.write(0, `  ${label}:\t${info[field] ?? ''}\n`);
	}
	if (spec.podCIDR) w.write(0, `PodCIDR:\t${spec.podCIDR}\n`);
	if ((spec.podCIDRs ?? []).length > 0) w.write(0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
	if (spec.providerID) w.write(0, `ProviderID:\t${spec.providerID}\n`);
	if (related.pods) {
		const allocatable = sortedKeys(status.allocatable).length > 0 ? status.allocatable : (status.capacity ?? {});
		const cpu = parseCpuMilli(allocatable.cpu);
		const memory = parseMemoryBytes(allocatable.memory);
		const pods = related.pods.filter(pod => pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed');
		w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
		w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
		w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
		const total = {cpuRequest: 0, cpuLimit: 0, memoryRequest: 0, memoryLimit: 0};
		for (const pod of pods) {
			const resources = podResources(pod as Pod);
			total.cpuRequest += resources.cpuRequestMilli;
			total.cpuLimit += resources.cpuLimitMilli;
			total.memoryRequest += resources.memoryRequestBytes;
			total.memoryLimit += resources.memoryLimitBytes;
			w.write(
				1,
				`${pod.metadata?.namespace}\t${pod.metadata?.name}\t\t${cpuText(resources.cpuRequestMilli)} (${percent(resources.cpuRequestMilli, cpu)}%)\t${cpuText(resources.cpuLimitMilli)} (${percent(resources.cpuLimitMilli, cpu)}%)\t${memoryText(resources.memoryRequestBytes)} (${percent(resources.memoryRequestBytes, memory)}%)\t${memoryText(resources.memoryLimitBytes)} (${percent(resources.memoryLimitBytes, memory)}%)\t${since(pod.metadata?.creationTimestamp, now)}\n`,
			);
		}
		w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
		w.write(1, 'Resource\tRequests\tLimits\n');
		w.write(1, '--------\t--------\t------\n');
		w.write(1, `cpu\t${cpuText(total.cpuRequest)} (${percent(total.cpuRequest, cpu)}%)\t${cpuText(total.cpuLimit)} (${percent(total.cpuLimit, cpu)}%)\n`);
		w.write(1, `memory\t${memoryText(total.memoryRequest)} (${percent(total.memoryRequest, memory)}%)\t${memoryText(total.memoryLimit)} (${percent(total.memoryLimit, memory)}%)\n`);
		w.write(1, 'ephemeral-storage\t0 (0%)\t0 (0%)\n');
	}
	writeEvents(w, related.events, now);
	return w.toString();
}
