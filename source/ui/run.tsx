// Starting the live view in a terminal.
import {render, type Instance} from 'ink';
import {trace, tracing} from '../trace.js';
import {App, type AppProps} from './App.js';

export interface RunOptions {
	stdout?: NodeJS.WriteStream;
	stdin?: NodeJS.ReadStream;
	/**
	 * Ink's own redraw cap. Cluster changes are already coalesced to 10/s by
	 * the snapshot hook; this bounds keypress redraws without delaying the first.
	 */
	maxFps?: number;
	/** Draw on the terminal's alternate screen (like less or k9s) so quitting restores what was there. Default: when stdout is a TTY. */
	alternateScreen?: boolean;
}

const enterAlternateScreen = '\u001B[?1049h';
const leaveAlternateScreen = '\u001B[?1049l';

export function runApp(props: AppProps, options: RunOptions = {}): Instance {
	const stdout = options.stdout ?? process.stdout;
	if (tracing) traceWrites(stdout);
	const alternate = options.alternateScreen ?? stdout.isTTY === true;
	let restored = false;
	const restore = () => {
		if (alternate && !restored) {
			restored = true;
			stdout.write(leaveAlternateScreen);
		}
	};

	if (alternate) {
		stdout.write(enterAlternateScreen);
		// Also on a crash or signal: the user's terminal must come back.
		process.once('exit', restore);
	}

	// The size is passed down rather than read from state inside the App: on a
	// resize Ink redraws at once from its own listener, and a state update would
	// only land after that, so a frame laid out for the old width would reach the
	// narrower terminal, wrap there and leave debris. A rerender is synchronous
	// in Ink's legacy mode, so listening ahead of Ink lays the frame out first.
	const fixedSize = props.width !== undefined && props.height !== undefined;
	const tree = () => <App {...props} width={props.width ?? (stdout.columns || 80)} height={props.height ?? (stdout.rows || 24)} />;
	const instance = render(tree(), {
		stdout,
		stdin: options.stdin ?? process.stdin,
		maxFps: options.maxFps ?? 30,
		// Ctrl-C is in the key table (quit), so it goes through Ink's exit() like `q`.
		exitOnCtrlC: false,
		patchConsole: true,
		// Ink 6's incremental mode (rewrite only changed lines) left stale lines on a
		// real terminal: after a few updates the pods header read "loading pods…" and
		// the selection bar was lost (seen in tmux and by the bench harness). Full
		// redraws until that is understood.
		incrementalRendering: false,
	});
	const onResize = () => {
		instance.rerender(tree());
	};

	if (!fixedSize) {
		stdout.prependListener('resize', onResize);
	}

	const done = () => {
		stdout.off('resize', onResize);
		restore();
	};

	instance.waitUntilExit().then(done, done);
	return instance;
}

/** K8SLAB_TRACE: marks each frame written, with the pod count in the title and the probe pods it shows. */
function traceWrites(stdout: NodeJS.WriteStream): void {
	const write = stdout.write.bind(stdout) as (...args: any[]) => boolean;
	stdout.write = ((chunk: any, ...rest: any[]) => {
		const text = String(chunk);
		const count = /Pods[^0-9]*\(all\)[^0-9]*(\d+)/.exec(text.replace(/\u001B\[[0-9;]*m/g, ''))?.[1] ?? '-';
		const probes = text.match(/probe-\d{4}/g) ?? [];
		const memory = process.memoryUsage();
		const mb = (bytes: number) => Math.round(bytes / 1048576);
		trace(`frame ${text.length} pods=${count} probes=${[...new Set(probes)].join(',')} rss=${mb(memory.rss)} heap=${mb(memory.heapUsed)}/${mb(memory.heapTotal)} ext=${mb(memory.external + memory.arrayBuffers)}`);
		return write(chunk, ...rest);
	}) as typeof stdout.write;
}
