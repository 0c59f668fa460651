// applySorted keeps the pod and event rows sorted as a snapshot's changes
// arrive: it must give what sorting everything again (stably) would.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import fc from 'fast-check';
import {applySorted} from '../../source/model/sorted.js';

interface Row {
	key: number;
	id: number;
}
const byKey = (a: Row, b: Row) => a.key - b.key;

test('applySorted equals a stable sort of what is left plus what came', () => {
	fc.assert(
		fc.property(fc.array(fc.integer({min: 0, max: 20}), {maxLength: 60}), fc.array(fc.integer({min: 0, max: 20}), {maxLength: 20}), fc.array(fc.nat(), {maxLength: 20}), (keys, addedKeys, removeAt) => {
			let id = 0;
			const rows = keys.map(key => ({key, id: id++})).sort(byKey);
			const removed = rows.length === 0 ? [] : removeAt.map(index => rows[index % rows.length]!);
			const added = addedKeys.map(key => ({key, id: id++}));
			const before = [...rows];
			const expected = [...rows.filter(row => !removed.includes(row)), ...added].sort(byKey);
			assert.deepEqual(applySorted(rows, removed, added, byKey), expected);
			assert.deepEqual(rows, before, 'the old array is left as it was (the last frame may still show it)');
		}),
		{numRuns: 2000},
	);
});

test('applySorted puts a changed row where its old one was, or moves it when its key changed', () => {
	fc.assert(
		fc.property(fc.uniqueArray(fc.integer({min: 0, max: 40}), {minLength: 1, maxLength: 40}), fc.array(fc.tuple(fc.nat(), fc.integer({min: -2, max: 42})), {maxLength: 6}), (keys, changes) => {
			let id = 0;
			const rows = keys.map(key => ({key, id: id++})).sort(byKey);
			// Each change replaces one row with a new object: the same key (churn) or another one.
			const removed = changes.map(([index]) => rows[index % rows.length]!);
			const added = changes.map(([index, key], i) => ({key: i % 2 === 0 ? rows[index % rows.length]!.key : key, id: id++}));
			const expected = [...rows.filter(row => !removed.includes(row)), ...added].sort(byKey);
			assert.deepEqual(applySorted(rows, removed, added, byKey), expected);
		}),
		{numRuns: 2000},
	);
});
