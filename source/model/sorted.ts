// Keeping a sorted array sorted as single rows come and go: a binary search
// and a splice instead of sorting thousands of rows again.

export type Compare<T> = (a: T, b: T) => number;

/** Insert after any equal rows, where a stable sort of the appended row would put it. */
export function insertSorted<T>(rows: T[], row: T, compare: Compare<T>): void {
	let lo = 0;
	let hi = rows.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (compare(rows[mid]!, row) <= 0) lo = mid + 1;
		else hi = mid;
	}
	rows.splice(lo, 0, row);
}

/** Remove this very row object; false when it is not there. */
export function removeSorted<T>(rows: T[], row: T, compare: Compare<T>): boolean {
	let lo = 0;
	let hi = rows.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (compare(rows[mid]!, row) < 0) lo = mid + 1;
		else hi = mid;
	}
	for (let i = lo; i < rows.length && compare(rows[i]!, row) === 0; i++) {
		if (rows[i] === row) {
			rows.splice(i, 1);
			return true;
		}
	}
	// Only reachable if the order was broken; find it the slow way rather than keep a stale row.
	const at = rows.indexOf(row);
	if (at < 0) return false;
	rows.splice(at, 1);
	return true;
}
