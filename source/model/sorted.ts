// Keeping a sorted array sorted as rows come and go, without sorting
// thousands of rows again: one merge of a snapshot's changes into one exactly
// sized new array. (A copy and then a splice per row, as before, allocated two
// large backing stores per snapshot for 30,000 event rows, straight into V8's
// old generation: about 600 KB of old garbage for each redraw, which a heap
// sampling profile of a churning session showed as the largest survivor.)

export type Compare<T> = (a: T, b: T) => number;

/** The first index whose row compares at or after `item` (with `after`: strictly after it). */
function bound<T>(rows: readonly T[], item: T, compare: Compare<T>, after: boolean): number {
	let low = 0;
	let high = rows.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		const order = compare(rows[middle]!, item);
		if (order < 0 || (after && order === 0)) low = middle + 1;
		else high = middle;
	}
	return low;
}

/** Where the row object sits in `rows`, or -1. */
function indexOfRow<T>(rows: readonly T[], row: T, compare: Compare<T>): number {
	for (let i = bound(rows, row, compare, false); i < rows.length && compare(rows[i]!, row) === 0; i++) if (rows[i] === row) return i;
	return -1;
}

/**
 * The usual change under churn: each added row takes the place of a removed
 * one and sorts right there. Then the new array is a copy (a builtin's, not a
 * loop) with those slots written, if every written row still sorts strictly
 * between its neighbours (after an equal left one); otherwise undefined.
 */
function replacedInPlace<T>(rows: readonly T[], removedAt: readonly number[], added: readonly T[], compare: Compare<T>): T[] | undefined {
	if (removedAt.length !== added.length) return undefined;
	const slots = new Set<number>();
	for (const at of removedAt) {
		if (at < 0 || slots.has(at)) return undefined;
		slots.add(at);
	}
	const next = rows.slice();
	for (let i = 0; i < removedAt.length; i++) next[removedAt[i]!] = added[i]!;
	for (const at of slots) {
		if (at > 0) {
			const order = compare(next[at - 1]!, next[at]!);
			if (order > 0 || (order === 0 && slots.has(at - 1))) return undefined;
		}
		if (at + 1 < next.length && compare(next[at]!, next[at + 1]!) >= 0) return undefined;
	}
	return next;
}

/**
 * A new sorted array: rows without the `removed` row objects, with `added`
 * merged in, each after any rows it compares equal to and equal added rows
 * in the order given. `rows` is left as it was.
 * Each change is found by binary search, so a frame at 50,000 pods compares
 * a few dozen rows, not every row (which was 5 ms a frame under churn), and
 * the rest is a plain copy.
 */
export function applySorted<T>(rows: readonly T[], removed: readonly T[], added: readonly T[], compare: Compare<T>): T[] {
	// Each removed row is looked up once, for either path.
	const removedAt = removed.map(row => indexOfRow(rows, row, compare));
	const inPlace = replacedInPlace(rows, removedAt, added, compare);
	if (inPlace) return inPlace;
	const cuts = removedAt.filter(at => at >= 0).sort((a, b) => a - b);
	// Array.prototype.sort is stable: equal added rows keep their order.
	const incoming = [...added].sort(compare);
	const next: T[] = new Array(rows.length + incoming.length);
	let size = 0;
	let from = 0;
	let cut = 0;
	const copyUntil = (end: number) => {
		for (; from < end; from++) {
			if (cuts[cut] === from) {
				while (cuts[cut] === from) cut++;
				continue;
			}
			next[size++] = rows[from]!;
		}
	};
	for (const row of incoming) {
		copyUntil(bound(rows, row, compare, true));
		next[size++] = row;
	}
	copyUntil(rows.length);
	next.length = size;
	return next;
}
