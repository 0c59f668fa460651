// Builds the real control-plane components from the Go module proxy, once,
// into a cache keyed by their versions.
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {binDir, componentsDir} from './paths.js';
import {etcdVersion, kubernetesVersion, kwokVersion, minimumGo, type ComponentName} from './versions.js';
import {withLock} from './lock.js';

export class SandboxError extends Error {}

interface BuildTarget {
	module: string;
	label: string;
	packages: Array<{name: ComponentName; pkg: string}>;
	ldflags: string;
}

const versionPkg = 'k8s.io/component-base/version';
const kubeMinor = kubernetesVersion.split('.')[1] ?? '';

const targets: BuildTarget[] = [
	{
		module: 'kubernetes',
		label: `Kubernetes ${kubernetesVersion}`,
		packages: [
			{name: 'kube-apiserver', pkg: 'k8s.io/kubernetes/cmd/kube-apiserver'},
			{name: 'kube-controller-manager', pkg: 'k8s.io/kubernetes/cmd/kube-controller-manager'},
			{name: 'kube-scheduler', pkg: 'k8s.io/kubernetes/cmd/kube-scheduler'},
		],
		// Without the stamp /version reports v0.0.0-master and kubectl warns about skew.
		ldflags: `-s -w -X ${versionPkg}.gitVersion=${kubernetesVersion} -X ${versionPkg}.gitMajor=1 -X ${versionPkg}.gitMinor=${kubeMinor} -X ${versionPkg}.gitTreeState=clean`,
	},
	{module: 'etcd', label: `etcd ${etcdVersion}`, packages: [{name: 'etcd', pkg: 'go.etcd.io/etcd/server/v3'}], ldflags: '-s -w'},
	{module: 'kwok', label: `kwok ${kwokVersion}`, packages: [{name: 'kwok', pkg: 'sigs.k8s.io/kwok/cmd/kwok'}], ldflags: '-s -w'},
];

export function binaryPath(name: ComponentName, env: NodeJS.ProcessEnv = process.env): string {
	return path.join(binDir(env).dir, name);
}

export function missingBinaries(env: NodeJS.ProcessEnv = process.env): ComponentName[] {
	return targets.flatMap(t => t.packages.map(p => p.name)).filter(name => !fs.existsSync(binaryPath(name, env)));
}

/** Returns a problem with the Go toolchain in one sentence, or undefined when it will do. */
export function goProblem(): string | undefined {
	const result = spawnSync('go', ['env', 'GOVERSION'], {encoding: 'utf8'});
	if (result.error || result.status !== 0) {
		return `Go ${minimumGo.major}.${minimumGo.minor} or newer is needed to build the sandbox's control plane, and "go" was not found on PATH. Install Go, or point K8SLAB_BIN_DIR at a folder holding prebuilt etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok.`;
	}
	const match = /go(\d+)\.(\d+)/.exec(result.stdout.trim());
	const major = Number(match?.[1] ?? 0);
	const minor = Number(match?.[2] ?? 0);
	if (major < minimumGo.major || (major === minimumGo.major && minor < minimumGo.minor)) {
		return `Go ${minimumGo.major}.${minimumGo.minor} or newer is needed to build the sandbox's control plane, but this machine has ${result.stdout.trim()}. Upgrade Go, or point K8SLAB_BIN_DIR at a folder holding prebuilt binaries.`;
	}
	return undefined;
}

export type BuildProgress = (line: string, final: boolean) => void;

/** Builds whatever is missing. Safe to call from several processes at once. */
export async function ensureBinaries(progress: BuildProgress, env: NodeJS.ProcessEnv = process.env): Promise<string> {
	const {dir, prebuilt} = binDir(env);
	const missing = missingBinaries(env);
	if (missing.length === 0) return dir;
	if (prebuilt) throw new SandboxError(`K8SLAB_BIN_DIR=${dir} lacks ${missing.join(', ')}.`);
	const problem = goProblem();
	if (problem) throw new SandboxError(problem);
	fs.mkdirSync(dir, {recursive: true});
	await withLock(path.join(dir, '..', 'build.lock'), async () => {
		for (const target of targets) {
			const wanted = target.packages.filter(p => !fs.existsSync(path.join(dir, p.name)));
			if (wanted.length > 0) await buildTarget(target, wanted, dir, progress);
		}
	});
	return dir;
}

async function buildTarget(target: BuildTarget, wanted: BuildTarget['packages'], dir: string, progress: BuildProgress): Promise<void> {
	// Build into a scratch folder and rename, so an interrupted build never leaves a half-written binary in the cache.
	const scratch = fs.mkdtempSync(path.join(dir, '..', '.build-'));
	const names = wanted.map(p => p.name).join(', ');
	const started = Date.now();
	const elapsed = () => formatElapsed(Date.now() - started);
	progress(`building ${names} (${target.label}) from the Go module proxy…`, false);
	const ticker = setInterval(() => progress(`building ${names} (${target.label})… ${elapsed()}`, false), 1000);
	try {
		// One package is built to its file name: Go names a binary after its package
		// path, and Go 1.26 names go.etcd.io/etcd/server/v3's "server", not "etcd".
		const output = wanted.length === 1 ? path.join(scratch, wanted[0]!.name) : scratch + path.sep;
		const args = ['build', '-trimpath', '-ldflags', target.ldflags, '-o', output, ...wanted.map(p => p.pkg)];
		const result = await run('go', args, path.join(componentsDir(), target.module));
		if (result.code !== 0) {
			throw new SandboxError(`building ${names} failed (go build exited ${result.code}):\n${result.tail}`);
		}
		for (const p of wanted) fs.renameSync(path.join(scratch, p.name), path.join(dir, p.name));
		progress(`built ${names} (${target.label}) in ${elapsed()}`, true);
	} finally {
		clearInterval(ticker);
		fs.rmSync(scratch, {recursive: true, force: true});
	}
}

function run(command: string, args: string[], cwd: string): Promise<{code: number; tail: string}> {
	return new Promise(resolve => {
		const child = spawn(command, args, {cwd, stdio: ['ignore', 'pipe', 'pipe']});
		let tail = '';
		const keep = (chunk: Buffer) => {
			tail = (tail + chunk.toString()).slice(-4000);
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		child.on('error', error => resolve({code: 127, tail: error.message}));
		child.on('close', code => resolve({code: code ?? 1, tail}));
	});
}

export function formatElapsed(ms: number): string {
	const seconds = Math.floor(ms / 1000);
	return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}
