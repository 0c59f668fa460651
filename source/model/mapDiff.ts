// What changed between two versions of a watched map. The store replaces a
// changed object and keeps unchanged ones, so object identity tells: a diff of
// two 10,000-entry maps is a fraction of a millisecond, against tens of
// milliseconds to derive every row again.
import {LayeredMap} from './layeredMap.js';

interface Remembered {
	prev: ReadonlyMap<string, unknown>;
	next: ReadonlyMap<string, unknown>;
	keys: string[];
}

// podRows, nodeRows and eventRows each diff the same pair of maps; the last
// few answers save the second and third pass. A short list, not a WeakMap
// keyed by the new map: its value holds the old map, itself a key whose value
// holds the one before, so a WeakMap kept every snapshot ever published alive.
const remembered: Remembered[] = [];
const remember = 4;

function recall(prev: ReadonlyMap<string, unknown>, next: ReadonlyMap<string, unknown>): string[] | undefined {
	for (const entry of remembered) if (entry.next === next && entry.prev === prev) return entry.keys;
	return undefined;
}

function memo(prev: ReadonlyMap<string, unknown>, next: ReadonlyMap<string, unknown>, keys: string[]): string[] {
	remembered.unshift({prev, next, keys});
	if (remembered.length > remember) remembered.pop();
	return keys;
}

/** Two layered snapshots on one base differ only where their changes do. */
function layeredChanges<T>(prev: LayeredMap<T>, next: LayeredMap<T>): string[] {
	const keys: string[] = [];
	for (const [key, value] of next.changes) if (prev.get(key) !== value) keys.push(key);
	for (const key of prev.changes.keys()) if (!next.changes.has(key) && prev.get(key) !== next.get(key)) keys.push(key);
	return keys;
}

/** Keys added, removed, or whose value is a different object in `next` than in `prev`. */
export function changedKeys<T>(prev: ReadonlyMap<string, T>, next: ReadonlyMap<string, T>): readonly string[] {
	if (prev === next) return [];
	const known = recall(prev, next);
	if (known) return known;
	if (prev instanceof LayeredMap && next instanceof LayeredMap && prev.base === next.base) {
		return memo(prev, next, layeredChanges(prev as LayeredMap<T>, next as LayeredMap<T>));
	}
	if (prev.size === 0) {
		return memo(prev, next, [...next.keys()]);
	}
	const keys: string[] = [];
	let added = 0;
	for (const [key, value] of next) {
		const old = prev.get(key);
		if (old === value && (old !== undefined || prev.has(key))) continue;
		keys.push(key);
		if (old === undefined && !prev.has(key)) added++;
	}
	// Every key of next not added was in prev; if that accounts for all of prev, nothing was removed.
	if (next.size - added < prev.size) {
		for (const key of prev.keys()) if (!next.has(key)) keys.push(key);
	}
	return memo(prev, next, keys);
}
