// What the store keeps of each pod and event: only the fields the derivations
// read (pods.ts, podStatus.ts, podResources.ts, pendingReason.ts, nodes.ts,
// events.ts). A pod as the API sends it is 3-5 KB of JSON (volumes, env,
// probes, tolerations, IPs, timestamps on every condition); with 10,000 pods
// that is most of the heap, and most of what a change comparison walks.
// Keep this in step with the derivations: test/model/slim.test.ts checks that
// every row is the same from a slim object as from the full one.
import type {Container, ContainerStatus, Event, Pod} from './types.js';

type Loose = Record<string, any>;

function pick(source: Loose | undefined | null, keys: readonly string[]): Loose | undefined {
	if (!source || typeof source !== 'object') return undefined;
	const out: Loose = {};
	for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
	return out;
}

function slimContainers(containers: unknown): Container[] | undefined {
	if (!Array.isArray(containers)) return undefined;
	return containers.map((container: Loose) => {
		if (!container || typeof container !== 'object') return container;
		const out: Loose = {name: container['name']};
		if (container['restartPolicy'] !== undefined) out['restartPolicy'] = container['restartPolicy'];
		const resources = pick(container['resources'], ['requests', 'limits']);
		if (resources) out['resources'] = resources;
		return out as Container;
	});
}

/** A container's last termination, as `w` explains a restart (exit code, reason, when): the same from JSON and protobuf. */
export function lastTermination(terminated: Loose): Loose {
	const out: Loose = {exitCode: terminated['exitCode'] ?? 0};
	for (const key of ['signal', 'reason', 'message', 'finishedAt']) if (terminated[key]) out[key] = terminated[key];
	return {terminated: out};
}

function slimStatuses(statuses: unknown): ContainerStatus[] | undefined {
	if (!Array.isArray(statuses)) return undefined;
	return statuses.map((status: Loose) => {
		if (!status || typeof status !== 'object') return status;
		const out = pick(status, ['name', 'ready', 'started', 'restartCount', 'state'])!;
		const terminated = status['lastState']?.terminated;
		if (terminated && typeof terminated === 'object') out['lastState'] = lastTermination(terminated);
		return out as ContainerStatus;
	});
}

const metaKeys = ['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp'] as const;

export function slimPod(pod: Pod): Pod {
	const raw = pod as Loose;
	if (!raw || typeof raw !== 'object') return pod;
	const spec = raw['spec'] as Loose | undefined;
	const status = raw['status'] as Loose | undefined;
	const out: Loose = {metadata: pick(raw['metadata'], metaKeys) ?? {}};
	if (spec && typeof spec === 'object') {
		const slimSpec: Loose = {containers: slimContainers(spec['containers']) ?? spec['containers']};
		const init = slimContainers(spec['initContainers']);
		if (init) slimSpec['initContainers'] = init;
		for (const key of ['nodeName', 'resources', 'overhead']) if (spec[key] !== undefined) slimSpec[key] = spec[key];
		out['spec'] = slimSpec;
	}
	if (status && typeof status === 'object') {
		const slimStatus: Loose = {};
		for (const key of ['phase', 'reason']) if (status[key] !== undefined) slimStatus[key] = status[key];
		if (Array.isArray(status['conditions'])) slimStatus['conditions'] = status['conditions'].map((c: Loose) => (c && typeof c === 'object' ? pick(c, ['type', 'status', 'reason', 'message']) : c));
		else if (status['conditions'] !== undefined) slimStatus['conditions'] = status['conditions'];
		const containers = slimStatuses(status['containerStatuses']);
		if (containers) slimStatus['containerStatuses'] = containers;
		const init = slimStatuses(status['initContainerStatuses']);
		if (init) slimStatus['initContainerStatuses'] = init;
		out['status'] = slimStatus;
	}
	return out as Pod;
}

export function slimEvent(event: Event): Event {
	const raw = event as Loose;
	if (!raw || typeof raw !== 'object') return event;
	const out = pick(raw, ['type', 'reason', 'message', 'count', 'series', 'firstTimestamp', 'lastTimestamp', 'eventTime'])!;
	out['metadata'] = pick(raw['metadata'], ['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp']) ?? {};
	const involved = pick(raw['involvedObject'], ['kind', 'name', 'namespace', 'uid']);
	if (involved) out['involvedObject'] = involved;
	return out as Event;
}
