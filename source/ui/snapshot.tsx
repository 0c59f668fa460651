// `k8slab snapshot`: the live view rendered once, to a string.
import chalk from 'chalk';
import {renderToString} from 'ink';
import {App, type AppProps} from './App.js';

export interface SnapshotOptions {
	width: number;
	height: number;
	/** ANSI colours and styles in the output; false gives plain text. */
	color: boolean;
}

export function renderSnapshot(props: AppProps, {width, height, color}: SnapshotOptions): string {
	// Ink colours through chalk, whose level follows process.stdout; a snapshot
	// is often piped, so the caller's choice must win for this one render.
	const previous = chalk.level;
	chalk.level = color ? (previous > 0 ? previous : 3) : 0;
	try {
		return renderToString(<App {...props} width={width} height={height} />, {columns: width});
	} finally {
		chalk.level = previous;
	}
}
