// The pods LIST in pages against the sandbox's real API server: the view shows
// the first page as soon as it lands ("N+ loading…"), then every pod once; and
// a continue token that etcd compacted away (a real 410) starts the LIST over.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import type {KubeClient} from '../../source/kube/client.js';
import {connect, resolveConfig} from '../../source/kube/config.js';
import {AdminClient} from '../../source/sandbox/api.js';
import {ensurePki} from '../../source/sandbox/pki.js';
import {readState, startSandbox, type Sandbox} from '../../source/sandbox/sandbox.js';
import {openView} from './app-harness.js';
import {apiserverEtcdClient, etcdPost, eventually} from './sandbox-harness.js';

let sandbox: Sandbox;
let api: AdminClient;

before(async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-e2e-'));
	// Without the watch cache the pages are read from etcd itself, so compacting etcd expires a continue token as it does on a busy cluster.
	sandbox = await startSandbox({dir, apiserverArgs: ['--watch-cache=false']});
	api = new AdminClient(sandbox.server, ensurePki(dir));
});

after(async () => {
	api?.close();
	await sandbox?.stop({remove: true});
});

/** Holds the first request for a page after the first one until released: the test looks at the screen in between. */
function holdSecondPage(client: KubeClient): {held: Promise<void>; release: () => void; paths: string[]} {
	const list = client.list.bind(client);
	const paths: string[] = [];
	let reached: () => void = () => {};
	let release: () => void = () => {};
	const held = new Promise<void>(resolve => (reached = resolve));
	const gate = new Promise<void>(resolve => (release = resolve));
	let holding = true;
	client.list = async (listPath, options) => {
		if (listPath.startsWith('/api/v1/pods')) paths.push(listPath);
		if (holding && listPath.startsWith('/api/v1/pods') && listPath.includes('continue=')) {
			holding = false;
			reached();
			await gate;
		}
		return list(listPath, options);
	};
	return {held, release: () => release(), paths};
}

/** The pods as the API server orders them (etcd's key order), and their uids. */
async function podsInServerOrder(): Promise<{names: string[]; uids: string[]}> {
	const pods = await api.list('/api/v1/pods');
	return {names: pods.map(pod => pod.metadata.name as string), uids: pods.map(pod => pod.metadata.uid as string).sort()};
}

test('with a page size of 3 the view shows the first page at once, counted "3+ loading…", then every pod once', async () => {
	let hold: ReturnType<typeof holdSecondPage> | undefined;
	let store: {getSnapshot(): {objects: {pods: ReadonlyMap<string, unknown>}}} | undefined;
	const live = openView(sandbox.kubeconfigPath, {
		pageSize: 3,
		nextPageSize: 3,
		beforeStart: connected => {
			hold = holdSecondPage(connected.client);
			store = connected.store;
		},
	});
	try {
		const {names, uids} = await podsInServerOrder();
		assert.ok(names.length > 6, `${names.length} pods in the sandbox: more than two pages`);
		await hold!.held;
		const partial = await live.onScreen('Pods (all) 3+ loading…');
		// The first page is the first screen of the final sort: the server's first three pods, in its order.
		const shown = names.filter(name => partial.includes(name));
		assert.deepEqual(shown, names.slice(0, 3), 'only the first page is on screen');
		assert.ok(partial.indexOf(names[0]!) < partial.indexOf(names[1]!) && partial.indexOf(names[1]!) < partial.indexOf(names[2]!));
		assert.match(hold!.paths[0]!, /[?&]limit=3(&|$)/);

		hold!.release();
		const full = await live.onScreen(`Pods (all) ${names.length} `);
		assert.ok(!full.includes('loading…'));
		assert.deepEqual([...store!.getSnapshot().objects.pods.keys()].sort(), uids, 'every pod, none twice');
		assert.equal(hold!.paths.length, Math.ceil(names.length / 3), 'one request per page');
		// The first rows did not move when the rest arrived.
		const rows = names.filter(name => full.includes(name));
		assert.deepEqual(rows.slice(0, 3), names.slice(0, 3));
	} finally {
		live.close();
	}
});

test('a continue token that etcd compacted away (410 Expired) starts the LIST over, and the store ends with every pod once', async () => {
	// The first page of 2, then the rest in one request, as by default.
	const connection = connect(resolveConfig({kubeconfig: sandbox.kubeconfigPath}), {pageSize: 2});
	const hold = holdSecondPage(connection.client);
	const pods = connection.store.informers.pods;
	connection.store.start();
	try {
		await hold.held;
		await eventually('the first page stored', async () => (pods.objects.size === 2 ? true : undefined));
		// Move etcd past the LIST's revision, then compact everything older: the token's revision is gone.
		await api.create({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'advance', namespace: 'default'}});
		const etcd = readState(sandbox.dir)!.etcdServer!;
		const range = await etcdPost(etcd, sandbox.dir, '/v3/kv/range', {key: Buffer.from('/registry').toString('base64')}, apiserverEtcdClient(sandbox.dir));
		const compacted = await etcdPost(etcd, sandbox.dir, '/v3/kv/compaction', {revision: range.body.header.revision, physical: true}, apiserverEtcdClient(sandbox.dir));
		assert.equal(compacted.status, 200, JSON.stringify(compacted.body));

		hold.release();
		await eventually('the pods synced', async () => (connection.store.getSnapshot().sync.pods.state === 'synced' ? true : undefined));
		assert.equal(pods.stats.expired, 1, 'the API server refused the old token with 410');
		// The relist began again from the first page, without a continue token.
		const restarts = hold.paths.filter((listPath, index) => index > 0 && !listPath.includes('continue='));
		assert.equal(restarts.length, 1);
		const {uids} = await podsInServerOrder();
		assert.deepEqual([...connection.store.getSnapshot().objects.pods.keys()].sort(), uids, 'every pod, none twice, none left over');
	} finally {
		connection.store.stop();
	}
});
