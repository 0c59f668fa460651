// The LIST body is parsed while it arrives (source/kube/listStream.ts): for
// any split of the bytes into network chunks, the items and metadata must be
// exactly JSON.parse's.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {test} from 'node:test';
import fc from 'fast-check';
import {ListSplitter} from '../../source/kube/listStream.js';

function feed(body: string | Buffer, cuts: number[], whole = false): {items: unknown[]; metadata: unknown; parsedWhole?: unknown; batchesBeforeEnd: number} {
	const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
	const items: unknown[] = [];
	let batches = 0;
	const splitter = new ListSplitter(
		batch => {
			batches++;
			items.push(...batch);
		},
		{whole},
	);
	let from = 0;
	for (const cut of [...cuts].sort((a, b) => a - b)) {
		if (cut <= from || cut >= bytes.length) continue;
		splitter.push(bytes.subarray(from, cut));
		from = cut;
	}
	splitter.push(bytes.subarray(from));
	const batchesBeforeEnd = batches;
	const {metadata, parsedWhole} = splitter.end();
	return {items, metadata, parsedWhole, batchesBeforeEnd};
}

const tricky = {
	kind: 'PodList',
	apiVersion: 'v1',
	metadata: {resourceVersion: '12345', continue: ''},
	items: [
		{metadata: {name: 'a', annotations: {'x}': '{"json": [1, 2]}', q: 'say "hi" \\ there\\'}}, spec: {containers: [{name: 'c', args: ['[', ']', '{', '}']}]}},
		{metadata: {name: 'ü-ñ-日本-🚀'}, status: {message: 'ends with backslash \\\\'}},
		{metadata: {name: 'empty'}, spec: {}, status: {conditions: []}},
		{nested: [[[{}]], {a: [{b: {c: []}}]}]},
	],
};

test('items and metadata come out as JSON.parse gives them, whatever the chunk boundaries', () => {
	const body = JSON.stringify(tricky);
	const bytes = Buffer.from(body);
	for (let size = 1; size <= 64; size++) {
		const cuts = Array.from({length: Math.ceil(bytes.length / size)}, (_, i) => i * size);
		const {items, metadata} = feed(bytes, cuts);
		assert.deepEqual(items, tricky.items, `chunks of ${size} bytes`);
		assert.deepEqual(metadata, tricky.metadata);
	}
});

test('an empty list, a pretty-printed list, and a body that is not a list', () => {
	const empty = feed('{"kind":"PodList","metadata":{"resourceVersion":"7"},"items":[]}', [5, 30]);
	assert.deepEqual([empty.items, empty.metadata], [[], {resourceVersion: '7'}]);
	assert.deepEqual(feed(JSON.stringify(tricky, null, 2), [100, 200, 300]).items, tricky.items);
	const status = {kind: 'Status', status: 'Failure', message: 'pods is forbidden', code: 403};
	const result = feed(JSON.stringify(status), [10]);
	assert.deepEqual(result.items, []);
	assert.deepEqual(result.parsedWhole, status);
});

test('a body cut short is an error, not a shorter list', () => {
	const body = JSON.stringify(tricky);
	assert.throws(() => feed(body.slice(0, body.length - 20), [50]));
	assert.throws(() => feed('{"kind":"PodList","metadata":{},"items":[{"a":1},{"b"', []));
});

test('any items, any chunks', () => {
	const item = fc.dictionary(fc.string({unit: 'binary'}), fc.jsonValue({maxDepth: 3}), {maxKeys: 5});
	fc.assert(
		fc.property(fc.array(item, {maxLength: 6}), fc.string(), fc.array(fc.nat({max: 2000}), {maxLength: 12}), (items, resourceVersion, cuts) => {
			const list = {kind: 'List', apiVersion: 'v1', metadata: {resourceVersion}, items};
			const parsed = JSON.parse(JSON.stringify(list));
			const result = feed(JSON.stringify(list), cuts);
			assert.deepEqual(result.items, parsed.items);
			assert.deepEqual(result.metadata, parsed.metadata);
		}),
		{numRuns: 300},
	);
});

test('a small collection read whole gives the same items and metadata, all at the end', () => {
	const body = JSON.stringify(tricky);
	const cuts = Array.from({length: 40}, (_, i) => i * 7);
	const whole = feed(body, cuts, true);
	assert.equal(whole.batchesBeforeEnd, 0, 'nothing is handed over before the body ends');
	assert.deepEqual(whole.items, tricky.items);
	assert.deepEqual(whole.metadata, tricky.metadata);
	assert.deepEqual(whole.items, feed(body, cuts).items);
	assert.throws(() => feed('<html>proxy error</html>', [5], true));
});

test('a Table body (captured from the sandbox) splits on its rows, in any chunks, and keeps its columns as the head', () => {
	const expected = JSON.parse(fs.readFileSync(new URL('../../../test/fixtures/tables/pods.json', import.meta.url), 'utf8'));
	// Compact, as the API server writes it for clients other than curl.
	const body = Buffer.from(JSON.stringify(expected));
	const {rows, ...head} = expected;
	for (const whole of [false, true]) {
		fc.assert(
			fc.property(fc.array(fc.integer({min: 1, max: body.length - 1}), {maxLength: 12}), cuts => {
				const items: unknown[] = [];
				const splitter = new ListSplitter(batch => items.push(...batch), {whole, keys: ['items', 'rows']});
				let from = 0;
				for (const cut of [...cuts].sort((a, b) => a - b)) {
					if (cut <= from) continue;
					splitter.push(body.subarray(from, cut));
					from = cut;
				}
				splitter.push(body.subarray(from));
				const {metadata} = splitter.end();
				if (!whole) assert.ok(splitter.metadata, 'the head was read before the rows');
				assert.deepEqual(items, rows);
				assert.deepEqual(splitter.head, head);
				assert.deepEqual(metadata, expected.metadata);
			}),
			{numRuns: 30},
		);
	}
	// A server that answers a plain list to the same request: its items, under either key.
	const list = {kind: 'ConfigMapList', apiVersion: 'v1', metadata: {resourceVersion: '7'}, items: [{metadata: {name: 'a', annotations: {note: '"rows":['}}}]};
	const items: unknown[] = [];
	const splitter = new ListSplitter(batch => items.push(...batch), {keys: ['items', 'rows']});
	splitter.push(Buffer.from(JSON.stringify(list)));
	splitter.end();
	assert.deepEqual(items, list.items);
});
