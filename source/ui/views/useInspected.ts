// The inspected object, watched while the view is open (a LIST/WATCH of just
// it, by name), with what its text needs besides (its events, a node's pods),
// each watched the same way. A deleted object stays on screen, marked so.
import {useEffect, useMemo, useRef, useState} from 'react';
import type {ClusterSnapshot, ClusterSource, ResourceSync} from '../../model/cluster.js';
import {relatedQueries, type Related, type RelatedName} from '../../model/describe/index.js';
import {labResources, objectLabel, objectQuery, queryKey, type ObjectQuery, type ObjectRef} from '../../model/objectRef.js';
import type {InspectView} from '../state/uiState.js';

export interface Inspected {
	object?: Record<string, unknown>;
	related: Related;
	/** live: watched and current; deleted: gone since it was shown; missing: never found; failed: the server refused (message says why). */
	state: 'loading' | 'live' | 'deleted' | 'missing' | 'failed';
	message?: string;
}

function withKind(object: Record<string, unknown>, ref: ObjectRef): Record<string, unknown> {
	const {group, version, kind} = ref.resource;
	return {apiVersion: group ? `${group}/${version}` : version, kind, ...object};
}

function queriesFor(view: InspectView, object: Record<string, unknown> | undefined): Partial<Record<RelatedName, ObjectQuery>> {
	if (!object) return {};
	const uid = String((object['metadata'] as {uid?: string} | undefined)?.uid ?? '');
	if (view.mode === 'describe') return relatedQueries(view.target, object);
	if (view.mode === 'message' && view.target.resource.kind === 'Pod') return {events: {resource: labResources.events, namespace: view.target.namespace, fieldSelector: `involvedObject.uid=${uid},reason=FailedScheduling`}};
	return {};
}

/** Watches `queries` while they stay the same (compared by key). */
function useQueries(source: ClusterSource, queries: readonly ObjectQuery[]): void {
	const keys = queries.map(queryKey).join('\n');
	const current = useRef(queries);
	current.current = queries;
	useEffect(() => {
		if (!source.watchQuery || keys === '') return undefined;
		const watches = current.current.map(query => source.watchQuery!(query));
		return () => {
			for (const watch of watches) watch.release();
		};
	}, [source, keys]);
}

/**
 * The view's snapshot follows the cluster at most 10 times a second, which can
 * hold the object's first answer back for up to 100 ms after it came. While the
 * object is awaited, its answer is read as it arrives instead; then the
 * coalesced snapshot takes over.
 */
function useFirstAnswer(source: ClusterSource, key: string, waiting: boolean): {key: string; objects?: ReadonlyMap<string, unknown>; sync?: ResourceSync} | undefined {
	const [answer, setAnswer] = useState<{key: string; objects?: ReadonlyMap<string, unknown>; sync?: ResourceSync}>();
	useEffect(() => {
		if (!waiting || key === '') return undefined;
		return source.subscribe(() => {
			const current = source.getSnapshot();
			const sync = current.sync[key];
			if (sync && sync.state !== 'connecting') setAnswer({key, objects: current.objects[key], sync});
		});
	}, [source, key, waiting]);
	return answer;
}

export function useInspected(source: ClusterSource, snapshot: ClusterSnapshot, view: InspectView | undefined): Inspected {
	const query = useMemo(() => (view ? objectQuery(view.target) : undefined), [view?.target]); // eslint-disable-line react-hooks/exhaustive-deps -- the target, not the scroll position, decides the watch
	useQueries(source, query ? [query] : []);
	const key = query ? queryKey(query) : '';
	const early = useFirstAnswer(source, key, snapshot.sync[key]?.state === 'connecting' || (key !== '' && snapshot.sync[key] === undefined));
	const answered = snapshot.sync[key] !== undefined && snapshot.sync[key].state !== 'connecting';
	const objects = answered || early?.key !== key ? snapshot.objects[key] : early.objects;
	const sync = answered || early?.key !== key ? snapshot.sync[key] : early.sync;
	const listed = objects ? (objects.values().next().value as Record<string, unknown> | undefined) : undefined;
	// Items of a LIST carry no apiVersion or kind; kubectl get -o yaml and describe show them.
	const object = useMemo(() => listed && view && withKind(listed, view.target), [listed, view?.target]); // eslint-disable-line react-hooks/exhaustive-deps -- the object and the kind it was read as
	// The last version seen, so a deletion leaves the text up, marked deleted.
	const last = useRef<{key: string; object: Record<string, unknown>}>(undefined);
	if (object) last.current = {key, object};
	else if (last.current?.key !== key) last.current = undefined;

	const related = view ? queriesFor(view, object ?? last.current?.object) : {};
	const relatedEntries = Object.entries(related) as Array<[RelatedName, ObjectQuery]>;
	useQueries(
		source,
		relatedEntries.map(([, each]) => each),
	);
	// The same maps give the same object, so the text is derived again only when one of them changed.
	const maps = relatedEntries.map(([name, each]) => [name, snapshot.objects[queryKey(each)]] as const);
	const cache = useRef<{maps: typeof maps; found: Related}>(undefined);
	if (!cache.current || cache.current.maps.length !== maps.length || maps.some(([name, map], index) => cache.current!.maps[index]![0] !== name || cache.current!.maps[index]![1] !== map)) {
		const fresh: Partial<Record<RelatedName, readonly Record<string, unknown>[]>> = {};
		for (const [name, map] of maps) if (map) fresh[name] = [...(map.values() as Iterable<Record<string, unknown>>)];
		cache.current = {maps, found: fresh};
	}
	const found = cache.current.found;

	if (!view) return {related: {}, state: 'loading'};
	const label = objectLabel(view.target);
	if (object) return {object, related: found, state: 'live'};
	if (sync?.state === 'forbidden' || sync?.state === 'error' || sync?.state === 'gone') return {object: last.current?.object, related: found, state: 'failed', message: sync.message};
	if (sync?.state === 'synced' && last.current) return {object: last.current.object, related: found, state: 'deleted', message: `${label} was deleted`};
	if (sync?.state === 'synced') return {related: found, state: 'missing', message: `${view.target.resource.resource} "${view.target.name}" not found${view.target.namespace ? ` in namespace ${view.target.namespace}` : ''}`};
	if (sync?.state === 'stale') return {object: last.current?.object, related: found, state: 'failed', message: sync.message};
	return {related: found, state: 'loading', message: `reading ${label}…`};
}
