// One watched collection: LIST, then WATCH from the list's resourceVersion.
// Any break (error, 410 Gone, stall) relists, so the cache always converges on
// the server's state with no ghost or duplicate entries. Objects whose
// resourceVersion did not change keep their identity across a relist, so
// memoized derivations stay valid.
import type {ResourceSync} from '../model/cluster.js';
import {columnsOf, fallbackColumns, sameRow, tableRowOf, type TableColumnDefinition} from '../model/table.js';
import type {KubeClient, ListAnswer} from './client.js';
import {ApiError} from './errors.js';
import type {ObjectDecoder} from './protobuf/stream.js';
import {trace, tracing} from '../trace.js';

export interface InformerOptions {
	/** Path of the collection for a namespace ('' = all namespaces). */
	collectionPath(namespace: string): string;
	namespace: string;
	/** When listing across namespaces is forbidden, watch only this one instead. */
	fallbackNamespace?: string;
	onChange(): void;
	/** A watch that delivers nothing (not even a bookmark) for this long is restarted. */
	stallMs?: number;
	backoff?: {initialMs: number; maxMs: number};
	/** How long the server keeps one watch open before we resume it from the last resourceVersion. */
	watchTimeoutSeconds?: number;
	/**
	 * True when an update changes nothing the view shows (for pods: an annotation or
	 * label patch). Such an update is stored but not announced, so a churning
	 * cluster does not redraw the screen for changes nobody can see.
	 */
	unseen?(previous: any, next: any): boolean;
	/** What to keep of each object (default: all but metadata.managedFields). */
	slim?(object: any): any;
	/** Reads the protobuf encoding straight into what slim keeps; when set, lists and watches ask for protobuf. */
	protobuf?: ObjectDecoder;
	/** A collection that can be tens of MB (pods, events): its LIST is parsed while it arrives. */
	large?: boolean;
	/**
	 * Ask for the Table form, as `kubectl get` does: objects are then TableRows
	 * (model/table.ts) keyed by uid, and `columns` holds the server's columns.
	 */
	table?: boolean;
	/**
	 * List in pages (limit and continue), each stored as it lands: the first page has this many
	 * items, so the first screen shows after it rather than after the whole collection.
	 */
	pageSize?: number;
	/**
	 * Items per page after the first; default: all the rest in one more request (a continue
	 * without a limit). Every page is a round trip and a redraw: at 10,000 pods on a busy
	 * machine, pages of 1,000 made the full frame 25% slower than one LIST (bench notes).
	 */
	nextPageSize?: number;
	/** False for a kind whose verbs lack watch: it is listed once and its sync says it is not live. */
	watch?: boolean;
	/** The resource as messages name it (e.g. "widgets.lab.k8slab.dev"); default: the path's last segment. */
	resourceName?: string;
	/**
	 * Told of each object stored or removed, with what was there before (undefined: new; next undefined:
	 * deleted); `initial` while the first LIST fills the store (the starting state, not a change).
	 */
	observe?(previous: any, next: any, initial: boolean): void;
}

export const tableAccept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

/** What the informer went through, for the status line and for tests. */
export interface InformerStats {
	lists: number;
	/** Requests those LISTs took (more than lists when paged). */
	pages: number;
	/** Relists forced by 410 Gone / too old resource version. */
	expired: number;
	/** Watches restarted by the watchdog because nothing arrived. */
	stalls: number;
	failures: number;
}

type WatchEvent = {type: string; object: any};

function withQuery(path: string, query: string): string {
	return `${path}${path.includes('?') ? '&' : '?'}${query}`;
}

/** managedFields is often the largest part of an object and nothing here reads it: drop it on arrival to save memory. */
function dropManagedFields(object: any): any {
	if (object?.metadata?.managedFields) delete object.metadata.managedFields;
	return object;
}

export class Informer {
	readonly objects = new Map<string, any>();
	/** Keys set or deleted in objects since the store last took them ('all' after a clear). */
	private dirty: Set<string> | 'all' = 'all';
	sync: ResourceSync;
	/** Bumped on every change, so the store knows which maps to republish. */
	revision = 0;
	readonly stats: InformerStats = {lists: 0, pages: 0, expired: 0, stalls: 0, failures: 0};
	/** The server's columns, in the Table form (fallbackColumns if the server sent a plain list). */
	columns: readonly TableColumnDefinition[] = [];
	private namespace: string;
	private resourceVersion = '';
	private stopWatch?: () => void;
	private listing?: AbortController;
	/** A watch still waiting for its credential: aborted by stop() so it is never opened. */
	private watching?: AbortController;
	private timer?: NodeJS.Timeout;
	private watchdog?: NodeJS.Timeout;
	private failures = 0;
	private stopped = false;
	private generation = 0;

	private readonly slim: (object: any) => any;
	private readonly unseen: ((previous: any, next: any) => boolean) | undefined;

	constructor(
		private readonly client: KubeClient,
		private readonly options: InformerOptions,
	) {
		this.namespace = options.namespace;
		this.slim = options.slim ?? (options.table ? tableRowOf : dropManagedFields);
		this.unseen = options.unseen ?? (options.table ? (previous, next) => sameRow(this.columns, previous, next) : undefined);
		this.sync = {state: 'connecting', namespace: this.namespace};
	}

	start(): void {
		this.stopped = false;
		void this.relist();
	}

	stop(): void {
		this.stopped = true;
		this.generation++;
		clearTimeout(this.timer);
		clearTimeout(this.watchdog);
		this.stopWatch?.();
		// A LIST still in flight would otherwise keep the process alive until it answers or times out.
		this.listing?.abort();
		this.watching?.abort();
	}

	/** Drops the current watch and relists now. */
	restart(reason?: string): void {
		if (this.stopped) return;
		// A stall is an outage the user should know about until the relist answers.
		if (reason) this.setSync({state: 'stale', message: reason, namespace: this.namespace});
		this.generation++;
		clearTimeout(this.timer);
		clearTimeout(this.watchdog);
		this.stopWatch?.();
		void this.relist();
	}

	/** The keys changed since the last call, for the store to publish only those. */
	takeChanges(): ReadonlySet<string> | 'all' {
		const dirty = this.dirty;
		this.dirty = new Set();
		return dirty;
	}

	private put(uid: string, object: any): void {
		this.options.observe?.(this.objects.get(uid), object, this.stats.lists === 0);
		this.objects.set(uid, object);
		if (this.dirty !== 'all') this.dirty.add(uid);
	}

	private remove(uid: string): boolean {
		const previous = this.objects.get(uid);
		if (!this.objects.delete(uid)) return false;
		this.options.observe?.(previous, undefined, false);
		if (this.dirty !== 'all') this.dirty.add(uid);
		return true;
	}

	private setSync(sync: ResourceSync): void {
		const same = sync.state === this.sync.state && sync.message === this.sync.message && sync.namespace === this.sync.namespace;
		this.sync = sync;
		if (!same) this.changed();
	}

	private changed(): void {
		if (tracing) trace(`changed ${this.options.collectionPath(this.namespace)}`);
		this.revision++;
		this.options.onChange();
	}

	private async relist(): Promise<void> {
		const generation = this.generation;
		try {
			const base = this.options.collectionPath(this.namespace);
			const pageSize = this.options.pageSize;
			// Every page of one LIST reads the same snapshot (the first page's resourceVersion); the keys seen
			// in all of them are the collection, and whatever else the store holds was deleted meanwhile.
			const seen = new Set<string>();
			let token: string | undefined;
			let list: ListAnswer;
			let pages = 0;
			do {
				const limit = token ? this.options.nextPageSize : pageSize;
				const query = [limit ? `limit=${limit}` : '', token ? `continue=${encodeURIComponent(token)}` : ''].filter(Boolean).join('&');
				const path = query ? withQuery(base, query) : base;
				if (tracing) trace(`list ${path} sent`);
				// Items arrive while the body streams in; each is slimmed at once, so the
				// full objects of only one network chunk are alive at a time.
				const items: any[] = [];
				this.listing?.abort();
				const listing = new AbortController();
				this.listing = listing;
				list = await this.client.list(path, {
					timeoutMs: 60_000,
					signal: listing.signal,
					protobuf: this.options.protobuf,
					accept: this.options.table ? tableAccept : undefined,
					incremental: this.options.large,
					onItems: (batch, decoded) => {
						for (const raw of batch) if (raw && typeof raw === 'object') items.push(decoded ? raw : this.slim(raw));
					},
				});
				if (this.listing === listing) this.listing = undefined;
				if (tracing) trace(`list ${path} parsed ${items.length}`);
				if (generation !== this.generation || this.stopped) return;
				if (this.options.table && pages === 0) this.setColumns(columnsOf(list.head) ?? fallbackColumns);
				pages++;
				token = list.continue;
				// A page lands in the store at once, so the first screen shows after the first page rather than the whole LIST.
				const visible = this.merge(items, seen);
				if (token) {
					if (visible) this.changed();
				} else if (this.removeUnseen(seen) || visible || this.stats.lists === 0) this.changed();
			} while (token);
			this.stats.lists++;
			this.stats.pages += pages;
			this.resourceVersion = list.resourceVersion;
			this.failures = 0;
			if (this.options.watch === false) {
				this.setSync({state: 'synced', live: false, message: `${this.resourceName()} cannot be watched: listed once, not live`, namespace: this.namespace});
				return;
			}
			this.setSync({state: 'synced', namespace: this.namespace});
			await this.watch(generation);
		} catch (error) {
			if (generation !== this.generation || this.stopped) return;
			this.handleFailure(error);
		}
	}

	private resourceName(): string {
		return this.options.resourceName ?? this.options.collectionPath('').split('?')[0]!.split('/').at(-1)!;
	}

	/** New columns redraw even when no row changed (a CRD's printer columns edited). */
	private setColumns(columns: readonly TableColumnDefinition[]): void {
		if (JSON.stringify(columns) === JSON.stringify(this.columns)) return;
		this.columns = columns;
		this.changed();
	}

	/** Stores a page of a LIST; true when it changed something the view shows (a relist that brings nothing new must not redraw). */
	private merge(items: any[], seen: Set<string>): boolean {
		let visible = false;
		for (const item of items) {
			const uid = item?.metadata?.uid;
			if (!uid) continue;
			seen.add(uid);
			const existing = this.objects.get(uid);
			// An object with no resourceVersion (componentstatuses are computed, not stored) is always taken afresh.
			if (existing && item.metadata.resourceVersion !== undefined && existing.metadata?.resourceVersion === item.metadata.resourceVersion) continue;
			this.put(uid, item);
			if (!existing || !this.unseen?.(existing, item)) visible = true;
		}
		return visible;
	}

	/** After the last page: what the LIST did not hold was deleted while the watch was down. */
	private removeUnseen(seen: ReadonlySet<string>): boolean {
		let removed = false;
		for (const uid of this.objects.keys()) if (!seen.has(uid)) removed = this.remove(uid) || removed;
		return removed;
	}

	private async watch(generation: number): Promise<void> {
		// The server closes watches after timeoutSeconds; spread them so they do not all reconnect at once.
		const timeoutSeconds = this.options.watchTimeoutSeconds ?? 240 + Math.floor(Math.random() * 120);
		const path = withQuery(this.options.collectionPath(this.namespace), `watch=1&allowWatchBookmarks=true&timeoutSeconds=${timeoutSeconds}&resourceVersion=${encodeURIComponent(this.resourceVersion)}`);
		this.armWatchdog(generation);
		const watching = new AbortController();
		this.watching = watching;
		const stopWatch = await this.client.watch(path, {
			signal: watching.signal,
			protobuf: this.options.protobuf,
			accept: this.options.table ? tableAccept : undefined,
			onEvent: (event, decoded) => {
				if (generation !== this.generation) return;
				this.armWatchdog(generation);
				if (this.options.table && event.object?.kind === 'Table') this.applyTable(event);
				else this.apply(event, decoded);
			},
			onEnd: error => {
				if (generation !== this.generation || this.stopped) return;
				clearTimeout(this.watchdog);
				if (error) this.handleFailure(error);
				else void this.rewatch(generation);
			},
		});
		// Stopped or restarted while the watch waited for its credential: it must not stay open.
		if (generation !== this.generation || this.stopped) {
			stopWatch();
			return;
		}
		this.stopWatch = stopWatch;
	}

	private async rewatch(generation: number): Promise<void> {
		try {
			await this.watch(generation);
		} catch (error) {
			if (generation === this.generation) this.handleFailure(error);
		}
	}

	/**
	 * A watch event in the Table form carries a Table with the changed row (a
	 * bookmark: a row with only a resourceVersion); the first event of each watch
	 * also carries the columns.
	 */
	private applyTable(event: WatchEvent): void {
		const columns = columnsOf(event.object);
		if (columns) this.setColumns(columns);
		const rows: any[] = Array.isArray(event.object.rows) ? event.object.rows : [];
		if (event.type === 'BOOKMARK') {
			this.resourceVersion = rows[0]?.object?.metadata?.resourceVersion ?? event.object.metadata?.resourceVersion ?? this.resourceVersion;
			return;
		}
		for (const row of rows) this.apply({type: event.type, object: tableRowOf(row)}, true);
	}

	private apply(event: WatchEvent, decoded: boolean): void {
		const object = event.object;
		if (tracing && event.type === 'ADDED') trace(`added ${object?.metadata?.name}`);
		switch (event.type) {
			case 'ADDED':
			case 'MODIFIED':
				this.resourceVersion = object?.metadata?.resourceVersion ?? this.resourceVersion;
				if (object?.metadata?.uid) {
					const previous = this.objects.get(object.metadata.uid);
					const kept = decoded ? object : this.slim(object);
					this.put(object.metadata.uid, kept);
					if (event.type === 'ADDED' || !previous || !this.unseen?.(previous, kept)) this.changed();
				}
				break;
			case 'DELETED':
				this.resourceVersion = object?.metadata?.resourceVersion ?? this.resourceVersion;
				if (object?.metadata?.uid && this.remove(object.metadata.uid)) this.changed();
				break;
			case 'BOOKMARK':
				this.resourceVersion = object?.metadata?.resourceVersion ?? this.resourceVersion;
				break;
			case 'ERROR': {
				// 410 Gone (resourceVersion too old) and other in-stream errors: start over from a fresh list.
				const status = Number(object?.code ?? 0);
				this.handleFailure(new ApiError(String(object?.message ?? 'watch error'), status, String(object?.reason ?? '')));
				break;
			}
			default:
				break;
		}
	}

	private armWatchdog(generation: number): void {
		clearTimeout(this.watchdog);
		const stallMs = this.options.stallMs ?? 150_000;
		this.watchdog = setTimeout(() => {
			if (generation !== this.generation) return;
			this.stats.stalls++;
			this.restart(`no word from the API server for ${Math.round(stallMs / 1000)}s; reconnecting`);
		}, stallMs);
		this.watchdog.unref?.();
	}

	private handleFailure(error: unknown): void {
		this.generation++;
		clearTimeout(this.watchdog);
		this.stopWatch?.();
		const apiError = error instanceof ApiError ? error : new ApiError((error as Error)?.message ?? String(error), 0);
		if (apiError.expired) {
			// Not an outage: the watch fell behind. Relist straight away.
			this.stats.expired++;
			void this.relist();
			return;
		}
		if (apiError.status === 404) {
			// The kind itself is gone (a CRD deleted): not an outage, and its objects went with it.
			if (this.objects.size > 0) {
				this.objects.clear();
				this.dirty = 'all';
				this.changed();
			}
			this.setSync({state: 'gone', message: `the server no longer serves ${this.resourceName()}`, namespace: this.namespace});
			// Checked now and then, in case it is served again (the CRD re-created).
			this.retryAfter(30_000);
			return;
		}
		if (apiError.forbidden && this.namespace === '' && this.options.fallbackNamespace) {
			this.namespace = this.options.fallbackNamespace;
			this.objects.clear();
			this.dirty = 'all';
			void this.relist();
			return;
		}
		this.failures++;
		this.stats.failures++;
		const state: ResourceSync['state'] = apiError.forbidden ? 'forbidden' : apiError.status === 0 ? 'stale' : 'error';
		this.setSync({state, message: apiError.message, namespace: this.namespace});
		const {initialMs, maxMs} = this.options.backoff ?? {initialMs: 250, maxMs: 4000};
		// Capped exponential back-off with full jitter; RBAC refusals are retried slowly in case a binding appears.
		const ceiling = apiError.forbidden ? 30_000 : Math.min(maxMs, initialMs * 2 ** (this.failures - 1));
		const delay = apiError.forbidden ? ceiling : ceiling / 2 + Math.random() * (ceiling / 2);
		this.retryAfter(delay);
	}

	private retryAfter(delay: number): void {
		const generation = this.generation;
		this.timer = setTimeout(() => {
			if (generation === this.generation && !this.stopped) void this.relist();
		}, delay);
	}
}
