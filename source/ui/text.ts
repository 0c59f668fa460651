// Fixed-width text for columns, measured in terminal cells the way Ink
// measures it (string-width): a CJK character or an emoji takes two cells,
// a combining mark none. Truncation never splits a grapheme. Kubernetes
// names, and the view's own symbols, take a fast path of one cell per unit.
import stringWidth from 'string-width';

const ellipsis = '…';
const segmenter = new Intl.Segmenter();

/**
 * Text where every UTF-16 unit is one grapheme of one cell: printable ASCII,
 * Latin-1 letters, punctuation, arrows, box drawing, blocks and geometric
 * shapes (the borders, bars, ● ↳ … · of the view), and what clean() shows for a
 * control character (␛ ␀ �), so a log line full of escapes stays fast. A unit test checks each.
 */
export const oneCellPerUnit = /^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u00FF\u2010-\u2027\u2030-\u205E\u2190-\u21FF\u2400-\u2426\u2500-\u25FC\u25FF\uFFFD]*$/;

// Control characters would move the cursor, recolour or clear the screen, and
// bidi overrides reorder what follows on the line: text from the API (names,
// messages, change causes) must never reach the terminal with them.
const unsafe = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const unsafeAll = new RegExp(unsafe.source, 'g');

function visible(character: string): string {
	const code = character.codePointAt(0) ?? 0;
	if (code === 0x09 || code === 0x0a || code === 0x0b || code === 0x0c || code === 0x0d) {
		return ' ';
	}

	// Control Pictures show which control character it was (␛ for ESC, ␀ for NUL).
	if (code < 0x20) {
		return String.fromCodePoint(0x24_00 + code);
	}

	return code === 0x7f ? '␡' : '�';
}

/** The text with every control character made visible (tabs and line breaks become spaces); the length is unchanged. */
export function clean(text: string): string {
	return unsafe.test(text) ? text.replace(unsafeAll, visible) : text;
}

/**
 * The drawable start of `text` that fits in `limit` cells, walking graphemes
 * and stopping early, so a long name costs only what is shown. Graphemes that
 * take no cell on their own (a zero-width space, a combining mark with no
 * letter before it) are left out: Ink measures them as zero cells but gives
 * each a cell when it composes the line, which would push a pane's border out.
 * `within` is where the text stood when it still fitted in `limit - 1` cells.
 */
function walk(text: string, limit: number): {text: string; width: number; overflow: boolean; within: {text: string; width: number}} {
	let out = '';
	let used = 0;
	let within = {text: '', width: 0};
	for (const {segment} of segmenter.segment(text)) {
		const cells = stringWidth(segment);
		if (cells === 0) {
			continue;
		}

		if (used + cells > limit) {
			return {text: out, width: used, overflow: true, within};
		}

		out += segment;
		used += cells;
		if (used <= limit - 1) {
			within = {text: out, width: used};
		}
	}

	return {text: out, width: used, overflow: false, within};
}

/** What can be drawn: `clean`, without graphemes that take no cell on their own. */
export function printable(text: string): string {
	const safe = clean(text);
	return oneCellPerUnit.test(safe) ? safe : walk(safe, Number.POSITIVE_INFINITY).text;
}

/** Terminal cells the text takes once drawn. */
export function width(text: string): number {
	return oneCellPerUnit.test(text) ? text.length : walk(clean(text), Number.POSITIVE_INFINITY).width;
}

/** The longest end of `text` (whole graphemes, drawable ones only) that fits in `size` cells. */
export function tail(text: string, size: number): string {
	const safe = clean(text);
	if (oneCellPerUnit.test(safe)) {
		return safe.slice(Math.max(0, safe.length - Math.max(0, size)));
	}

	const graphemes = Array.from(segmenter.segment(safe), ({segment}) => segment);
	let out = '';
	let used = 0;
	for (let index = graphemes.length - 1; index >= 0; index--) {
		const cells = stringWidth(graphemes[index]!);
		if (cells === 0) {
			continue;
		}

		if (used + cells > size) {
			break;
		}

		used += cells;
		out = graphemes[index]! + out;
	}

	return out;
}

/** Cut to at most `size` cells, whole graphemes only, without an ellipsis. */
export function cut(text: string, size: number): string {
	const safe = clean(text);
	return oneCellPerUnit.test(safe) ? safe.slice(0, Math.max(0, size)) : walk(safe, Math.max(0, size)).text;
}

/** Truncate to `size` cells with an ellipsis; pad to exactly `size` unless pad is false. */
export function fit(text: string, size: number, {pad = true, align = 'left'}: {pad?: boolean; align?: 'left' | 'right'} = {}): string {
	if (size <= 0) {
		return '';
	}

	const safe = clean(text);
	let shown: string;
	let used: number;
	if (oneCellPerUnit.test(safe)) {
		shown = safe.length > size ? (size === 1 ? ellipsis : safe.slice(0, size - 1) + ellipsis) : safe;
		used = shown.length;
	} else {
		const walked = walk(safe, size);
		if (walked.overflow) {
			shown = walked.within.text + ellipsis;
			used = walked.within.width + 1;
		} else {
			shown = walked.text;
			used = walked.width;
		}
	}

	if (!pad || used >= size) {
		return shown;
	}

	const fill = ' '.repeat(size - used);
	return align === 'right' ? fill + shown : shown + fill;
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

	return image
		.split(',')
		.map(one => one.slice(one.lastIndexOf('/') + 1))
		.join(',');
}
