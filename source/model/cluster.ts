// The contract between the kube layer (which watches the API) and everything
// downstream. The kube layer publishes snapshots; the UI derives rows from them.
import type {ApiResource} from './kinds.js';
import type {ObjectQuery} from './objectRef.js';
import type {LogHandlers, LogRequest} from './logs.js';
import type {RolloutLog} from './rolloutLog.js';
import type {TableColumnDefinition} from './table.js';
import type {Deployment, Event, Node, Pod, ReplicaSet} from './types.js';

/** The objects the lab's own panes derive from, by kind id (source/kinds declares how each is watched). */
export interface LabObjects {
	pods: ReadonlyMap<string, Pod>;
	nodes: ReadonlyMap<string, Node>;
	deployments: ReadonlyMap<string, Deployment>;
	replicasets: ReadonlyMap<string, ReplicaSet>;
	events: ReadonlyMap<string, Event>;
}

export type ResourceKind = keyof LabObjects;

/** How one watched resource is doing, as the status line and panes show it. */
export interface ResourceSync {
	/**
	 * connecting: first list not done; synced: list done and watch open; stale: watch lost, retrying; forbidden: RBAC refused;
	 * gone: the server no longer serves the resource (a CRD deleted: 404).
	 */
	state: 'connecting' | 'synced' | 'stale' | 'forbidden' | 'error' | 'gone';
	/** The server's message, verbatim, when state is forbidden, stale or error; what happened when gone or not live. */
	message?: string;
	/** False when the resource cannot be watched: listed once, and not kept up to date. */
	live?: boolean;
	/** The namespace actually watched ('' for all namespaces). */
	namespace: string;
}

/** Whether the API server answers its cheap /readyz probe (source/kube/health.ts). */
export interface ApiHealth {
	/**
	 * unknown: not probed yet; ok: ready; silent: no answer within the probe's deadline
	 * (a frozen server or network); not-ready: it answers but a check fails (etcd behind it);
	 * unreachable: refused, reset or unresolvable.
	 */
	state: 'unknown' | 'ok' | 'silent' | 'not-ready' | 'unreachable';
	/** The failing checks (not-ready) or the network error (unreachable). */
	message?: string;
	/** silent: how long since the server last answered anything. */
	silentMs?: number;
}

/**
 * An immutable view of the watched objects. Maps are keyed by uid and are
 * replaced (never mutated) whenever `version` changes, so memoizing on the map
 * identity is safe.
 */
export interface ClusterSnapshot {
	version: number;
	/** Keyed by kind: the lab's kinds by id, any other kind shown by its qualified name (`services`, `widgets.lab.k8slab.dev`), as Table rows. */
	objects: LabObjects & Readonly<Record<string, ReadonlyMap<string, unknown>>>;
	sync: Readonly<Record<ResourceKind, ResourceSync>> & Readonly<Record<string, ResourceSync>>;
	/** The server's own columns of a kind shown as a Table, by the same key. */
	columns?: Readonly<Record<string, readonly TableColumnDefinition[]>>;
	/** The API server's health, when something probes it (absent in fixtures). */
	health?: ApiHealth;
	/** The focused namespace, when its watch says it does not exist (a list there is simply empty). */
	missingNamespace?: string;
	/** What the watch saw of the Deployments' ReplicaSets scaling (absent in fixtures): the rollout's exact steps. */
	rolloutLog?: RolloutLog;
}

/** A source of snapshots: the kube layer in the app, fixtures in tests. */
export interface ClusterSource {
	getSnapshot(): ClusterSnapshot;
	/** Calls the listener after each change; returns the unsubscribe function. */
	subscribe(listener: () => void): () => void;
	/** The kinds the server lists (discovery), for the `:` command line. */
	discover?(): Promise<readonly ApiResource[]>;
	/** Watches a kind until released; its rows are in the snapshot under kindKey(resource, namespace). */
	watchKind?(resource: ApiResource, namespace: string): {release(): void};
	/** Watches a few whole objects (one by name, an object's events) until released; they are in the snapshot under queryKey(query). */
	watchQuery?(query: ObjectQuery): {release(): void};
	/** Streams a container's log (pods/log) until the returned function is called. */
	streamLogs?(request: LogRequest, handlers: LogHandlers): () => void;
}

/** Whether requests are waiting on a credential plugin (the kube layer's Credentials), for the status line. */
export interface CredentialWait {
	/** The plugin's command line while requests wait for it ("aws eks get-token"), else undefined. */
	waitingFor(): string | undefined;
	/** Calls the listener when that changes; returns the unsubscribe function. */
	subscribe(listener: () => void): () => void;
}

/** The connection facts the status line shows. Never holds credentials. */
export interface ConnectionInfo {
	context: string;
	server: string;
	user?: string;
}

export const emptyMap: ReadonlyMap<string, never> = new Map<string, never>();

export function emptySnapshot(namespace = ''): ClusterSnapshot {
	const connecting: ResourceSync = {state: 'connecting', namespace};
	return {
		version: 0,
		objects: {pods: emptyMap, nodes: emptyMap, deployments: emptyMap, replicasets: emptyMap, events: emptyMap},
		sync: {pods: connecting, nodes: {state: 'connecting', namespace: ''}, deployments: connecting, replicasets: connecting, events: connecting},
	};
}
