// patches/restore-cursor+4.0.0: Ink hides the cursor on stdout (cli-cursor),
// and restore-cursor showed it again at exit on stderr, so with stderr
// redirected (`2>log`) the escape went into the log and the terminal kept no
// cursor. The patched one shows it where it was hidden; with no terminal on
// either stream it writes nothing, where the original wrote into the pipe.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {test} from 'node:test';
import {root, unpatched} from './unpatched.js';

const showCursor = '\u001B[?25h';

/** Runs restore-cursor from `base` in a child that exits at once; `terminal` says which streams claim to be a TTY. */
function atExit(base: string, terminal: {stdout: boolean; stderr: boolean}): {stdout: string; stderr: string} {
	const module = pathToFileURL(path.join(base, 'node_modules/restore-cursor/index.js')).href;
	const script = [
		terminal.stdout ? "Object.defineProperty(process.stdout, 'isTTY', {value: true});" : '',
		terminal.stderr ? "Object.defineProperty(process.stderr, 'isTTY', {value: true});" : '',
		`const {default: restoreCursor} = await import(${JSON.stringify(module)});`,
		'restoreCursor();',
	].join('\n');
	const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {cwd: root, encoding: 'utf8'});
	assert.equal(result.status, 0, result.stderr);
	return {stdout: result.stdout, stderr: result.stderr};
}

test('the cursor is shown on the terminal it was hidden on, not in a redirected stderr', () => {
	const original = unpatched(['node_modules/restore-cursor']);
	// A terminal on stdout, stderr redirected: the original writes the escape into the log.
	assert.deepEqual(atExit(original, {stdout: true, stderr: false}), {stdout: '', stderr: showCursor});
	assert.deepEqual(atExit(root, {stdout: true, stderr: false}), {stdout: showCursor, stderr: ''});
	// Only stderr a terminal: both show it there, as before.
	assert.deepEqual(atExit(original, {stdout: false, stderr: true}), {stdout: '', stderr: showCursor});
	assert.deepEqual(atExit(root, {stdout: false, stderr: true}), {stdout: '', stderr: showCursor});
	// Neither a terminal: nothing to restore, so nothing is written into the pipes.
	assert.deepEqual(atExit(root, {stdout: false, stderr: false}), {stdout: '', stderr: ''});
});
