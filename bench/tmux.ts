// A terminal to drive a TUI in: a private tmux server (its own -L socket, so
// the user's tmux is never touched) with one fixed-size pane, and a control-mode
// client attached to it. Control mode streams a "%output" line whenever the
// program writes to its terminal, so the harness captures the screen right
// after each write instead of polling on a timer: a frame is timed to within
// one write, and nothing forks while we wait. k8slab and k9s are driven the
// same way.
import {execFileSync, spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import readline from 'node:readline';
import {setTimeout as sleep} from 'node:timers/promises';

export interface TerminalOptions {
	/** Unique per run: the tmux socket name under /tmp/tmux-UID/. */
	socket: string;
	width: number;
	height: number;
}

export interface Frame {
	/** performance.now() of the last terminal write before the capture that showed this screen. */
	at: number;
	screen: string;
}

interface Pending {
	resolve(lines: string[]): void;
	reject(error: Error): void;
}

export class Terminal {
	/** performance.now() of the newest %output, and how many have arrived. */
	lastOutputAt = 0;
	outputs = 0;
	private readonly pending: Pending[] = [];
	private block: string[] | undefined;
	private blockIsOurs = false;
	private waiters = new Set<() => void>();
	private closed = false;

	private constructor(
		readonly options: TerminalOptions,
		private readonly client: ChildProcessWithoutNullStreams,
		readonly pane: string,
	) {}

	static async open(options: TerminalOptions): Promise<Terminal> {
		const {socket, width, height} = options;
		// A placeholder program keeps the pane alive until `run` replaces it;
		// remain-on-exit keeps the pane after a program quits so the next run reuses it.
		tmux(socket, ['-f', '/dev/null', 'new-session', '-d', '-s', 'bench', '-x', String(width), '-y', String(height), 'sleep 86400']);
		tmux(socket, ['set', '-g', 'window-size', 'manual']);
		tmux(socket, ['set', '-g', 'remain-on-exit', 'on']);
		tmux(socket, ['set', '-g', 'status', 'off']);
		tmux(socket, ['resize-window', '-t', 'bench', '-x', String(width), '-y', String(height)]);
		const pane = tmux(socket, ['display', '-p', '-t', 'bench', '#{pane_id}']).trim();
		const client = spawn('tmux', ['-L', socket, '-C', 'attach', '-t', 'bench'], {stdio: ['pipe', 'pipe', 'pipe']});
		const terminal = new Terminal(options, client, pane);
		terminal.listen();
		// The attach itself answers with one block; wait for the client to be usable.
		await terminal.command('display -p ok');
		return terminal;
	}

	private listen(): void {
		const lines = readline.createInterface({input: this.client.stdout});
		lines.on('line', line => this.onLine(line));
		this.client.on('exit', () => {
			this.closed = true;
			for (const waiter of this.pending.splice(0)) waiter.reject(new Error('the tmux control client exited'));
			this.wake();
		});
	}

	private onLine(line: string): void {
		if (this.block) {
			if (line.startsWith('%end ') || line.startsWith('%error ')) {
				const lines = this.block;
				this.block = undefined;
				if (!this.blockIsOurs) return;
				const waiter = this.pending.shift();
				if (line.startsWith('%error ')) waiter?.reject(new Error(`tmux: ${lines.join(' ')}`));
				else waiter?.resolve(lines);
			} else {
				this.block.push(line);
			}
			return;
		}
		if (line.startsWith('%output ')) {
			this.lastOutputAt = performance.now();
			this.outputs++;
			this.wake();
		} else if (line.startsWith('%begin ')) {
			this.block = [];
			// Flag 1: the block answers a command this client sent (0: tmux's own, e.g. on attach).
			this.blockIsOurs = line.split(' ')[3] === '1';
		}
	}

	private wake(): void {
		for (const waiter of [...this.waiters]) waiter();
	}

	/** Runs a tmux command through the control client and returns its output lines. */
	command(command: string): Promise<string[]> {
		if (this.closed) return Promise.reject(new Error('the tmux control client exited'));
		return new Promise((resolve, reject) => {
			this.pending.push({resolve, reject});
			this.client.stdin.write(command.replaceAll('\n', ' ') + '\n');
		});
	}

	/** Replaces the pane's program; resolves with the time the command was sent. */
	async run(argv: readonly string[], env: Record<string, string> = {}, cwd?: string): Promise<number> {
		const environment = Object.entries(env).flatMap(([key, value]) => ['-e', quote(`${key}=${value}`)]);
		const directory = cwd ? ['-c', quote(cwd)] : [];
		// exec: the pane's pid is the program itself, so /proc figures are its own.
		const shellCommand = `exec ${argv.map(shellQuote).join(' ')}`;
		const started = performance.now();
		await this.command(`respawn-pane -k -t ${this.pane} ${[...environment, ...directory].join(' ')} ${quote(shellCommand)}`);
		return started;
	}

	async pid(): Promise<number> {
		const [line] = await this.command(`display -p -t ${this.pane} '#{pane_pid}'`);
		return Number(line);
	}

	async dead(): Promise<boolean> {
		const [line] = await this.command(`display -p -t ${this.pane} '#{pane_dead}'`);
		return line === '1';
	}

	/** The visible screen; with escapes, colours and the selection bar are kept. */
	async capture(escapes = false): Promise<string> {
		const lines = await this.command(`capture-pane -p ${escapes ? '-e ' : ''}-t ${this.pane}`);
		return lines.join('\n');
	}

	/** Keys in tmux send-keys syntax ("j", "q", "Enter"). Resolves with the time they were sent. */
	async sendKeys(...keys: string[]): Promise<number> {
		const sent = performance.now();
		await this.command(`send-keys -t ${this.pane} ${keys.map(quote).join(' ')}`);
		return sent;
	}

	/**
	 * Captures after every terminal write until `accept` holds. The frame's time
	 * is that of the last write seen when the matching capture came back, or the
	 * capture's return when no write since `since` has been reported yet: an
	 * upper bound on when the program drew it.
	 */
	async waitFor(accept: (screen: string) => boolean, timeoutMs: number, options: {escapes?: boolean; since?: number} = {}): Promise<Frame> {
		const deadline = performance.now() + timeoutMs;
		let seen = -1;
		for (;;) {
			const outputs = this.outputs;
			if (outputs !== seen) {
				seen = outputs;
				const screen = await this.capture(options.escapes);
				const capturedAt = performance.now();
				// tmux may answer the capture before it reports the write that drew the frame: with no write
				// seen since `since`, the capture's return is the honest upper bound (not `since`, which read as 0 ms).
				const outputAt = this.lastOutputAt;
				if (accept(screen)) return {at: outputAt > (options.since ?? Number.NEGATIVE_INFINITY) ? outputAt : capturedAt, screen};
			}
			if (this.closed) throw new Error('the tmux control client exited');
			const left = deadline - performance.now();
			if (left <= 0) {
				const screen = await this.capture(options.escapes);
				if (accept(screen)) return {at: this.lastOutputAt, screen};
				throw new TimeoutError(`timed out after ${timeoutMs} ms; last screen:\n${screen}`, screen);
			}
			if (this.outputs === seen) await this.nextOutput(Math.min(left, 250));
		}
	}

	private nextOutput(timeoutMs: number): Promise<void> {
		return new Promise(resolve => {
			const done = () => {
				clearTimeout(timer);
				this.waiters.delete(done);
				resolve();
			};
			const timer = setTimeout(done, timeoutMs);
			this.waiters.add(done);
		});
	}

	/** Waits until the program has written nothing for `quietMs` (or `maxMs` passed). */
	async quiet(quietMs: number, maxMs: number): Promise<void> {
		const deadline = performance.now() + maxMs;
		while (performance.now() < deadline) {
			if (performance.now() - this.lastOutputAt >= quietMs) return;
			await sleep(Math.min(quietMs, 50));
		}
	}

	close(): void {
		if (!this.closed) this.client.stdin.end();
		this.client.kill();
		try {
			tmux(this.options.socket, ['kill-server']);
		} catch {
			// already gone
		}
	}
}

export class TimeoutError extends Error {
	constructor(
		message: string,
		readonly screen: string,
	) {
		super(message);
	}
}

function tmux(socket: string, args: string[]): string {
	return execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
}

/** Quoting for tmux's command parser (single quotes, no expansion inside). */
function quote(value: string): string {
	return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Quoting for the shell tmux runs the pane's command with. */
function shellQuote(value: string): string {
	return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

export function tmuxAvailable(): boolean {
	try {
		execFileSync('tmux', ['-V'], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}
