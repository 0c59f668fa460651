// Pods and events read from protobuf (source/kube/protobuf/) must equal their
// JSON slimmed, key order included, however the bytes are split into network
// chunks. The fixtures are one sandbox's objects captured in both encodings at
// the same resourceVersion (scripts/capture-protobuf.mjs); the protobuf bytes
// keep managedFields, volumes, env and the rest the readers skip.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import fc from 'fast-check';
import {decodeEvent, decodePod} from '../../source/kube/protobuf/objects.js';
import {decodeBody, ProtobufListReader, ProtobufWatchReader, type ObjectDecoder} from '../../source/kube/protobuf/stream.js';
import {BoundedMap, Reader} from '../../source/kube/protobuf/wire.js';
import {slimEvent, slimPod} from '../../source/model/slim.js';

const fixture = (name: string) => fs.readFileSync(path.resolve(process.cwd(), 'test/fixtures/protobuf', name));
const jsonFixture = (name: string) => JSON.parse(fixture(name).toString());

/** Splits bytes at the given offsets, as the network would. */
function chunks(bytes: Buffer, cuts: number[]): Buffer[] {
	const out: Buffer[] = [];
	let from = 0;
	for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
		if (cut <= from || cut >= bytes.length) continue;
		out.push(bytes.subarray(from, cut));
		from = cut;
	}
	out.push(bytes.subarray(from));
	return out;
}

function readList(bytes: Buffer, decode: ObjectDecoder, cuts: number[]) {
	const items: any[] = [];
	const reader = new ProtobufListReader(decode, batch => items.push(...batch));
	for (const chunk of chunks(bytes, cuts)) reader.push(chunk);
	return {items, metadata: reader.end().metadata};
}

const lists = [
	{name: 'pods', decode: decodePod, slim: slimPod},
	{name: 'events', decode: decodeEvent, slim: slimEvent},
];

for (const {name, decode, slim} of lists) {
	const protobuf = fixture(`${name}.pb`);
	const json = jsonFixture(`${name}.json`);
	const expected = JSON.stringify(json.items.map(slim));

	test(`a protobuf list of ${name} reads as its JSON slimmed, in one chunk`, () => {
		const {items, metadata} = readList(protobuf, decode, []);
		assert.ok(items.length >= 20, `${name}: ${items.length}`);
		assert.equal(JSON.stringify(items), expected);
		assert.equal(metadata.resourceVersion, json.metadata.resourceVersion);
	});

	test(`a protobuf list of ${name} reads the same however the bytes are split`, () => {
		fc.assert(
			fc.property(fc.array(fc.integer({min: 1, max: protobuf.length - 1}), {maxLength: 40}), cuts => {
				assert.equal(JSON.stringify(readList(protobuf, decode, cuts).items), expected);
			}),
			{numRuns: 60},
		);
		// Byte by byte: every varint and every field is cut somewhere.
		const everyByte = Array.from({length: protobuf.length}, (_, index) => index);
		assert.equal(JSON.stringify(readList(protobuf, decode, everyByte).items), expected);
	});
}

test('the pods fixture covers what the readers distinguish', () => {
	const pods = readList(fixture('pods.pb'), decodePod, []).items;
	const statuses = pods.find(p => p.metadata.name === 'statuses');
	assert.equal(statuses.status.initContainerStatuses[0].state.terminated.exitCode, -1, 'a negative int32 (a 10-byte varint)');
	assert.equal(statuses.status.containerStatuses[0].state.terminated.signal, 9);
	assert.equal(statuses.spec.initContainers[1].restartPolicy, 'Always', 'a sidecar');
	assert.deepEqual(statuses.spec.resources, {limits: {cpu: '1', memory: '256Mi'}, requests: {cpu: '500m', memory: '128Mi'}}, 'pod-level resources');
	assert.ok(
		pods.some(p => p.metadata.deletionTimestamp),
		'a pod being deleted',
	);
	assert.ok(
		pods.some(p => p.status.conditions?.some((c: any) => c.reason === 'Unschedulable' && /Too many pods/.test(c.message))),
		'a Pending pod',
	);
	assert.ok(
		pods.some(p => p.status.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff'),
		'a failing image',
	);
	const events = readList(fixture('events.pb'), decodeEvent, []).items;
	const series = events.find(e => e.metadata.name === 'statuses.series');
	assert.match(series.eventTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.123456Z$/, 'MicroTime keeps microseconds');
	assert.equal(series.firstTimestamp, null, 'a zero Time is null, as in JSON');
});

test('a list cut short is an error, not a shorter list', () => {
	const protobuf = fixture('pods.pb');
	const reader = new ProtobufListReader(decodePod, () => {});
	reader.push(protobuf.subarray(0, protobuf.length - 100));
	assert.throws(() => reader.end(), /ended in the middle of its items/);
	const early = new ProtobufListReader(decodePod, () => {});
	early.push(protobuf.subarray(0, 3));
	assert.throws(() => early.end(), /ended before its items began/);
});

test('bytes that are not a Kubernetes protobuf message are refused', () => {
	const reader = new ProtobufListReader(decodePod, () => {});
	assert.throws(() => reader.push(Buffer.from('{"kind":"PodList","items":[]}')), /not a Kubernetes protobuf message/);
	assert.throws(() => decodeBody(Buffer.from('<html>bad gateway</html>')), /not a Kubernetes protobuf message/);
});

test('a protobuf watch reads the same events as the JSON watch, however it is split', () => {
	const protobuf = fixture('pod-watch.pb');
	const expected = JSON.stringify(
		fixture('pod-watch.jsonl')
			.toString()
			.split('\n')
			.filter(Boolean)
			.map(line => JSON.parse(line))
			.map(event => ({type: event.type, object: slimPod(event.object)})),
	);
	const read = (cuts: number[]) => {
		const events: unknown[] = [];
		const reader = new ProtobufWatchReader(decodePod, event => events.push(event));
		for (const chunk of chunks(protobuf, cuts)) reader.push(chunk);
		return JSON.stringify(events);
	};
	assert.ok(JSON.parse(expected).some((event: any) => event.type === 'DELETED'));
	assert.equal(read([]), expected);
	fc.assert(
		fc.property(fc.array(fc.integer({min: 1, max: protobuf.length - 1}), {maxLength: 20}), cuts => {
			assert.equal(read(cuts), expected);
		}),
		{numRuns: 60},
	);
	// A frame not complete yet is held back, not read half.
	const partial: unknown[] = [];
	new ProtobufWatchReader(decodePod, event => partial.push(event)).push(protobuf.subarray(0, 20));
	assert.equal(partial.length, 0);
});

test("an error answered in protobuf reads as the API server's Status", () => {
	assert.deepEqual(decodeBody(fixture('not-found.pb')), {kind: 'Status', status: 'Failure', message: 'pods "nope" not found', reason: 'NotFound', code: 404});
});

test("varints: multi-byte lengths, and int32 values sent as 10-byte two's complement", () => {
	// field 1 varint -1, field 2 varint 300
	const bytes = Buffer.from([0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x10, 0xac, 0x02]);
	const reader = new Reader(bytes, 0, bytes.length);
	assert.equal(reader.key(), 0x08);
	assert.equal(reader.int32(), -1);
	assert.equal(reader.key(), 0x10);
	assert.equal(reader.varint(), 300);
	assert.ok(reader.done);
	const cut = new Reader(bytes, 0, 5);
	cut.key();
	assert.throws(() => cut.int32(), /runs past the end/);
});

test('a bounded map of decoded values starts over when full, and an overwrite does not count as new', () => {
	const map = new BoundedMap<string, number>(2);
	map.set('a', 1).set('b', 2);
	map.set('b', 3);
	assert.deepEqual(
		[...map],
		[
			['a', 1],
			['b', 3],
		],
		'overwriting a key kept the rest',
	);
	map.set('c', 4);
	assert.deepEqual([...map], [['c', 4]], 'a third key started the map over');
});

/** Length-delimited strings back to back, as a message's fields would carry them. */
function lengthDelimited(texts: string[]): Buffer {
	return Buffer.concat(
		texts.map(text => {
			const bytes = Buffer.from(text, 'utf8');
			assert.ok(bytes.length < 128, 'one-byte lengths only');
			return Buffer.concat([Buffer.from([bytes.length]), bytes]);
		}),
	);
}

test('interned strings read exactly the bytes sent: repeats, near misses, UTF-8 and the empty string', () => {
	const texts = ['bench-3', 'bench-3', 'bench-30', 'Bench-3', 'True', 'true', '', 'héllo-wörld', 'héllo-wörld', '10m', '10M', 'bench-3'];
	const bytes = lengthDelimited(texts);
	const reader = new Reader(bytes, 0, bytes.length);
	assert.deepEqual(
		texts.map(() => reader.interned()),
		texts,
	);
	assert.ok(reader.done);
});

test('the interned vocabulary starts over when full and still reads every string right', () => {
	// More distinct strings than the vocabulary holds (8,192), then the first ones again.
	const texts = Array.from({length: 20_000}, (_, i) => `pod-${i.toString(36)}`);
	for (const round of [texts, texts.slice(0, 100)]) {
		const bytes = lengthDelimited(round);
		const reader = new Reader(bytes, 0, bytes.length);
		for (const text of round) assert.equal(reader.interned(), text);
	}
});
