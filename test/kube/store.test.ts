// The store's start-up order, with a scripted client: each LIST answers when
// the test says so, with real API objects from the fixtures.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {test} from 'node:test';
import {setTimeout as sleep} from 'node:timers/promises';
import type {KubeClient, ListOptions, WatchHandlers} from '../../source/kube/client.js';
import {ClusterStore, eventsAfterPodsMs} from '../../source/kube/store.js';

const fixture = (name: string) => JSON.parse(fs.readFileSync(new URL(`../../../test/fixtures/${name}`, import.meta.url), 'utf8')) as {items: any[]};

interface PendingList {
	path: string;
	options: ListOptions;
	answer(items: any[]): void;
	aborted(): boolean;
}

/** Lists wait for answer(); watches stay open, quiet until the test sends an event. */
class ScriptedClient {
	readonly lists: PendingList[] = [];

	list(path: string, options: ListOptions): Promise<{resourceVersion: string}> {
		return new Promise((resolve, reject) => {
			options.signal?.addEventListener('abort', () => reject(new Error('aborted')));
			this.lists.push({
				path,
				options,
				answer: items => {
					options.onItems(items, false);
					resolve({resourceVersion: '1'});
				},
				aborted: () => options.signal?.aborted === true,
			});
		});
	}

	readonly watches: Array<{path: string; handlers: WatchHandlers}> = [];

	async watch(path: string, handlers: WatchHandlers): Promise<() => void> {
		this.watches.push({path, handlers});
		return () => {};
	}

	pending(prefix: string): PendingList {
		const found = this.lists.find(list => list.path.startsWith(prefix));
		assert.ok(found, `a LIST of ${prefix} was sent`);
		return found;
	}
}

function storeWith(client: ScriptedClient, holdWhilePodsListMs?: number): {store: ClusterStore; notified: () => number} {
	const store = new ClusterStore(client as unknown as KubeClient, {namespace: 'default', holdWhilePodsListMs, health: false});
	let count = 0;
	store.subscribe(() => count++);
	return {store, notified: () => count};
}

test('nodes that list while the pods LIST streams are drawn with the pods, not in a frame of their own', async () => {
	const client = new ScriptedClient();
	const {store, notified} = storeWith(client);
	store.start();
	client.pending('/api/v1/nodes').answer(fixture('nodes.json').items);
	await sleep(50);
	assert.equal(notified(), 0, 'no redraw while the pods are still listing');

	client.pending('/api/v1/pods').answer(fixture('todoapi-pods.json').items);
	await sleep(0);
	assert.equal(notified(), 1, 'one redraw once the pods are in');
	const snapshot = store.getSnapshot();
	assert.equal(snapshot.objects.nodes.size, fixture('nodes.json').items.length);
	assert.equal(snapshot.objects.pods.size, fixture('todoapi-pods.json').items.length);
	assert.equal(snapshot.sync.nodes.state, 'synced');
	store.stop();
});

test('a pods LIST that takes longer than the hold does not keep the rest of the cluster off screen', async () => {
	const client = new ScriptedClient();
	const {store, notified} = storeWith(client, 100);
	store.start();
	client.pending('/api/v1/nodes').answer(fixture('nodes.json').items);
	await sleep(20);
	assert.equal(notified(), 0);
	await sleep(150);
	assert.equal(notified(), 1, 'the nodes are announced when the hold runs out');
	assert.equal(store.getSnapshot().sync.pods.state, 'connecting');
	store.stop();
});

test('stopping the store abandons a LIST still in flight', async () => {
	const client = new ScriptedClient();
	const {store} = storeWith(client);
	store.start();
	const pods = client.pending('/api/v1/pods');
	assert.equal(pods.aborted(), false);
	store.stop();
	assert.equal(pods.aborted(), true, 'an unanswered LIST must not keep the process alive after a failed start');
});

test('on a lab-sized cluster the events LIST goes out as soon as the pods have listed; on a big one it waits for their frame', async () => {
	const client = new ScriptedClient();
	const {store} = storeWith(client);
	store.start();
	assert.equal(
		client.lists.some(list => list.path.startsWith('/api/v1/events')),
		false,
		'not beside the pods LIST',
	);
	client.pending('/api/v1/pods').answer(fixture('todoapi-pods.json').items);
	await sleep(10);
	assert.ok(client.pending('/api/v1/events'), 'sent right after a small pods LIST');
	store.stop();
	assert.equal(eventsAfterPodsMs(10), 1);
	assert.equal(eventsAfterPodsMs(10_000), 500);
	assert.equal(eventsAfterPodsMs(50_000), 500);
});

test('the ReplicaSet changes the watch delivers are recorded with the time they were seen, and the snapshot holds the record', async () => {
	const recorded = JSON.parse(fs.readFileSync(new URL('../../../test/fixtures/captured/rollout-watch.json', import.meta.url), 'utf8')) as {replicaSetUpdates: Array<{type: string; object: any}>};
	const [listed, ...updates] = recorded.replicaSetUpdates;
	const client = new ScriptedClient();
	const {store} = storeWith(client);
	store.start();
	client.pending('/api/v1/pods').answer([]);
	client.pending('/apis/apps/v1/namespaces/default/replicasets').answer([listed!.object]);
	await sleep(0);
	const uid = listed!.object.metadata.ownerReferences[0].uid;
	assert.deepEqual(store.getSnapshot().rolloutLog?.get(uid)?.steps, [], 'the first LIST is where the record starts, not a step');
	const watch = client.watches.find(each => each.path.startsWith('/apis/apps/v1/namespaces/default/replicasets'))!;
	const before = Date.now();
	for (const update of updates.slice(0, 12)) watch.handlers.onEvent({type: update.type, object: structuredClone(update.object)}, false);
	const steps = store.getSnapshot().rolloutLog?.get(uid)?.steps ?? [];
	assert.deepEqual(
		steps.map(step => `${step.replicaSet.slice(-4)} ${step.from}→${step.to}`),
		['8558 3→5', '7bcd 0→2', '8558 5→4', '7bcd 2→3'],
	);
	assert.ok(
		steps.every(step => step.atMs >= before && step.atMs <= Date.now()),
		'seen now, by k8slab',
	);
	store.stop();
});
