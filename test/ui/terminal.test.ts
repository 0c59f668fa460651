// What the terminal can do, read from the system's own terminfo entries (the
// ncurses database every Linux and macOS has): a TERM with fewer than 8 colours
// gets the mono theme, TERM=dumb a snapshot.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {isDumbTerminal, isMonoTerminal, terminalColors, terminfoColors} from '../../source/app/terminal.js';

const env = (term: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({HOME: os.tmpdir(), TERM: term, ...extra});

test("the colours come from TERM's terminfo entry, as tput colors reads them", () => {
	assert.equal(terminalColors(env('xterm-256color')), 256);
	assert.equal(terminalColors(env('xterm')), 8);
	assert.equal(terminalColors(env('linux')), 8);
	assert.equal(terminalColors(env('vt100')), 0);
	assert.equal(terminalColors(env('dumb')), 0);
});

test('a terminal with fewer than 8 colours is mono; an unknown or missing TERM is left to the theme', () => {
	assert.equal(isMonoTerminal(env('vt220')), true);
	assert.equal(isMonoTerminal(env('xterm-mono')), true);
	assert.equal(isMonoTerminal(env('xterm-256color')), false);
	assert.equal(isMonoTerminal(env('no-such-terminal-here')), false);
	assert.equal(isMonoTerminal({HOME: os.tmpdir()}), false);
	assert.equal(terminalColors(env('../../etc/passwd')), undefined, 'TERM is a name, never a path');
});

test("$TERMINFO is searched first, with macOS's hex subdirectories", () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-terminfo-'));
	try {
		// A colour entry under the name of a mono one: the private copy wins.
		const colour = fs.readFileSync(['/lib/terminfo/x/xterm-256color', '/usr/share/terminfo/x/xterm-256color', '/usr/share/terminfo/78/xterm-256color', '/usr/lib/terminfo/x/xterm-256color'].find(file => fs.existsSync(file))!);
		fs.mkdirSync(path.join(dir, '76'));
		fs.writeFileSync(path.join(dir, '76', 'vt100'), colour);
		assert.equal(terminalColors(env('vt100', {TERMINFO: dir})), 256);
	} finally {
		fs.rmSync(dir, {recursive: true, force: true});
	}
});

test('a truncated or foreign file is not read as a colour count', () => {
	assert.equal(terminfoColors(Buffer.alloc(4)), undefined);
	assert.equal(terminfoColors(Buffer.from('#!/bin/sh\necho not terminfo\n')), undefined);
});

test('only TERM=dumb is dumb', () => {
	assert.equal(isDumbTerminal({TERM: 'dumb'}), true);
	assert.equal(isDumbTerminal({TERM: 'vt100'}), false);
	assert.equal(isDumbTerminal({}), false);
});
