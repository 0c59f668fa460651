// The user's editor, run as kubectl edit runs it: $KUBE_EDITOR, else $VISUAL,
// else $EDITOR, else vi; through the shell when it has arguments ("code
// --wait"). The file lives in a directory only this user can read (it may hold
// a Secret), and is removed once the editor exits.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {EditorResult, ObjectEditor} from '../ui/actions/context.js';

/** The editor command, in kubectl's order of preference (VISUAL added: it names the full-screen editor). */
export function editorCommand(env: NodeJS.ProcessEnv = process.env): string {
	for (const name of ['KUBE_EDITOR', 'VISUAL', 'EDITOR']) {
		const value = env[name]?.trim();
		if (value) return value;
	}

	return 'vi';
}

/** Keeps a file name to letters, digits, dots and dashes: the object's name is the server's, not ours. */
function safeName(name: string): string {
	return name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120) || 'object.yaml';
}

/** Runs the editor on the file with the terminal as it is; blocks until it exits. */
export function externalEditor(env: NodeJS.ProcessEnv = process.env): ObjectEditor {
	return {
		edit(text: string, name: string): EditorResult {
			const command = editorCommand(env);
			// mkdtemp makes the directory 0700; the file is 0600 on top of that.
			const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-edit-'));
			const file = path.join(dir, safeName(name));
			try {
				fs.writeFileSync(file, text, {mode: 0o600, flag: 'wx'});
				// The path as the shell's $1: never parsed as shell words, whatever it holds.
				const run = spawnSync('/bin/sh', ['-c', `${command} "$1"`, 'sh', file], {stdio: 'inherit', env});
				if (run.error) return {kind: 'failed', message: `the editor "${command}" could not be started (${run.error.message})`};
				if (run.signal) return {kind: 'failed', message: `the editor "${command}" was killed by ${run.signal}`};
				if (run.status === 127) return {kind: 'failed', message: `the editor "${command}" was not found (set EDITOR to the one you use)`};
				if (run.status !== 0) return {kind: 'failed', message: `the editor "${command}" exited with status ${String(run.status)}`};
				return {kind: 'saved', text: fs.readFileSync(file, 'utf8')};
			} catch (error) {
				return {kind: 'failed', message: `the file for the editor could not be written or read (${error instanceof Error ? error.message : String(error)})`};
			} finally {
				fs.rmSync(dir, {recursive: true, force: true});
			}
		},
	};
}
