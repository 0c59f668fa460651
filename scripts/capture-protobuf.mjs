#!/usr/bin/env node
// Captures pods and events from a sandbox in both encodings, at one
// resourceVersion, for test/kube/protobuf.test.ts: a LIST of each, a pod watch
// over a few changes, and a 404 Status, as protobuf bytes and as JSON.
// Run after `npm run build`: node scripts/capture-protobuf.mjs
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {AdminClient} from '../dist/source/sandbox/api.js';
import {clientCertPaths, ensurePki} from '../dist/source/sandbox/pki.js';
import {startSandbox} from '../dist/source/sandbox/sandbox.js';
import {createObjectVariety, releaseFinalized} from '../dist/test/e2e/object-variety.js';

const out = path.resolve('test/fixtures/protobuf');
fs.mkdirSync(out, {recursive: true});
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-capture-'));
const sandbox = await startSandbox({dir, progress: (line, final) => final && console.error(line)});
const pki = ensurePki(dir);
const api = new AdminClient(sandbox.server, pki);
const {cert, key} = clientCertPaths(pki, 'admin');
const agent = new https.Agent({ca: fs.readFileSync(pki.caCert), cert: fs.readFileSync(cert), key: fs.readFileSync(key)});
const protobuf = 'application/vnd.kubernetes.protobuf';

/** The raw body of a GET, in the encoding asked for. */
function get(pathname, accept) {
	return new Promise((resolve, reject) => {
		https
			.get(new URL(pathname, sandbox.server), {agent, headers: {accept}}, response => {
				const chunks = [];
				response.on('data', chunk => chunks.push(chunk));
				response.on('end', () => resolve(Buffer.concat(chunks)));
				response.on('error', reject);
			})
			.on('error', reject);
	});
}

/** JSON with managedFields dropped (the slim readers drop them; the protobuf bytes keep them, so skipping is exercised). */
function jsonWithoutManagedFields(bytes) {
	const strip = object => {
		if (object?.metadata?.managedFields) delete object.metadata.managedFields;
		return object;
	};
	const body = JSON.parse(bytes.toString());
	if (Array.isArray(body.items)) body.items.forEach(strip);
	return body;
}

const write = (name, data) => {
	fs.writeFileSync(path.join(out, name), data);
	console.error(`wrote ${name} (${data.length} bytes)`);
};

try {
	await createObjectVariety(api);
	for (let tries = 0; ; tries++) {
		const pods = await api.list('/api/v1/namespaces/default/pods');
		const backOff = pods.some(p => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff');
		const pending = pods.some(p => p.status?.conditions?.some(c => c.reason === 'Unschedulable'));
		if (backOff && pending) break;
		if (tries > 120) throw new Error('the variety did not settle');
		await sleep(500);
	}
	for (const [name, collection] of [
		['pods', '/api/v1/pods'],
		['events', '/api/v1/events'],
	]) {
		const {metadata} = JSON.parse((await get(`${collection}?limit=1`, 'application/json')).toString());
		const exact = `${collection}?resourceVersion=${metadata.resourceVersion}&resourceVersionMatch=Exact`;
		write(`${name}.pb`, await get(exact, protobuf));
		write(`${name}.json`, JSON.stringify(jsonWithoutManagedFields(await get(exact, 'application/json'))) + '\n');
	}
	// A watch over a few changes: a deletion held by a finalizer completes, a Deployment scales, and
	// the pod GC removes the pods bound to a node that does not exist (after its 40 s quarantine).
	const {metadata} = JSON.parse((await get('/api/v1/namespaces/default/pods?limit=1', 'application/json')).toString());
	const watch = `/api/v1/namespaces/default/pods?watch=1&timeoutSeconds=60&resourceVersion=${metadata.resourceVersion}`;
	const watches = Promise.all([get(watch, protobuf), get(watch, 'application/json')]);
	await sleep(500);
	await releaseFinalized(api);
	await api.request('PATCH', '/apis/apps/v1/namespaces/default/deployments/typo', {spec: {replicas: 2}}, 'application/merge-patch+json');
	const [watchProtobuf, watchJson] = await watches;
	write('pod-watch.pb', watchProtobuf);
	const lines = watchJson
		.toString()
		.split('\n')
		.filter(Boolean)
		.map(line => {
			const event = JSON.parse(line);
			delete event.object?.metadata?.managedFields;
			return JSON.stringify(event);
		});
	write('pod-watch.jsonl', lines.join('\n') + '\n');
	write('not-found.pb', await get('/api/v1/namespaces/default/pods/nope', protobuf));
} finally {
	api.close();
	agent.destroy();
	await sandbox.stop({remove: true});
}
