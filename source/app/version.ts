// `k8slab --version`: what was built, from which commit, and what the sandbox runs.
import fs from 'node:fs';
import path from 'node:path';
import {packageRoot} from '../sandbox/paths.js';
import {etcdVersion, kubernetesVersion, kwokVersion} from '../sandbox/versions.js';

// Set by scripts/bundle.mjs; absent when dist/cli.js runs unbundled.
declare const K8SLAB_VERSION: string | undefined;
declare const K8SLAB_COMMIT: string | undefined;

export function versionText(): string {
	const version = typeof K8SLAB_VERSION === 'string' ? K8SLAB_VERSION : (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {version: string}).version;
	const commit = typeof K8SLAB_COMMIT === 'string' ? K8SLAB_COMMIT : 'unknown';
	return [`k8slab ${version} (commit ${commit})`, `sandbox: Kubernetes ${kubernetesVersion}, etcd ${etcdVersion}, kwok ${kwokVersion} (built with Go on first use)`].join('\n');
}
