// patches/@alcalzone+ansi-tokenize: lines of narrow characters and colour codes
// are tokenised by index rather than by grapheme, and styled characters are
// shared. The patched package and the original (the patch undone on a copy)
// are run on the same inputs: the answers must be the same.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import fc from 'fast-check';
import {load, root, unpatched} from './unpatched.js';

type Tokenize = (text: string, endChar?: number) => unknown[];
interface AnsiTokenize {
	tokenize: Tokenize;
	styledCharsFromTokens(tokens: unknown[]): Array<{value: string; styles: unknown[]}>;
	styledCharsToString(chars: unknown[]): string;
}

const dir = 'node_modules/@alcalzone/ansi-tokenize';
const original = await load<AnsiTokenize>(unpatched([dir]), `${dir}/build/index.js`);
const patched = await load<AnsiTokenize>(root, `${dir}/build/index.js`);

// What Ink's lines are made of: the view's own text, and what a cluster can put in a name or message.
const piece = fc.constantFrom(
	'a', 'Z', '0', ' ', '/', '…', '·', '→', '↳', '●', '▇', '░', '━', '┃', '┏', '╭', '│', '─', '✓',
	'\u001B[31m', '\u001B[39m', '\u001B[1;38;2;10;20;30m', '\u001B[48;5;236m', '\u001B[m', '\u001B[0m', '\u001B[22;49m',
	'漢', '한', '👍', '👍🏽', 'e\u0301', '\u200D', '👩\u200D💻', '\uFE0F', '🇪🇺', '\u00AD',
	'\u001B]8;;https://example.com\u0007', '\u001B]8;;\u0007', '\u001B', '\u001B[', '\u001B[12', '\u009B', '\r\n', '\t',
);
const line = fc.array(piece, {maxLength: 40}).map(pieces => pieces.join(''));

test('the patched tokenizer gives the same tokens as the original, for any line', () => {
	fc.assert(
		fc.property(line, fc.option(fc.nat({max: 50}), {nil: undefined}), (text, endChar) => {
			assert.deepEqual(patched.tokenize(text, endChar), original.tokenize(text, endChar));
		}),
		{numRuns: 2000},
	);
});

test('shared styled characters are equal to the original fresh ones, and print the same', () => {
	fc.assert(
		fc.property(fc.array(line, {maxLength: 4}), lines => {
			for (const text of lines) {
				const chars = patched.styledCharsFromTokens(patched.tokenize(text));
				assert.deepEqual(chars, original.styledCharsFromTokens(original.tokenize(text)));
				assert.equal(patched.styledCharsToString(chars), original.styledCharsToString(original.styledCharsFromTokens(original.tokenize(text))));
			}
		}),
		{numRuns: 1000},
	);
});

test('a line of narrow characters and colour codes is tokenised without a grapheme segmenter', async () => {
	const intl = Intl as {Segmenter: typeof Intl.Segmenter};
	const Segmenter = intl.Segmenter;
	let made = 0;
	// Counted from here on: a fresh instance of the patched module makes its Segmenter on first use.
	intl.Segmenter = class extends Segmenter {
		constructor(...args: ConstructorParameters<typeof Intl.Segmenter>) {
			super(...args);
			made++;
		}
	};
	try {
		const {tokenize} = await load<AnsiTokenize>(root, `${dir}/build/tokenize.js`, '?fresh');
		tokenize('\u001B[1;36m┏━ Pods (all) 10000 · 1-40 of 10000 ━━┓\u001B[22;39m default  todoapi-69c6bc8558-7m8tr  1/1  Running  ↳ 0/3 nodes…');
		assert.equal(made, 0, 'the narrow line was walked by index');
		tokenize('pod/漢字-7m8tr');
		assert.equal(made, 1, 'a wide character takes the original path');
	} finally {
		intl.Segmenter = Segmenter;
	}
});
