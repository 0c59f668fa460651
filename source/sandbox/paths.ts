import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {cacheKey} from './versions.js';

/** Where a sandbox keeps its state, logs, pids and kubeconfig. */
export function sandboxDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
	return path.resolve(explicit ?? env['K8SLAB_SANDBOX_DIR'] ?? path.join(os.homedir(), '.k8slab', 'sandbox'));
}

/** Where built binaries live: K8SLAB_BIN_DIR (prebuilt, never built into) or the per-version cache. */
export function binDir(env: NodeJS.ProcessEnv = process.env): {dir: string; prebuilt: boolean} {
	const prebuilt = env['K8SLAB_BIN_DIR'];
	if (prebuilt) return {dir: path.resolve(prebuilt), prebuilt: true};
	const cacheHome = env['XDG_CACHE_HOME'] ?? path.join(os.homedir(), '.cache');
	return {dir: path.join(cacheHome, 'k8slab', cacheKey(), 'bin'), prebuilt: false};
}

/**
 * The k8slab package's root. This code runs compiled (dist/source/sandbox),
 * bundled (dist/k8slab.mjs) or from a global install, so walk up to the
 * package.json rather than count directories.
 */
export function packageRoot(): string {
	let dir = path.dirname(fileURLToPath(import.meta.url));
	for (;;) {
		try {
			if (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name === 'k8slab') return dir;
		} catch {
			// no package.json here
		}
		const parent = path.dirname(dir);
		if (parent === dir) throw new Error('cannot find the k8slab package root');
		dir = parent;
	}
}

/** The Go wrapper modules shipped with k8slab (source/sandbox/components). */
export function componentsDir(): string {
	return path.join(packageRoot(), 'source', 'sandbox', 'components');
}

/** The CLI entry point, for commands the sandbox hands to other programs (the kubeconfig's exec plugin). */
export function cliEntry(): string {
	const bundled = path.join(packageRoot(), 'dist', 'k8slab.mjs');
	return fs.existsSync(bundled) ? bundled : path.join(packageRoot(), 'dist', 'cli.js');
}
