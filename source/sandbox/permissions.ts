// A sandbox dir holds keys, tokens, kubeconfigs with embedded keys and etcd's
// data (Secrets in the clear), so all of it is its owner's alone: directories
// 0700 and files 0600. `up` re-asserts this every time, so a key loosened by
// hand (or a dir left by an older k8slab) is tightened again.
import fs from 'node:fs';
import path from 'node:path';
import {SandboxError} from './build.js';

export const privateDirMode = 0o700;
export const privateFileMode = 0o600;

/** What a sandbox keeps in its dir. Only these are walked: --dir may name a dir that holds other things too. */
const sandboxEntries = ['pki', 'kubeconfigs', 'kubeconfig', 'state.json', 'logs', 'pids', 'kwok.yaml', 'etcd', 'up.lock'];

/**
 * Refuses a --dir that already holds files but no sandbox (a home dir, /tmp):
 * making it 0700 would lock others out of what is not the sandbox's.
 */
export function assertSandboxDir(dir: string): void {
	const names = fs.readdirSync(dir);
	if (names.length > 0 && !names.some(name => sandboxEntries.includes(name))) {
		throw new SandboxError(`${dir} holds other files and no sandbox; give --dir a new or empty directory`);
	}
}

export function makePrivate(dir: string): void {
	chmod(dir, privateDirMode);
	for (const name of sandboxEntries) {
		const file = path.join(dir, name);
		const stat = fs.lstatSync(file, {throwIfNoEntry: false});
		if (stat?.isDirectory()) {
			chmod(file, privateDirMode);
			walk(file);
		} else if (stat?.isFile()) {
			chmod(file, privateFileMode);
		}
	}
}

function walk(dir: string): void {
	let entries: fs.Dirent[];
	try {
		entries = fs.readdirSync(dir, {withFileTypes: true});
	} catch (error) {
		// A running etcd may remove a directory while we walk it.
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
		throw error;
	}
	for (const entry of entries) {
		const file = path.join(dir, entry.name);
		// Links are not followed: the sandbox never makes any, and a planted one must not widen what we touch.
		if (entry.isDirectory()) {
			chmod(file, privateDirMode);
			walk(file);
		} else if (entry.isFile()) {
			chmod(file, privateFileMode);
		}
	}
}

function chmod(file: string, mode: number): void {
	try {
		fs.chmodSync(file, mode);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return;
		throw new SandboxError(`cannot make ${file} private (chmod ${mode.toString(8)}): ${code ?? String(error)}`);
	}
}
