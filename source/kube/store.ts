// The watched stores behind the view. Informers update their maps in place;
// a snapshot republishes only the maps that changed since the last snapshot,
// sharing the unchanged bulk of big ones (LayeredMap), and only when someone
// asks (the UI asks at most ~10 times a second).
import {kindCollectionPath, labKinds, type KindDeclaration} from '../kinds/index.js';
import type {ApiHealth, ClusterSnapshot, ClusterSource, ResourceKind, ResourceSync} from '../model/cluster.js';
import {canWatch, kindKey, qualifiedName, type ApiResource} from '../model/kinds.js';
import {queryKey, queryPath, type ObjectQuery} from '../model/objectRef.js';
import type {TableColumnDefinition} from '../model/table.js';
import type {KubeClient} from './client.js';
import {publish} from '../model/layeredMap.js';
import {emptyRolloutLog} from '../model/rolloutLog.js';
import {discoverResources, kindInformer} from './discovery.js';
import {HealthMonitor, type HealthOptions} from './health.js';
import {Informer} from './informer.js';
import {trace, tracing} from '../trace.js';
import {streamPodLogs} from './podLogs.js';
import type {LogHandlers, LogRequest} from '../model/logs.js';
import type {Pod, ReplicaSet} from '../model/types.js';

export interface StoreOptions {
	/** The focused namespace: deployments and ReplicaSets are watched here. */
	namespace: string;
	stallMs?: number;
	watchTimeoutSeconds?: number;
	/** How long other changes wait for the first pods LIST (default 1 s; see defaultHoldWhilePodsListMs). */
	holdWhilePodsListMs?: number;
	/** The /readyz probe's timing; false for none (scripted clients in tests). */
	health?: HealthOptions | false;
	/** Items in the first page of a paged kind's LIST (default defaultListPageSize); 0 lists it in one request. */
	pageSize?: number;
	/** Items per page after the first (default: the rest in one request). */
	nextPageSize?: number;
	/** The kinds to watch (default: the lab's). */
	kinds?: readonly KindDeclaration[];
}

const encode = encodeURIComponent;
/**
 * The pods LIST asks for its first page of this many, then for the rest in one request: the first
 * screen waits for one page rather than the whole collection, and the full frame for one more round
 * trip than a single LIST. The page is the first screen (pods come in the order the pane sorts
 * them), so it needs only a screenful: 100 fills a pane of 100 rows. On one held 10,000-pod cluster
 * (busy 2-core machine, 9 starts each, interleaved) the first screen's median went from 781 ms with
 * kubectl's 500 to 649 ms, and the full frame did not move (2,301 / 2,207 ms).
 */
export const defaultListPageSize = 100;
/**
 * How long the events LIST waits after the pods have listed: the first frame with
 * every pod is derived and drawn in that time, about 50 µs a pod on the bench
 * machine, so a lab-sized cluster waits for nothing and 10,000 pods for 500 ms.
 */
export function eventsAfterPodsMs(pods: number): number {
	return Math.min(500, Math.round(pods * 0.05));
}
/**
 * While the first pods LIST streams in, other changes (nodes listed, node
 * heartbeats) are held back for up to this long: each would redraw the whole
 * screen on the one thread that is also reading the pods, and at 10,000 pods
 * those redraws delayed the frame with every pod by 400 ms or more. A LIST
 * slower than this still shows the rest of the cluster after it.
 */
const defaultHoldWhilePodsListMs = 1000;

export class ClusterStore implements ClusterSource {
	/** By kind id: the lab's kinds, then any kind shown with watchKind (by qualified name). */
	readonly informers: Record<ResourceKind, Informer> & Record<string, Informer>;
	private readonly listeners = new Set<() => void>();
	private snapshot: ClusterSnapshot;
	private readonly published = new Map<string, number>();
	private readonly primary: Informer | undefined;
	private readonly client: KubeClient;
	private readonly options: StoreOptions;
	private version = 0;
	private notifyQueued = false;
	private holdTimer: NodeJS.Timeout | undefined;
	private readonly holdWhilePodsListMs: number;
	private eventsStarted = false;
	private stopped = false;
	private readonly timers = new Set<NodeJS.Timeout>();
	readonly health: HealthMonitor | undefined;
	/** The focused namespace itself: a typo in --namespace lists nothing, without an error, so the view says so. */
	private readonly namespaceWatch: Informer | undefined;
	private publishedNamespace = -1;
	private healthRevision = 0;
	private publishedHealth = -1;
	private rolloutLog = emptyRolloutLog;

	private readonly namespaceName: string;
	/** When each kind's informer starts (KindDeclaration.start). */
	private readonly starts = new Map<string, KindDeclaration['start']>();
	/** Kinds shown through watchKind: their informers and how many views hold each. */
	private readonly shown = new Map<string, {informer: Informer; holders: number}>();

	constructor(client: KubeClient, options: StoreOptions) {
		this.client = client;
		this.options = options;
		this.namespaceName = options.namespace;
		this.holdWhilePodsListMs = options.holdWhilePodsListMs ?? defaultHoldWhilePodsListMs;
		const onChange = () => this.changed();
		const informers: Record<string, Informer> = {};
		let primary: Informer | undefined;
		for (const kind of options.kinds ?? labKinds) {
			const {record} = kind;
			const informer = new Informer(client, {
				onChange: kind.start === 'primary' ? () => this.podsChanged() : onChange,
				stallMs: options.stallMs,
				watchTimeoutSeconds: options.watchTimeoutSeconds,
				collectionPath: namespace => kindCollectionPath(kind, namespace),
				namespace: kind.watch === 'focusedNamespace' ? options.namespace : '',
				fallbackNamespace: kind.watch === 'allNamespaces' ? options.namespace : undefined,
				slim: kind.slim,
				protobuf: kind.protobuf,
				large: kind.large,
				pageSize: kind.paged ? (options.pageSize ?? defaultListPageSize) || undefined : undefined,
				nextPageSize: options.nextPageSize,
				unseen: kind.unseen,
				observe: record && ((previous, next, initial) => this.record(record, previous, next, initial)),
			});
			informers[kind.id] = informer;
			this.starts.set(kind.id, kind.start);
			if (kind.start === 'primary') primary = informer;
		}
		this.informers = informers as ClusterStore['informers'];
		this.primary = primary;
		if (options.namespace) {
			const name = options.namespace;
			this.namespaceWatch = new Informer(client, {onChange, collectionPath: () => `/api/v1/namespaces?fieldSelector=${encode(`metadata.name=${name}`)}`, namespace: ''});
		}
		if (options.health !== false) this.health = new HealthMonitor(client, (health, previous) => this.healthChanged(health, previous), options.health);
		this.snapshot = this.build();
	}

	start(): void {
		this.health?.start();
		// Pods first: their LIST is what the first full frame waits for. The events LIST is
		// often bigger still (24k events beside 10k pods), and parsing both at once on one
		// thread delays the pods; events follow as soon as the pods have listed.
		const later = Object.entries(this.informers).filter(([id]) => this.starts.get(id) === 'afterPrimary');
		for (const [id, informer] of Object.entries(this.informers)) if (this.starts.get(id) !== 'afterPrimary') informer.start();
		const startEvents = () => {
			// A timer may fire after stop(): starting the events then would leave a watch open.
			if (this.eventsStarted || this.stopped) return;
			this.eventsStarted = true;
			unsubscribe();
			clearTimeout(fallback);
			clearTimeout(podsDone);
			for (const [, informer] of later) informer.start();
			// Tiny, but a connection of its own: it too waits until the first frame is drawn.
			this.namespaceWatch?.start();
		};
		// Not at once either: the first frame with every pod is derived and drawn in the
		// few hundred ms after the pods LIST, and the events LIST (parsed on this same
		// thread) would share them.
		let podsDone: NodeJS.Timeout | undefined;
		const unsubscribe = this.subscribe(() => {
			if (this.primary?.sync.state === 'connecting' || podsDone) return;
			podsDone = setTimeout(startEvents, eventsAfterPodsMs(this.primary?.objects.size ?? 0));
			podsDone.unref?.();
			this.timers.add(podsDone);
		});
		// A refused pods LIST ends 'connecting' at once; this is for one that hangs. (A
		// 10,000-pod LIST takes 2-3 s on a busy control plane, so not much less than this.)
		const fallback = setTimeout(startEvents, 8000);
		fallback.unref?.();
		this.timers.add(fallback);
	}

	stop(): void {
		this.stopped = true;
		this.health?.stop();
		clearTimeout(this.holdTimer);
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		for (const informer of Object.values(this.informers)) informer.stop();
		for (const {informer} of this.shown.values()) informer.stop();
		this.shown.clear();
		this.namespaceWatch?.stop();
		this.listeners.clear();
	}

	/** The server's kinds, discovered once; a failed discovery is tried again on the next call. */
	discover(): Promise<readonly ApiResource[]> {
		this.discovery ??= discoverResources(this.client).catch((error: unknown) => {
			this.discovery = undefined;
			throw error;
		});
		return this.discovery;
	}

	private discovery: Promise<readonly ApiResource[]> | undefined;

	/**
	 * Watches any kind in its Table form (the server's own columns) until the
	 * returned function is called; its rows are in the snapshot under the kind's
	 * qualified name. Views showing the same kind share one watch.
	 */
	watchKind(resource: ApiResource, namespace: string): {release: () => void} {
		return this.hold(kindKey(resource, namespace), () =>
			kindInformer(this.client, resource, {namespace, fallbackNamespace: this.namespaceName, onChange: () => this.changed(), stallMs: this.options.stallMs, watchTimeoutSeconds: this.options.watchTimeoutSeconds}),
		);
	}

	/**
	 * Watches a small selection of whole objects (model/objectRef.ts ObjectQuery:
	 * one object by name, an object's events) until released, under queryKey(query).
	 * Views asking for the same selection share one watch.
	 */
	watchQuery(query: ObjectQuery): {release: () => void} {
		return this.hold(queryKey(query), () => {
			const path = queryPath(query);
			// Kept whole: the YAML view shows managedFields on request.
			return new Informer(this.client, {
				collectionPath: () => path,
				namespace: query.namespace,
				slim: object => object,
				onChange: () => this.changed(),
				stallMs: this.options.stallMs,
				watchTimeoutSeconds: this.options.watchTimeoutSeconds,
				watch: canWatch(query.resource),
				resourceName: qualifiedName(query.resource),
			});
		});
	}

	/** One informer per id, started on first hold and stopped when the last holder releases it. */
	private hold(id: string, create: () => Informer): {release: () => void} {
		let entry = this.shown.get(id);
		if (!entry) {
			entry = {informer: create(), holders: 0};
			this.shown.set(id, entry);
			if (!this.stopped) entry.informer.start();
		}
		entry.holders++;
		let released = false;
		return {
			release: () => {
				if (released) return;
				released = true;
				const current = this.shown.get(id);
				if (!current || --current.holders > 0) return;
				current.informer.stop();
				this.shown.delete(id);
				this.published.delete(id);
				this.queueNotify();
			},
		};
	}

	/**
	 * A container's log, followed: the pods watch tells the stream when the
	 * container restarts, so it reopens then rather than polling.
	 */
	streamLogs(request: LogRequest, handlers: LogHandlers): () => void {
		let uid: string | undefined;
		const find = (): Pod | undefined => {
			const pods = this.getSnapshot().objects.pods;
			const known = uid === undefined ? undefined : pods.get(uid);
			if (known) return known;
			for (const [key, pod] of pods) {
				if (pod.metadata.name === request.pod && pod.metadata.namespace === request.namespace) {
					uid = key;
					return pod;
				}
			}
			return undefined;
		};
		const watched = () => {
			const sync = this.informers.pods?.sync;
			return sync?.state === 'synced' && (sync.namespace === '' || sync.namespace === request.namespace);
		};
		return streamPodLogs(this.client, request, handlers, {
			instance: () => {
				const pod = find();
				if (!pod) return watched() ? undefined : null;
				const status = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find(each => each.name === request.container);
				return `${status?.restartCount ?? 0}/${String(status?.state?.running?.startedAt ?? '')}`;
			},
			subscribe: listener => this.subscribe(listener),
		});
	}

	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	getSnapshot(): ClusterSnapshot {
		const changed =
			this.healthRevision !== this.publishedHealth ||
			this.rolloutLog !== this.snapshot.rolloutLog ||
			(this.namespaceWatch !== undefined && this.namespaceWatch.revision !== this.publishedNamespace) ||
			[...this.allInformers()].some(([id, informer]) => informer.revision !== this.published.get(id)) ||
			Object.keys(this.snapshot.objects).length !== Object.keys(this.informers).length + this.shown.size;
		if (changed) this.snapshot = this.build();
		return this.snapshot;
	}

	private *allInformers(): Iterable<[string, Informer]> {
		yield* Object.entries(this.informers);
		for (const [id, {informer}] of this.shown) yield [id, informer];
	}

	private build(): ClusterSnapshot {
		const previous = this.snapshot as ClusterSnapshot | undefined;
		const objects: Record<string, ReadonlyMap<string, unknown>> = {};
		const sync: Record<string, ResourceSync> = {};
		const columns: Record<string, readonly TableColumnDefinition[]> = {};
		for (const [id, informer] of this.allInformers()) {
			const old = previous?.objects[id];
			if (old && informer.revision === this.published.get(id)) objects[id] = old;
			else {
				this.published.set(id, informer.revision);
				objects[id] = publish(informer.objects, old, informer.takeChanges());
			}
			sync[id] = informer.sync;
			if (informer.columns) columns[id] = informer.columns;
		}
		this.publishedHealth = this.healthRevision;
		const namespace = this.namespaceWatch;
		if (namespace) this.publishedNamespace = namespace.revision;
		return {
			version: ++this.version,
			objects: objects as ClusterSnapshot['objects'],
			sync: sync as ClusterSnapshot['sync'],
			columns,
			health: this.health?.health,
			missingNamespace: namespace?.sync.state === 'synced' && namespace.objects.size === 0 ? this.namespaceName : undefined,
			rolloutLog: this.rolloutLog,
		};
	}

	private record(record: NonNullable<KindDeclaration['record']>, previous: ReplicaSet | undefined, next: ReplicaSet | undefined, initial: boolean): void {
		this.rolloutLog = record(this.rolloutLog, previous, next, Date.now(), initial);
		// The start of the timeline's latency: the frame that shows the step is traced with it (ui/run.tsx).
		if (tracing && !initial && next && (previous?.spec?.replicas ?? 0) !== next.spec?.replicas) trace(`replicas ${next.metadata?.name} ${previous?.spec?.replicas ?? 0}→${next.spec?.replicas}`);
	}

	private healthChanged(health: ApiHealth, previous: ApiHealth): void {
		if (this.stopped) return;
		this.healthRevision++;
		// Back from an outage: a watch that failed meanwhile relists now rather than after its back-off.
		if (health.state === 'ok' && previous.state !== 'ok' && previous.state !== 'unknown') {
			for (const informer of [...[...this.allInformers()].map(([, each]) => each), ...(this.namespaceWatch ? [this.namespaceWatch] : [])]) {
				if (informer.sync.state === 'stale' || informer.sync.state === 'error') informer.restart();
			}
		}
		this.queueNotify();
	}

	private podsChanged(): void {
		clearTimeout(this.holdTimer);
		this.holdTimer = undefined;
		this.queueNotify();
	}

	private changed(): void {
		if (this.primary?.sync.state !== 'connecting') {
			this.queueNotify();
			return;
		}
		this.holdTimer ??= setTimeout(() => {
			this.holdTimer = undefined;
			this.queueNotify();
		}, this.holdWhilePodsListMs);
	}

	/** Many watch events arrive in one tick (a relist, a rollout): tell listeners once. */
	private queueNotify(): void {
		if (this.notifyQueued) return;
		this.notifyQueued = true;
		queueMicrotask(() => {
			this.notifyQueued = false;
			for (const listener of this.listeners) listener();
		});
	}
}
