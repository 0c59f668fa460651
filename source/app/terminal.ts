// What the terminal can do, read as ncurses reads it: TERM's terminfo entry.
// A terminal that cannot address the cursor gets a snapshot, not the live
// view; one with fewer than 8 colours gets the mono theme.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** TERM=dumb (Emacs' shell, some CI logs): no cursor movement, so Ink's redraws would pile up as text. */
export function isDumbTerminal(env: NodeJS.ProcessEnv = process.env): boolean {
	return env['TERM'] === 'dumb';
}

/** Where ncurses looks for compiled entries, in its order (term(5), terminfo(5)). */
function terminfoDirs(env: NodeJS.ProcessEnv): string[] {
	const dirs: string[] = [];
	if (env['TERMINFO']) dirs.push(env['TERMINFO']);
	dirs.push(path.join(env['HOME'] ?? os.homedir(), '.terminfo'));
	const system = ['/etc/terminfo', '/lib/terminfo', '/usr/share/terminfo', '/usr/lib/terminfo', '/usr/share/lib/terminfo'];
	// In TERMINFO_DIRS an empty entry stands for the system directories.
	for (const dir of (env['TERMINFO_DIRS'] ?? '').split(':')) dirs.push(...(dir ? [dir] : system));
	return [...new Set(dirs)];
}

/** max_colors of a compiled terminfo entry: 0 when the entry has none, undefined when it cannot be read. */
export function terminfoColors(entry: Buffer): number | undefined {
	if (entry.length < 12) return undefined;
	const magic = entry.readInt16LE(0);
	// 0o432: 16-bit numbers; 0o1036: 32-bit numbers (ncurses 6.1's extended format).
	const width = magic === 0o432 ? 2 : magic === 0o1036 ? 4 : 0;
	if (width === 0) return undefined;
	const namesSize = entry.readInt16LE(2);
	const booleans = entry.readInt16LE(4);
	const numbers = entry.readInt16LE(6);
	const maxColorsIndex = 13;
	if (numbers <= maxColorsIndex) return 0;
	let offset = 12 + namesSize + booleans;
	// Numbers start on an even byte.
	if (offset % 2 === 1) offset++;
	offset += maxColorsIndex * width;
	if (offset + width > entry.length) return undefined;
	const value = width === 2 ? entry.readInt16LE(offset) : entry.readInt32LE(offset);
	// -1: absent, -2: cancelled.
	return value < 0 ? 0 : value;
}

/** The colours TERM's terminfo entry declares, or undefined when TERM is unset or has no entry here. */
export function terminalColors(env: NodeJS.ProcessEnv = process.env): number | undefined {
	const term = env['TERM'];
	if (!term || term.includes('/') || term.includes('\0')) return undefined;
	// Linux names the subdirectory by the first letter, macOS by its hex code.
	const subdirs = [term[0]!, term.charCodeAt(0).toString(16)];
	for (const dir of terminfoDirs(env)) {
		for (const subdir of subdirs) {
			let entry: Buffer;
			try {
				entry = fs.readFileSync(path.join(dir, subdir, term));
			} catch {
				continue;
			}
			return terminfoColors(entry);
		}
	}
	return undefined;
}

/** No colour: NO_COLOR is handled by the theme itself; this is a terminal that has fewer than 8. */
export function isMonoTerminal(env: NodeJS.ProcessEnv = process.env): boolean {
	const colors = terminalColors(env);
	return colors !== undefined && colors < 8;
}
