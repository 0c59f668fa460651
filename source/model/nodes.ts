// The nodes pane: what `kubectl describe node` shows under "Non-terminated
// Pods" and "Allocated resources", for every node at once.
import type {ClusterSnapshot, LabObjects} from './cluster.js';
import {changedKeys} from './mapDiff.js';
import {podResources} from './podResources.js';
import {parseCpuMilli, parseMemoryBytes, parseQuantity} from './quantity.js';
import type {Node, Pod} from './types.js';
import type {NodeRow} from './view.js';

interface Allocation {
	pods: number;
	cpuRequested: number;
	memoryRequested: number;
	cpuLimits: number;
	memoryLimits: number;
}

const memo = new WeakMap<LabObjects['pods'], {nodes: LabObjects['nodes']; rows: NodeRow[]}>();

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
	return conditions.some(c => c?.type === 'Ready' && c.status === 'True');
}

function podCapacity(node: Node): number {
	const pods = parseQuantity(node.status?.allocatable?.['pods']);
	return pods !== undefined && pods > 0 ? Math.floor(pods) : 0;
}

function emptyAllocation(): Allocation {
	return {pods: 0, cpuRequested: 0, memoryRequested: 0, cpuLimits: 0, memoryLimits: 0};
}

/** The node a pod counts against, or undefined when it counts against none. */
function countedOn(pod: Pod | undefined): string | undefined {
	const nodeName = pod?.spec?.nodeName;
	if (typeof nodeName !== 'string' || nodeName === '') return undefined;
	// kubectl describe node lists pods with phase!=Succeeded,phase!=Failed.
	const phase = pod!.status?.phase;
	if (phase === 'Succeeded' || phase === 'Failed') return undefined;
	return nodeName;
}

function addPod(allocation: Allocation, pod: Pod, sign: 1 | -1): void {
	const resources = podResources(pod);
	allocation.pods += sign;
	allocation.cpuRequested += sign * resources.cpuRequestMilli;
	allocation.memoryRequested += sign * resources.memoryRequestBytes;
	allocation.cpuLimits += sign * resources.cpuLimitMilli;
	allocation.memoryLimits += sign * resources.memoryLimitBytes;
}

// Below 2^40 per pod and 2^13 pods per node every partial sum is an exact
// integer, so subtracting a pod gives exactly what summing without it gives.
// Anything else (a 1e30 request someone typed) is summed from scratch.
const exactLimit = 2 ** 40;
const exactPods = 2 ** 13;

function exactValue(value: number): boolean {
	return Number.isInteger(value) && Math.abs(value) < exactLimit;
}

function exact(pod: Pod): boolean {
	const r = podResources(pod);
	return exactValue(r.cpuRequestMilli) && exactValue(r.memoryRequestBytes) && exactValue(r.cpuLimitMilli) && exactValue(r.memoryLimitBytes);
}

function allocate(pods: LabObjects['pods']): Map<string, Allocation> {
	const byNode = new Map<string, Allocation>();
	for (const pod of pods.values()) {
		const nodeName = countedOn(pod);
		if (nodeName === undefined) continue;
		let allocation = byNode.get(nodeName);
		if (!allocation) {
			allocation = emptyAllocation();
			byNode.set(nodeName, allocation);
		}
		addPod(allocation, pod, 1);
	}
	return byNode;
}

function nodeRow(node: Node, allocation: Allocation | undefined): NodeRow {
	const allocatable = node.status?.allocatable;
	return {
		name: node.metadata?.name ?? '',
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
	};
}

// A node's row is made again only when the node object or its pods' sums
// changed: at 50,000 pods a change touches one node of 500, and parsing every
// node's allocatable quantities again was most of the nodes pane's cost.
const rowOfNode = new WeakMap<Node, NodeRow>();

function sameAllocation(row: NodeRow, allocation: Allocation | undefined): boolean {
	return (
		row.podsUsed === (allocation?.pods ?? 0) &&
		row.cpuRequestedMilli === (allocation?.cpuRequested ?? 0) &&
		row.memoryRequestedBytes === (allocation?.memoryRequested ?? 0) &&
		row.cpuLimitsMilli === (allocation?.cpuLimits ?? 0) &&
		row.memoryLimitsBytes === (allocation?.memoryLimits ?? 0)
	);
}

function rowOf(node: Node, allocation: Allocation | undefined): NodeRow {
	const previous = rowOfNode.get(node);
	if (previous && sameAllocation(previous, allocation)) return previous;
	const row = nodeRow(node, allocation);
	rowOfNode.set(node, row);
	return row;
}

function rowsOf(nodes: LabObjects['nodes'], allocations: Map<string, Allocation>): NodeRow[] {
	const rows: NodeRow[] = [];
	for (const node of nodes.values()) {
		if (!node) continue;
		rows.push(rowOf(node, allocations.get(node.metadata?.name ?? '')));
	}
	return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Node rows computed from nothing; what the incremental path must equal. */
export function nodeRowsFromScratch(snapshot: ClusterSnapshot): NodeRow[] {
	return rowsOf(snapshot.objects.nodes, allocate(snapshot.objects.pods));
}

// The last derivation: per-node sums move by the changed pods' requests
// instead of being summed over every pod again.
let lastPods: LabObjects['pods'] = new Map();
let lastNodes: LabObjects['nodes'] = new Map();
let allocations = new Map<string, Allocation>();
let inexactPods = 0;
let lastRows: NodeRow[] = [];

/** Bring the sums to `pods`; whether any node's sums changed. */
function reallocate(pods: LabObjects['pods']): boolean {
	const changed = changedKeys(lastPods, pods);
	const previous = lastPods;
	lastPods = pods;
	if (changed.length === 0) return false;
	if (changed.length > 256 && changed.length > pods.size / 4) {
		// A relist or the first snapshot: summing once is cheaper than moving every pod.
		allocations = allocate(pods);
		inexactPods = 0;
		for (const pod of pods.values()) if (countedOn(pod) !== undefined && !exact(pod)) inexactPods++;
		return true;
	}
	let inexact = inexactPods;
	let moved = false;
	const touched = new Set<string>();
	for (const key of changed) {
		const old = previous.get(key);
		const pod = pods.get(key);
		const oldNode = countedOn(old);
		const node = countedOn(pod);
		if (oldNode !== undefined && !exact(old!)) inexact--;
		if (node !== undefined && !exact(pod!)) inexact++;
		if (oldNode === undefined && node === undefined) continue;
		moved = true;
		if (oldNode !== undefined) {
			addPod(allocations.get(oldNode)!, old!, -1);
			touched.add(oldNode);
		}
		if (node !== undefined) {
			let allocation = allocations.get(node);
			if (!allocation) {
				allocation = emptyAllocation();
				allocations.set(node, allocation);
			}
			addPod(allocation, pod!, 1);
			touched.add(node);
		}
	}
	const wasInexact = inexactPods > 0;
	inexactPods = inexact;
	const crowded = [...touched].some(node => allocations.get(node)!.pods >= exactPods);
	if (wasInexact || inexact > 0 || crowded) allocations = allocate(pods);
	// Reading "moved" rather than comparing sums: a pod that changed node or phase is news even when sums cancel out.
	return moved;
}

function sameRow(a: NodeRow, b: NodeRow): boolean {
	if (a === b) return true;
	for (const key in a) if (!Object.is(a[key as keyof NodeRow], b[key as keyof NodeRow])) return false;
	return true;
}

function sameRows(a: readonly NodeRow[], b: readonly NodeRow[]): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (!sameRow(a[i]!, b[i]!)) return false;
	return true;
}

/** One row per node, sorted by name. Same pods and nodes maps give the same array, and so do new pods in which no node's sums changed. */
export function nodeRows(snapshot: ClusterSnapshot): NodeRow[] {
	const remembered = memo.get(snapshot.objects.pods);
	if (remembered && remembered.nodes === snapshot.objects.nodes) return remembered.rows;
	const moved = reallocate(snapshot.objects.pods);
	if (snapshot.objects.nodes !== lastNodes || moved) {
		// The sums may have come out the same (a restart, a status change), and a
		// node's heartbeat changes nothing shown: keep the array then, so the pane need not render.
		const rows = rowsOf(snapshot.objects.nodes, allocations);
		if (!sameRows(rows, lastRows)) lastRows = rows;
		lastNodes = snapshot.objects.nodes;
	}
	memo.set(snapshot.objects.pods, {nodes: snapshot.objects.nodes, rows: lastRows});
	return lastRows;
}
