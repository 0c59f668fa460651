// Starting the live view in a terminal.
import {render, type Instance} from 'ink';
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

	const instance = render(<App {...props} />, {
		stdout,
		stdin: options.stdin ?? process.stdin,
		maxFps: options.maxFps ?? 30,
		// Ctrl-C is in the key table (quit), so it goes through Ink's exit() like `q`.
		exitOnCtrlC: false,
		patchConsole: true,
		// Only changed lines are rewritten: moving the selection touches two rows, not the screen.
		incrementalRendering: true,
	});
	instance.waitUntilExit().then(restore, restore);
	return instance;
}
