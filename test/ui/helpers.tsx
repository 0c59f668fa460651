// Rendering the App in tests: ink-testing-library with a chosen terminal
// width (its fake stdout is fixed at 100 columns), and waiting for frames
// instead of sleeping.
import {stripVTControlCharacters} from 'node:util';
import chalk from 'chalk';
import stringWidth from 'string-width';
import {render} from 'ink-testing-library';
import type {ReactElement} from 'react';

// Under the test runner stdout is a pipe, so chalk would drop every style and
// the selection bar and focus colour would be invisible to the tests.
chalk.level = 3;

export const keys = {
	enter: '\r',
	escape: '\u001B',
	down: '\u001B[B',
	up: '\u001B[A',
	tab: '\t',
	shiftTab: '\u001B[Z',
	ctrlU: '\u0015',
	ctrlW: '\u0017',
	ctrlC: '\u0003',
	backspace: '\u007F',
	pageDown: '\u001B[6~',
} as const;

export type Rendered = ReturnType<typeof render> & {frame: () => string};

export function renderAt(tree: ReactElement, columns: number): Rendered {
	const instance = render(tree);
	// Ink reads stdout.columns at every layout; the fake's getter is fixed at 100.
	Object.defineProperty(instance.stdout, 'columns', {get: () => columns, configurable: true});
	instance.rerender(tree);
	return Object.assign(instance, {frame: () => stripVTControlCharacters(instance.lastFrame() ?? '')});
}

export async function waitFor(rendered: Rendered, predicate: (frame: string) => boolean, what = 'frame', timeoutMs = 2000): Promise<string> {
	const started = Date.now();
	for (;;) {
		const frame = rendered.frame();
		if (predicate(frame)) {
			return frame;
		}

		if (Date.now() - started > timeoutMs) {
			throw new Error(`timed out waiting for ${what}; last frame:\n${frame}`);
		}

		await new Promise(resolve => {
			setTimeout(resolve, 5);
		});
	}
}

/** Send a key and wait for the frame (styles included) to change, or for `until` to hold. */
export async function press(rendered: Rendered, input: string, until?: (frame: string) => boolean): Promise<string> {
	const before = rendered.lastFrame();
	rendered.stdin.write(input);
	return waitFor(rendered, until ?? (() => rendered.lastFrame() !== before), `frame after ${JSON.stringify(input)}`);
}

/** The plain text of the line(s) drawn with the selection background. */
export function selectedLines(rendered: Rendered, background: string): string[] {
	const [red, green, blue] = [1, 3, 5].map(index => Number.parseInt(background.slice(index, index + 2), 16));
	const marker = `\u001B[48;2;${red};${green};${blue}m`;
	return (rendered.lastFrame() ?? '')
		.split('\n')
		.filter(line => line.includes(marker))
		.map(line => stripVTControlCharacters(line));
}

/** Let Ink's input parser settle (a lone Esc is flushed on the next tick). */
export async function settle(): Promise<void> {
	await new Promise(resolve => {
		setTimeout(resolve, 20);
	});
}

export type Resizable = Rendered & {
	/** Change the fake terminal's size and emit 'resize', as a SIGWINCH does. */
	resize: (columns: number, rows: number) => void;
	/** Frames written since the last resize. */
	framesSinceResize: () => string[];
};

/** Render without a fixed size: the App follows the fake terminal's columns and rows. */
export function renderResizable(tree: ReactElement, columns: number, rows: number): Resizable {
	const instance = render(tree);
	let size = {columns, rows};
	Object.defineProperty(instance.stdout, 'columns', {get: () => size.columns, configurable: true});
	Object.defineProperty(instance.stdout, 'rows', {get: () => size.rows, configurable: true});
	// The first render read the fake's fixed 100 columns: tell the App the terminal has the chosen size.
	instance.stdout.emit('resize');
	let mark = instance.frames.length;
	return Object.assign(instance, {
		frame: () => stripVTControlCharacters(instance.lastFrame() ?? ''),
		resize(nextColumns: number, nextRows: number) {
			size = {columns: nextColumns, rows: nextRows};
			mark = instance.frames.length;
			instance.stdout.emit('resize');
		},
		framesSinceResize: () => instance.frames.slice(mark).map(frame => stripVTControlCharacters(frame)),
	});
}

/** Terminal cells a frame line takes, measured the way Ink measures text (string-width). */
export function cells(line: string): number {
	return stringWidth(line);
}

/** Lines and widest line of a plain frame. */
export function frameSize(frame: string): {lines: number; widest: number} {
	const lines = frame.split('\n');
	return {lines: lines.length, widest: Math.max(0, ...lines.map(line => cells(line)))};
}
