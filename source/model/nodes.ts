// The nodes pane: what `kubectl describe node` shows under "Non-terminated
// Pods" and "Allocated resources", for every node at once.
import type {ClusterSnapshot} from './cluster.js';
import {podResources} from './podResources.js';
import {parseCpuMilli, parseMemoryBytes, parseQuantity} from './quantity.js';
import type {Node} from './types.js';
import type {CapacitySummary, NodeRow} from './view.js';

interface Allocation {
	pods: number;
	cpuRequested: number;
	memoryRequested: number;
	cpuLimits: number;
	memoryLimits: number;
}

interface NodeRowsMemo {
	nodes: ClusterSnapshot['nodes'];
	rows: NodeRow[];
}

const memo = new WeakMap<ClusterSnapshot['pods'], NodeRowsMemo>();

function label(node: Node, ...keys: string[]): string {
	const labels = node.metadata?.labels ?? {};
	for (const key of keys) {
		const value = labels[key];
		if (typeof value === 'string' && value !== '') return value;
	}
	return '';
}

function isReady(node: Node): boolean {
	const conditions = Array.isArray(node.status?.conditions) ? node.status.conditions : [];
	return conditions.some((c) => c?.type === 'Ready' && c.status === 'True');
}

function podCapacity(node: Node): number {
	const pods = parseQuantity(node.status?.allocatable?.['pods']);
	return pods !== undefined && pods > 0 ? Math.floor(pods) : 0;
}

function allocate(snapshot: ClusterSnapshot): Map<string, Allocation> {
	const byNode = new Map<string, Allocation>();
	for (const pod of snapshot.pods.values()) {
		const nodeName = pod?.spec?.nodeName;
		if (typeof nodeName !== 'string' || nodeName === '') continue;
		// kubectl describe node lists pods with phase!=Succeeded,phase!=Failed.
		const phase = pod.status?.phase;
		if (phase === 'Succeeded' || phase === 'Failed') continue;
		let allocation = byNode.get(nodeName);
		if (!allocation) {
			allocation = {pods: 0, cpuRequested: 0, memoryRequested: 0, cpuLimits: 0, memoryLimits: 0};
			byNode.set(nodeName, allocation);
		}
		const resources = podResources(pod);
		allocation.pods++;
		allocation.cpuRequested += resources.cpuRequestMilli;
		allocation.memoryRequested += resources.memoryRequestBytes;
		allocation.cpuLimits += resources.cpuLimitMilli;
		allocation.memoryLimits += resources.memoryLimitBytes;
	}
	return byNode;
}

/** One row per node, sorted by name. Same pods and nodes maps give the same array. */
export function nodeRows(snapshot: ClusterSnapshot): NodeRow[] {
	const remembered = memo.get(snapshot.pods);
	if (remembered && remembered.nodes === snapshot.nodes) return remembered.rows;

	const allocations = allocate(snapshot);
	const rows: NodeRow[] = [];
	for (const node of snapshot.nodes.values()) {
		if (!node) continue;
		const name = node.metadata?.name ?? '';
		const allocation = allocations.get(name);
		const allocatable = node.status?.allocatable;
		rows.push({
			name,
			ready: isReady(node),
			unschedulable: node.spec?.unschedulable === true,
			instanceType: label(node, 'node.kubernetes.io/instance-type', 'beta.kubernetes.io/instance-type'),
			zone: label(node, 'topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'),
			podsUsed: allocation?.pods ?? 0,
			podsAllocatable: podCapacity(node),
			cpuRequestedMilli: allocation?.cpuRequested ?? 0,
			cpuAllocatableMilli: parseCpuMilli(allocatable?.['cpu']),
			memoryRequestedBytes: allocation?.memoryRequested ?? 0,
			memoryAllocatableBytes: parseMemoryBytes(allocatable?.['memory']),
			cpuLimitsMilli: allocation?.cpuLimits ?? 0,
			memoryLimitsBytes: allocation?.memoryLimits ?? 0,
		});
	}
	rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	memo.set(snapshot.pods, {nodes: snapshot.nodes, rows});
	return rows;
}

function plural(n: number, one: string, many: string): string {
	return `${n} ${n === 1 ? one : many}`;
}

const summaryMemo = new WeakMap<NodeRow[], CapacitySummary>();

/** Pod slots across the cluster, and one sentence saying whether another pod fits. */
export function capacitySummary(rows: NodeRow[]): CapacitySummary {
	const remembered = summaryMemo.get(rows);
	if (remembered) return remembered;
	let readyNodes = 0;
	let podsUsed = 0;
	let podsAllocatable = 0;
	let freePodSlots = 0;
	let nodesWithRoom = 0;
	for (const row of rows) {
		podsUsed += row.podsUsed;
		podsAllocatable += row.podsAllocatable;
		if (row.ready) readyNodes++;
		if (!row.ready || row.unschedulable) continue;
		const free = Math.max(0, row.podsAllocatable - row.podsUsed);
		freePodSlots += free;
		if (free > 0) nodesWithRoom++;
	}
	const nodes = rows.length;
	const used = `${podsUsed}/${podsAllocatable}`;
	let message: string;
	if (nodes === 0) {
		message = 'No nodes yet: there is nowhere to run a pod.';
	} else if (freePodSlots === 0) {
		message = `No node has room for another pod: ${used} pod slots used on ${plural(nodes, 'node', 'nodes')}.`;
		// Slots on a node that is not Ready or is cordoned do not help; say so.
		const unusable = nodes - rows.filter((r) => r.ready && !r.unschedulable).length;
		if (unusable > 0) message += ` ${plural(unusable, 'node is', 'nodes are')} not Ready or cordoned.`;
	} else {
		message = `${plural(freePodSlots, 'pod slot', 'pod slots')} free on ${nodesWithRoom} of ${plural(nodes, 'node', 'nodes')} (${used} used).`;
	}
	const summary: CapacitySummary = {nodes, readyNodes, podsUsed, podsAllocatable, freePodSlots, message, full: freePodSlots === 0};
	summaryMemo.set(rows, summary);
	return summary;
}
