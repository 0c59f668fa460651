// The project's changes to its dependencies are diffs under patches/, which
// patch-package applies to node_modules at install (scripts/prepare.mjs). This
// reads them back: the build checks that each is applied, so the bundle never
// ships a dependency the tests did not run, and the tests undo one to compare
// the patched code with the original.
import fs from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';

/** The hunks of one patch file, by the file each changes. */
function parse(text) {
	const files = [];
	let file;
	let hunk;
	for (const line of text.split('\n')) {
		if (line.startsWith('+++ b/')) {
			file = {path: line.slice(6), hunks: []};
			files.push(file);
		} else if (line.startsWith('@@ ')) {
			const [, oldStart, newStart] = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
			hunk = {oldStart: Number(oldStart), newStart: Number(newStart), old: [], new: []};
			file.hunks.push(hunk);
		} else if (hunk && /^[ +-]/.test(line) && !line.startsWith('--- ')) {
			if (line[0] !== '+') hunk.old.push(line.slice(1));
			if (line[0] !== '-') hunk.new.push(line.slice(1));
		} else if (line.startsWith('diff --git')) {
			hunk = undefined;
		}
	}
	return files;
}

/** Every patch under root/patches: its package (as patch-package names it), version, and files. */
export function readPatches(root) {
	const dir = path.join(root, 'patches');
	return fs
		.readdirSync(dir)
		.filter(name => name.endsWith('.patch'))
		.map(name => {
			const [, pkg, version] = /^(.+)\+([^+]+)\.patch$/.exec(name);
			return {name, pkg: pkg.replaceAll('++', '/node_modules/').replaceAll('+', '/'), version, files: parse(fs.readFileSync(path.join(dir, name), 'utf8'))};
		});
}

// A hunk that adds nothing (-U0) starts after its line rather than at it.
const at = hunk => (hunk.new.length === 0 ? hunk.newStart : hunk.newStart - 1);
const same = (a, b) => a.length === b.length && a.every((line, i) => line === b[i]);

/** Why the patch is not applied under root, or undefined when it is. */
export function notApplied(root, patch) {
	const manifest = path.resolve(root, 'node_modules', patch.pkg, 'package.json');
	if (!fs.existsSync(manifest)) return `node_modules/${patch.pkg} is not installed (did the dependency tree change? make the patch again)`;
	// A copy nested under its dependent (wrap-ansi's older string-width) is patched
	// only while that dependent still loads it: a change of layout is a clear error, not a crash.
	const [dependent, ...nested] = patch.pkg.split('/node_modules/');
	if (nested.length > 0) {
		const dir = path.dirname(manifest);
		let loaded;
		try {
			loaded = createRequire(path.resolve(root, 'node_modules', dependent, 'package.json')).resolve(nested.at(-1));
		} catch {
			loaded = '(nothing)';
		}
		if (!loaded.startsWith(dir + path.sep)) return `${dependent} loads ${nested.at(-1)} from ${loaded}, not the patched node_modules/${patch.pkg} (make the patch again for the copy it loads)`;
	}
	const {version} = JSON.parse(fs.readFileSync(manifest, 'utf8'));
	if (version !== patch.version) return `node_modules/${patch.pkg} is ${version}, the patch is for ${patch.version} (pin it, or make the patch again)`;
	for (const file of patch.files) {
		if (!fs.existsSync(path.join(root, file.path))) return `${file.path} is missing (renamed upstream? make the patch again)`;
		const text = fs.readFileSync(path.join(root, file.path), 'utf8');
		const hunk = file.hunks.find(h => !same(text.split('\n').slice(at(h), at(h) + h.new.length), h.new));
		if (hunk) return `${file.path} lacks the change at line ${hunk.newStart} (npm ci applies patches/, or run npx patch-package)`;
	}
	return undefined;
}

/** A patched file's text as it was before the patch (hunks are applied bottom-up so line numbers hold). */
export function unpatch(text, file) {
	const result = text.split('\n');
	for (const hunk of [...file.hunks].reverse()) {
		if (!same(result.slice(at(hunk), at(hunk) + hunk.new.length), hunk.new)) throw new Error(`${file.path}: the patch is not applied at line ${hunk.newStart}`);
		result.splice(at(hunk), hunk.new.length, ...hunk.old);
	}
	return result.join('\n');
}
