// The FailedSchedulingIndex kept up to date event by event. Rebuilding it
// walks every event (10,000 of them in a busy cluster) whenever any event
// changes; here only the changed events are looked at, and the answer is
// which pods' latest scheduling event changed, so only their rows are redone.
import {changedKeys} from './mapDiff.js';
import {failedSchedulingKey, FailedSchedulingIndex, isNewer} from './pendingReason.js';
import type {Event} from './types.js';

interface Touched {
	// The latest event of this key left or changed: look through the whole group again.
	rescan: boolean;
	added: Event[];
}

export class SchedulingTracker {
	/** Latest FailedScheduling event per key, as indexFailedScheduling builds it. Mutated in place. */
	readonly index = new FailedSchedulingIndex();
	// Every FailedScheduling event per key (by events-map key), to find the next latest when the latest goes.
	private readonly groups = new Map<string, Map<string, Event>>();
	private events: ReadonlyMap<string, Event> = new Map();

	/** Move to `next`; returns the keys (pod uid or namespace/name) whose latest event changed. */
	update(next: ReadonlyMap<string, Event>): Set<string> {
		const changed = new Set<string>();
		const touched = new Map<string, Touched>();
		const touch = (key: string): Touched => {
			let entry = touched.get(key);
			if (!entry) {
				entry = {rescan: false, added: []};
				touched.set(key, entry);
			}
			return entry;
		};
		const changedEvents = changedKeys(this.events, next);
		if (changedEvents.length > 256 && changedEvents.length > next.size / 4) return this.rebuild(next);
		for (const mapKey of changedEvents) {
			const old = this.events.get(mapKey);
			const oldKey = failedSchedulingKey(old);
			if (old && oldKey !== undefined) {
				const group = this.groups.get(oldKey);
				group?.delete(mapKey);
				if (group?.size === 0) this.groups.delete(oldKey);
				const entry = touch(oldKey);
				if (this.index.get(oldKey) === old) entry.rescan = true;
			}
			const event = next.get(mapKey);
			const key = failedSchedulingKey(event);
			if (event && key !== undefined) {
				let group = this.groups.get(key);
				if (!group) {
					group = new Map();
					this.groups.set(key, group);
				}
				group.set(mapKey, event);
				touch(key).added.push(event);
			}
		}
		this.events = next;
		for (const [key, {rescan, added}] of touched) {
			const before = this.index.get(key);
			let latest: Event | undefined;
			if (rescan) {
				for (const event of this.groups.get(key)?.values() ?? []) if (!latest || isNewer(event, latest)) latest = event;
			} else {
				latest = before;
				for (const event of added) if (!latest || isNewer(event, latest)) latest = event;
			}
			if (latest === before) continue;
			if (latest) this.index.set(key, latest);
			else this.index.delete(key);
			changed.add(key);
		}
		return changed;
	}

	// A relist or the first snapshot: one pass over every event, as indexFailedScheduling makes it.
	private rebuild(next: ReadonlyMap<string, Event>): Set<string> {
		const before = new Map(this.index);
		this.groups.clear();
		this.index.clear();
		for (const [mapKey, event] of next) {
			const key = failedSchedulingKey(event);
			if (key === undefined) continue;
			let group = this.groups.get(key);
			if (!group) {
				group = new Map();
				this.groups.set(key, group);
			}
			group.set(mapKey, event);
			const latest = this.index.get(key);
			if (!latest || isNewer(event, latest)) this.index.set(key, event);
		}
		this.events = next;
		const changed = new Set<string>();
		for (const [key, event] of before) if (this.index.get(key) !== event) changed.add(key);
		for (const key of this.index.keys()) if (!before.has(key)) changed.add(key);
		return changed;
	}
}
