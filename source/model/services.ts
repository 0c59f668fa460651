// Services and their endpoints, as `kubectl get services` prints a Service and
// as the EndpointSlice controller sees its pods: each pod the selector picks
// is an endpoint, ready or not (a failing readiness probe), or terminating.
// Only ready endpoints get traffic: a not-ready pod is out of the Service.
import type {ClusterSnapshot} from './cluster.js';
import {objectRows, type TableColumnDefinition, type TableRow} from './table.js';
import {eventLastSeenMs} from './pendingReason.js';
import {oneLine} from './text.js';
import type {Deployment, EndpointSlice, Event, Service} from './types.js';

/** What an EndpointSlice says of one endpoint: ready gets traffic, not ready and terminating do not. */
export type EndpointState = 'ready' | 'not ready' | 'terminating';

export interface EndpointCounts {
	ready: number;
	notReady: number;
	terminating: number;
}

/** One pod's place in a Service. */
export interface PodEndpoint {
	/** The Service's namespace/name. */
	service: string;
	state: EndpointState;
}

/** The label the EndpointSlice controller puts on each slice it makes for a Service. */
export const serviceNameLabel = 'kubernetes.io/service-name';

const serviceKey = (namespace: string | undefined, name: string | undefined) => `${namespace ?? ''}/${name ?? ''}`;

/** The snapshot's objects of a kind the lab watches beside its own five (undefined maps as empty). */
function objectsOf<T>(snapshot: ClusterSnapshot, id: string): Iterable<T> {
	return (snapshot.objects[id] as ReadonlyMap<string, T> | undefined)?.values() ?? [];
}

export function endpointState(conditions: {ready?: boolean; serving?: boolean; terminating?: boolean} | undefined): EndpointState {
	if (conditions?.terminating) return 'terminating';
	// A missing ready is ready (the API's documented default).
	return conditions?.ready === false ? 'not ready' : 'ready';
}

/**
 * The endpoints of every Service, from its EndpointSlices: counts per Service
 * (namespace/name) and each pod's state per Service (by pod uid). An endpoint
 * in two slices (the controller moving it) counts once.
 */
export interface ServiceEndpoints {
	counts: ReadonlyMap<string, EndpointCounts>;
	byPod: ReadonlyMap<string, readonly PodEndpoint[]>;
}

export function serviceEndpoints(slices: Iterable<EndpointSlice>): ServiceEndpoints {
	const counts = new Map<string, EndpointCounts>();
	const byPod = new Map<string, PodEndpoint[]>();
	const seen = new Set<string>();
	for (const slice of slices) {
		const name = slice.metadata.labels?.[serviceNameLabel];
		if (!name) continue;
		const service = serviceKey(slice.metadata.namespace, name);
		const count = counts.get(service) ?? {ready: 0, notReady: 0, terminating: 0};
		counts.set(service, count);
		for (const endpoint of slice.endpoints ?? []) {
			const id = endpoint.targetRef?.uid ?? endpoint.addresses?.[0] ?? '';
			if (seen.has(`${service} ${id}`)) continue;
			seen.add(`${service} ${id}`);
			const state = endpointState(endpoint.conditions);
			if (state === 'ready') count.ready++;
			else if (state === 'not ready') count.notReady++;
			else count.terminating++;
			const pod = endpoint.targetRef?.kind === 'Pod' ? endpoint.targetRef.uid : undefined;
			if (pod) byPod.set(pod, [...(byPod.get(pod) ?? []), {service, state}]);
		}
	}
	return {counts, byPod};
}

/** The snapshot's EndpointSlices, indexed (empty when they are not watched). */
export function snapshotEndpoints(snapshot: ClusterSnapshot): ServiceEndpoints {
	return serviceEndpoints(objectsOf<EndpointSlice>(snapshot, 'endpointslices'));
}

export function endpointsOf(endpoints: ServiceEndpoints, service: Service): EndpointCounts {
	return endpoints.counts.get(serviceKey(service.metadata.namespace, service.metadata.name)) ?? {ready: 0, notReady: 0, terminating: 0};
}

/** "3 ready, 1 not ready": what a Service sends traffic to, and what it holds back. */
export function endpointCountsText(counts: EndpointCounts): string {
	const parts = [`${counts.ready} ready`];
	if (counts.notReady > 0) parts.push(`${counts.notReady} not ready`);
	if (counts.terminating > 0) parts.push(`${counts.terminating} terminating`);
	return parts.join(', ');
}

/**
 * The Services that send traffic to a Deployment's pods: in its namespace,
 * with a selector its pod template's labels satisfy (a Service with no
 * selector has hand-made endpoints, so none).
 */
export function servicesOf(deployment: Deployment, services: Iterable<Service>): Service[] {
	const labels = deployment.spec?.template?.metadata?.labels ?? {};
	const found: Service[] = [];
	for (const service of services) {
		if (service.metadata.namespace !== deployment.metadata.namespace) continue;
		const selector = service.spec?.selector;
		if (!selector || Object.keys(selector).length === 0) continue;
		if (Object.entries(selector).every(([key, value]) => labels[key] === value)) found.push(service);
	}
	return found.sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
}

/** A Deployment's Services with their endpoint counts, for the lab view. */
export interface DeploymentService {
	name: string;
	counts: EndpointCounts;
}

export function deploymentServices(deployment: Deployment, snapshot: ClusterSnapshot, endpoints: ServiceEndpoints): DeploymentService[] {
	return servicesOf(deployment, objectsOf<Service>(snapshot, 'services')).map(service => ({name: service.metadata.name ?? '', counts: endpointsOf(endpoints, service)}));
}

// kubectl's service printer (pkg/printers/internalversion printService).

/** CLUSTER-IP: the IP, "None" for a headless Service, "<none>" for an ExternalName one. */
export function clusterIpText(service: Service): string {
	return service.spec?.clusterIP || '<none>';
}

/** EXTERNAL-IP, by type as kubectl words it. */
export function externalIpText(service: Service): string {
	const spec = service.spec ?? {};
	const external = spec.externalIPs ?? [];
	switch (spec.type ?? 'ClusterIP') {
		case 'ExternalName':
			return spec.externalName || '<none>';
		case 'LoadBalancer': {
			const ingress = (service.status?.loadBalancer?.ingress ?? []).map(each => each.ip || each.hostname || '').filter(Boolean);
			const all = [...ingress, ...external];
			return all.length > 0 ? all.join(',') : '<pending>';
		}
		default:
			return external.length > 0 ? external.join(',') : '<none>';
	}
}

/** PORT(S): "80/TCP", "80:30080/TCP" with a node port, comma-separated. */
export function portsText(service: Service): string {
	const ports = service.spec?.ports ?? [];
	if (ports.length === 0) return '<none>';
	return ports.map(port => `${port.port}${port.nodePort ? `:${port.nodePort}` : ''}/${port.protocol ?? 'TCP'}`).join(',');
}

/** "<none>" as kubectl describe words a Service with no endpoints (an ExternalName one, or no pod selected). */
function endpointsCell(service: Service, endpoints: ServiceEndpoints): string {
	const counts = endpointsOf(endpoints, service);
	return service.spec?.type === 'ExternalName' || counts.ready + counts.notReady + counts.terminating === 0 ? '<none>' : endpointCountsText(counts);
}

/** A Service's cells, in the columns of its kind declaration (source/kinds/services.ts). */
export function serviceCells(service: Service, endpoints: ServiceEndpoints): string[] {
	return [
		service.metadata.name ?? '',
		service.spec?.type ?? 'ClusterIP',
		clusterIpText(service),
		externalIpText(service),
		portsText(service),
		endpointsCell(service, endpoints),
		// AGE: kept live from creationTimestamp by the table view.
		'',
	];
}

/** `kubectl get services`' columns, and the endpoints it leaves to `kubectl describe`. */
export const serviceColumns: readonly TableColumnDefinition[] = [
	{name: 'Name', type: 'string', format: 'name', priority: 0},
	{name: 'Type', type: 'string', priority: 0},
	{name: 'Cluster-IP', type: 'string', priority: 0},
	{name: 'External-IP', type: 'string', priority: 0},
	{name: 'Port(s)', type: 'string', priority: 0},
	{name: 'Endpoints', type: 'string', description: 'ready endpoints get traffic; not ready ones (a failing readiness probe) do not', priority: 0},
	{name: 'Age', type: 'date', priority: 0},
];

/** The Services in a namespace ('' = all) as rows, each with its endpoints. */
export function serviceRows(snapshot: ClusterSnapshot, namespace: string): TableRow[] {
	const endpoints = snapshotEndpoints(snapshot);
	return objectRows(objectsOf<Service>(snapshot, 'services'), namespace, service => serviceCells(service, endpoints));
}

/** The latest probe failure an event reports for each of these pods ("Readiness probe failed: …"), by pod uid. */
export function lastProbeFailures(events: Iterable<Event>, pods: ReadonlySet<string>, probe: 'Readiness' | 'Liveness'): Map<string, string> {
	const found = new Map<string, {message: string; at: number}>();
	if (pods.size === 0) return new Map();
	for (const event of events) {
		const uid = event.involvedObject?.uid;
		if (!uid || !pods.has(uid) || event.reason !== 'Unhealthy' || !event.message?.startsWith(`${probe} probe failed`)) continue;
		const at = eventLastSeenMs(event);
		const before = found.get(uid);
		if (!before || at >= before.at) found.set(uid, {message: oneLine(event.message), at});
	}
	return new Map([...found].map(([uid, {message}]) => [uid, message]));
}

/**
 * For each pod a Service holds back, the pods pane's note, from the
 * EndpointSlices: not ready (no traffic) is "out of Service todoapi: Readiness
 * probe failed: HTTP probe failed with statuscode: 404", or "…: not ready"
 * before the kubelet says why; terminating (the pod is being deleted: its
 * connections may finish, no new ones come) is "terminating in Service
 * todoapi: gets no new traffic".
 */
export function outOfServiceNotes(endpoints: ServiceEndpoints, events: Iterable<Event>): Map<string, string> {
	const out = new Map<string, string[]>();
	const terminating = new Map<string, string[]>();
	const name = (service: string) => service.slice(service.indexOf('/') + 1);
	for (const [pod, memberships] of endpoints.byPod) {
		const notReady = memberships.filter(each => each.state === 'not ready').map(each => name(each.service));
		const leaving = memberships.filter(each => each.state === 'terminating').map(each => name(each.service));
		if (notReady.length > 0) out.set(pod, notReady);
		if (leaving.length > 0) terminating.set(pod, leaving);
	}
	const failures = lastProbeFailures(events, new Set(out.keys()), 'Readiness');
	const notes = new Map([...out].map(([pod, names]) => [pod, `out of Service ${names.join(', ')}: ${failures.get(pod) ?? 'not ready'}`]));
	for (const [pod, names] of terminating) {
		const note = `terminating in Service ${names.join(', ')}: gets no new traffic`;
		notes.set(pod, notes.has(pod) ? `${notes.get(pod)}; ${note}` : note);
	}
	return notes;
}
