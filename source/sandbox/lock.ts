import fs from 'node:fs';
import {setTimeout as sleep} from 'node:timers/promises';

export function processAlive(pid: number): boolean {
	if (!Number.isInteger(pid) || pid <= 0) return false;
	try {
		process.kill(pid, 0);
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
	// A process that exited but whose parent has not reaped it yet (a zombie) still answers
	// signal 0; waiting for it to go would wait on its parent, which may be waiting on us.
	return !isZombie(pid);
}

function isZombie(pid: number): boolean {
	try {
		// "pid (comm) S …": the state follows the last ')', as comm may hold one.
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
	} catch {
		return false;
	}
}

/**
 * A lock file holding the owner's pid. A lock left by a process that died is
 * taken over, so a crashed build or start never wedges the next one.
 */
export async function withLock<T>(file: string, body: () => Promise<T>): Promise<T> {
	for (;;) {
		try {
			fs.writeFileSync(file, String(process.pid), {flag: 'wx', mode: 0o600});
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const owner = Number(fs.readFileSync(file, 'utf8').trim());
			if (!processAlive(owner)) {
				fs.rmSync(file, {force: true});
				continue;
			}
			await sleep(500);
		}
	}
	try {
		return await body();
	} finally {
		fs.rmSync(file, {force: true});
	}
}
