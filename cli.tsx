#!/usr/bin/env node
// Flags -> the sandbox command line, a snapshot, the live view, or help.
// Exit codes: 0 ok, 1 error, 2 wrong usage, 3 snapshot incomplete.
import {parseCommandLine, UsageError, type CommandLine} from './source/app/flags.js';

// `ps` shows k8slab rather than node from the start (meow, reading the flags, sets the same).
process.title = 'k8slab';

// React's development build makes every keypress 30-40% dearer; the view is
// loaded lazily below, after this is set.
process.env['NODE_ENV'] ??= 'production';

// `k8slab sandbox status | head` closes the pipe early: that is the reader's choice, not an error to report.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EPIPE') process.exit(0);
	throw error;
});

async function run(line: CommandLine): Promise<number> {
	const {command, args, flags} = line;
	if (flags.help) {
		const {helpText} = await import('./source/app/help.js');
		process.stdout.write(helpText(command, args) + '\n');
		return 0;
	}
	if (flags.version) {
		const {versionText} = await import('./source/app/version.js');
		process.stdout.write(versionText() + '\n');
		return 0;
	}
	if (command === 'completion') {
		const {completionScript} = await import('./source/app/completion.js');
		process.stdout.write(completionScript(args[0] as 'bash' | 'zsh' | 'fish'));
		return 0;
	}
	if (command === 'sandbox') {
		if (args.length === 0) {
			const {helpText} = await import('./source/app/help.js');
			process.stderr.write(helpText('sandbox') + '\n');
			return 2;
		}
		const {runSandboxCommand} = await import('./source/sandbox/command.js');
		return runSandboxCommand(args, {dir: flags.dir, nodes: flags.nodes});
	}
	if ((command === 'view' || command === 'lab') && process.stdout.isTTY && process.stdin.isTTY) {
		// Ink draws only the last frame when CI or CONTINUOUS_INTEGRATION is set; a
		// terminal on both ends means a person is watching the live view. Removed (not
		// set to "false": chalk turns colour off whenever CI is present at all) before
		// Ink is first loaded, below, which is when it reads them.
		delete process.env['CI'];
		delete process.env['CONTINUOUS_INTEGRATION'];
	}
	const {startK8slab} = await import('./source/app/run.js');
	return startK8slab({...flags, snapshot: command === 'snapshot', labProgress: command === 'lab'});
}

async function main(argv: string[]): Promise<number> {
	if (argv[0] === '__complete') {
		// The completion scripts' call-back (see source/app/completion.ts). A slow
		// credential plugin or cluster must not hang the shell: answer with what is known in time.
		const {completions, lookupTimeoutMs} = await import('./source/app/completion.js');
		const found = await Promise.race([completions(argv.slice(1)), new Promise<string[]>(resolve => setTimeout(resolve, lookupTimeoutMs + 500, []))]);
		process.stdout.write(found.map(candidate => candidate + '\n').join(''), () => process.exit(0));
		return 0;
	}
	return run(parseCommandLine(argv));
}

main(process.argv.slice(2)).then(
	code => {
		process.exitCode = code;
	},
	(error: unknown) => {
		// One clear line, never a stack trace: errors here are the user's to act on.
		const message = error instanceof Error ? error.message : String(error);
		process.stderr.write(`k8slab: ${message}\n`);
		process.exitCode = error instanceof UsageError ? 2 : 1;
	},
);
