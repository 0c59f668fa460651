// patches/ink+6.8.0: Output keeps its caches (tokenised lines, widths) from one
// frame to the next, shares its blank cells, skips the style diff between
// equal neighbours; text widths are cached across frames and Ink's measureText
// cache is bounded. Frames drawn by the patched Ink and by the original (the
// patch undone on a copy, with the original tokenizer) must be the same,
// frame after frame, however much the caches hold.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import fc from 'fast-check';
import React from 'react';
import {load, root, unpatched} from './unpatched.js';

interface Output {
	write(x: number, y: number, text: string, options: {transformers: unknown[]}): void;
	clip(clip: {x1?: number; x2?: number; y1?: number; y2?: number}): void;
	unclip(): void;
	get(): {output: string; height: number};
}
type OutputClass = new (options: {width: number; height: number}) => Output;
interface Ink {
	Box: React.FC<Record<string, unknown>>;
	Text: React.FC<Record<string, unknown>>;
	renderToString(node: React.ReactNode, options?: {columns?: number}): string;
}

const base = unpatched(['node_modules/ink', 'node_modules/@alcalzone/ansi-tokenize', 'node_modules/string-width']);
const originalOutput = (await load<{default: OutputClass}>(base, 'node_modules/ink/build/output.js')).default;
const patchedOutput = (await load<{default: OutputClass}>(root, 'node_modules/ink/build/output.js')).default;
const original = await load<Ink>(base, 'node_modules/ink/build/index.js');
const patched = await load<Ink>(root, 'node_modules/ink/build/index.js');

const piece = fc.constantFrom('a', 'Z', '0', ' ', '…', '·', '→', '━', '┃', '╭', '│', '✓', '漢', '👍', 'e\u0301', '\u001B[31m', '\u001B[39m', '\u001B[1;38;2;10;20;30m', '\u001B[48;5;236m', '\u001B[0m', '\u001B[22;49m');
const line = fc.array(piece, {maxLength: 30}).map(pieces => pieces.join(''));
const text = fc.array(line, {minLength: 1, maxLength: 3}).map(lines => lines.join('\n'));

type Op = {write: [number, number, number]} | {clip: [number, number]} | 'unclip';
const op: fc.Arbitrary<Op> = fc.oneof(
	{weight: 8, arbitrary: fc.tuple(fc.nat(40), fc.nat(12), fc.nat(7)).map(write => ({write}))},
	{weight: 1, arbitrary: fc.tuple(fc.nat(20), fc.nat(40)).map(clip => ({clip}))},
	{weight: 1, arbitrary: fc.constant('unclip' as const)},
);

function draw(Output: OutputClass, texts: string[], ops: Op[]): string {
	const output = new Output({width: 48, height: 14});
	let clipped = 0;
	for (const step of ops) {
		if (step === 'unclip') {
			if (clipped > 0) output.unclip();
			clipped = Math.max(0, clipped - 1);
		} else if ('clip' in step) {
			output.clip({x1: step.clip[0], x2: step.clip[0] + step.clip[1]});
			clipped++;
		} else {
			output.write(step.write[0], step.write[1], texts[step.write[2] % texts.length]!, {transformers: []});
		}
	}
	for (; clipped > 0; clipped--) output.unclip();
	return output.get().output;
}

test('the patched Output draws every frame of a session as the original does', () => {
	// A pool of lines that frames share, as a live view's frames do, so the caches are hit.
	fc.assert(
		fc.property(fc.array(text, {minLength: 1, maxLength: 8}), fc.array(fc.array(op, {maxLength: 12}), {minLength: 1, maxLength: 6}), (texts, frames) => {
			for (const ops of frames) assert.equal(draw(patchedOutput, texts, ops), draw(originalOutput, texts, ops));
		}),
		{numRuns: 400},
	);
});

function tree(ink: Ink, rows: Array<{text: string; wrap: string; bordered: boolean}>, width: number): React.ReactNode {
	const h = React.createElement;
	return h(
		ink.Box,
		{flexDirection: 'column', width},
		...rows.map((row, i) => (row.bordered ? h(ink.Box, {key: i, borderStyle: 'round', paddingX: 1}, h(ink.Text, {wrap: row.wrap}, row.text)) : h(ink.Text, {key: i, wrap: row.wrap}, row.text))),
	);
}

test('the patched Ink renders any tree of boxes and texts as the original does, again and again', () => {
	const row = fc.record({text: text.filter(t => !t.includes('\u001B')), wrap: fc.constantFrom('wrap', 'truncate', 'truncate-middle', 'truncate-start'), bordered: fc.boolean()});
	fc.assert(
		fc.property(fc.array(fc.array(row, {minLength: 1, maxLength: 5}), {minLength: 1, maxLength: 3}), fc.integer({min: 6, max: 60}), (frames, width) => {
			for (const rows of frames) {
				const expected = original.renderToString(tree(original, rows, width), {columns: 80});
				assert.equal(patched.renderToString(tree(patched, rows, width), {columns: 80}), expected);
				assert.equal(patched.renderToString(tree(patched, rows, width), {columns: 80}), expected, 'drawn again, from the caches');
			}
		}),
		{numRuns: 150},
	);
});
