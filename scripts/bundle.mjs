#!/usr/bin/env node
// Bundles the compiled CLI and its dependencies into one file. Start-up then
// reads one module instead of ~1,500 (client-node's generated API alone is
// hundreds): about 0.8 s of CPU instead of 2.1 s for a snapshot on this machine.
// The bundle, dist/k8slab-app.js, is the body of an ES module with no import
// statements left, which dist/k8slab.mjs (scripts/launcher.mjs) compiles with
// V8's code cache.
import {build} from 'esbuild';
import fs from 'node:fs';
import {builtinModules} from 'node:module';
import {gitCommit} from './git-commit.mjs';
import {notApplied, readPatches} from './patches.mjs';

// The bundle takes the dependencies as installed, with the project's patches
// (patches/, applied by patch-package at install) that the tests ran too. A
// patch that is not there would ship a renderer the tests never saw.
const unapplied = readPatches('.').flatMap(patch => {
	const why = notApplied('.', patch);
	return why ? [`patches/${patch.name}: ${why}`] : [];
});
if (unapplied.length > 0) {
	process.stderr.write(`k8slab: the dependencies lack the project's patches:\n${unapplied.map(line => `  ${line}\n`).join('')}`);
	process.exit(1);
}

// Node's built-ins are reached through the launcher's `require` rather than
// import statements, which only a module may have and the code cache needs a script.
const builtins = new Set(builtinModules);
const builtinsThroughRequire = {
	name: 'builtins-through-require',
	setup(build) {
		build.onResolve({filter: /.*/}, args => {
			const name = args.path.replace(/^node:/, '');
			if (!builtins.has(name)) return undefined;
			if (args.namespace === 'node-builtin') return {path: args.path, external: true};
			return {path: name, namespace: 'node-builtin'};
		});
		build.onLoad({filter: /.*/, namespace: 'node-builtin'}, args => ({contents: `module.exports = require(${JSON.stringify(`node:${args.path}`)});`, loader: 'js'}));
	},
};

const {version} = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const commit = gitCommit();

const stub = 'dist/.react-devtools-stub.mjs';
// Ink imports react-devtools-core only when DEV is set; the bundle never loads it.
fs.writeFileSync(stub, 'export default {connectToDevTools() {}};\n');
const app = 'dist/k8slab-app.js';
await build({
	entryPoints: ['dist/cli.js'],
	outfile: app,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	alias: {'react-devtools-core': `./${stub}`},
	define: {
		// React's development builds sit beside the production ones behind a
		// NODE_ENV test; deciding it here leaves them out (700 KB less to compile at
		// every start). The CLI runs production React either way (cli.tsx).
		'process.env.NODE_ENV': '"production"',
		// The launcher passes the bundle's own import.meta.
		'import.meta': '__k8slabImportMeta',
		K8SLAB_VERSION: JSON.stringify(version),
		K8SLAB_COMMIT: JSON.stringify(commit),
	},
	// cli.tsx still sets NODE_ENV for an unbundled dist/cli.js; in here that line is moot.
	logOverride: {'assign-to-define': 'silent'},
	plugins: [builtinsThroughRequire],
	// V8 keeps a script's source for as long as it runs (functions compile
	// lazily from it), and one non-ASCII character anywhere, even in a comment,
	// stores all of it as two bytes a character: the 4.4 MB bundle was 8.7 MB
	// of live heap. Without whitespace and comments it is half the size and one
	// byte a character; esbuild escapes non-ASCII in strings (charset ascii).
	minifyWhitespace: true,
	charset: 'ascii',
	logLevel: 'warning',
});
// cli.tsx's #! line is not JavaScript inside the launcher's function.
const bundled = fs.readFileSync(app, 'latin1').replace(/^#!.*\n/, '');
// Not a proof (a regex cannot parse JavaScript), but string literals are taken out first.
const code = bundled.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '');
if (/(?:^|[;{}])\s*(?:import|export)\b(?!\s*[:=.(])|(?<![\w$.])import\s*\(/.test(code)) {
	throw new Error(`${app} still has an import or export; the launcher runs it as a script`);
}
const wide = Buffer.from(bundled, 'latin1').findIndex(byte => byte > 0x7f);
if (wide !== -1) throw new Error(`${app} has a non-ASCII byte at ${wide}: V8 would hold the whole source as UTF-16`);
fs.writeFileSync(app, bundled, 'latin1');
fs.copyFileSync('scripts/launcher.mjs', 'dist/k8slab.mjs');
fs.chmodSync('dist/k8slab.mjs', 0o755);
// What scripts/prepare.mjs compares with the checkout before packing this dist/.
fs.writeFileSync('dist/.build-commit', commit);
