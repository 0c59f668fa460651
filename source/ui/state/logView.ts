// Which screen rows the logs view draws: only the lines that fit, walked from
// the newest one up while following, or down from the top line once the user
// scrolled. A long line is cut to the width, or wrapped onto as many rows as
// it needs when wrapping is on; either way only what shows is measured.
import stringWidth from 'string-width';
import type {LogBuffer} from './logBuffer.js';
import {cut, oneCellPerUnit} from '../text.js';

export interface LogRow {
	seq: number;
	/** Wrapped rows after a line's first. */
	continued: boolean;
	/** The time prefix (timestamps on, first row of a line only). */
	time: string;
	text: string;
}

export interface LogWindow {
	/** Undefined: the newest lines (following). */
	top?: number;
	height: number;
	width: number;
	wrap: boolean;
	timestamps: boolean;
}

const segmenter = new Intl.Segmenter();

/** A line's text as drawn after its time: a cut line says how long it was. */
export function lineText(line: {text: string; cutFrom?: number}): string {
	return line.cutFrom === undefined ? line.text : `${line.text} … [line of ${line.cutFrom.toLocaleString('en-US')} characters; only the first ${line.text.length.toLocaleString('en-US')} kept]`;
}

/** `text` in pieces of at most `size` cells, whole graphemes each; `limit` stops after that many pieces. */
export function wrapCells(text: string, size: number, limit = Number.POSITIVE_INFINITY): string[] {
	if (size <= 0) return [];
	if (oneCellPerUnit.test(text)) {
		const pieces: string[] = [];
		for (let start = 0; start < text.length && pieces.length < limit; start += size) pieces.push(text.slice(start, start + size));
		return pieces.length > 0 ? pieces : [''];
	}
	const pieces: string[] = [];
	let current = '';
	let used = 0;
	for (const {segment} of segmenter.segment(text)) {
		const cells = stringWidth(segment);
		if (cells === 0) continue;
		if (used + cells > size) {
			pieces.push(current);
			if (pieces.length >= limit) return pieces;
			current = '';
			used = 0;
		}
		current += segment;
		used += cells;
	}
	pieces.push(current);
	return pieces;
}

function rowsOf(buffer: LogBuffer, seq: number, window: LogWindow, limit?: number): LogRow[] {
	const line = buffer.at(seq);
	if (!line) return [];
	const time = window.timestamps && line.time ? `${line.time} ` : '';
	const room = Math.max(1, window.width - time.length);
	const text = lineText(line);
	if (!window.wrap) return [{seq, continued: false, time, text: cut(text, room)}];
	// Continuation rows start under the text, not under the time.
	return wrapCells(text, room, limit).map((piece, index) => ({seq, continued: index > 0, time: index === 0 ? time : ' '.repeat(time.length), text: piece}));
}

/** The rows on screen, top to bottom: at most `height`. */
export function logRows(buffer: LogBuffer, window: LogWindow): LogRow[] {
	const {height} = window;
	if (height <= 0 || buffer.size === 0) return [];
	if (window.top === undefined) {
		const rows: LogRow[] = [];
		for (let seq = buffer.end - 1; seq >= buffer.first && rows.length < height; seq--) rows.unshift(...rowsOf(buffer, seq, window));
		return rows.slice(-height);
	}
	const rows: LogRow[] = [];
	for (let seq = Math.max(window.top, buffer.first); seq < buffer.end && rows.length < height; seq++) rows.push(...rowsOf(buffer, seq, window, height - rows.length));
	return rows.slice(0, height);
}

/** The top line while following: where scrolling up starts from. */
export function followTop(buffer: LogBuffer, window: LogWindow): number {
	return logRows(buffer, window)[0]?.seq ?? buffer.first;
}

/**
 * Scrolls by `lines` log lines from the top line shown. Undefined: back to
 * following, when the move reaches the newest lines (scrolling down to the end
 * follows again, as G does).
 */
export function scrolled(buffer: LogBuffer, window: LogWindow, lines: number): number | undefined {
	const from = window.top ?? followTop(buffer, window);
	const top = Math.max(buffer.first, from + lines);
	if (lines > 0 && top > followTop(buffer, {...window, top: undefined})) return undefined;
	if (lines > 0 && window.top === undefined) return undefined;
	return top;
}
