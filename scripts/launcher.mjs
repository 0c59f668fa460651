#!/usr/bin/env node
// What `k8slab` runs: compiles the bundled app (k8slab-app.js beside this file)
// with V8's code cache. Parsing and compiling the 1.8 MB bundle, and then each
// function the first time it runs, was about 150 ms of every start on the one
// thread that also reads the pods LIST; from the cache it is a few ms. The
// cache is written when a run without one exits (it then holds every function
// that run compiled) and is keyed by the bundle's size and mtime, the Node
// version and the architecture, because V8 checks only the source's length.
// K8SLAB_NO_CODE_CACHE=1 turns it off (for measuring, or a read-only home).
//
// No V8 heap flags: --max-semi-space-size=4 (tried in #!) cut the RSS after a
// cold start at 10,000 pods from 162 to 127 MB, but not the peak, which comes
// later in a session, and it doubled the CPU of an idle view (more scavenges,
// on V8's worker threads: 20 -> 48 ticks in 20 s).
import fs from 'node:fs';
import {createRequire} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import {fileURLToPath, pathToFileURL} from 'node:url';

const app = fileURLToPath(new URL('./k8slab-app.js', import.meta.url));
// The build guarantees ASCII, which latin1 reads fastest.
const source = fs.readFileSync(app, 'latin1');
const useCache = !process.env['K8SLAB_NO_CODE_CACHE'];
const cacheDir = path.join(process.env['XDG_CACHE_HOME'] || path.join(os.homedir(), '.cache'), 'k8slab', 'code-cache');
const {size, mtimeMs} = fs.statSync(app);
const cacheFile = path.join(cacheDir, `${process.version}-${process.arch}-${size}-${Math.round(mtimeMs)}.bin`);

let cachedData;
if (useCache) {
	try {
		cachedData = fs.readFileSync(cacheFile);
	} catch {
		// first run of this build
	}
}

// The bundle is an ES module body with its imports already resolved (built-ins
// come through `require`): an async function runs it, top-level await included.
const script = new vm.Script(`(async function (require, __k8slabImportMeta) {'use strict';${source}\n})`, {filename: app, cachedData});

// K8SLAB_TRACE (see source/trace.ts) records whether the cache served this start.
if (process.env['K8SLAB_TRACE']) {
	const state = !useCache ? 'off' : cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted';
	fs.appendFileSync(process.env['K8SLAB_TRACE'], `${(performance.timeOrigin + performance.now()).toFixed(1)} code cache ${state}\n`);
}

if (useCache && (cachedData === undefined || script.cachedDataRejected)) {
	process.once('exit', () => {
		try {
			fs.mkdirSync(cacheDir, {recursive: true});
			// Builds come and go; only this one's cache is worth keeping.
			for (const old of fs.readdirSync(cacheDir)) if (old.endsWith('.bin') && old !== path.basename(cacheFile)) fs.rmSync(path.join(cacheDir, old), {force: true});
			const partial = `${cacheFile}.${process.pid}`;
			fs.writeFileSync(partial, script.createCachedData());
			fs.renameSync(partial, cacheFile);
		} catch {
			// A cache that cannot be written only costs the next start its head start.
		}
	});
}

await script.runInThisContext()(createRequire(app), {url: pathToFileURL(app).href, filename: app, dirname: path.dirname(app)});
