// Readline-style editing of a one-line field, as a pure function so that
// every prompt edits the same way and the behaviour is testable without Ink.
import type {Key} from 'ink';

export interface TextFieldState {
	value: string;
	/** Caret position, 0..value.length in UTF-16 units, always on a grapheme boundary. */
	cursor: number;
}

const segmenter = new Intl.Segmenter();

/** Where the grapheme before the caret starts: backspace and ← step over a whole emoji or accented letter. */
function previousBoundary(value: string, cursor: number): number {
	let start = 0;
	for (const {index} of segmenter.segment(value)) {
		if (index >= cursor) {
			break;
		}

		start = index;
	}

	return start;
}

function nextBoundary(value: string, cursor: number): number {
	for (const {index, segment} of segmenter.segment(value)) {
		if (index + segment.length > cursor) {
			return index + segment.length;
		}
	}

	return value.length;
}

export type EditResult =
	| {kind: 'edit'; field: TextFieldState}
	| {kind: 'submit'}
	| {kind: 'cancel'}
	/** A key the field does not use (tab, arrows up/down): the prompt may use it. */
	| {kind: 'ignored'};

export function textField(value = ''): TextFieldState {
	return {value, cursor: value.length};
}

function edit(value: string, cursor: number): EditResult {
	return {kind: 'edit', field: {value, cursor: Math.max(0, Math.min(cursor, value.length))}};
}

/** Start of the word before the caret, the way readline's unix-word-rubout finds it. */
function wordStart(value: string, cursor: number): number {
	let index = cursor;
	while (index > 0 && value[index - 1] === ' ') {
		index--;
	}

	while (index > 0 && value[index - 1] !== ' ') {
		index--;
	}

	return index;
}

export function editText(field: TextFieldState, input: string, key: Key): EditResult {
	const {value, cursor} = field;
	if (key.return) {
		return {kind: 'submit'};
	}

	if (key.escape) {
		return {kind: 'cancel'};
	}

	if (key.ctrl) {
		switch (input) {
			case 'u': {
				// The whole field, as the help says: a prefilled value is replaced, not split at the cursor.
				return edit('', 0);
			}

			case 'w': {
				const start = wordStart(value, cursor);
				return edit(value.slice(0, start) + value.slice(cursor), start);
			}

			case 'a': {
				return edit(value, 0);
			}

			case 'e': {
				return edit(value, value.length);
			}

			case 'h': {
				const start = previousBoundary(value, cursor);
				return edit(value.slice(0, start) + value.slice(cursor), start);
			}

			default: {
				return {kind: 'ignored'};
			}
		}
	}

	// Terminals send DEL (0x7f) for the Backspace key and Ink names that
	// "delete", so both erase backwards, as in most terminal line editors.
	if (key.backspace || key.delete) {
		if (cursor === 0) {
			return edit(value, cursor);
		}

		const start = previousBoundary(value, cursor);
		return edit(value.slice(0, start) + value.slice(cursor), start);
	}

	if (key.leftArrow) {
		return edit(value, previousBoundary(value, cursor));
	}

	if (key.rightArrow) {
		return edit(value, nextBoundary(value, cursor));
	}

	if (key.home) {
		return edit(value, 0);
	}

	if (key.end) {
		return edit(value, value.length);
	}

	if (key.tab || key.upArrow || key.downArrow || key.pageUp || key.pageDown || key.meta) {
		return {kind: 'ignored'};
	}

	// Pasted text arrives as one input; keep only the printable part of it.
	const text = input.replaceAll(/[\u0000-\u001F\u007F]/g, '');
	if (text === '') {
		return {kind: 'ignored'};
	}

	return edit(value.slice(0, cursor) + text + value.slice(cursor), cursor + text.length);
}
