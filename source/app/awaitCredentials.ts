// Start-up while a credential plugin runs: before any screen is drawn, say
// what k8slab is waiting for, and let `q` and Ctrl-C quit (rather than be
// typed into a blank terminal).
import type {KubeClient} from '../kube/client.js';

export interface WaitIo {
	stdin: NodeJS.ReadStream;
	stderr: NodeJS.WriteStream;
}

/** Said only for a wait long enough to notice, so a quick plugin prints nothing. */
const quietMs = 1000;

/**
 * Resolves once the first credential is there (undefined), or with the exit
 * code when the user quit first: 0 for `q`, 130 for Ctrl-C or SIGINT. A
 * plugin's failure rejects, for the caller to report.
 */
export async function awaitCredentials(client: KubeClient, io: WaitIo = {stdin: process.stdin, stderr: process.stderr}): Promise<number | undefined> {
	const ready = client.credentials.get();
	let quit: (code: number) => void = () => undefined;
	const quitting = new Promise<number>(resolve => {
		quit = resolve;
	});
	const tty = io.stdin.isTTY === true;
	let said = false;
	let line = '';
	// On a terminal the line is taken back once the wait is over; elsewhere it stays, as a log line.
	const erase = tty && io.stderr.isTTY === true;
	const onKey = (data: Buffer | string) => {
		const text = String(data);
		if (text.includes('\u0003')) quit(130);
		else if (/q/i.test(text)) quit(0);
	};
	const onSigint = () => quit(130);
	const show = () => {
		const command = client.credentials.waitingFor();
		if (!command || said) return;
		said = true;
		line = `k8slab: waiting for credentials from ${command}…${tty ? ' (q to quit)' : ''}`;
		io.stderr.write(erase ? line : `${line}\n`);
		process.on('SIGINT', onSigint);
		if (tty) {
			// Raw, so `q` and Ctrl-C arrive as keys and nothing is echoed.
			io.stdin.setRawMode(true);
			io.stdin.on('data', onKey);
			io.stdin.resume();
		}
	};
	const timer = setTimeout(show, quietMs);
	try {
		const outcome = await Promise.race([ready.then(() => undefined), quitting]);
		return outcome;
	} finally {
		clearTimeout(timer);
		if (said) {
			process.off('SIGINT', onSigint);
			if (tty) {
				io.stdin.off('data', onKey);
				io.stdin.setRawMode(false);
				io.stdin.pause();
			}
			// Blanks rather than an erase escape, which a dumb terminal would print.
			if (erase) io.stderr.write(`\r${' '.repeat(line.length)}\r`);
		}
	}
}
