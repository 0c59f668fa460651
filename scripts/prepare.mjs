#!/usr/bin/env node
// npm's prepack and prepare: the package ships the bundle, so packing it, or
// installing it from a git URL (npm clones it, installs the devDependencies
// and runs prepare), builds it first. `npm pack` runs both hooks, so a dist/
// that is already newer than every input and was bundled at this commit is
// used as is rather than built again (K8SLAB_FORCE_BUILD=1 builds regardless).
// `npm ci` in a checkout runs prepare too: it builds nothing there, since
// `npm start` and `npm test` build anyway.
//
// Every one of these first applies the project's patches to its dependencies
// (patches/, with patch-package; the build refuses a node_modules without
// them). Here rather than in a postinstall: npm runs prepare after `npm install`
// and `npm ci` in the checkout and for a git URL, but never when it installs
// the packed tarball, which ships no patches/ and no patch-package, only the
// bundle that already holds the patched code.
//
// `npm install -g <git url>` runs the clone's `npm install` as a global install
// too (npm/cli#8440: the child inherits npm_config_global), so this prepare
// starts with no devDependencies; it installs them itself, from the lockfile.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {gitCommit} from './git-commit.mjs';

const outputs = ['dist/k8slab.mjs', 'dist/k8slab-app.js', 'dist/.build-commit'];
const inputRoots = ['cli.tsx', 'source', 'themes', 'scripts', 'patches', 'package.json', 'package-lock.json', 'tsconfig.json'];

function newestInput() {
	let newest = 0;
	const visit = entry => {
		let stat;
		try {
			stat = fs.statSync(entry);
		} catch {
			return;
		}
		if (stat.isDirectory()) for (const name of fs.readdirSync(entry)) visit(path.join(entry, name));
		else newest = Math.max(newest, stat.mtimeMs);
	};
	for (const root of inputRoots) visit(root);
	return newest;
}

function fresh() {
	if (process.env['K8SLAB_FORCE_BUILD']) return false;
	try {
		const built = Math.min(...outputs.map(file => fs.statSync(file).mtimeMs));
		return built >= newestInput() && fs.readFileSync('dist/.build-commit', 'utf8') === gitCommit();
	} catch {
		return false;
	}
}

// The child npm runs here, in this checkout, whatever install the hook is part of.
const here = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_(global|location|prefix|local_prefix)$/i.test(key)));

function npm(args) {
	const result = spawnSync('npm', args, {stdio: ['ignore', 2, 2], env: here});
	if (result.status !== 0) process.exit(result.status ?? 1);
}

// npm/cli#8440, the other half: that child install also replaces the global
// package folder with a link to this temporary clone, and the real install
// then unpacks through the link into the clone, which npm deletes right
// after: `k8slab` would dangle. The link (only a link to this very folder) is
// put back to the empty folder the real install made, and only by the
// prepare that packs the clone: the child install's own prepare (the one whose
// local prefix is this folder) runs while that install still uses the link.
function unlinkGlobalLinkToThisClone() {
	const prefix = process.env['npm_config_prefix'];
	if (process.env['npm_config_global'] !== 'true' || !prefix) return;
	if (path.resolve(process.env['npm_config_local_prefix'] ?? '') === path.resolve('.')) return;
	const link = path.join(prefix, process.platform === 'win32' ? '' : 'lib', 'node_modules', 'k8slab');
	try {
		if (fs.lstatSync(link).isSymbolicLink() && fs.realpathSync(link) === fs.realpathSync('.')) {
			fs.unlinkSync(link);
			fs.mkdirSync(link);
		}
	} catch {
		// no such link: nothing to undo
	}
}

// A patch that no longer applies fails the install here, loudly.
function applyPatches() {
	// Its report goes to stderr: `npm pack --json` owns stdout, and a hook's output there corrupts the JSON.
	const result = spawnSync(process.execPath, ['node_modules/patch-package/index.js', '--error-on-fail'], {stdio: ['ignore', 2, 2]});
	if (result.status !== 0) process.exit(result.status ?? 1);
}

const checkoutCi = process.env['npm_lifecycle_event'] === 'prepare' && process.env['npm_command'] === 'ci';
const build = !checkoutCi && !fresh();
if (build && (!fs.existsSync('node_modules/typescript') || !fs.existsSync('node_modules/esbuild'))) {
	process.stderr.write('k8slab: installing the build tools (devDependencies) to build dist/\n');
	npm(['ci', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund']);
}
if (fs.existsSync('node_modules/patch-package')) applyPatches();
if (checkoutCi) {
	// the checkout's own `npm ci`: see above
} else if (!build) {
	process.stderr.write('k8slab: dist/ is up to date with the sources and this commit; not rebuilding\n');
} else {
	npm(['run', '--silent', 'build']);
}
unlinkGlobalLinkToThisClone();
