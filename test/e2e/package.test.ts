// The package as a user installs it: `npm pack` ships the bundle, the Go
// component modules, README and LICENSE and nothing else; the tarball
// installs into a fresh global prefix with no registry (it has no runtime
// dependencies), and the installed `k8slab` works from a directory outside
// the checkout, down to starting a sandbox and taking a snapshot of it.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {kubeconfigPath} from '../../source/sandbox/sandbox.js';
import {kubernetesVersion} from '../../source/sandbox/versions.js';

let scratch: string;
let tarball: string;
let prefix: string;
let elsewhere: string;
let sandboxDir: string;

function run(command: string, args: string[], options: {cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number} = {}) {
	const result = spawnSync(command, args, {encoding: 'utf8', cwd: options.cwd, env: {...process.env, ...options.env}, timeout: options.timeout ?? 120_000, maxBuffer: 64 * 1024 * 1024});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

/** The installed command, run the way a shell runs it: through its bin link and #! line. */
function installed(args: string[], timeout?: number) {
	return run(path.join(prefix, 'bin', 'k8slab'), args, {cwd: elsewhere, env: {PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env['PATH']}`}, timeout});
}

function filesUnder(dir: string): string[] {
	return fs
		.readdirSync(dir, {recursive: true, withFileTypes: true})
		.flatMap(entry => (entry.isFile() ? [path.relative(dir, path.join(entry.parentPath, entry.name))] : []))
		.sort();
}

before(() => {
	scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-package-'));
	prefix = path.join(scratch, 'prefix');
	elsewhere = path.join(scratch, 'elsewhere');
	sandboxDir = path.join(scratch, 'sandbox');
	fs.mkdirSync(elsewhere);
});

after(() => {
	if (sandboxDir && fs.existsSync(sandboxDir) && prefix) installed(['sandbox', 'down', '--dir', sandboxDir]);
	fs.rmSync(scratch, {recursive: true, force: true});
});

test('npm pack ships the bundle, the Go component modules, README and LICENSE, and nothing else', () => {
	// prepack builds; `npm test` has just built this checkout, so it finds dist/ up to date.
	const packed = run('npm', ['pack', '--json', '--pack-destination', scratch], {timeout: 300_000});
	assert.equal(packed.code, 0, packed.stderr);
	const [info] = JSON.parse(packed.stdout) as Array<{filename: string; size: number; unpackedSize: number; files: Array<{path: string}>}>;
	tarball = path.join(scratch, info!.filename);
	const files = info!.files.map(file => file.path).sort();
	const allowed = /^(LICENSE|README\.md|package\.json|dist\/k8slab\.mjs|dist\/k8slab-app\.js|source\/sandbox\/components\/(etcd|kubernetes|kwok)\/go\.(mod|sum))$/;
	assert.deepEqual(
		files.filter(file => !allowed.test(file)),
		[],
		'no test, bench, TypeScript source, .tsbuildinfo or other build output',
	);
	for (const needed of ['LICENSE', 'README.md', 'dist/k8slab.mjs', 'dist/k8slab-app.js', 'source/sandbox/components/kubernetes/go.mod', 'source/sandbox/components/etcd/go.sum', 'source/sandbox/components/kwok/go.mod']) {
		assert.ok(files.includes(needed), `ships ${needed}`);
	}
	process.stderr.write(`# tarball ${(info!.size / 1024).toFixed(0)} kB, unpacked ${(info!.unpackedSize / 1024).toFixed(0)} kB, ${files.length} files\n`);
	const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8'));
	assert.deepEqual(manifest.dependencies ?? {}, {}, 'the bundle inlines every dependency, so the package declares none');
});

test('the tarball installs into a fresh prefix with no registry, and npm ls --prod lists k8slab alone', () => {
	assert.ok(tarball, 'packed by the previous test');
	const started = Date.now();
	const install = run('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], {cwd: elsewhere});
	assert.equal(install.code, 0, install.stderr);
	process.stderr.write(`# npm install -g of the tarball: ${Date.now() - started} ms\n`);
	const ls = run('npm', ['ls', '--global', '--prefix', prefix, '--omit=dev', '--all', '--parseable'], {cwd: elsewhere});
	assert.equal(ls.code, 0, ls.stderr);
	assert.deepEqual(
		ls.stdout
			.trim()
			.split('\n')
			.map(line => path.relative(prefix, line)),
		['lib', path.join('lib', 'node_modules', 'k8slab')],
	);
	assert.ok(!fs.existsSync(path.join(prefix, 'lib', 'node_modules', 'k8slab', 'node_modules')), 'nothing else was installed');
	// The tarball's bundle is already patched: installing it runs nothing (patch-package is the checkout's, in prepare).
	const installedManifest = JSON.parse(fs.readFileSync(path.join(prefix, 'lib', 'node_modules', 'k8slab', 'package.json'), 'utf8')) as {scripts?: Record<string, string>};
	for (const hook of ['preinstall', 'install', 'postinstall']) assert.equal(installedManifest.scripts?.[hook], undefined, `no ${hook} script`);
});

test('the installed k8slab answers --version, --help and completion from outside the checkout, writing nothing into its install', () => {
	const packageDir = path.join(prefix, 'lib', 'node_modules', 'k8slab');
	const before = filesUnder(packageDir);
	const version = installed(['--version']);
	assert.equal(version.code, 0, version.stderr);
	assert.match(version.stdout, /^k8slab \d+\.\d+\.\d+ \(commit ([0-9a-f]{12}(-dirty)?|unknown)\)\n/);
	assert.ok(version.stdout.includes(kubernetesVersion));
	const help = installed(['--help']);
	assert.equal(help.code, 0, help.stderr);
	assert.match(help.stdout, /k8slab completion bash\|zsh\|fish/);
	const completion = installed(['completion', 'bash']);
	assert.equal(completion.code, 0, completion.stderr);
	assert.match(completion.stdout, /complete -o default -F _k8slab k8slab/);
	const offered = run('bash', ['-c', `source <(k8slab completion bash)\nCOMP_LINE='k8slab sandbox st'; COMP_POINT=\${#COMP_LINE}\n_k8slab\nprintf '%s\\n' "\${COMPREPLY[@]}"`], {
		cwd: elsewhere,
		env: {PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env['PATH']}`},
	});
	assert.deepEqual(offered.stdout.split('\n').filter(Boolean), ['status', 'stop', 'start']);
	const usage = installed(['--namspace', 'x']);
	assert.equal(usage.code, 2);
	// The V8 code cache goes to ~/.cache (or XDG_CACHE_HOME), never beside the bundle: a global install may be read-only.
	assert.deepEqual(filesUnder(packageDir), before);
});

test('the installed k8slab starts a sandbox from its shipped files and snapshots it', () => {
	// The control plane is built once per machine into ~/.cache/k8slab; the lab's other tests have built it.
	const snapshot = installed(['snapshot', '--sandbox', '--dir', sandboxDir, '--width', '120', '--height', '40'], 240_000);
	assert.equal(snapshot.code, 0, snapshot.stderr);
	assert.match(snapshot.stdout, /Pods \(all\) 11/);
	assert.match(snapshot.stdout, /deployment "todoapi" successfully rolled out/);
	// The lab-eks context's credential plugin is the installed k8slab itself.
	const eks = installed(['snapshot', '--kubeconfig', kubeconfigPath(sandboxDir), '--context', 'lab-eks']);
	assert.equal(eks.code, 0, eks.stderr);
	assert.match(eks.stdout, /ctx lab-eks/);
	const down = installed(['sandbox', 'down', '--dir', sandboxDir]);
	assert.equal(down.code, 0, down.stderr);
});
