// A watch resumed from a resourceVersion that etcd has compacted away gets a
// real 410 Gone from the API server; the informer relists and the store
// matches the cluster exactly: nothing duplicated, nothing left behind.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import https from 'node:https';
import {after, before, test} from 'node:test';
import {connect, resolveConfig, type Connection} from '../../source/kube/config.js';
import {AdminClient} from '../../source/sandbox/api.js';
import {ensurePki} from '../../source/sandbox/pki.js';
import {readState, startSandbox, type Sandbox} from '../../source/sandbox/sandbox.js';
import {apiserverEtcdClient, etcdPost, eventually} from './sandbox-harness.js';

let sandbox: Sandbox;
let api: AdminClient;
let connection: Connection;

/** etcd, reached as the API server reaches it: over mutual TLS. */
async function etcd(pathname: string, body: object): Promise<any> {
	const response = await etcdPost(readState(sandbox.dir)!.etcdServer!, sandbox.dir, pathname, body, apiserverEtcdClient(sandbox.dir));
	assert.equal(response.status, 200, JSON.stringify(response.body));
	return response.body;
}

const storePodUids = () => [...connection.store.getSnapshot().objects.pods.keys()].sort();
const apiPodUids = async () => (await api.list('/api/v1/pods')).map(p => p.metadata.uid as string).sort();

before(async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-e2e-'));
	// Without the watch cache, watches are served by etcd itself, so compaction expires them as it would behind a busy cache.
	sandbox = await startSandbox({dir, apiserverArgs: ['--watch-cache=false']});
	api = new AdminClient(sandbox.server, ensurePki(dir));
	// Short server-side watch timeouts make the informer resume from its resourceVersion every 2 s.
	connection = connect(resolveConfig({kubeconfig: sandbox.kubeconfigPath}), {watchTimeoutSeconds: 2});
	connection.store.start();
	await eventually('pods synced', async () => (connection.store.getSnapshot().sync.pods.state === 'synced' ? true : undefined));
});

after(async () => {
	connection?.store.stop();
	api?.close();
	await sandbox?.stop({remove: true});
});

test('410 Gone on resume leads to a relist with no ghost or duplicate pods', async () => {
	const pods = connection.store.informers.pods;
	const listsBefore = pods.stats.lists;
	// Move etcd past the informer's resourceVersion without touching pods, then compact everything older.
	for (let index = 0; index < 5; index++) {
		await api.create({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: `advance-${index}`, namespace: 'default'}, data: {index: String(index)}});
	}
	const {header} = await etcd('/v3/kv/range', {key: Buffer.from('/registry').toString('base64')});
	await etcd('/v3/kv/compaction', {revision: header.revision, physical: true});

	await eventually('an expired watch', async () => (pods.stats.expired > 0 ? true : undefined), 20_000);
	await eventually('the relist that follows', async () => (pods.stats.lists > listsBefore ? true : undefined), 10_000);

	// Still watching after the relist: a change shows up, and the store is exactly the cluster.
	await api.create({apiVersion: 'v1', kind: 'Pod', metadata: {name: 'after-expiry', namespace: 'default'}, spec: {containers: [{name: 'app', image: 'todoapi:1.0'}]}});
	await api.request('DELETE', '/api/v1/namespaces/default/pods/after-expiry?gracePeriodSeconds=0');
	const expected = await eventually('the store to equal the API', async () => {
		const uids = await apiPodUids();
		return JSON.stringify(uids) === JSON.stringify(storePodUids()) ? uids : undefined;
	});
	assert.equal(new Set(storePodUids()).size, expected.length, 'no duplicates');
	assert.ok(![...connection.store.getSnapshot().objects.pods.values()].some(p => p.metadata.name === 'after-expiry'), 'no ghost');
	assert.equal(connection.store.getSnapshot().sync.pods.state, 'synced');
});

test('an annotation patch on a pod is stored but does not redraw; a visible change does', async () => {
	// Its own connection with ordinary watch timeouts: the one above resumes every 2 s into a compacted etcd.
	const quiet = connect(resolveConfig({kubeconfig: sandbox.kubeconfigPath}));
	quiet.store.start();
	try {
		const pods = quiet.store.informers.pods;
		await eventually('pods synced', async () => (pods.sync.state === 'synced' ? true : undefined));
		const pod = (await api.list('/api/v1/namespaces/default/pods'))[0];
		const revision = pods.revision;
		const patched = await api.request('PATCH', `/api/v1/namespaces/default/pods/${pod.metadata.name}`, {metadata: {annotations: {'churn.k8slab.dev/tick': '1'}}}, 'application/merge-patch+json');
		// The store keeps slim pods (no annotations): the patched version is what shows it arrived.
		const version = patched.body.metadata.resourceVersion;
		await eventually('the patched pod stored', async () => (pods.objects.get(pod.metadata.uid)?.metadata.resourceVersion === version ? true : undefined));
		assert.equal(pods.revision, revision, 'no redraw for a change nobody can see');

		await api.request('DELETE', `/api/v1/namespaces/default/pods/${pod.metadata.name}`);
		await eventually('the deletion announced', async () => (pods.revision > revision ? true : undefined));
	} finally {
		quiet.store.stop();
	}
});

test('watches that end every second resume on the connections they had: no TLS handshake per resume', async () => {
	const watches: Array<{at: number; reused: boolean}> = [];
	const request = https.request;
	https.request = ((url: URL, ...rest: unknown[]) => {
		const sent = (request as (...args: unknown[]) => ReturnType<typeof https.request>)(url, ...rest);
		if (url instanceof URL && url.searchParams.get('watch') === '1') sent.once('socket', () => watches.push({at: Date.now(), reused: sent.reusedSocket}));
		return sent;
	}) as typeof https.request;
	const resuming = connect(resolveConfig({kubeconfig: sandbox.kubeconfigPath}), {watchTimeoutSeconds: 1});
	try {
		resuming.store.start();
		await eventually('every kind synced', async () => (Object.values(resuming.store.getSnapshot().sync).every(sync => sync.state === 'synced') ? true : undefined));
		const synced = Date.now();
		await new Promise(resolve => setTimeout(resolve, 4000));
		const resumed = watches.filter(watch => watch.at > synced + 500);
		assert.ok(resumed.length >= 8, `the watches resumed: ${resumed.length} requests`);
		// Each request used to bring an agent of its own, without keep-alive: a new TLS connection per resume.
		assert.deepEqual(
			resumed.filter(watch => !watch.reused),
			[],
			`${resumed.filter(watch => !watch.reused).length} of ${resumed.length} resumed watches opened a new connection`,
		);
	} finally {
		https.request = request;
		resuming.store.stop();
	}
});
