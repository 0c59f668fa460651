// Snapshot maps that share their bulk (source/model/layeredMap.ts): whatever
// the sequence of sets and deletes, each published map reads exactly like a
// copy of the live map at that moment, and changedKeys between two of them is
// what a full comparison finds.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import fc from 'fast-check';
import {LayeredMap, publish} from '../../source/model/layeredMap.js';
import {changedKeys} from '../../source/model/mapDiff.js';

type Op = {kind: 'set'; key: string; value: number} | {kind: 'delete'; key: string} | {kind: 'publish'};

const key = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
const op: fc.Arbitrary<Op> = fc.oneof(fc.record({kind: fc.constant('set' as const), key, value: fc.nat({max: 3})}), fc.record({kind: fc.constant('delete' as const), key}), fc.constant({kind: 'publish' as const}));

function plainDiff(prev: ReadonlyMap<string, object>, next: ReadonlyMap<string, object>): string[] {
	const keys = new Set<string>();
	for (const [k, v] of next) if (prev.get(k) !== v) keys.add(k);
	for (const k of prev.keys()) if (!next.has(k)) keys.add(k);
	return [...keys].sort();
}

test('published maps read like copies, and changedKeys finds what a full comparison finds', () => {
	fc.assert(
		fc.property(fc.array(op, {maxLength: 60}), fc.nat({max: 6}), (ops, minChanges) => {
			const live = new Map<string, object>();
			// Values are objects, as in the store: identity says whether an entry changed.
			const values = [0, 1, 2, 3].map(n => ({n}));
			let dirty = new Set<string>();
			let last: ReadonlyMap<string, object> | undefined;
			let lastCopy = new Map<string, object>();
			for (const step of [...ops, {kind: 'publish'} as Op]) {
				if (step.kind === 'set') {
					live.set(step.key, step.value === 3 ? {n: 3} : values[step.value]!);
					dirty.add(step.key);
				} else if (step.kind === 'delete') {
					if (live.delete(step.key)) dirty.add(step.key);
				} else {
					const next = publish(live, last, last ? dirty : 'all', {minSize: 0, minChanges});
					dirty = new Set();
					const copy = new Map(live);
					assert.equal(next.size, copy.size);
					assert.deepEqual(new Map([...next]), copy);
					assert.deepEqual([...next.keys()].sort(), [...copy.keys()].sort());
					assert.deepEqual(new Set(next.values()), new Set(copy.values()));
					for (const k of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'z']) {
						assert.equal(next.get(k), copy.get(k));
						assert.equal(next.has(k), copy.has(k));
					}
					if (last) assert.deepEqual([...changedKeys(last, next)].sort(), plainDiff(lastCopy, copy));
					last = next;
					lastCopy = copy;
				}
			}
		}),
		{numRuns: 500},
	);
});

test('a few changes to a big map share its base; many changes take a new one', () => {
	const live = new Map(Array.from({length: 4000}, (_, i) => [`k${i}`, {i}]));
	const first = publish(live, undefined, 'all');
	assert.ok(first instanceof LayeredMap);
	live.set('k1', {i: -1});
	live.delete('k2');
	const second = publish(live, first, new Set(['k1', 'k2']));
	assert.ok(second instanceof LayeredMap && first instanceof LayeredMap);
	assert.equal(second.base, first.base);
	assert.equal(second.size, 3999);
	assert.deepEqual([...changedKeys(first, second)].sort(), ['k1', 'k2']);
	const many = new Set<string>();
	for (let i = 10; i < 1000; i++) {
		live.set(`k${i}`, {i});
		many.add(`k${i}`);
	}
	const third = publish(live, second, many);
	assert.ok(third instanceof LayeredMap);
	assert.notEqual(third.base, first.base);
	assert.equal(changedKeys(second, third).length, 990);
});

test('diffing snapshot after snapshot does not keep the old snapshots alive', async () => {
	// A WeakMap from each new map to {old map, keys} chained every snapshot to the one before.
	const v8 = await import('node:v8');
	const vm = await import('node:vm');
	v8.setFlagsFromString('--expose-gc');
	const gc = vm.runInNewContext('gc') as () => void;
	let previous: ReadonlyMap<string, object> = new Map([['a', {}]]);
	const first = new WeakRef(previous);
	for (let i = 0; i < 20; i++) {
		const next = new Map(previous);
		next.set('a', {i});
		changedKeys(previous, next);
		previous = next;
	}
	await new Promise(resolve => setImmediate(resolve));
	gc();
	assert.equal(first.deref(), undefined, 'the first snapshot map was collected');
});
