// The tests hold each of the project's patches (patches/) to the behaviour of
// the package it changes. The original is made here, never kept in the repo: a
// copy of the installed package with the patch undone, written under dist/ so
// that its own imports of other packages still find node_modules.
import fs from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

interface Hunk {
	newStart: number;
	old: string[];
	new: string[];
}
interface PatchedFile {
	path: string;
	hunks: Hunk[];
}
export interface Patch {
	name: string;
	pkg: string;
	version: string;
	files: PatchedFile[];
}
interface PatchesModule {
	readPatches(root: string): Patch[];
	notApplied(root: string, patch: Patch): string | undefined;
	unpatch(text: string, file: PatchedFile): string;
}

export const root = process.cwd();
export const {readPatches, notApplied, unpatch} = (await import(pathToFileURL(path.join(root, 'scripts/patches.mjs')).href)) as PatchesModule;

/**
 * The package wrap-ansi loads as string-width: an older copy nested under it,
 * found the way wrap-ansi finds it, so a change of layout fails here by name.
 */
export function wrapAnsiStringWidth(): string {
	const wrapAnsi = createRequire(path.join(root, 'package.json')).resolve('wrap-ansi');
	let file: string;
	try {
		file = createRequire(wrapAnsi).resolve('string-width');
	} catch {
		throw new Error('wrap-ansi no longer resolves string-width: the patch for its copy needs making again');
	}
	return path.relative(root, path.dirname(file));
}

export function patchFor(dir: string): Patch {
	const pkg = dir.replace(/^node_modules\//, '');
	const patch = readPatches(root).find(candidate => candidate.pkg === pkg);
	if (!patch) throw new Error(`no patch in patches/ for ${pkg}`);
	return patch;
}

/**
 * Copies of these installed packages (node_modules/... paths) with their
 * patches undone, in one new folder: a copied package that imports another
 * gets the other's original. `link` names folders inside a package that no
 * patch touches, linked rather than copied (client-node's generated API is 50 MB).
 * Returns the folder that stands for the root.
 */
export function unpatched(dirs: string[], link: string[] = []): string {
	fs.mkdirSync(path.join(root, 'dist'), {recursive: true});
	const copy = fs.mkdtempSync(path.join(root, 'dist', '.unpatched-'));
	process.on('exit', () => fs.rmSync(copy, {recursive: true, force: true}));
	for (const dir of dirs) {
		const from = path.join(root, dir);
		const linked = link.filter(inside => fs.existsSync(path.join(from, inside)));
		fs.cpSync(from, path.join(copy, dir), {recursive: true, filter: source => !linked.includes(path.relative(from, source))});
		for (const inside of linked) fs.symlinkSync(path.join(from, inside), path.join(copy, dir, inside));
		for (const file of patchFor(dir).files) {
			const target = path.join(copy, file.path);
			fs.writeFileSync(target, unpatch(fs.readFileSync(target, 'utf8'), file));
		}
	}
	return copy;
}

/** A module of a package, by its path under a root; a query string makes a fresh instance. */
export async function load<T>(base: string, file: string, query = ''): Promise<T> {
	return (await import(pathToFileURL(path.join(base, file)).href + query)) as T;
}
