// The informer in the Table form, with a scripted client replaying a Table
// LIST and a Table watch captured from the sandbox (configmaps in default:
// a ConfigMap created, labelled, deleted, then bookmarks).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {test} from 'node:test';
import type {KubeClient, ListOptions, WatchHandlers} from '../../source/kube/client.js';
import {ApiError} from '../../source/kube/errors.js';
import {Informer, tableAccept} from '../../source/kube/informer.js';
import type {TableRow} from '../../source/model/table.js';

const fixtures = new URL('../../../test/fixtures/tables/', import.meta.url);
const table = JSON.parse(fs.readFileSync(new URL('configmaps.json', fixtures), 'utf8'));
const defaultTable = {...table, rows: table.rows.filter((row: any) => row.object.metadata.namespace === 'default')};
const watchEvents = fs
	.readFileSync(new URL('configmaps-watch.jsonl', fixtures), 'utf8')
	.trim()
	.split('\n')
	.map(line => JSON.parse(line) as {type: string; object: any});

type ListAnswer = {table: any} | {error: ApiError};

class ScriptedClient {
	readonly lists: Array<{path: string; options: ListOptions}> = [];
	readonly watches: Array<{path: string; handlers: WatchHandlers}> = [];
	constructor(private readonly answers: ListAnswer[]) {}

	async list(path: string, options: ListOptions): Promise<{resourceVersion: string; head?: Record<string, unknown>}> {
		this.lists.push({path, options});
		const answer = this.answers.shift() ?? {table: defaultTable};
		if ('error' in answer) throw answer.error;
		const {rows, ...head} = answer.table;
		options.onItems(rows, false);
		return {resourceVersion: head.metadata.resourceVersion, head};
	}

	async watch(path: string, handlers: WatchHandlers): Promise<() => void> {
		this.watches.push({path, handlers});
		return () => {};
	}

	get watch0(): WatchHandlers {
		const last = this.watches.at(-1);
		assert.ok(last, 'a watch is open');
		return last.handlers;
	}
}

function informerWith(client: ScriptedClient, options: {watch?: boolean} = {}): {informer: Informer; changes: () => number} {
	let changes = 0;
	const informer = new Informer(client as unknown as KubeClient, {
		collectionPath: namespace => (namespace ? `/api/v1/namespaces/${namespace}/configmaps` : '/api/v1/configmaps'),
		namespace: 'default',
		table: true,
		watch: options.watch,
		onChange: () => changes++,
		backoff: {initialMs: 1, maxMs: 1},
	});
	return {informer, changes: () => changes};
}

const settle = () => new Promise(resolve => setImmediate(resolve));
const names = (informer: Informer) => [...(informer.objects.values() as Iterable<TableRow>)].map(row => row.metadata.name).sort();

test('a Table LIST: the server columns, one row per object keyed by uid, then a Table watch from its resourceVersion', async () => {
	const client = new ScriptedClient([{table: defaultTable}]);
	const {informer} = informerWith(client);
	informer.start();
	await settle();
	assert.equal(client.lists[0]!.options.accept, tableAccept);
	assert.deepEqual(
		informer.columns.map(c => c.name),
		['Name', 'Data', 'Age'],
	);
	assert.deepEqual(names(informer), defaultTable.rows.map((row: any) => row.object.metadata.name).sort());
	const first = defaultTable.rows[0];
	assert.deepEqual((informer.objects.get(first.object.metadata.uid) as TableRow).cells, first.cells);
	assert.equal(informer.sync.state, 'synced');
	assert.equal(client.watches[0]!.handlers.accept, tableAccept);
	assert.match(client.watches[0]!.path, new RegExp(`resourceVersion=${defaultTable.metadata.resourceVersion}$`));
	informer.stop();
});

test('Table watch events: a row added, a label-only change stored without a redraw, the row deleted, bookmarks resume the watch', async () => {
	const client = new ScriptedClient([{table: defaultTable}]);
	const {informer, changes} = informerWith(client);
	informer.start();
	await settle();
	const [added, modified, deleted, bookmark] = watchEvents;
	const uid = added!.object.rows[0].object.metadata.uid;

	client.watch0.onEvent(added!, false);
	assert.ok(names(informer).includes('watched-one'));
	const afterAdd = changes();
	client.watch0.onEvent(modified!, false);
	assert.equal(changes(), afterAdd, 'only the label and the server AGE text changed');
	assert.equal((informer.objects.get(uid) as TableRow).metadata.resourceVersion, modified!.object.rows[0].object.metadata.resourceVersion);
	client.watch0.onEvent(deleted!, false);
	assert.ok(!names(informer).includes('watched-one'));
	assert.ok(changes() > afterAdd);

	client.watch0.onEvent(bookmark!, false);
	client.watch0.onEnd();
	await settle();
	assert.equal(client.lists.length, 1, 'a clean end resumes the watch, no relist');
	assert.match(client.watches.at(-1)!.path, new RegExp(`resourceVersion=${bookmark!.object.rows[0].object.metadata.resourceVersion}$`));
	informer.stop();
});

test('410 Gone in the stream relists; 404 says the server no longer serves the kind; 403 shows the server message', async () => {
	const message = 'configmaps is forbidden: User "lab-viewer" cannot list resource "configmaps" in API group "" in the namespace "kube-system"';
	const client = new ScriptedClient([{table: defaultTable}, {table: defaultTable}, {error: new ApiError('the server could not find the requested resource', 404, 'NotFound')}]);
	const {informer} = informerWith(client);
	informer.start();
	await settle();
	client.watch0.onEvent({type: 'ERROR', object: {kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'too old resource version: 1 (412)', reason: 'Expired', code: 410}}, false);
	await settle();
	assert.equal(client.lists.length, 2);
	assert.equal(informer.stats.expired, 1);
	assert.equal(informer.sync.state, 'synced');

	client.watch0.onEnd(new ApiError('the server could not find the requested resource', 404, 'NotFound'));
	await new Promise(resolve => setTimeout(resolve, 20));
	assert.equal(informer.sync.state, 'gone');
	assert.equal(informer.sync.message, 'the server no longer serves configmaps');
	assert.equal(informer.objects.size, 0);
	informer.stop();

	const refused = new ScriptedClient([{error: new ApiError(message, 403, 'Forbidden')}]);
	const {informer: viewer} = informerWith(refused);
	viewer.start();
	await settle();
	assert.deepEqual(viewer.sync, {state: 'forbidden', message, namespace: 'default'});
	viewer.stop();
});

test('a kind that cannot be watched is listed once and said not to be live', async () => {
	const client = new ScriptedClient([{table: defaultTable}]);
	const {informer} = informerWith(client, {watch: false});
	informer.start();
	await settle();
	assert.equal(client.watches.length, 0);
	assert.equal(informer.sync.state, 'synced');
	assert.equal(informer.sync.live, false);
	assert.ok(informer.objects.size > 0);
	informer.stop();
});
