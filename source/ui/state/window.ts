// Which rows of a long list are on screen. Only those are rendered, so the
// cost of a frame follows the pane height, not the cluster size.

export interface WindowRequest {
	count: number;
	selected: number;
	/** The first row shown last frame: scrolling stays put until the selection leaves the window. */
	offset: number;
	/** Lines available for rows. */
	capacity: number;
	/** Lines a row takes (a Pending pod takes two). Only called for rows near the window. */
	heightOf?: (index: number) => number;
}

export interface RowWindow {
	offset: number;
	/** One past the last row shown. */
	end: number;
}

export function clampIndex(index: number, count: number): number {
	return Math.max(0, Math.min(index, count - 1));
}

export function fitWindow({count, selected, offset, capacity, heightOf = () => 1}: WindowRequest): RowWindow {
	if (count === 0 || capacity <= 0) {
		return {offset: 0, end: 0};
	}

	const selectedIndex = clampIndex(selected, count);
	let start = Math.min(clampIndex(offset, count), selectedIndex);

	// Scroll down just enough for the selected row to fit at the bottom.
	let used = 0;
	let lowest = selectedIndex;
	for (let index = selectedIndex; index >= 0; index--) {
		used += heightOf(index);
		if (used > capacity) {
			break;
		}

		lowest = index;
	}

	start = Math.max(start, lowest);

	// When rows went away below, pull the window up instead of leaving blank lines.
	used = 0;
	let fullFrom = count - 1;
	for (let index = count - 1; index >= 0; index--) {
		used += heightOf(index);
		if (used > capacity) {
			break;
		}

		fullFrom = index;
	}

	start = Math.min(start, fullFrom);

	let end = start;
	used = 0;
	while (end < count) {
		const height = heightOf(end);
		if (used + height > capacity) {
			break;
		}

		used += height;
		end++;
	}

	// A row taller than the pane is not drawn at all rather than overflowing it.
	return {offset: start, end};
}

const keyIndexes = new WeakMap<readonly unknown[], Map<string, number>>();

/** Index of the row with this key; the map is built once per rows array (rows are memoized upstream). */
export function indexOfKey<T>(rows: readonly T[], keyOf: (row: T) => string, key: string): number {
	let index = keyIndexes.get(rows);
	if (!index) {
		index = new Map(rows.map((row, i) => [keyOf(row), i]));
		keyIndexes.set(rows, index);
	}

	return index.get(key) ?? -1;
}

/** Resolve a selection (by key, falling back to index) against the current rows. */
export function resolveSelection<T>(rows: readonly T[], keyOf: (row: T) => string, selection: {key?: string; index: number}): number {
	if (rows.length === 0) {
		return 0;
	}

	const atIndex = clampIndex(selection.index, rows.length);
	if (selection.key === undefined) {
		return atIndex;
	}

	const row = rows[atIndex];
	if (row !== undefined && keyOf(row) === selection.key) {
		return atIndex;
	}

	const found = indexOfKey(rows, keyOf, selection.key);
	return found >= 0 ? found : atIndex;
}
