// Fixed-width text for columns. Kubernetes names are ASCII, so a code point
// is a cell; wide characters only appear in messages, which are truncated.

const ellipsis = '…';

export function width(text: string): number {
	return [...text].length;
}

/** Truncate to `size` cells with an ellipsis; pad to exactly `size` unless pad is false. */
export function fit(text: string, size: number, {pad = true, align = 'left'}: {pad?: boolean; align?: 'left' | 'right'} = {}): string {
	if (size <= 0) {
		return '';
	}

	const chars = [...text];
	if (chars.length > size) {
		return size === 1 ? ellipsis : chars.slice(0, size - 1).join('') + ellipsis;
	}

	if (!pad) {
		return text;
	}

	const fill = ' '.repeat(size - chars.length);
	return align === 'right' ? fill + text : text + fill;
}

export interface Column<K extends string = string> {
	key: K;
	header: string;
	/** Preferred width; flex columns share what is left after the fixed ones. */
	width: number;
	/** Columns with a priority are dropped, lowest first, when the line is too narrow. */
	dropPriority?: number;
	flex?: boolean;
	align?: 'left' | 'right';
	/** Narrowest a flex column may get before columns are dropped. */
	min?: number;
	/** A shorter form for values that do not fit, tried before truncating. */
	shorten?: (text: string, size: number) => string;
}

export interface LaidOutColumn<K extends string = string> extends Column<K> {
	size: number;
}

/**
 * Widths for a table `total` cells wide, one space between columns. Columns
 * are dropped by dropPriority (lowest first, ties together) until every
 * column fits at its minimum; then flex columns grow, in order, to their
 * preferred width, and the last flex column takes whatever is left.
 */
export function layoutColumns<K extends string>(columns: ReadonlyArray<Column<K>>, total: number): Array<LaidOutColumn<K>> {
	const minimum = (column: Column<K>) => (column.flex ? (column.min ?? column.width) : column.width);
	const needed = (list: ReadonlyArray<Column<K>>) => list.reduce((sum, column) => sum + minimum(column), 0) + Math.max(0, list.length - 1);
	let kept = [...columns];
	while (needed(kept) > total) {
		const priorities = kept.flatMap(column => (column.dropPriority === undefined ? [] : [column.dropPriority]));
		if (priorities.length === 0) {
			break;
		}

		const lowest = Math.min(...priorities);
		kept = kept.filter(column => column.dropPriority !== lowest);
	}

	let spare = Math.max(0, total - needed(kept));
	const sizes = kept.map(column => minimum(column));
	const flexIndexes = kept.flatMap((column, index) => (column.flex ? [index] : []));
	for (const index of flexIndexes) {
		const column = kept[index]!;
		const grow = Math.min(spare, Math.max(0, column.width - sizes[index]!));
		sizes[index]! += grow;
		spare -= grow;
	}

	const last = flexIndexes.at(-1);
	if (last !== undefined) {
		sizes[last]! += spare;
	}

	return kept.map((column, index) => ({...column, size: sizes[index]!}));
}

/** Word-wrap to at most `maxLines` lines of `size` cells; the last line is truncated with an ellipsis. */
export function wrap(text: string, size: number, maxLines: number): string[] {
	if (size <= 0 || maxLines <= 0) {
		return [];
	}

	const words = text.split(/\s+/).filter(Boolean);
	const lines: string[] = [];
	let current = '';
	for (const [index, word] of words.entries()) {
		const candidate = current ? `${current} ${word}` : word;
		if (width(candidate) <= size) {
			current = candidate;
			continue;
		}

		// The last line takes the rest and is truncated with an ellipsis.
		if (lines.length === maxLines - 1) {
			current = [current, ...words.slice(index)].filter(Boolean).join(' ');
			break;
		}

		if (current) {
			lines.push(current);
		}

		current = word;
	}

	if (current) {
		lines.push(current);
	}

	return lines.slice(0, maxLines).map(line => fit(line, size, {pad: false}));
}

/** A node name that does not fit loses its DNS domain: "ip-192-168-12-34.us-east-2.compute.internal" → "ip-192-168-12-34". */
export function shortHost(name: string, size: number): string {
	if (width(name) <= size) {
		return name;
	}

	return name.split('.')[0] ?? name;
}

/** An image that does not fit loses its registry and path: "1234.dkr.ecr…/todoapi:1.0" → "todoapi:1.0". */
export function shortImage(image: string, size: number): string {
	if (width(image) <= size) {
		return image;
	}

	return image.split(',').map(one => one.slice(one.lastIndexOf('/') + 1)).join(',');
}
