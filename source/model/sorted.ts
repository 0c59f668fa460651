// Keeping a sorted array sorted as rows come and go, without sorting
// thousands of rows again: one merge of a snapshot's changes into one exactly
// sized new array. (A copy and then a splice per row, as before, allocated two
// large backing stores per snapshot for 30,000 event rows, straight into V8's
// old generation: about 600 KB of old garbage for each redraw, which a heap
// sampling profile of a churning session showed as the largest survivor.)

export type Compare<T> = (a: T, b: T) => number;

/**
 * A new sorted array: rows without the `removed` row objects, with `added`
 * merged in, each after any rows it compares equal to and equal added rows
 * in the order given. `rows` is left as it was.
 */
export function applySorted<T>(rows: readonly T[], removed: readonly T[], added: readonly T[], compare: Compare<T>): T[] {
	const gone = new Set(removed);
	// Array.prototype.sort is stable: equal added rows keep their order.
	const incoming = [...added].sort(compare);
	const next: T[] = new Array(rows.length + incoming.length);
	let size = 0;
	let a = 0;
	for (const row of rows) {
		if (gone.has(row)) continue;
		while (a < incoming.length && compare(row, incoming[a]!) > 0) next[size++] = incoming[a++]!;
		next[size++] = row;
	}
	while (a < incoming.length) next[size++] = incoming[a++]!;
	next.length = size;
	return next;
}
