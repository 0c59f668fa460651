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

/** The Go wrapper modules shipped with k8slab (source/sandbox/components). */
export function componentsDir(): string {
	// Compiled code runs from dist/source/sandbox; the modules stay in source/.
	const here = path.dirname(fileURLToPath(import.meta.url));
	const root = here.includes(`${path.sep}dist${path.sep}`) ? path.resolve(here, '../../..') : path.resolve(here, '../..');
	return path.join(root, 'source', 'sandbox', 'components');
}
