// Whether another pod fits, as the scheduler decides it: a node needs a free
// pod slot AND the pod's cpu and memory requests free. Counting slots alone
// says "1 pod slot free" while pods stay Pending for Insufficient cpu.
import {LayeredMap} from './layeredMap.js';
import {podResources} from './podResources.js';
import {awaitsScheduling} from './podStatus.js';
import {formatCpuMilli, formatMemoryBytes} from './quantity.js';
import type {Pod} from './types.js';
import type {CapacitySummary, NodeRow, NodeShortfall, PodDemand} from './view.js';

function plural(n: number, one: string, many: string): string {
	return `${n} ${n === 1 ? one : many}`;
}

/** "cpu 250m, memory 64Mi": what the scheduler checks besides the slot. */
function demandText(demand: PodDemand): string {
	const parts: string[] = [];
	if (demand.cpuMilli > 0) parts.push(`cpu ${formatCpuMilli(demand.cpuMilli)}`);
	if (demand.memoryBytes > 0) parts.push(`memory ${formatMemoryBytes(demand.memoryBytes)}`);
	return parts.join(', ');
}

/** What a node lacks for the pod, in the scheduler's order; none when it fits. */
export function nodeShortfall(row: NodeRow, demand: PodDemand | undefined): NodeShortfall | undefined {
	const resources: NodeShortfall['resources'] = [];
	const texts: string[] = [];
	if (row.podsUsed >= row.podsAllocatable) {
		resources.push('pods');
		texts.push(`pods ${row.podsUsed}/${row.podsAllocatable}`);
	}
	if (demand) {
		const cpuFree = row.cpuAllocatableMilli - row.cpuRequestedMilli;
		if (demand.cpuMilli > 0 && demand.cpuMilli > cpuFree) {
			resources.push('cpu');
			texts.push(`cpu ${formatCpuMilli(Math.max(0, cpuFree))} free`);
		}
		const memoryFree = row.memoryAllocatableBytes - row.memoryRequestedBytes;
		if (demand.memoryBytes > 0 && demand.memoryBytes > memoryFree) {
			resources.push('memory');
			texts.push(`memory ${formatMemoryBytes(Math.max(0, memoryFree))} free`);
		}
	}
	return resources.length === 0 ? undefined : {node: row.name, resources, text: texts.join(', ')};
}

const memo = new WeakMap<NodeRow[], Map<string, CapacitySummary>>();

/**
 * Pod slots across the cluster, and one sentence saying whether another pod
 * fits. With `demand` (the requests of the pod waiting to be placed, see
 * unscheduledDemand) a node has room only if its slots, cpu and memory all
 * suffice, and the sentence names what runs out on each node that is short.
 */
export function capacitySummary(rows: NodeRow[], demand?: PodDemand): CapacitySummary {
	const asked = demand && (demand.cpuMilli > 0 || demand.memoryBytes > 0) ? demand : undefined;
	const key = asked ? `${asked.cpuMilli}/${asked.memoryBytes}` : '';
	let byDemand = memo.get(rows);
	const remembered = byDemand?.get(key);
	if (remembered) return remembered;
	let readyNodes = 0;
	let podsUsed = 0;
	let podsAllocatable = 0;
	let freePodSlots = 0;
	let nodesWithRoom = 0;
	let usable = 0;
	const shortfalls: NodeShortfall[] = [];
	for (const row of rows) {
		podsUsed += row.podsUsed;
		podsAllocatable += row.podsAllocatable;
		if (row.ready) readyNodes++;
		if (!row.ready || row.unschedulable) continue;
		usable++;
		freePodSlots += Math.max(0, row.podsAllocatable - row.podsUsed);
		const short = nodeShortfall(row, asked);
		if (short) shortfalls.push(short);
		else nodesWithRoom++;
	}
	const nodes = rows.length;
	const used = `${podsUsed}/${podsAllocatable}`;
	const full = nodesWithRoom === 0;
	const unusable = nodes - usable;
	// Slots on a node that is not Ready or is cordoned do not help; say so.
	const unusableNote = unusable > 0 ? ` ${plural(unusable, 'node is', 'nodes are')} not Ready or cordoned.` : '';
	const slotsGone = shortfalls.length > 0 && shortfalls.every(s => s.resources.includes('pods'));
	let message: string;
	if (nodes === 0) {
		message = 'No nodes yet: there is nowhere to run a pod.';
	} else if (full && (!asked || slotsGone)) {
		message = `No node has room for another pod: ${used} pod slots used on ${plural(nodes, 'node', 'nodes')}.${unusableNote}`;
	} else if (full && asked) {
		// Free pod slots are no room when the Pending pod's requests do not fit beside them; say what runs out, and where.
		const short = (['cpu', 'memory', 'pods'] as const)
			.map(resource => ({resource, count: shortfalls.filter(s => s.resources.includes(resource)).length}))
			.filter(({count}) => count > 0)
			.map(({resource, count}) => `${resource === 'pods' ? 'pod slots' : resource} on ${plural(count, 'node', 'nodes')}`);
		message = `No node has room for a pod requesting ${demandText(asked)}: not enough ${short.join(', ')}.${unusableNote}`;
	} else if (asked) {
		message = `Room for a pod requesting ${demandText(asked)} on ${nodesWithRoom} of ${plural(nodes, 'node', 'nodes')} (${used} pod slots used).`;
	} else {
		message = `${plural(freePodSlots, 'pod slot', 'pod slots')} free on ${nodesWithRoom} of ${plural(nodes, 'node', 'nodes')} (${used} used).`;
	}
	const summary: CapacitySummary = {nodes, readyNodes, podsUsed, podsAllocatable, freePodSlots, message, full, shortfalls};
	if (!byDemand) {
		byDemand = new Map();
		memo.set(rows, byDemand);
	}
	byDemand.set(key, summary);
	return summary;
}

const demandMemo = new WeakMap<object, PodDemand | null>();

/** Of a layered pods map's base (shared by the snapshots after it): its unscheduled pods, least asking first. */
const baseUnscheduled = new WeakMap<object, Array<{key: string; demand: PodDemand}>>();

/** A Pending pod the scheduler has not bound yet, and what it asks for; undefined for any other pod. */
function waitingDemand(pod: Pod | undefined): PodDemand | undefined {
	if (!pod || pod.metadata?.deletionTimestamp || !awaitsScheduling(pod)) return undefined;
	const r = podResources(pod);
	return {cpuMilli: r.cpuRequestMilli, memoryBytes: r.memoryRequestBytes};
}

const asksLess = (a: PodDemand, b: PodDemand) => a.cpuMilli < b.cpuMilli || (a.cpuMilli === b.cpuMilli && a.memoryBytes < b.memoryBytes);

/**
 * The requests of the pod the scheduler is still trying to place: of the
 * Pending pods bound to no node, the one asking least (cpu, then memory), for
 * if that one cannot fit, none can. Undefined when no pod waits. Remembered
 * per pods map (the snapshot's, which changes identity when a pod changes);
 * a layered snapshot map is read as its base's answer, kept per base, plus its
 * few changes, so a redraw under churn does not walk 10,000 pods.
 */
export function unscheduledDemand(pods: ReadonlyMap<string, Pod | undefined> | readonly (Pod | undefined)[]): PodDemand | undefined {
	const remembered = demandMemo.get(pods);
	if (remembered !== undefined) return remembered ?? undefined;
	let best: PodDemand | undefined;
	const consider = (demand: PodDemand | undefined) => {
		if (demand && (!best || asksLess(demand, best))) best = demand;
	};
	if (pods instanceof LayeredMap) {
		const layered = pods as LayeredMap<Pod | undefined>;
		let waiting = baseUnscheduled.get(layered.base);
		if (!waiting) {
			waiting = [];
			for (const [key, pod] of layered.base) {
				const demand = waitingDemand(pod);
				if (demand) waiting.push({key, demand});
			}
			waiting.sort((a, b) => (asksLess(a.demand, b.demand) ? -1 : asksLess(b.demand, a.demand) ? 1 : 0));
			baseUnscheduled.set(layered.base, waiting);
		}
		consider(waiting.find(entry => !layered.changes.has(entry.key))?.demand);
		for (const pod of layered.changes.values()) consider(waitingDemand(pod));
	} else {
		for (const pod of pods.values()) consider(waitingDemand(pod));
	}
	demandMemo.set(pods, best ?? null);
	return best;
}
