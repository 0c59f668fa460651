// The watched stores behind the view. Informers update their maps in place;
// a snapshot republishes only the maps that changed since the last snapshot,
// sharing the unchanged bulk of big ones (LayeredMap), and only when someone
// asks (the UI asks at most ~10 times a second).
import type {ApiHealth, ClusterSnapshot, ClusterSource, ResourceKind, ResourceSync} from '../model/cluster.js';
import type {KubeClient} from './client.js';
import {publish} from '../model/layeredMap.js';
import {slimEvent, slimPod} from '../model/slim.js';
import {HealthMonitor, type HealthOptions} from './health.js';
import {Informer} from './informer.js';
import {decodeEvent, decodePod} from './protobuf/objects.js';

export interface StoreOptions {
	/** The focused namespace: deployments and ReplicaSets are watched here. */
	namespace: string;
	stallMs?: number;
	watchTimeoutSeconds?: number;
	/** How long other changes wait for the first pods LIST (default 1 s; see defaultHoldWhilePodsListMs). */
	holdWhilePodsListMs?: number;
	/** The /readyz probe's timing; false for none (scripted clients in tests). */
	health?: HealthOptions | false;
}

const encode = encodeURIComponent;
const eventsAfterPodsMs = 500;
/**
 * While the first pods LIST streams in, other changes (nodes listed, node
 * heartbeats) are held back for up to this long: each would redraw the whole
 * screen on the one thread that is also reading the pods, and at 10,000 pods
 * those redraws delayed the frame with every pod by 400 ms or more. A LIST
 * slower than this still shows the rest of the cluster after it.
 */
const defaultHoldWhilePodsListMs = 1000;

/** The pods pane, node bars and pending reasons read a pod's spec, status and deletion; not its labels or annotations (both slim: see slimPod). */
function podChangeUnseen(previous: any, next: any): boolean {
	return (
		previous.metadata?.deletionTimestamp === next.metadata?.deletionTimestamp &&
		JSON.stringify(previous.status) === JSON.stringify(next.status) &&
		JSON.stringify(previous.spec) === JSON.stringify(next.spec)
	);
}

export class ClusterStore implements ClusterSource {
	readonly informers: Record<ResourceKind, Informer>;
	private readonly listeners = new Set<() => void>();
	private snapshot: ClusterSnapshot;
	private published: Record<ResourceKind, number> = {pods: -1, nodes: -1, deployments: -1, replicasets: -1, events: -1};
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

	private readonly namespaceName: string;

	constructor(client: KubeClient, options: StoreOptions) {
		this.namespaceName = options.namespace;
		this.holdWhilePodsListMs = options.holdWhilePodsListMs ?? defaultHoldWhilePodsListMs;
		const onChange = () => this.changed();
		const namespaced = (group: string, plural: string) => (namespace: string) => (namespace ? `${group}/namespaces/${encode(namespace)}/${plural}` : `${group}/${plural}`);
		const common = {onChange, stallMs: options.stallMs, watchTimeoutSeconds: options.watchTimeoutSeconds};
		this.informers = {
			pods: new Informer(client, {...common, onChange: () => this.podsChanged(), collectionPath: namespaced('/api/v1', 'pods'), namespace: '', fallbackNamespace: options.namespace, unseen: podChangeUnseen, slim: slimPod, protobuf: decodePod, large: true}),
			nodes: new Informer(client, {...common, collectionPath: () => '/api/v1/nodes', namespace: ''}),
			deployments: new Informer(client, {...common, collectionPath: namespaced('/apis/apps/v1', 'deployments'), namespace: options.namespace}),
			replicasets: new Informer(client, {...common, collectionPath: namespaced('/apis/apps/v1', 'replicasets'), namespace: options.namespace}),
			events: new Informer(client, {...common, collectionPath: namespaced('/api/v1', 'events'), namespace: '', fallbackNamespace: options.namespace, slim: slimEvent, protobuf: decodeEvent, large: true}),
		};
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
		const {events, ...rest} = this.informers;
		for (const informer of Object.values(rest)) informer.start();
		const startEvents = () => {
			// A timer may fire after stop(): starting the events then would leave a watch open.
			if (this.eventsStarted || this.stopped) return;
			this.eventsStarted = true;
			unsubscribe();
			clearTimeout(fallback);
			clearTimeout(podsDone);
			events.start();
			// Tiny, but a connection of its own: it too waits until the first frame is drawn.
			this.namespaceWatch?.start();
		};
		// Not at once either: the first frame with every pod is derived and drawn in the
		// few hundred ms after the pods LIST, and the events LIST (parsed on this same
		// thread) would share them.
		let podsDone: NodeJS.Timeout | undefined;
		const unsubscribe = this.subscribe(() => {
			if (this.informers.pods.sync.state === 'connecting' || podsDone) return;
			podsDone = setTimeout(startEvents, eventsAfterPodsMs);
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
		this.namespaceWatch?.stop();
		this.listeners.clear();
	}

	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	getSnapshot(): ClusterSnapshot {
		const changed =
			this.healthRevision !== this.publishedHealth ||
			(this.namespaceWatch !== undefined && this.namespaceWatch.revision !== this.publishedNamespace) ||
			(Object.keys(this.informers) as ResourceKind[]).some(kind => this.informers[kind].revision !== this.published[kind]);
		if (changed) this.snapshot = this.build();
		return this.snapshot;
	}

	private build(): ClusterSnapshot {
		const previous = this.snapshot as ClusterSnapshot | undefined;
		const mapOf = (kind: ResourceKind, old: ReadonlyMap<string, any> | undefined) => {
			const informer = this.informers[kind];
			if (old && informer.revision === this.published[kind]) return old;
			this.published[kind] = informer.revision;
			return publish(informer.objects, old, informer.takeChanges());
		};
		const sync = {} as Record<ResourceKind, ResourceSync>;
		for (const kind of Object.keys(this.informers) as ResourceKind[]) sync[kind] = this.informers[kind].sync;
		this.publishedHealth = this.healthRevision;
		const namespace = this.namespaceWatch;
		if (namespace) this.publishedNamespace = namespace.revision;
		return {
			version: ++this.version,
			pods: mapOf('pods', previous?.pods),
			nodes: mapOf('nodes', previous?.nodes),
			deployments: mapOf('deployments', previous?.deployments),
			replicaSets: mapOf('replicasets', previous?.replicaSets),
			events: mapOf('events', previous?.events),
			sync,
			health: this.health?.health,
			missingNamespace: namespace?.sync.state === 'synced' && namespace.objects.size === 0 ? this.namespaceName : undefined,
		};
	}

	private healthChanged(health: ApiHealth, previous: ApiHealth): void {
		if (this.stopped) return;
		this.healthRevision++;
		// Back from an outage: a watch that failed meanwhile relists now rather than after its back-off.
		if (health.state === 'ok' && previous.state !== 'ok' && previous.state !== 'unknown') {
			for (const informer of [...Object.values(this.informers), ...(this.namespaceWatch ? [this.namespaceWatch] : [])]) {
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
		if (this.informers.pods.sync.state !== 'connecting') {
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
