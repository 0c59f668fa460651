// `w` on a node: why it is full or has room. Pods against its allocatable
// pods (with the EKS max-pods formula that sets them), requests against its
// allocatable cpu and memory, and the pods that use them, as
// `kubectl describe node` shows them (Allocated resources, Non-terminated Pods).
import {maxPodsFormula} from './maxPods.js';
import {podResources} from './podResources.js';
import {formatCpuMilli, formatMemoryBytes} from './quantity.js';
import type {Pod} from './types.js';
import type {NodeRow} from './view.js';
import type {Why, WhyLine} from './why.js';

const line = (text: string, tone?: WhyLine['tone']): WhyLine => (tone ? {text, tone} : {text});
const maxListed = 12;

/** kubectl truncates its percentages (225m of 1930m is 11%). */
function percentOf(part: number, whole: number): string {
	return whole > 0 ? `${Math.trunc((part * 100) / whole)}%` : '-';
}

/** What `w` shows for a node; `pods`: the cluster's pods, of which one pass picks the node's. */
export function whyNode(node: NodeRow, pods: Iterable<Pod>): Why {
	const here: Array<{name: string; cpu: number; memory: number}> = [];
	for (const pod of pods) {
		const phase = pod.status?.phase;
		if (pod.spec?.nodeName !== node.name || phase === 'Succeeded' || phase === 'Failed') continue;
		const resources = podResources(pod);
		here.push({name: `${pod.metadata.namespace}/${pod.metadata.name}`, cpu: resources.cpuRequestMilli, memory: resources.memoryRequestBytes});
	}
	here.sort((a, b) => b.cpu - a.cpu || b.memory - a.memory || a.name.localeCompare(b.name));
	const fullOfPods = node.podsUsed >= node.podsAllocatable;
	const cpuFree = Math.max(0, node.cpuAllocatableMilli - node.cpuRequestedMilli);
	const memoryFree = Math.max(0, node.memoryAllocatableBytes - node.memoryRequestedBytes);
	const problems = [!node.ready && 'not Ready', node.unschedulable && 'cordoned', fullOfPods && 'no pod slot left'].filter(Boolean);
	const lines: WhyLine[] = [];
	if (problems.length > 0) lines.push(line(`No new pod can be scheduled here: ${problems.join(', ')}.`, 'error'));
	else
		lines.push(
			line(`It has room for ${node.podsAllocatable - node.podsUsed} more pod${node.podsAllocatable - node.podsUsed === 1 ? '' : 's'}, each asking at most cpu ${formatCpuMilli(cpuFree)} and memory ${formatMemoryBytes(memoryFree)}.`, 'ok'),
		);
	lines.push(line(''), line('Pods (the scheduler counts every pod bound here that has not finished):', 'heading'));
	lines.push(line(`  ${node.podsUsed}/${node.podsAllocatable} allocatable pods${fullOfPods ? ': full, a new pod gets "Too many pods"' : `, ${node.podsAllocatable - node.podsUsed} free`}`, fullOfPods ? 'warning' : undefined));
	const formula = node.instanceType ? maxPodsFormula(node.instanceType) : undefined;
	if (formula) {
		lines.push(line(`  ${formula.instanceType}: ${formula.text}${formula.maxPods === node.podsAllocatable ? '' : ` (this node allocates ${node.podsAllocatable})`}`));
		lines.push(line("  on EKS (VPC CNI without prefix delegation) each pod takes an IPv4 address of the node's ENIs; aws-node and kube-proxy use the host's.", 'muted'));
	} else lines.push(line(`  allocatable pods are the kubelet's --max-pods${node.instanceType ? ` (no EKS figures for ${node.instanceType})` : ''}`, 'muted'));
	lines.push(line(''), line('Requests against allocatable (kubectl describe node: Allocated resources):', 'heading'));
	const cpuShort = node.cpuRequestedMilli >= node.cpuAllocatableMilli;
	const memoryShort = node.memoryRequestedBytes >= node.memoryAllocatableBytes;
	lines.push(
		line(`  cpu ${formatCpuMilli(node.cpuRequestedMilli)}/${formatCpuMilli(node.cpuAllocatableMilli)} (${percentOf(node.cpuRequestedMilli, node.cpuAllocatableMilli)}), ${formatCpuMilli(cpuFree)} free`, cpuShort ? 'warning' : undefined),
	);
	lines.push(
		line(
			`  memory ${formatMemoryBytes(node.memoryRequestedBytes)}/${formatMemoryBytes(node.memoryAllocatableBytes)} (${percentOf(node.memoryRequestedBytes, node.memoryAllocatableBytes)}), ${formatMemoryBytes(memoryFree)} free`,
			memoryShort ? 'warning' : undefined,
		),
	);
	lines.push(line('  requests are what the pods reserve, not what they use: a pod asking for more than is free gets "Insufficient cpu/memory".', 'muted'));
	lines.push(line(''), line(`The pods here, largest requests first (${here.length}):`, 'heading'));
	for (const pod of here.slice(0, maxListed)) lines.push(line(`  ${pod.name}: cpu ${formatCpuMilli(pod.cpu)}, memory ${formatMemoryBytes(pod.memory)}`));
	if (here.length > maxListed) lines.push(line(`  and ${here.length - maxListed} more`, 'muted'));
	lines.push(line(''), line(`kubectl describe node ${node.name} (Allocated resources, Non-terminated Pods)`, 'muted'));
	const state = problems.length > 0 ? (fullOfPods ? 'full' : problems.join(', ')) : 'has room';
	return {title: `node/${node.name}: ${state}`, lines};
}
