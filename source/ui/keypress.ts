// Several keys in one stdin chunk (a paste, fast typing, `tmux send-keys C-u 5
// Enter`) reach useInput as one string: Ink splits escape sequences out but
// leaves "\u00155\r" whole. Splitting it back into the keypresses Ink would
// have reported one at a time makes a batched key act like a typed one.
import type {Key} from 'ink';

export interface Keypress {
	input: string;
	key: Key;
	/** A run of printable characters: a text field takes it as one insert, elsewhere it is one key per character. */
	text: boolean;
}

export const noKey: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

const controlCharacter = /[\u0000-\u001F\u007F]/;

/** What Ink's useInput reports for one control character arriving alone. */
export function controlKeypress(character: string): Keypress {
	const code = character.codePointAt(0) ?? 0;
	switch (code) {
		case 0x08: {
			return {input: '', key: {...noKey, backspace: true}, text: false};
		}

		case 0x09: {
			return {input: '', key: {...noKey, tab: true}, text: false};
		}

		// Ink names a lone LF "enter" but does not set key.return: only CR submits.
		case 0x0a: {
			return {input: '\n', key: noKey, text: false};
		}

		case 0x0d: {
			return {input: '\r', key: {...noKey, return: true}, text: false};
		}

		case 0x1b: {
			return {input: '', key: {...noKey, escape: true, meta: true}, text: false};
		}

		case 0x7f: {
			return {input: '', key: {...noKey, delete: true}, text: false};
		}

		default: {
			// 0x00-0x1a are Ctrl plus the letter 0x60 above; 0x1c-0x1f have no name.
			return code <= 0x1a ? {input: String.fromCodePoint(code + 0x60), key: {...noKey, ctrl: true}, text: false} : {input: character, key: noKey, text: false};
		}
	}
}

/** One printable character as Ink reports it typed alone (an upper-case letter carries shift). */
export function characterKeypress(character: string): Keypress {
	return {input: character, key: /^[A-Z]$/.test(character) ? {...noKey, shift: true} : noKey, text: false};
}

/** True when Ink reported the input as unparsed text: no named key, no modifier. */
function isPlainChunk(key: Key): boolean {
	return !(key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageDown || key.pageUp || key.home || key.end || key.return || key.escape || key.ctrl || key.tab || key.backspace || key.delete || key.meta);
}

/**
 * The keypresses in one useInput call: control characters each become their
 * own key, the printable text between them stays one run. A single key, an
 * escape sequence (Ink already cut those out) or Alt-x is returned as is.
 */
export function splitKeypresses(input: string, key: Key): Keypress[] {
	const characters = [...input];
	if (characters.length <= 1 || !isPlainChunk(key)) {
		return [{input, key, text: false}];
	}

	const presses: Keypress[] = [];
	let run = '';
	for (const character of characters) {
		if (controlCharacter.test(character)) {
			if (run) {
				presses.push({input: run, key: noKey, text: true});
				run = '';
			}

			presses.push(controlKeypress(character));
		} else {
			run += character;
		}
	}

	if (run) {
		presses.push({input: run, key: noKey, text: true});
	}

	return presses;
}
