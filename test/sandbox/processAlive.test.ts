// Stopping a component waits for it to be gone; a child that exited while its
// parent's event loop was blocked (in spawnSync) is a zombie until reaped, and
// must count as gone, or `sandbox up` would wait on a parent waiting on it.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {test} from 'node:test';
import {processAlive} from '../../source/sandbox/lock.js';

test('a child that exited but is not reaped yet (a zombie) is not alive; a running one is', () => {
	const child = spawn('sleep', ['0.2'], {stdio: 'ignore'});
	const pid = child.pid!;
	assert.equal(processAlive(pid), true, 'running');
	// Block this event loop past the child's exit, so Node cannot reap it meanwhile.
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 600);
	assert.equal(processAlive(pid), false, 'exited, not yet reaped');
	assert.equal(processAlive(process.pid), true, 'this process');
});
