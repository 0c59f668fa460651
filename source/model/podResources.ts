// A pod's effective requests and limits, the way the scheduler and
// `kubectl describe node` count them (k8s.io/component-helpers/resource
// PodRequests/PodLimits): containers and sidecars add up, an ordinary init
// container only needs room while it runs, pod-level resources win, and the
// RuntimeClass overhead is added on top.
import {parseCpuMilli, parseMemoryBytes} from './quantity.js';
import type {Container, Pod, Quantities} from './types.js';

export interface PodResources {
	cpuRequestMilli: number;
	memoryRequestBytes: number;
	cpuLimitMilli: number;
	memoryLimitBytes: number;
	/** Whether any container (or the pod) states a request, to tell "0" from "none". */
	hasCpuRequest: boolean;
	hasMemoryRequest: boolean;
}

type Amounts = {cpu?: number; memory?: number};

const cache = new WeakMap<Pod, PodResources>();

function read(list: Quantities | undefined): Amounts {
	const out: Amounts = {};
	if (!list || typeof list !== 'object') return out;
	if (list['cpu'] !== undefined && list['cpu'] !== null) out.cpu = parseCpuMilli(list['cpu']);
	if (list['memory'] !== undefined && list['memory'] !== null) out.memory = parseMemoryBytes(list['memory']);
	return out;
}

function add(into: Amounts, more: Amounts): void {
	if (more.cpu !== undefined) into.cpu = (into.cpu ?? 0) + more.cpu;
	if (more.memory !== undefined) into.memory = (into.memory ?? 0) + more.memory;
}

function max(into: Amounts, other: Amounts): void {
	if (other.cpu !== undefined && (into.cpu === undefined || other.cpu > into.cpu)) into.cpu = other.cpu;
	if (other.memory !== undefined && (into.memory === undefined || other.memory > into.memory)) into.memory = other.memory;
}

function aggregate(pod: Pod, pick: (c: Container) => Quantities | undefined): Amounts {
	const spec = pod.spec;
	const result: Amounts = {};
	for (const container of Array.isArray(spec?.containers) ? spec.containers : []) {
		if (container) add(result, read(pick(container)));
	}
	const restartable: Amounts = {};
	const initPeak: Amounts = {};
	for (const container of Array.isArray(spec?.initContainers) ? spec.initContainers : []) {
		if (!container) continue;
		const own = read(pick(container));
		if (container['restartPolicy'] === 'Always') {
			// A sidecar keeps running beside the app containers.
			add(result, own);
			add(restartable, own);
			max(initPeak, restartable);
		} else {
			// While an init container runs, the sidecars started before it run too.
			const combined: Amounts = {};
			add(combined, own);
			add(combined, restartable);
			max(initPeak, combined);
		}
	}
	max(result, initPeak);
	return result;
}

function podLevel(pod: Pod, key: 'requests' | 'limits'): Amounts {
	const resources = pod.spec?.['resources'] as {requests?: Quantities; limits?: Quantities} | undefined;
	return read(resources?.[key]);
}

/**
 * Most pods: app containers only, no pod-level resources, no overhead. Summed
 * straight into numbers, with no intermediate objects: at 10,000 pods the
 * general path's ~10 small objects per pod were a visible part of the first
 * frame's derivation and of the garbage collected right after it.
 */
function plainContainersOnly(pod: Pod): boolean {
	const spec = pod.spec;
	if (!spec || !Array.isArray(spec.containers)) return false;
	const initContainers = spec.initContainers;
	return (initContainers === undefined || (Array.isArray(initContainers) && initContainers.length === 0)) && spec['resources'] === undefined && spec['overhead'] === undefined;
}

function computePlain(containers: Container[]): PodResources {
	let cpuRequestMilli = 0;
	let memoryRequestBytes = 0;
	let cpuLimitMilli = 0;
	let memoryLimitBytes = 0;
	let hasCpuRequest = false;
	let hasMemoryRequest = false;
	for (const container of containers) {
		const resources = container?.resources;
		if (!resources) continue;
		const requests = resources.requests;
		if (requests && typeof requests === 'object') {
			const cpu = requests['cpu'];
			const memory = requests['memory'];
			if (cpu !== undefined && cpu !== null) {
				cpuRequestMilli += parseCpuMilli(cpu);
				hasCpuRequest = true;
			}
			if (memory !== undefined && memory !== null) {
				memoryRequestBytes += parseMemoryBytes(memory);
				hasMemoryRequest = true;
			}
		}
		const limits = resources.limits;
		if (limits && typeof limits === 'object') {
			const cpu = limits['cpu'];
			const memory = limits['memory'];
			if (cpu !== undefined && cpu !== null) cpuLimitMilli += parseCpuMilli(cpu);
			if (memory !== undefined && memory !== null) memoryLimitBytes += parseMemoryBytes(memory);
		}
	}
	return {cpuRequestMilli, memoryRequestBytes, cpuLimitMilli, memoryLimitBytes, hasCpuRequest, hasMemoryRequest};
}

/** The scheduler's rules in full: sidecars, init containers, pod-level resources, overhead. Exported for the test that holds the plain path to it. */
export function computePodResources(pod: Pod): PodResources {
	const requests = aggregate(pod, c => c.resources?.requests);
	const limits = aggregate(pod, c => c.resources?.limits);
	const podRequests = podLevel(pod, 'requests');
	const podLimits = podLevel(pod, 'limits');
	if (podRequests.cpu !== undefined) requests.cpu = podRequests.cpu;
	if (podRequests.memory !== undefined) requests.memory = podRequests.memory;
	if (podLimits.cpu !== undefined) limits.cpu = podLimits.cpu;
	if (podLimits.memory !== undefined) limits.memory = podLimits.memory;

	const overhead = read(pod.spec?.['overhead'] as Quantities | undefined);
	add(requests, overhead);
	// Overhead only raises limits that exist: no limit stays no limit.
	if (overhead.cpu !== undefined && limits.cpu) limits.cpu += overhead.cpu;
	if (overhead.memory !== undefined && limits.memory) limits.memory += overhead.memory;

	return {
		cpuRequestMilli: requests.cpu ?? 0,
		memoryRequestBytes: requests.memory ?? 0,
		cpuLimitMilli: limits.cpu ?? 0,
		memoryLimitBytes: limits.memory ?? 0,
		hasCpuRequest: requests.cpu !== undefined,
		hasMemoryRequest: requests.memory !== undefined,
	};
}

/** Effective requests and limits of a pod, cached per pod object. */
export function podResources(pod: Pod): PodResources {
	let cached = cache.get(pod);
	if (!cached) {
		cached = plainContainersOnly(pod) ? computePlain(pod.spec!.containers) : computePodResources(pod);
		cache.set(pod, cached);
	}
	return cached;
}
