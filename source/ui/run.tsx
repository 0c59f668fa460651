// Starting the live view in a terminal.
import {render, type Instance} from 'ink';
import {messageOf} from '../kube/errors.js';
import {trace, tracing} from '../trace.js';
import type {ObjectEditor} from './actions/context.js';
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
const showCursor = '\u001B[?25h';
const hideCursor = '\u001B[?25l';
const clearScreen = '\u001B[2J\u001B[H';

/** Exit codes as a shell reports a process killed by the signal: 128 + its number. */
const signalExitCodes = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129} as const;

/** An uncaught error's one line for the user: its first line, without the stack or anything credential-shaped. */
function oneLine(error: unknown): string {
	return (messageOf(error).split('\n')[0] ?? '').trim() || 'unexpected error';
}

/**
 * A read or write on the terminal that fails because the terminal is gone: the
 * pty's other end closed (EIO, ENXIO) or the reader left (EPIPE). That is a
 * hangup, which may reach us before the SIGHUP itself does.
 */
function isHangup(error: unknown): boolean {
	const code = (error as {code?: unknown} | undefined)?.code;
	return code === 'EIO' || code === 'ENXIO' || code === 'EPIPE';
}

export interface RunningApp extends Instance {
	/** Draws the view with new props; a new source (another context or namespace) starts the view afresh. */
	update(props: AppProps): void;
}

export function runApp(initialProps: AppProps, options: RunOptions = {}): RunningApp {
	let props = initialProps;
	let session = 0;
	const stdout = options.stdout ?? process.stdout;
	const stdin = options.stdin ?? process.stdin;
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
		// Also on process.exit() from anywhere: the user's terminal must come back.
		process.once('exit', restore);
	}

	// The size is passed down rather than read from state inside the App: on a
	// resize Ink redraws at once from its own listener, and a state update would
	// only land after that, so a frame laid out for the old width would reach the
	// narrower terminal, wrap there and leave debris. A rerender is synchronous
	// in Ink's legacy mode, so listening ahead of Ink lays the frame out first.
	const fixedSize = props.width !== undefined && props.height !== undefined;
	/**
	 * The editor gets the terminal as a shell would give it: out of raw mode, on
	 * the main screen, cursor shown. It runs synchronously, so nothing of the view
	 * reads a key or draws meanwhile. After it, the view's screen and modes come
	 * back, cleared, with the cursor at the top where Ink's full redraw (App) starts.
	 */
	const handOver = (editor: ObjectEditor): ObjectEditor => ({
		edit(text, name) {
			const raw = stdin.isTTY && stdin.isRaw;
			if (raw) stdin.setRawMode(false);
			stdout.write(`${alternate ? leaveAlternateScreen : ''}${showCursor}`);
			try {
				return editor.edit(text, name);
			} finally {
				stdout.write(`${alternate ? enterAlternateScreen : ''}${hideCursor}${clearScreen}`);
				if (raw) stdin.setRawMode(true);
			}
		},
	});
	let editor = props.editor && handOver(props.editor);
	let editorOf = props.editor;
	const tree = () => {
		if (props.editor !== editorOf) {
			editorOf = props.editor;
			editor = props.editor && handOver(props.editor);
		}

		return <App key={session} {...props} editor={editor} width={props.width ?? (stdout.columns || 80)} height={props.height ?? (stdout.rows || 24)} />;
	};
	const instance = render(tree(), {
		stdout,
		stdin,
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

	/**
	 * A signal from outside (kill, a closed terminal, Ctrl-C sent to the process
	 * group) or a crash: Node's default would end the process on the alternate
	 * screen, cursor hidden and the tty raw. Give the terminal back first, on
	 * stdout where it was taken, then exit as a shell expects.
	 */
	const giveBackTerminal = () => {
		try {
			instance.unmount();
		} catch {
			// Unmounting a broken tree can throw; the terminal still comes back below.
		}
		try {
			if (stdin.isTTY) stdin.setRawMode?.(false);
			restore();
			if (stdout.isTTY) stdout.write(showCursor);
		} catch {
			// The terminal may be gone (SIGHUP): nothing left to restore.
		}
	};
	const onSignal = (signal: keyof typeof signalExitCodes) => {
		giveBackTerminal();
		// Then die of the signal itself, at once, as a shell expects (status 128 + its
		// number). Not process.exit(): after a hangup the tty is gone, the writes above fail
		// a moment later, and Node's exit-time tty reset fails an assertion and prints a
		// native stack trace. With no listener left the signal's default action applies
		// before kill() returns.
		process.removeAllListeners(signal);
		process.kill(process.pid, signal);
		process.exit(signalExitCodes[signal]);
	};
	const onCrash = (error: unknown) => {
		if (isHangup(error)) {
			onSignal('SIGHUP');
			return;
		}
		giveBackTerminal();
		process.stderr.write(`k8slab: ${oneLine(error)}\n`);
		process.exit(1);
	};
	const signalHandlers = (Object.keys(signalExitCodes) as Array<keyof typeof signalExitCodes>).map(signal => [signal, () => onSignal(signal)] as const);
	for (const [signal, handler] of signalHandlers) process.on(signal, handler);
	process.on('uncaughtException', onCrash);
	stdin.on('error', onCrash);
	stdout.on('error', onCrash);

	function stopListening(): void {
		for (const [signal, handler] of signalHandlers) process.off(signal, handler);
		process.off('uncaughtException', onCrash);
		stdin.off('error', onCrash);
		stdout.off('error', onCrash);
	}

	const done = () => {
		stdout.off('resize', onResize);
		stopListening();
		restore();
	};

	instance.waitUntilExit().then(done, done);
	return Object.assign(instance, {
		update(next: AppProps) {
			if (next.source !== props.source) session++;
			props = next;
			instance.rerender(tree());
		},
	});
}

/** K8SLAB_TRACE: marks each frame written, with the pod count in the title and the probe pods it shows. */
function traceWrites(stdout: NodeJS.WriteStream): void {
	const write = stdout.write.bind(stdout) as (...args: unknown[]) => boolean;
	stdout.write = (chunk: unknown, ...rest: unknown[]) => {
		const text = String(chunk);
		const plain = text.replace(/\u001B\[[0-9;]*m/g, '');
		const count = /Pods[^0-9]*\(all\)[^0-9]*(\d+)/.exec(plain)?.[1] ?? '-';
		// The rollout pane's newest step (its timeline lists them newest last), to time a step from the watch to the screen.
		const step = [...plain.matchAll(/[\u2191\u2193] (\S+) (\d+\u2192\d+)/g)].at(-1);
		const probes = text.match(/probe-\d{4}/g) ?? [];
		const memory = process.memoryUsage();
		const mb = (bytes: number) => Math.round(bytes / 1048576);
		trace(
			`frame ${text.length} pods=${count} probes=${[...new Set(probes)].join(',')} rss=${mb(memory.rss)} heap=${mb(memory.heapUsed)}/${mb(memory.heapTotal)} ext=${mb(memory.external + memory.arrayBuffers)}${step ? ` step=${step[1]} ${step[2]}` : ''}`,
		);
		return write(chunk, ...rest);
	};
}
