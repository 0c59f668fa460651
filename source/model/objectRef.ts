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
