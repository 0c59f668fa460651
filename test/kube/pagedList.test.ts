// The pods LIST in pages (limit and continue), against a scripted API server
// that pages real pod objects in etcd's key order, as kube-apiserver does.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {test} from 'node:test';
import {setTimeout as sleep} from 'node:timers/promises';
import type {KubeClient, ListAnswer, ListOptions, WatchHandlers} from '../../source/kube/client.js';
import {ApiError} from '../../source/kube/errors.js';
import {Informer} from '../../source/kube/informer.js';

const fixture = (name: string) => JSON.parse(fs.readFileSync(new URL(`../../../test/fixtures/${name}`, import.meta.url), 'utf8')) as {items: any[]};

/** The captured pods, copied under other names until there are `count`, in namespaces one of which is a prefix of another. */
function pods(count: number): any[] {
	const captured = [...fixture('todoapi-pods.json').items, ...fixture('kube-system-pods.json').items];
	return Array.from({length: count}, (_, index) => {
		const pod = structuredClone(captured[index % captured.length]);
		pod.metadata.namespace = ['team', 'team-a', 'default'][index % 3];
		pod.metadata.name = `${pod.metadata.name}-${index}`;
		pod.metadata.uid = `uid-${index}`;
		return pod;
	});
}

/** etcd's order: the keys /registry/pods/<namespace>/<name>, byte by byte. */
const etcdKey = (pod: any) => `${pod.metadata.namespace}/${pod.metadata.name}`;

interface Request {
	path: string;
	limit?: number;
	continue?: string;
}

/** Answers each LIST page when the test says so; a continue token names the index of the next item. */
class PagingServer {
	readonly requests: Request[] = [];
	readonly watches: string[] = [];
	private readonly waiting: Array<() => void> = [];
	/** Tokens the server has compacted away: asking with one answers 410 Gone. */
	expire = false;

	constructor(
		public items: any[],
		private readonly resourceVersion = '100',
	) {}

	list(path: string, options: ListOptions): Promise<ListAnswer> {
		const url = new URL(path, 'https://api');
		const limit = url.searchParams.get('limit');
		const token = url.searchParams.get('continue') ?? undefined;
		this.requests.push({path, limit: limit ? Number(limit) : undefined, continue: token});
		return new Promise((resolve, reject) => {
			this.waiting.push(() => {
				if (token !== undefined && this.expire) {
					reject(new ApiError('The provided continue parameter is too old to display a consistent list result.', 410, 'Expired'));
					return;
				}
				const sorted = [...this.items].sort((a, b) => (etcdKey(a) < etcdKey(b) ? -1 : 1));
				const start = token ? Number(token) : 0;
				const end = limit ? Math.min(sorted.length, start + Number(limit)) : sorted.length;
				options.onItems(structuredClone(sorted.slice(start, end)), false);
				resolve({resourceVersion: this.resourceVersion, continue: end < sorted.length ? String(end) : undefined, remainingItemCount: end < sorted.length ? sorted.length - end : undefined});
			});
		});
	}

	async watch(path: string, _handlers: WatchHandlers): Promise<() => void> {
		this.watches.push(path);
		return () => {};
	}

	/** Answers the oldest unanswered request, then lets the informer handle it. */
	async answer(): Promise<void> {
		const next = this.waiting.shift();
		assert.ok(next, 'a LIST request is waiting');
		next();
		await sleep(0);
	}
}

/** `next`: the size of the pages after the first ('rest': all the rest in one request, the default). */
function informer(server: PagingServer, pageSize: number, next: number | 'rest' = pageSize): {informer: Informer; changes: () => number} {
	let changes = 0;
	const nextPageSize = next === 'rest' ? undefined : next;
	const watched = new Informer(server as unknown as KubeClient, {collectionPath: () => '/api/v1/pods', namespace: '', pageSize, nextPageSize, onChange: () => changes++});
	return {informer: watched, changes: () => changes};
}

const names = (watched: Informer) => [...watched.objects.values()].map(etcdKey).sort();

test('a paged LIST asks with limit, follows continue to the end, and stores each page as it lands', async () => {
	const server = new PagingServer(pods(10));
	const {informer: watched, changes} = informer(server, 4);
	watched.start();
	await sleep(0);
	assert.deepEqual(server.requests[0], {path: '/api/v1/pods?limit=4', limit: 4, continue: undefined});

	await server.answer();
	// The first page is in the store, and announced, before the rest is asked for.
	assert.equal(watched.objects.size, 4);
	assert.equal(changes(), 1);
	assert.equal(watched.sync.state, 'connecting', 'a partial list is not synced');
	assert.equal(server.requests.length, 2);
	assert.equal(server.requests[1]!.continue, '4');

	await server.answer();
	assert.equal(watched.objects.size, 8);
	assert.equal(watched.sync.state, 'connecting');
	await server.answer();
	assert.equal(watched.objects.size, 10);
	assert.equal(watched.sync.state, 'synced');
	assert.deepEqual(names(watched), server.items.map(etcdKey).sort(), 'every pod once');
	assert.equal(server.requests.length, 3);
	assert.equal(watched.stats.lists, 1);
	assert.equal(watched.stats.pages, 3);
	// The watch starts from the snapshot all pages were read at.
	assert.equal(server.watches.length, 1);
	assert.match(server.watches[0]!, /resourceVersion=100/);
	watched.stop();
});

test('an expired continue token (410) starts the LIST over from its first page, and ends with every pod once', async () => {
	const server = new PagingServer(pods(9));
	const {informer: watched} = informer(server, 4);
	watched.start();
	await sleep(0);
	await server.answer();
	assert.equal(watched.objects.size, 4);

	// etcd compacted the revision the pages were read at: the token is gone.
	server.expire = true;
	// Meanwhile one pod of the first page was deleted and another created.
	const [deleted] = [...server.items].sort((a, b) => (etcdKey(a) < etcdKey(b) ? -1 : 1));
	server.items = [...server.items.filter(pod => pod !== deleted), ...pods(10).slice(9)];
	await server.answer();
	assert.equal(watched.stats.expired, 1);
	const restart = server.requests.at(-1)!;
	assert.equal(restart.continue, undefined, 'the relist starts from the first page');
	assert.equal(restart.limit, 4);
	// The pods already on screen stay there while the new LIST comes in.
	assert.equal(watched.objects.size, 4);

	server.expire = false;
	while (watched.sync.state === 'connecting') await server.answer();
	assert.equal(watched.sync.state, 'synced');
	assert.deepEqual(names(watched), server.items.map(etcdKey).sort(), 'the deleted pod is gone, the new one is there, none twice');
	assert.equal(watched.stats.lists, 1);
	watched.stop();
});

test('a relist after a broken watch pages too, and drops only what its pages did not hold', async () => {
	const server = new PagingServer(pods(6));
	const {informer: watched, changes} = informer(server, 4);
	watched.start();
	await sleep(0);
	await server.answer();
	await server.answer();
	assert.equal(watched.sync.state, 'synced');
	const before = changes();

	// The same pods, unchanged: a relist that brings nothing new does not redraw.
	watched.restart();
	await sleep(0);
	await server.answer();
	await server.answer();
	assert.equal(changes(), before, 'no redraw for an unchanged relist');

	server.items = server.items.slice(1);
	watched.restart();
	await sleep(0);
	await server.answer();
	assert.equal(watched.objects.size, 6, 'nothing is dropped before the last page');
	await server.answer();
	assert.equal(watched.objects.size, 5);
	assert.equal(changes(), before + 1);
	watched.stop();
});

test('by default the first page is followed by one request for all the rest', async () => {
	const server = new PagingServer(pods(10));
	const {informer: watched} = informer(server, 3, 'rest');
	watched.start();
	await sleep(0);
	await server.answer();
	assert.equal(watched.objects.size, 3);
	assert.deepEqual(server.requests[1], {path: '/api/v1/pods?continue=3', limit: undefined, continue: '3'});
	await server.answer();
	assert.equal(watched.objects.size, 10);
	assert.equal(watched.sync.state, 'synced');
	assert.equal(watched.stats.pages, 2);
	watched.stop();
});

test('without a page size the collection is one LIST, as before', async () => {
	const server = new PagingServer(pods(7));
	const {informer: watched} = informer(server, 0);
	watched.start();
	await sleep(0);
	assert.deepEqual(server.requests[0], {path: '/api/v1/pods', limit: undefined, continue: undefined});
	await server.answer();
	assert.equal(watched.objects.size, 7);
	assert.equal(watched.sync.state, 'synced');
	watched.stop();
});
