// Background processes of a sandbox: started detached with their output in
// logs/, tracked by pid files, stopped with SIGTERM then SIGKILL.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {processAlive} from './lock.js';

export interface ProcessSpec {
	name: string;
	command: string;
	args: string[];
}

function pidFile(dir: string, name: string): string {
	return path.join(dir, 'pids', `${name}.pid`);
}

export function readPid(dir: string, name: string): number | undefined {
	try {
		const pid = Number(fs.readFileSync(pidFile(dir, name), 'utf8').trim());
		return Number.isInteger(pid) && pid > 0 ? pid : undefined;
	} catch {
		return undefined;
	}
}

export function isRunning(dir: string, name: string): boolean {
	const pid = readPid(dir, name);
	return pid !== undefined && processAlive(pid) && commandOf(pid).includes(name);
}

/** The pid's command line, so a recycled pid is never mistaken for ours. */
function commandOf(pid: number): string {
	try {
		return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
	} catch {
		// Without /proc (macOS), trust the pid.
		return fs.existsSync('/proc') ? '' : pidCommandFallback;
	}
}
const pidCommandFallback = 'etcd kube-apiserver kube-controller-manager kube-scheduler kwok podlogs';

export function startProcess(dir: string, spec: ProcessSpec): number {
	fs.mkdirSync(path.join(dir, 'logs'), {recursive: true, mode: 0o700});
	fs.mkdirSync(path.join(dir, 'pids'), {recursive: true, mode: 0o700});
	// Logs can quote requests and objects: the owner's alone, even when appended to a log from before.
	const log = fs.openSync(path.join(dir, 'logs', `${spec.name}.log`), 'a', 0o600);
	fs.fchmodSync(log, 0o600);
	const child = spawn(spec.command, spec.args, {detached: true, stdio: ['ignore', log, log]});
	fs.closeSync(log);
	if (child.pid === undefined) throw new Error(`could not start ${spec.name}`);
	child.unref();
	fs.writeFileSync(pidFile(dir, spec.name), String(child.pid), {mode: 0o600});
	return child.pid;
}

export async function stopProcess(dir: string, name: string, graceMs = 5000): Promise<boolean> {
	const pid = readPid(dir, name);
	fs.rmSync(pidFile(dir, name), {force: true});
	if (pid === undefined || !processAlive(pid) || !commandOf(pid).includes(name)) return false;
	signal(pid, 'SIGTERM');
	const deadline = Date.now() + graceMs;
	while (processAlive(pid) && Date.now() < deadline) await sleep(50);
	if (processAlive(pid)) signal(pid, 'SIGKILL');
	while (processAlive(pid)) await sleep(20);
	return true;
}

function signal(pid: number, name: NodeJS.Signals): void {
	try {
		process.kill(pid, name);
	} catch {
		// already gone
	}
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

export function logTail(dir: string, name: string, lines = 15): string {
	try {
		return fs
			.readFileSync(path.join(dir, 'logs', `${name}.log`), 'utf8')
			.trimEnd()
			.split('\n')
			.slice(-lines)
			.join('\n');
	} catch {
		return '';
	}
}
