// kubectl describe writes through Go's text/tabwriter (minwidth 0, tabwidth 8,
// padding 2, padchar ' ', no flags): a tab ends a cell, and the cells of one
// column are padded to the widest in their block of consecutive lines that
// have that column. This is that algorithm, so the columns land where
// kubectl puts them.

type Cell = {text: string; width: number};

const padding = 2;

/** Width as Go counts it: runes. */
function runes(text: string): number {
	let count = 0;
	for (const _ of text) count++;
	return count;
}

function cellsOf(line: string): Cell[] {
	return line.split('\t').map(text => ({text, width: runes(text)}));
}

/** Aligns `text` (lines of tab-terminated cells) as tabwriter.Flush does. */
export function tabAlign(text: string): string {
	const lines = text.split('\n');
	// A trailing newline leaves an empty last line that is not a line of its own.
	const ended = lines.at(-1) === '';
	if (ended) lines.pop();
	const table = lines.map(cellsOf);
	const out: string[] = [];
	const widths: number[] = [];

	const writeLines = (from: number, to: number) => {
		for (let index = from; index < to; index++) {
			const line = table[index]!;
			let written = '';
			for (const [column, cell] of line.entries()) {
				written += cell.text;
				if (column < widths.length && column < line.length - 1) written += ' '.repeat(Math.max(0, widths[column]! - cell.width));
			}
			out.push(written);
		}
	};

	const format = (line0: number, line1: number): void => {
		const column = widths.length;
		let start = line0;
		for (let current = line0; current < line1; current++) {
			if (column >= table[current]!.length - 1) continue;
			writeLines(start, current);
			start = current;
			let width = 0;
			for (; current < line1; current++) {
				const line = table[current]!;
				if (column >= line.length - 1) break;
				width = Math.max(width, line[column]!.width + padding);
			}
			widths.push(width);
			format(start, current);
			widths.pop();
			start = current;
			// The loop's increment would skip the line that ended the block.
			current--;
		}
		writeLines(start, line1);
	};

	format(0, table.length);
	return out.join('\n') + (ended ? '\n' : '');
}

/**
 * kubectl's PrefixWriter: each write is indented two spaces per level. Text
 * up to a flush is aligned on its own, as describe flushes before the events.
 */
export class DescribeWriter {
	private readonly done: string[] = [];
	private pending = '';

	write(level: number, text: string): void {
		this.pending += '  '.repeat(level) + text;
	}

	flush(): void {
		this.done.push(tabAlign(this.pending));
		this.pending = '';
	}

	toString(): string {
		this.flush();
		return this.done.join('');
	}
}
