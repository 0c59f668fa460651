// The bundle patches Ink's dependencies for speed (scripts/bundle-patches.mjs).
// Here a patch is applied to the installed original and both are run on the
// same input: the patched code must give the same answer, and take its fast
// path where it claims to.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {pathToFileURL} from 'node:url';
import fc from 'fast-check';

type Tokenize = (text: string, endChar?: number) => unknown[];
interface Patch {
	file: RegExp;
	replace: Array<[string, string]>;
	append: string[];
}

const root = process.cwd();
const original = path.join(root, 'node_modules/@alcalzone/ansi-tokenize/build/tokenize.js');

/** The patched module, written beside nothing it could disturb, its imports pointed back at the originals. */
async function patchedTokenize(): Promise<Tokenize> {
	const {patches, applyPatch} = (await import(pathToFileURL(path.join(root, 'scripts/bundle-patches.mjs')).href)) as {patches: Patch[]; applyPatch(patch: Patch, source: string, file: string): string};
	const patch = patches.find((candidate) => candidate.file.test(original));
	assert.ok(patch, 'scripts/bundle-patches.mjs patches ansi-tokenize/build/tokenize.js');
	const dir = path.dirname(original);
	const source = applyPatch(patch, fs.readFileSync(original, 'utf8'), original)
		.replace(/from "\.\/([^"]+)"/g, (_, file: string) => `from ${JSON.stringify(pathToFileURL(path.join(dir, file)).href)}`)
		.replace(/from "is-fullwidth-code-point"/, `from ${JSON.stringify(pathToFileURL(path.join(root, 'node_modules/is-fullwidth-code-point/index.js')).href)}`);
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-patch-')), 'tokenize.mjs');
	fs.writeFileSync(file, source);
	return ((await import(pathToFileURL(file).href)) as {tokenize: Tokenize}).tokenize;
}

// What Ink's lines are made of: the view's own text, and what a cluster can put in a name or message.
const piece = fc.constantFrom(
	'a', 'Z', '0', ' ', '/', '…', '·', '→', '↳', '●', '▇', '░', '━', '┃', '┏', '╭', '│', '─', '✓',
	'\u001B[31m', '\u001B[39m', '\u001B[1;38;2;10;20;30m', '\u001B[48;5;236m', '\u001B[m', '\u001B[0m', '\u001B[22;49m',
	'漢', '한', '👍', '👍🏽', 'e\u0301', '\u200D', '👩\u200D💻', '\uFE0F', '🇪🇺', '\u00AD',
	'\u001B]8;;https://example.com\u0007', '\u001B]8;;\u0007', '\u001B', '\u001B[', '\u001B[12', '\u009B', '\r\n', '\t',
);
const line = fc.array(piece, {maxLength: 40}).map((pieces) => pieces.join(''));

test("Ink's patched tokenizer gives the same tokens as the original, for any line", async () => {
	const {tokenize} = (await import(pathToFileURL(original).href)) as {tokenize: Tokenize};
	const patched = await patchedTokenize();
	fc.assert(
		fc.property(line, fc.option(fc.nat({max: 50}), {nil: undefined}), (text, endChar) => {
			assert.deepEqual(patched(text, endChar), tokenize(text, endChar));
		}),
		{numRuns: 2000},
	);
});

test('a line of narrow characters and colour codes is tokenised without a grapheme segmenter', async () => {
	const intl = Intl as {Segmenter: typeof Intl.Segmenter};
	const Segmenter = intl.Segmenter;
	let made = 0;
	// Counted from here on: the patched module makes its Segmenter on first use.
	intl.Segmenter = class extends Segmenter {
		constructor(...args: ConstructorParameters<typeof Intl.Segmenter>) {
			super(...args);
			made++;
		}
	};
	try {
		const patched = await patchedTokenize();
		patched('\u001B[1;36m┏━ Pods (all) 10000 · 1-40 of 10000 ━━┓\u001B[22;39m default  todoapi-69c6bc8558-7m8tr  1/1  Running  ↳ 0/3 nodes…');
		assert.equal(made, 0, 'the narrow line was walked by index');
		patched('pod/漢字-7m8tr');
		assert.equal(made, 1, 'a wide character takes the original path');
	} finally {
		intl.Segmenter = Segmenter;
	}
});
