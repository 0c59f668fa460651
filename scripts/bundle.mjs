#!/usr/bin/env node
// Bundles the compiled CLI and its dependencies into one file. Start-up then
// reads one module instead of ~1,500 (client-node's generated API alone is
// hundreds): about 0.8 s of CPU instead of 2.1 s for a snapshot on this machine.
import {build} from 'esbuild';
import fs from 'node:fs';

// Ink rasterises every frame from scratch, and its Output keeps its caches
// (each line's tokenised styled characters, string widths) per frame: a new
// Output per frame starts empty, so every line of every frame is tokenised
// again, most of a frame's cost on a 200x50 screen. Keeping one set of caches
// across frames (emptied when it grows past a few thousand lines) leaves the
// work for the lines that changed. The cached values are never mutated by Ink.
const inkOutputCaches = {
	name: 'ink-output-caches',
	setup(build) {
		build.onLoad({filter: /[\\/]ink[\\/]build[\\/]output\.js$/}, args => {
			const source = fs.readFileSync(args.path, 'utf8');
			const field = '    caches = new OutputCaches();';
			if (!source.includes(field)) throw new Error(`${args.path}: Ink's Output no longer declares "${field.trim()}"; update scripts/bundle.mjs`);
			const shared = [
				'let sharedCaches;',
				'function sharedOutputCaches() {',
				'    if (!sharedCaches || sharedCaches.styledChars.size > 4000 || sharedCaches.widths.size > 20000) sharedCaches = new OutputCaches();',
				'    return sharedCaches;',
				'}',
			].join('\n');
			return {contents: `${source.replace(field, '    caches = sharedOutputCaches();')}\n${shared}\n`, loader: 'js'};
		});
	},
};

const stub = 'dist/.react-devtools-stub.mjs';
// Ink imports react-devtools-core only when DEV is set; the bundle never loads it.
fs.writeFileSync(stub, 'export default {connectToDevTools() {}};\n');
await build({
	entryPoints: ['dist/cli.js'],
	outfile: 'dist/k8slab.mjs',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	alias: {'react-devtools-core': `./${stub}`},
	// Some dependencies are CommonJS and call require() for Node built-ins.
	banner: {js: "import {createRequire as __k8slabRequire} from 'node:module';\nconst require = __k8slabRequire(import.meta.url);"},
	plugins: [inkOutputCaches],
	logLevel: 'warning',
});
fs.chmodSync('dist/k8slab.mjs', 0o755);
