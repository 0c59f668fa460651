// Pods and events listed and watched in protobuf must be exactly what the JSON
// of the same objects gives once slimmed: same fields, same values, same
// absences. Both encodings are read from a real API server at the same
// resourceVersion, over pods and events in every shape object-variety makes.
// (A 410 read from a protobuf watch is expired-watch.test.ts's case: the store
// watches pods in protobuf.)
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import type {KubeClient} from '../../source/kube/client.js';
import {connect, resolveConfig} from '../../source/kube/config.js';
import {decodeEvent, decodePod} from '../../source/kube/protobuf/objects.js';
import type {ObjectDecoder} from '../../source/kube/protobuf/stream.js';
import {slimEvent, slimPod} from '../../source/model/slim.js';
import {createObjectVariety, releaseFinalized} from './object-variety.js';
import {eventually, testSandbox, type TestSandbox} from './sandbox-harness.js';

let sandbox: TestSandbox;
let client: KubeClient;
let startVersion: string;

interface Encoding {
	path: string;
	decode: ObjectDecoder;
	slim(object: any): any;
}

const pods: Encoding = {path: '/api/v1/pods', decode: decodePod, slim: slimPod};
const events: Encoding = {path: '/api/v1/events', decode: decodeEvent, slim: slimEvent};

async function listBoth(encoding: Encoding, resourceVersion: string): Promise<{json: any[]; protobuf: any[]; decoded: boolean[]}> {
	const path = `${encoding.path}?resourceVersion=${resourceVersion}&resourceVersionMatch=Exact`;
	const json: any[] = [];
	const protobuf: any[] = [];
	const decoded: boolean[] = [];
	await client.list(path, {onItems: items => json.push(...items.map(item => encoding.slim(item)))});
	await client.list(path, {
		protobuf: encoding.decode,
		onItems: (items, wasDecoded) => {
			decoded.push(wasDecoded);
			protobuf.push(...items);
		},
	});
	return {json, protobuf, decoded};
}

before(async () => {
	sandbox = await testSandbox();
	client = connect(resolveConfig({kubeconfig: sandbox.kubeconfigPath})).client;
	startVersion = (await client.request('GET', '/api/v1/pods?limit=1')).metadata.resourceVersion;
	await createObjectVariety(sandbox.api);
	// Pulling, backing off, Pending and Running pods all present at once.
	await eventually(
		'an ImagePullBackOff and a Pending pod',
		async () => {
			const all = await sandbox.api.list('/api/v1/namespaces/default/pods');
			const backOff = all.some(p => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff');
			const pending = all.some(p => p.status?.conditions?.some((c: any) => c.reason === 'Unschedulable'));
			if (backOff && pending) return true;
			// What was seen, for the timeout's message: a CI run under load once waited past a minute.
			const states = all.map(p => `${p.metadata.name}=${p.status?.phase}/${p.status?.containerStatuses?.[0]?.state?.waiting?.reason ?? p.status?.conditions?.find((c: any) => c.reason)?.reason ?? '-'}`);
			throw new Error(`ImagePullBackOff ${backOff}, Unschedulable ${pending}; pods ${states.join(' ')}`);
		},
		120_000,
	);
});

after(async () => {
	await sandbox?.close();
});

test('a protobuf LIST of pods reads each pod exactly as its JSON, slimmed', async () => {
	const resourceVersion = (await client.request('GET', '/api/v1/pods?limit=1')).metadata.resourceVersion;
	const {json, protobuf, decoded} = await listBoth(pods, resourceVersion);
	assert.ok(decoded.length > 0 && decoded.every(Boolean), 'the API server answered in protobuf');
	assert.ok(json.length >= 20, `pods listed: ${json.length}`);
	assert.deepStrictEqual(protobuf, json);
	// The same, key order included: the store compares statuses as JSON text.
	assert.equal(JSON.stringify(protobuf), JSON.stringify(json));
	const statuses = protobuf.find(p => p.metadata.name === 'statuses');
	assert.equal(statuses.status.initContainerStatuses[0].state.terminated.exitCode, -1, 'a negative int32');
	assert.equal(statuses.status.containerStatuses[0].state.terminated.signal, 9);
	assert.deepEqual(statuses.spec.resources, {limits: {cpu: '1', memory: '256Mi'}, requests: {cpu: '500m', memory: '128Mi'}});
	assert.ok(protobuf.find(p => p.metadata.name === 'finalized').metadata.deletionTimestamp, 'the deleted pod has its deletionTimestamp');
});

test('a protobuf LIST of events reads each event exactly as its JSON, slimmed', async () => {
	const resourceVersion = (await client.request('GET', '/api/v1/events?limit=1')).metadata.resourceVersion;
	const {json, protobuf, decoded} = await listBoth(events, resourceVersion);
	assert.ok(decoded.every(Boolean) && decoded.length > 0);
	assert.ok(json.length > 10, `events listed: ${json.length}`);
	assert.equal(JSON.stringify(protobuf), JSON.stringify(json));
	const series = protobuf.find(e => e.metadata.name === 'statuses.series');
	assert.match(series.eventTime, /\.123456Z$/, 'MicroTime keeps its microseconds');
	assert.equal(series.series.count, 4);
	assert.equal(series.firstTimestamp, null);
});

/** Collects a watch's events from a resourceVersion until `until` is seen. */
function collectWatch(encoding: Encoding, protobuf: boolean, from: string, until: (event: {type: string; object: any}) => boolean): Promise<{type: string; object: any}[]> {
	return new Promise((resolve, reject) => {
		const seen: {type: string; object: any}[] = [];
		let stop: (() => void) | undefined;
		const timer = setTimeout(() => {
			stop?.();
			reject(new Error(`watch (${protobuf ? 'protobuf' : 'JSON'}) did not see the last change; saw ${seen.length} events`));
		}, 60_000);
		void client
			.watch(`${encoding.path}?watch=1&resourceVersion=${from}`, {
				protobuf: protobuf ? encoding.decode : undefined,
				onEvent: (event, decoded) => {
					assert.equal(decoded, protobuf);
					const object = decoded ? event.object : encoding.slim(event.object);
					seen.push({type: event.type, object});
					if (until({type: event.type, object})) {
						clearTimeout(timer);
						stop?.();
						resolve(seen);
					}
				},
				onEnd: error => {
					clearTimeout(timer);
					reject(error ?? new Error('the watch ended'));
				},
			})
			.then(abort => {
				stop = abort;
			}, reject);
	});
}

test('a protobuf watch delivers the same events as the JSON one, from creation to deletion', async () => {
	const last = (event: {type: string; object: any}) => event.type === 'DELETED' && event.object.metadata?.name === 'finalized';
	const [json, protobuf] = [collectWatch(pods, false, startVersion, last), collectWatch(pods, true, startVersion, last)];
	await releaseFinalized(sandbox.api);
	const [jsonEvents, protobufEvents] = await Promise.all([json, protobuf]);
	assert.ok(jsonEvents.length > 30, `watch events: ${jsonEvents.length}`);
	assert.deepEqual(new Set(protobufEvents.map(e => e.type)), new Set(['ADDED', 'MODIFIED', 'DELETED']));
	assert.equal(JSON.stringify(protobufEvents), JSON.stringify(jsonEvents));
});
