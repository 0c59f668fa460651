// A container's log as the view keeps it: the last N lines in a ring, each
// made safe to draw once, when it arrives (control characters made visible,
// tabs expanded; the kube layer already cut a huge line), so a frame costs
// only the lines it shows, and memory stays bounded however fast it grows.
import type {RawLogLine} from '../../model/logs.js';
import {clean} from '../text.js';

/** Lines the view keeps (its title says so). */
export const defaultLogLines = 5000;

export interface LogLine {
	/** Position in the stream since the view opened (0 is the first line received): stable while older lines leave the ring. */
	seq: number;
	time: string;
	/** Safe to draw: no control characters, tabs expanded. */
	text: string;
	cutFrom?: number;
}

const tabStop = 8;

/** Tabs to the next stop of 8, then every control character made visible (␛ for ESC): the line cannot move the cursor or recolour the screen. */
export function drawable(text: string): string {
	let expanded = text;
	if (text.includes('\t')) {
		let column = 0;
		expanded = '';
		for (const character of text) {
			if (character === '\t') {
				const pad = tabStop - (column % tabStop);
				expanded += ' '.repeat(pad);
				column += pad;
			} else {
				expanded += character;
				column++;
			}
		}
	}
	return clean(expanded.endsWith('\r') ? expanded.slice(0, -1) : expanded);
}

/** The last `capacity` lines, in a fixed array: appending never copies, and memory stays bounded however fast the log grows. */
export class LogBuffer {
	private readonly slots: Array<LogLine | undefined>;
	/** Lines ever appended: the next line's seq. */
	private total = 0;
	/** Bumped on every change, for memoizing on it. */
	revision = 0;

	constructor(readonly capacity: number = defaultLogLines) {
		this.slots = new Array<LogLine | undefined>(Math.max(1, capacity));
	}

	append(lines: readonly RawLogLine[]): void {
		// A batch bigger than the ring: only its end survives, so only its end is cleaned.
		const start = Math.max(0, lines.length - this.slots.length);
		this.total += start;
		for (let index = start; index < lines.length; index++) {
			const line = lines[index]!;
			const seq = this.total++;
			this.slots[seq % this.slots.length] = {seq, time: line.time, text: drawable(line.text), cutFrom: line.cutFrom};
		}
		if (lines.length > 0) this.revision++;
	}

	clear(): void {
		this.total = 0;
		this.slots.fill(undefined);
		this.revision++;
	}

	/** The seq of the oldest line still kept. */
	get first(): number {
		return Math.max(0, this.total - this.slots.length);
	}

	/** One past the newest line's seq (= lines received so far). */
	get end(): number {
		return this.total;
	}

	get size(): number {
		return this.total - this.first;
	}

	/** The line with this seq, if still kept. */
	at(seq: number): LogLine | undefined {
		if (seq < this.first || seq >= this.total) return undefined;
		return this.slots[seq % this.slots.length];
	}

	/** The time of the newest line, to resume a broken stream from. */
	get lastTime(): string | undefined {
		return this.at(this.total - 1)?.time;
	}

	/**
	 * The nearest line at or after `from` (direction 1) or at or before it (-1)
	 * containing `needle`, ignoring case; undefined when none is kept.
	 */
	find(needle: string, from: number, direction: 1 | -1): number | undefined {
		const lower = needle.toLowerCase();
		if (!lower) return undefined;
		for (let seq = Math.min(Math.max(from, this.first), this.total - 1); seq >= this.first && seq < this.total; seq += direction) {
			if (this.at(seq)!.text.toLowerCase().includes(lower)) return seq;
		}
		return undefined;
	}
}
