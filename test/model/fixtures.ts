// Loads the JSON fixtures (real API objects, as `kubectl get -o json` prints
// them) and assembles snapshots from them. Tests run from the repo root.
import fs from 'node:fs';
import path from 'node:path';
import type {ClusterSnapshot, ResourceSync} from '../../source/model/cluster.js';
import type {Deployment, EndpointSlice, Event, Node, Pod, ReplicaSet, Service} from '../../source/model/types.js';

/** A cluster state captured from the sandbox (scripts/capture-fixtures.mjs), with what kubectl printed about it then. */
export interface Captured {
	nodes: Node[];
	pods: Pod[];
	deployments: Deployment[];
	replicaSets: ReplicaSet[];
	events: Event[];
	services?: Service[];
	endpointSlices?: EndpointSlice[];
	kubectl: Record<string, string>;
}

export function loadJson<T>(name: string): T {
	return JSON.parse(fs.readFileSync(path.resolve(process.cwd(), 'test/fixtures', name), 'utf8')) as T;
}

export function loadItems<T>(name: string): T[] {
	return loadJson<{items: T[]}>(name).items;
}

/** A fresh copy each call, so a test may change it freely. */
export function clone<T>(value: T): T {
	return structuredClone(value);
}

function byUid<T extends {metadata: {uid?: string; name?: string; namespace?: string}}>(items: readonly T[]): Map<string, T> {
	return new Map(items.map(item => [item.metadata.uid ?? `${item.metadata.namespace}/${item.metadata.name}`, item]));
}

export interface SnapshotParts {
	pods?: readonly Pod[];
	nodes?: readonly Node[];
	deployments?: readonly Deployment[];
	replicaSets?: readonly ReplicaSet[];
	events?: readonly Event[];
	/** Only when given: the lab's five kinds are the snapshot's contract, these two are extra. */
	services?: readonly Service[];
	endpointSlices?: readonly EndpointSlice[];
}

export function snapshotOf(parts: SnapshotParts, version = 1): ClusterSnapshot {
	const synced: ResourceSync = {state: 'synced', namespace: ''};
	return {
		version,
		objects: {
			pods: byUid(parts.pods ?? []),
			nodes: byUid(parts.nodes ?? []),
			deployments: byUid(parts.deployments ?? []),
			replicasets: byUid(parts.replicaSets ?? []),
			events: byUid(parts.events ?? []),
			...(parts.services ? {services: byUid(parts.services)} : {}),
			...(parts.endpointSlices ? {endpointslices: byUid(parts.endpointSlices)} : {}),
		},
		sync: {
			pods: synced,
			nodes: synced,
			deployments: synced,
			replicasets: synced,
			events: synced,
			...(parts.services ? {services: synced} : {}),
			...(parts.endpointSlices ? {endpointslices: synced} : {}),
		},
	};
}

/** The lab at the moment the 5th todoapi replica is stuck Pending. */
export function labCluster(): {snapshot: ClusterSnapshot; parts: Required<Omit<SnapshotParts, 'services' | 'endpointSlices'>>} {
	const parts: Required<Omit<SnapshotParts, 'services' | 'endpointSlices'>> = {
		pods: [...loadItems<Pod>('kube-system-pods.json'), ...loadItems<Pod>('todoapi-pods.json')],
		nodes: loadItems<Node>('nodes.json'),
		deployments: [loadJson<Deployment>('todoapi-deployment.json')],
		replicaSets: loadItems<ReplicaSet>('todoapi-replicasets.json'),
		events: loadItems<Event>('events.json'),
	};
	return {snapshot: snapshotOf(parts), parts};
}

export function podNamed(pods: readonly Pod[], name: string): Pod {
	const pod = pods.find(p => p.metadata.name === name);
	if (!pod) throw new Error(`fixture has no pod ${name}`);
	return pod;
}
