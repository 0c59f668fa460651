// Text measured in terminal cells, the way Ink measures it (string-width):
// wide characters, emoji, combining marks and control characters.
import {noKey} from '../../source/ui/keypress.js';
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {Key} from 'ink';
import stringWidth from 'string-width';
import {editText, textField, type TextFieldState} from '../../source/ui/state/textField.js';
import {clean, cut, fit, oneCellPerUnit, printable, tail, width, wrap} from '../../source/ui/text.js';

test('every character on the fast path is one cell to string-width', () => {
	const wrong: string[] = [];
	for (let code = 0; code < 0x1_00_00; code++) {
		const character = String.fromCodePoint(code);
		if (oneCellPerUnit.test(character) && stringWidth(character) !== 1) {
			wrong.push(code.toString(16));
		}
	}

	assert.deepEqual(wrong, []);
	// The view's own symbols take it.
	assert.ok(oneCellPerUnit.test('╭─ ┏━ │┃ ▇░ ● ◌ ↳ … · ✔'.replace('✔', '')));
});

test('wide characters take two cells: fit truncates and pads by cells, never inside a grapheme', () => {
	assert.equal(width('日本語'), 6);
	assert.equal(fit('日本語', 6), '日本語');
	assert.equal(fit('日本語', 5), '日本…');
	assert.equal(fit('日本語', 4), '日… ', 'a wide character that does not fit leaves a cell, padded');
	assert.equal(fit('日本語', 4, {pad: false}), '日…');
	assert.equal(fit('日本', 7), '日本   ');
	assert.equal(fit('日本', 7, {align: 'right'}), '   日本');
	// Emoji sequences (ZWJ family, skin tone) are one grapheme of two cells.
	assert.equal(width('👩‍👩‍👧‍👦'), 2);
	assert.equal(fit('👩‍👩‍👧‍👦👍🏽x', 4), '👩‍👩‍👧‍👦… ');
	assert.equal(fit('👍🏽👍🏽', 3), '👍🏽…');
	// Combining marks stay with their letter.
	assert.equal(width('e\u0301\u0301x'), 2);
	assert.equal(fit('e\u0301\u0301xyz', 3), 'e\u0301\u0301x…');
	assert.equal(cut('日本語', 3), '日');
	assert.equal(tail('日本語', 5), '本語');
	for (const line of wrap('名前空間 日本語のポッド名前 長い名前', 9, 3)) {
		assert.ok(width(line) <= 9, line);
	}
});

test('control characters from the API are shown, never sent to the terminal; zero-width graphemes are dropped', () => {
	assert.equal(clean('a\tb\nc\r\nd'), 'a b c  d');
	assert.equal(clean('esc\u001B[2Jred'), 'esc␛[2Jred');
	assert.equal(clean('nul\u0000 del\u007F c1\u009B'), 'nul␀ del␡ c1�');
	assert.equal(clean('\u202Eevil\u202C'), '�evil�', 'bidi overrides cannot reorder the line');
	assert.equal(clean('tab\t').length, 'tab\t'.length, 'clean keeps the length (text field carets index into it)');
	assert.equal(fit('esc\u001B[31mred', 20, {pad: false}), 'esc␛[31mred');
	assert.equal(printable('\u200B\u200Bzero'), 'zero');
	assert.equal(printable('\u0301lone mark'), 'lone mark');
	assert.equal(printable('\uFEFFbom'), 'bom');
	assert.equal(fit('\u200Bab', 2), 'ab');
	assert.equal(width('\u200Bab'), 2);
});

function key(overrides: Partial<Key> = {}): Key {
	return {...noKey, ...overrides};
}

function type(field: TextFieldState, input: string, k: Partial<Key> = {}): TextFieldState {
	const result = editText(field, input, key(k));
	assert.equal(result.kind, 'edit');
	return result.kind === 'edit' ? result.field : field;
}

test('text fields edit whole graphemes: backspace and arrows step over an emoji or an accented letter', () => {
	let field = textField('a👍🏽e\u0301');
	field = type(field, '', {leftArrow: true});
	assert.equal(field.cursor, 'a👍🏽'.length, '← steps over e + combining mark');
	field = type(field, '', {backspace: true});
	assert.deepEqual(field, {value: 'ae\u0301', cursor: 1}, 'backspace removes the whole emoji with its skin tone');
	field = type(field, '', {rightArrow: true});
	assert.equal(field.cursor, 3);
	field = type(field, 'h', {ctrl: true});
	assert.deepEqual(field, {value: 'a', cursor: 1});
});
