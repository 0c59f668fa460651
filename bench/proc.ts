// What the kernel knows about a process: peak and current RSS from
// /proc/PID/status, CPU time from /proc/PID/stat. Linux only, like the sandbox.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';

/** Clock ticks per second for /proc/PID/stat times (100 on every Linux we run on, asked once). */
export const clockTicks: number = (() => {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim()) || 100;
	} catch {
		return 100;
	}
})();

function statusField(pid: number, field: string): number | undefined {
	try {
		const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
		return match ? Number(match[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

/** Peak resident set size in bytes (VmHWM), or undefined once the process is gone. */
export function peakRss(pid: number): number | undefined {
	return statusField(pid, 'VmHWM');
}

export function currentRss(pid: number): number | undefined {
	return statusField(pid, 'VmRSS');
}

/** User + system CPU time in milliseconds, or undefined once the process is gone. */
export function cpuTimeMs(pid: number): number | undefined {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const utime = Number(fields[11]);
		const stime = Number(fields[12]);
		return ((utime + stime) * 1000) / clockTicks;
	} catch {
		return undefined;
	}
}

export function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Children of a process, from /proc (tmux may run a command through a shell). */
export function childrenOf(pid: number): number[] {
	try {
		return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
	} catch {
		return [];
	}
}

export function commandLine(pid: number): string {
	try {
		return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
	} catch {
		return '';
	}
}

export const mb = (bytes: number | undefined): number | null => (bytes === undefined ? null : Math.round((bytes / 1024 / 1024) * 10) / 10);
