// The commit `k8slab --version` names: the short hash, with "-dirty" when
// tracked files differ from it; "unknown" outside a git checkout (an unpacked tarball).
import {spawnSync} from 'node:child_process';

export function gitCommit() {
	const git = (...args) => spawnSync('git', args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']});
	const head = git('rev-parse', '--short=12', 'HEAD');
	if (head.status !== 0 || !head.stdout.trim()) return 'unknown';
	const dirty = git('status', '--porcelain', '--untracked-files=no').stdout.trim() !== '';
	return head.stdout.trim() + (dirty ? '-dirty' : '');
}
