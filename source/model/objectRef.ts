// One API object, named the way the API addresses it: what describe, YAML,
// logs, edit and delete act on, whichever pane it was picked in.
import type {ApiResource} from './kinds.js';

export interface ObjectRef {
	resource: ApiResource;
	/** '' for a cluster-scoped object. */
	namespace: string;
	name: string;
	/** The uid of the object the row showed, when known: a delete is pinned to it, so a same-named replacement is not deleted. */
	uid?: string;
}

function builtin(group: string, version: string, resource: string, kind: string, namespaced: boolean, shortNames: string[] = []): ApiResource {
	const verbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
	return {group, version, resource, kind, singular: kind.toLowerCase(), shortNames, namespaced, verbs, categories: ['all']};
}

/** The kinds the lab panes show, as discovery would give them: the panes work before (or without) discovery. */
export const labResources = {
	pods: builtin('', 'v1', 'pods', 'Pod', true, ['po']),
	nodes: builtin('', 'v1', 'nodes', 'Node', false, ['no']),
	deployments: builtin('apps', 'v1', 'deployments', 'Deployment', true, ['deploy']),
	replicasets: builtin('apps', 'v1', 'replicasets', 'ReplicaSet', true, ['rs']),
	events: builtin('', 'v1', 'events', 'Event', true, ['ev']),
} as const satisfies Record<string, ApiResource>;

/** "pod/todoapi-7d9c-abcde", as kubectl names an object in its messages. */
export function objectLabel(ref: ObjectRef): string {
	return `${ref.resource.kind.toLowerCase()}/${ref.name}`;
}

/** The object's path in the API: '/api/v1/namespaces/default/pods/x', '/apis/apps/v1/…'. */
export function objectPath(ref: ObjectRef): string {
	const groupVersion = ref.resource.group ? `/apis/${ref.resource.group}/${ref.resource.version}` : `/api/${ref.resource.version}`;
	const namespace = ref.resource.namespaced ? `/namespaces/${encodeURIComponent(ref.namespace)}` : '';
	return `${groupVersion}${namespace}/${ref.resource.resource}/${encodeURIComponent(ref.name)}`;
}

/**
 * A small watched selection of one kind: the object a view inspects
 * (metadata.name=NAME) or what its description needs besides (its events,
 * a node's Lease, a Service's EndpointSlices). Kept whole, managedFields and all.
 */
export interface ObjectQuery {
	resource: ApiResource;
	/** '' for a cluster-scoped kind, or across all namespaces. */
	namespace: string;
	fieldSelector?: string;
	labelSelector?: string;
}

/** The query that watches just this object. */
export function objectQuery(ref: ObjectRef): ObjectQuery {
	return {resource: ref.resource, namespace: ref.resource.namespaced ? ref.namespace : '', fieldSelector: `metadata.name=${ref.name}`};
}

/** Where the query's objects are in the snapshot (objects and sync). */
export function queryKey(query: ObjectQuery): string {
	const {group, version, resource} = query.resource;
	return `query:${group}/${version}/${resource}@${query.namespace}?${query.fieldSelector ?? ''}&${query.labelSelector ?? ''}`;
}

/** The query's LIST path (the informer adds watch=1 and the rest). */
export function queryPath(query: ObjectQuery): string {
	const {resource} = query;
	const groupVersion = resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
	const namespace = resource.namespaced && query.namespace ? `/namespaces/${encodeURIComponent(query.namespace)}` : '';
	const params = new URLSearchParams();
	if (query.fieldSelector) params.set('fieldSelector', query.fieldSelector);
	if (query.labelSelector) params.set('labelSelector', query.labelSelector);
	const search = params.toString();
	return `${groupVersion}${namespace}/${resource.resource}${search ? `?${search}` : ''}`;
}
