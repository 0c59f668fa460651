// patches/string-width+8.3.0 and patches/wrap-ansi++string-width+7.2.0: a
// string of only narrow characters (one grapheme and one column each: ASCII,
// Latin, box drawing, arrows, punctuation) is as wide as it is long, and the
// grapheme segmenter is made on first use. The class of narrow characters is a
// fixed list in the diff; here it is derived again from the original packages,
// one code point at a time, and the patched fast path must agree on every one.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import fc from 'fast-check';
import isFullwidthCodePoint from 'is-fullwidth-code-point';
import {load, patchFor, root, unpatched, wrapAnsiStringWidth} from './unpatched.js';

type StringWidth = (text: string, options?: {ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean}) => number;

const copies = ['node_modules/string-width', wrapAnsiStringWidth()];
const base = unpatched(copies);
const originals = await Promise.all(copies.map(async dir => (await load<{default: StringWidth}>(base, `${dir}/index.js`)).default));
const patched = await Promise.all(copies.map(async dir => (await load<{default: StringWidth}>(root, `${dir}/index.js`)).default));

/** The fast path's class, as the patch wrote it into each copy. */
function fastPath(dir: string): RegExp {
	const text = fs.readFileSync(path.join(root, dir, 'index.js'), 'utf8');
	const found = /if \(ambiguousIsNarrow && \/(\^\[[^\]]+\]\*\$)\/\.test\(string\)\)/.exec(text);
	assert.ok(found, `${dir} has the narrow fast path`);
	return new RegExp(found[1]!);
}

test('the narrow class is exactly what both original copies say is one grapheme and one column', () => {
	assert.equal(patchFor(copies[1]!).pkg, 'wrap-ansi/node_modules/string-width', 'the patch is for the copy wrap-ansi loads');
	// The derivation bundle-patches.mjs made at build time, now from the originals.
	const candidate = (code: number) => (code >= 0x20 && code < 0x300) || (code >= 0x2000 && code < 0x2c00);
	const narrow = (code: number) => {
		const text = String.fromCharCode(code);
		return candidate(code) && !/[\p{M}\p{Cf}\p{Cc}]/u.test(text) && originals.every(width => width(text) === 1) && !isFullwidthCodePoint(code);
	};
	for (const dir of copies) {
		const fast = fastPath(dir);
		for (let code = 0; code <= 0xffff; code++) {
			assert.equal(fast.test(String.fromCharCode(code)), narrow(code), `${dir}: U+${code.toString(16).padStart(4, '0')}`);
		}
	}
});

const piece = fc.oneof(
	fc.constantFrom('a', ' ', '…', '·', '→', '━', '┃', '漢', '한', '👍', '👍🏽', 'e\u0301', '\u200D', '\uFE0F', '\u00AD', '\u001B[31m', '\u001B[39m', '\t', '½', '§'),
	fc.integer({min: 0x20, max: 0x2fff}).map(code => String.fromCharCode(code)),
);

test('each patched copy measures any string as its original does', () => {
	fc.assert(
		fc.property(fc.array(piece, {maxLength: 30}), fc.boolean(), fc.boolean(), (pieces, ambiguousIsNarrow, countAnsiEscapeCodes) => {
			const text = pieces.join('');
			for (const [i, width] of patched.entries()) assert.equal(width(text, {ambiguousIsNarrow, countAnsiEscapeCodes}), originals[i]!(text, {ambiguousIsNarrow, countAnsiEscapeCodes}), copies[i]);
		}),
		{numRuns: 3000},
	);
});

test('a narrow string is measured without a grapheme segmenter; the segmenter is made on first use', async () => {
	const intl = Intl as {Segmenter: typeof Intl.Segmenter};
	const Segmenter = intl.Segmenter;
	let made = 0;
	intl.Segmenter = class extends Segmenter {
		constructor(...args: ConstructorParameters<typeof Intl.Segmenter>) {
			super(...args);
			made++;
		}
	};
	try {
		for (const dir of copies) {
			made = 0;
			const {default: width} = await load<{default: StringWidth}>(root, `${dir}/index.js`, '?fresh');
			const line = '┏━ Pods (all) · 1-40 of 10000 ━━┓ ↳ 0/3 nodes…';
			assert.equal(width(line), line.length);
			assert.equal(made, 0, `${dir}: loaded and measured a narrow line with no segmenter`);
			assert.equal(width('漢字'), 4);
			assert.equal(made, 1, `${dir}: a wide string takes the original path`);
		}
	} finally {
		intl.Segmenter = Segmenter;
	}
});
