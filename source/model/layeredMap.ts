// A snapshot map that shares its bulk with the snapshot before it: a frozen
// base map plus the entries changed since the base was taken (undefined for a
// removed key). Publishing a snapshot after a handful of watch events then
// costs a copy of the changes, not of 10,000 pods or 30,000 events, and
// changedKeys compares two such maps by their changes alone. The store takes a
// new base once the changes grow past a fraction of the map.

export class LayeredMap<V> implements ReadonlyMap<string, V> {
	constructor(
		readonly base: ReadonlyMap<string, V>,
		readonly changes: ReadonlyMap<string, V | undefined>,
		readonly size: number,
	) {}

	get(key: string): V | undefined {
		const changed = this.changes.get(key);
		if (changed !== undefined) return changed;
		if (this.changes.has(key)) return undefined;
		return this.base.get(key);
	}

	has(key: string): boolean {
		if (this.changes.has(key)) return this.changes.get(key) !== undefined;
		return this.base.has(key);
	}

	*entries(): MapIterator<[string, V]> {
		for (const entry of this.base) if (!this.changes.has(entry[0])) yield entry;
		for (const [key, value] of this.changes) if (value !== undefined) yield [key, value];
	}

	*keys(): MapIterator<string> {
		for (const [key] of this.entries()) yield key;
	}

	*values(): MapIterator<V> {
		for (const key of this.base.keys()) if (!this.changes.has(key)) yield this.base.get(key)!;
		for (const value of this.changes.values()) if (value !== undefined) yield value;
	}

	forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
		for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
	}

	[Symbol.iterator](): MapIterator<[string, V]> {
		return this.entries();
	}
}

/**
 * The next snapshot of a live map, given the last one published and the keys
 * changed in `live` since: shares the last one's base while the changes stay
 * small, else copies `live` whole.
 */
export function publish<V>(live: ReadonlyMap<string, V>, last: ReadonlyMap<string, V> | undefined, changed: ReadonlySet<string> | 'all', limits: {minSize?: number; minChanges?: number} = {}): ReadonlyMap<string, V> {
	// Small maps are cheaper to copy than to layer.
	const {minSize = 2048, minChanges = 512} = limits;
	if (live.size < minSize || changed === 'all' || !(last instanceof LayeredMap)) return fresh(live, minSize);
	if (last.changes.size + changed.size > Math.max(minChanges, live.size / 8)) return fresh(live, minSize);
	const changes = new Map(last.changes);
	for (const key of changed) changes.set(key, live.get(key));
	return new LayeredMap(last.base, changes, live.size);
}

function fresh<V>(live: ReadonlyMap<string, V>, minSize: number): ReadonlyMap<string, V> {
	const copy = new Map(live);
	return live.size < minSize ? copy : new LayeredMap(copy, new Map(), copy.size);
}
