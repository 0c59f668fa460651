// The server's resources, CRDs included, found as kubectl finds them: the
// aggregated discovery document (two requests for the whole server), or, from
// a server that does not speak it, /api and /apis and one document per group's
// preferred version. Only each group's preferred version, and no subresources.
import {canWatch, qualifiedName, type ApiResource} from '../model/kinds.js';
import type {KubeClient} from './client.js';
import {Informer, type InformerOptions} from './informer.js';

export type {ApiResource} from '../model/kinds.js';

export const aggregatedAccept = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/** Resources of an APIGroupDiscoveryList (from /api or /apis), in the server's order: each group's first fresh version is its preferred one. */
export function resourcesFromAggregated(list: any): ApiResource[] {
	const resources: ApiResource[] = [];
	for (const group of Array.isArray(list?.items) ? list.items : []) {
		const groupName = String(group?.metadata?.name ?? '');
		// A Stale version belongs to an aggregated API server that did not answer: kubectl leaves it out too.
		const version = (Array.isArray(group?.versions) ? group.versions : []).find((candidate: any) => candidate?.freshness !== 'Stale');
		if (!version) continue;
		for (const resource of Array.isArray(version.resources) ? version.resources : []) {
			const plural = String(resource?.resource ?? '');
			if (!plural || plural.includes('/')) continue;
			const kind = String(resource?.responseKind?.kind ?? '');
			resources.push({
				group: groupName,
				version: String(version.version ?? ''),
				resource: plural,
				kind,
				singular: String(resource?.singularResource || kind.toLowerCase()),
				shortNames: strings(resource?.shortNames),
				namespaced: resource?.scope === 'Namespaced',
				verbs: strings(resource?.verbs),
				categories: strings(resource?.categories),
			});
		}
	}
	return resources;
}

/** Resources of one legacy APIResourceList (GET /api/v1, /apis/<group>/<version>). */
export function resourcesFromResourceList(group: string, version: string, list: any): ApiResource[] {
	const resources: ApiResource[] = [];
	for (const resource of Array.isArray(list?.resources) ? list.resources : []) {
		const plural = String(resource?.name ?? '');
		if (!plural || plural.includes('/')) continue;
		const kind = String(resource?.kind ?? '');
		resources.push({
			group,
			version,
			resource: plural,
			kind,
			singular: String(resource?.singularName || kind.toLowerCase()),
			shortNames: strings(resource?.shortNames),
			namespaced: resource?.namespaced === true,
			verbs: strings(resource?.verbs),
			categories: strings(resource?.categories),
		});
	}
	return resources;
}

/** The preferred group versions a legacy /api (APIVersions) and /apis (APIGroupList) name, core first, as paths to fetch. */
export function legacyGroupVersions(api: any, apis: any): Array<{group: string; version: string; path: string}> {
	const core = strings(api?.versions)
		.slice(0, 1)
		.map(version => ({group: '', version, path: `/api/${version}`}));
	const groups = (Array.isArray(apis?.groups) ? apis.groups : []).flatMap((group: any) => {
		const version = String(group?.preferredVersion?.version ?? group?.versions?.[0]?.version ?? '');
		const name = String(group?.name ?? '');
		return version && name ? [{group: name, version, path: `/apis/${name}/${version}`}] : [];
	});
	return [...core, ...groups];
}

const isAggregated = (body: any) => body?.kind === 'APIGroupDiscoveryList';

/**
 * Every resource the server serves, core first, then the groups in the
 * server's priority order (the order kubectl resolves names in). A group
 * whose document fails (an aggregated API server down) is left out, as
 * kubectl does; failing to read /api or /apis throws.
 */
export async function discoverResources(client: KubeClient, options: {timeoutMs?: number} = {}): Promise<ApiResource[]> {
	const timeoutMs = options.timeoutMs ?? 15_000;
	const [api, apis] = await Promise.all([client.request('GET', '/api', {accept: aggregatedAccept, timeoutMs}), client.request('GET', '/apis', {accept: aggregatedAccept, timeoutMs})]);
	if (isAggregated(api) && isAggregated(apis)) return [...resourcesFromAggregated(api), ...resourcesFromAggregated(apis)];
	// The legacy documents: an older server, or a proxy that drops the aggregated form.
	const [legacyApi, legacyApis] = await Promise.all([isAggregated(api) ? client.request('GET', '/api', {timeoutMs}) : api, isAggregated(apis) ? client.request('GET', '/apis', {timeoutMs}) : apis]);
	const documents = await Promise.all(
		legacyGroupVersions(legacyApi, legacyApis).map(async ({group, version, path}) => {
			try {
				return resourcesFromResourceList(group, version, await client.request('GET', path, {timeoutMs}));
			} catch (error) {
				if (group === '') throw error;
				return [];
			}
		}),
	);
	return documents.flat();
}

/** The collection's path, in one namespace or ('' or a cluster-scoped resource) across all. */
export function collectionPath(resource: ApiResource, namespace: string): string {
	const base = resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
	return resource.namespaced && namespace ? `${base}/namespaces/${encodeURIComponent(namespace)}/${resource.resource}` : `${base}/${resource.resource}`;
}

/**
 * The informer behind a kind's table: the Table form of its collection in one
 * namespace ('' = all; a cluster-scoped kind is always listed whole), watched
 * when its verbs allow, named in messages as kubectl names it (plural.group).
 * Any kind can be big, so its LIST is parsed while it arrives unless `large` is false.
 */
export function kindInformer(client: KubeClient, resource: ApiResource, options: Omit<InformerOptions, 'collectionPath' | 'table' | 'watch' | 'resourceName'>): Informer {
	return new Informer(client, {
		// Read while it arrives, as pods and events are: the body is never held whole (at 10,000
		// ConfigMaps the first frame came as soon either way, within this machine's noise).
		large: true,
		...options,
		namespace: resource.namespaced ? options.namespace : '',
		collectionPath: namespace => collectionPath(resource, namespace),
		table: true,
		watch: canWatch(resource),
		resourceName: qualifiedName(resource),
	});
}
