// The built CLI's command line as a user meets it, with no cluster needed:
// every usage error is one line and exit 2 and changes nothing, every command
// has --help, --version says what was built, the completion scripts work in a
// real bash, and --request-timeout and Ctrl-C reach the process.
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {etcdVersion, kubernetesVersion, kwokVersion} from '../../source/sandbox/versions.js';

const cli = path.resolve('dist/k8slab.mjs');
let scratch: string;
let bin: string;
let silent: net.Server;
const sockets = new Set<net.Socket>();
let silentKubeconfig: string;

function k8slab(args: string[], env: NodeJS.ProcessEnv = {}) {
	const result = spawnSync(process.execPath, [cli, ...args], {encoding: 'utf8', cwd: scratch, env: {...process.env, ...env}, timeout: 30_000});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

before(async () => {
	scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-flags-'));
	// `k8slab` on PATH, as the completion scripts call it.
	bin = path.join(scratch, 'bin');
	fs.mkdirSync(bin);
	fs.symlinkSync(cli, path.join(bin, 'k8slab'));
	silent = net.createServer(socket => sockets.add(socket));
	await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve));
	const {port} = silent.address() as net.AddressInfo;
	silentKubeconfig = path.join(scratch, 'kubeconfig');
	fs.writeFileSync(
		silentKubeconfig,
		JSON.stringify({
			apiVersion: 'v1',
			kind: 'Config',
			'current-context': 'silent',
			clusters: [
				{name: 'silent', cluster: {server: `https://127.0.0.1:${port}`, 'insecure-skip-tls-verify': true}},
				{name: 'other', cluster: {server: 'https://127.0.0.1:1'}},
			],
			users: [{name: 'u', user: {token: 'not-a-token'}}],
			contexts: [
				{name: 'silent', context: {cluster: 'silent', user: 'u'}},
				{name: 'prod-eu', context: {cluster: 'other', user: 'u'}},
			],
		}),
	);
});

after(() => {
	for (const socket of sockets) socket.destroy();
	silent?.close();
	fs.rmSync(scratch, {recursive: true, force: true});
});

const usageErrors: Array<[string[], RegExp]> = [
	[['--namspace', 'kube-system'], /^k8slab: unknown flag --namspace; did you mean --namespace\?/],
	[['snapshot', '--all-namespace'], /^k8slab: unknown flag --all-namespace for k8slab snapshot; did you mean --all-namespaces\?/],
	[['--request-timout', '5s'], /did you mean --request-timeout\?/],
	[['--comand', 'svc'], /^k8slab: unknown flag --comand; did you mean --command\?/],
	[['snapshot', '--width', 'abc'], /^k8slab: --width takes a whole number of columns from 1 to 10000, not "abc"$/],
	[['snapshot', '--width', '0'], /--width .* not "0"$/],
	[['snapshot', '--height', '-3'], /--height .* not "-3"$/],
	[['snapshot', '--height', '1.5'], /--height .* not "1\.5"$/],
	[['--request-timeout', '5x'], /^k8slab: --request-timeout takes a whole number of seconds or a number with a unit .* not "5x"$/],
	[['--request-timeout'], /^k8slab: --request-timeout needs a value/],
	[['-n', '-A'], /^k8slab: -n needs a value/],
	[['--nodes', '0', '--sandbox'], /^k8slab: --nodes takes a whole number of worker nodes from 1 to 50, not "0"$/],
	[['--theme', 'dark'], /^k8slab: unknown theme "dark"/],
	[['--readonly=no'], /^k8slab: --readonly takes no value/],
	[['snapshto'], /^k8slab: unknown command "snapshto"; did you mean snapshot\?/],
	[['snapshot', 'now'], /^k8slab: snapshot takes no arguments/],
	[['sandbox', 'upp'], /^k8slab: unknown sandbox command "upp"; did you mean up\?/],
	[['sandbox', 'status', '--width', '3'], /^k8slab: --width is not a flag for k8slab sandbox/],
	[['completion', 'tcsh'], /^k8slab: completion needs one shell: bash, zsh, fish/],
	[['snapshot', '-v'], /^k8slab: unknown flag -v for k8slab snapshot/],
];

for (const [args, expected] of usageErrors) {
	test(`usage error, exit 2: k8slab ${args.join(' ')}`, () => {
		const dir = path.join(scratch, `untouched-${Math.random().toString(36).slice(2)}`);
		// --sandbox --dir: were the flags not checked first, this would start a sandbox in dir.
		const withSandbox = args[0] === 'sandbox' || args[0] === 'completion' ? args : [...args, '--sandbox', '--dir', dir];
		const result = k8slab(withSandbox, {KUBECONFIG: silentKubeconfig});
		assert.equal(result.code, 2, `exit code (stderr: ${result.stderr})`);
		const lines = result.stderr.trim().split('\n');
		assert.equal(lines.length, 1, `one line, got:\n${result.stderr}`);
		assert.match(lines[0]!, expected);
		assert.equal(result.stdout, '');
		assert.ok(!fs.existsSync(dir), 'nothing was started');
	});
}

test('every command has --help, which prints its usage and exits 0 without connecting anywhere', () => {
	const none = {KUBECONFIG: path.join(scratch, 'no-such-kubeconfig')};
	const cases: Array<[string[], RegExp]> = [
		[['--help'], /k8slab snapshot \[flags\][\s\S]*-n, --namespace NS[\s\S]*-A, --all-namespaces[\s\S]*--request-timeout T[\s\S]*Exit codes/],
		[['-h'], /-v, --version/],
		[['snapshot', '--help'], /k8slab snapshot \[flags\][\s\S]*--width W/],
		[['snapshot', '-h', '--width', 'abc'], /k8slab snapshot \[flags\]/],
		[['sandbox', '--help'], /k8slab sandbox up[\s\S]*k8slab sandbox down/],
		[['completion', '--help'], /k8slab completion bash\|zsh\|fish/],
		[['--help'], /k8slab lab \[flags\]\s+the live view with the lab's steps \(L\) open/],
		[['lab', '--help'], /k8slab lab \[flags\][\s\S]*--kubeconfig PATH[\s\S]*--context NAME[\s\S]*--sandbox/],
	];
	for (const verb of ['up', 'down', 'status', 'build', 'nodes', 'kubeconfig', 'stop', 'start', 'fail-readiness', 'recover-readiness']) {
		cases.push([['sandbox', verb, '--help'], new RegExp(`Usage\\n  \\$ k8slab sandbox ${verb} [\\s\\S]*--dir DIR`)]);
	}
	for (const [args, expected] of cases) {
		const result = k8slab(args, none);
		assert.equal(result.code, 0, `k8slab ${args.join(' ')}: ${result.stderr}`);
		assert.match(result.stdout, expected, `k8slab ${args.join(' ')}`);
		assert.equal(result.stderr, '', `k8slab ${args.join(' ')}`);
	}
	// With no verb, the sandbox's usage is the answer, on stderr, as a usage error.
	const bare = k8slab(['sandbox']);
	assert.equal(bare.code, 2);
	assert.match(bare.stderr, /k8slab sandbox up/);
});

test("--version prints k8slab's version and commit, and the sandbox's pinned versions", () => {
	const {version} = JSON.parse(fs.readFileSync('package.json', 'utf8'));
	for (const flag of ['--version', '-v']) {
		const result = k8slab([flag]);
		assert.equal(result.code, 0, result.stderr);
		const escaped = version.replaceAll('.', '\\.');
		assert.match(result.stdout, new RegExp(`^k8slab ${escaped} \\(commit ([0-9a-f]{12}(-dirty)?|unknown)\\)\\n`));
		assert.ok(result.stdout.includes(`Kubernetes ${kubernetesVersion}, etcd ${etcdVersion}, kwok ${kwokVersion}`), result.stdout);
	}
	const head = spawnSync('git', ['rev-parse', '--short=12', 'HEAD'], {encoding: 'utf8'});
	if (head.status === 0) assert.ok(k8slab(['--version']).stdout.includes(`commit ${head.stdout.trim()}`), 'the commit of this checkout');
});

/** What bash's completion offers for the line typed so far (cursor at its end). */
function bashComplete(line: string, env: NodeJS.ProcessEnv = {}): string[] {
	const script = `source <(k8slab completion bash)\nCOMP_LINE=${JSON.stringify(line)}; COMP_POINT=\${#COMP_LINE}\n_k8slab\nprintf '%s\\n' "\${COMPREPLY[@]}"`;
	const result = spawnSync('bash', ['-c', script], {encoding: 'utf8', cwd: scratch, env: {...process.env, PATH: `${bin}${path.delimiter}${process.env['PATH']}`, ...env}, timeout: 20_000});
	assert.equal(result.status, 0, result.stderr);
	return result.stdout.split('\n').filter(Boolean);
}

test('bash completion: commands, flags, sandbox verbs and components, themes, and the kubeconfig contexts', () => {
	assert.deepEqual(bashComplete('k8slab '), ['snapshot', 'lab', 'sandbox', 'completion']);
	assert.deepEqual(bashComplete('k8slab lab --sa'), ['--sandbox']);
	assert.deepEqual(bashComplete('k8slab sn'), ['snapshot']);
	assert.deepEqual(bashComplete('k8slab --names'), ['--namespace']);
	assert.deepEqual(bashComplete('k8slab snapshot --wi'), ['--width']);
	assert.ok(!bashComplete('k8slab sandbox up --').includes('--width'), 'only the flags of the command');
	assert.deepEqual(bashComplete('k8slab sandbox '), ['up', 'down', 'status', 'build', 'nodes', 'kubeconfig', 'stop', 'start', 'fail-readiness', 'recover-readiness']);
	assert.deepEqual(bashComplete('k8slab sandbox stop kube-s'), ['kube-scheduler']);
	assert.deepEqual(bashComplete('k8slab --theme '), ['default', 'light', 'mono']);
	assert.deepEqual(bashComplete('k8slab completion '), ['bash', 'zsh', 'fish']);
	assert.deepEqual(bashComplete(`k8slab --kubeconfig ${silentKubeconfig} --context `), ['silent', 'prod-eu']);
	assert.deepEqual(bashComplete('k8slab --context pr', {KUBECONFIG: silentKubeconfig}), ['prod-eu']);
	// bash completes only the part after "=".
	assert.deepEqual(bashComplete('k8slab --context=pr', {KUBECONFIG: silentKubeconfig}), ['prod-eu']);
});

test('namespace completion against a cluster that does not answer gives up quickly with nothing', () => {
	const started = Date.now();
	assert.deepEqual(bashComplete('k8slab -n ', {KUBECONFIG: silentKubeconfig}), []);
	assert.ok(Date.now() - started < 6000, `took ${Date.now() - started} ms`);
});

test('the zsh and fish scripts call back the same completion', () => {
	for (const shell of ['zsh', 'fish']) {
		const result = k8slab(['completion', shell]);
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, /k8slab __complete /);
	}
	assert.match(k8slab(['completion', 'zsh']).stdout, /^#compdef k8slab/);
	assert.match(k8slab(['completion', 'fish']).stdout, /complete -c k8slab /);
	for (const shell of ['zsh', 'fish']) {
		const file = path.join(scratch, `completion.${shell}`);
		fs.writeFileSync(file, k8slab(['completion', shell]).stdout);
		const found = spawnSync(shell, ['-n', file], {encoding: 'utf8'});
		// Where the shell is installed, its own parser accepts the script.
		if (found.error === undefined) assert.equal(found.status, 0, `${shell} -n: ${found.stderr}`);
	}
	// fish completes from a script without a terminal (complete -C), so where it is installed it is asked too.
	const fish = spawnSync('fish', ['-c', 'k8slab completion fish | source; complete -C "k8slab sandbox st"'], {encoding: 'utf8', cwd: scratch, env: {...process.env, PATH: `${bin}${path.delimiter}${process.env['PATH']}`}});
	if (fish.error === undefined) assert.deepEqual(fish.stdout.split('\n').filter(Boolean).sort(), ['start', 'status', 'stop'], fish.stderr);
});

test('--request-timeout bounds the start-up check: a silent server is given up on after 1s, not 8', () => {
	const started = Date.now();
	const result = k8slab(['snapshot', '--kubeconfig', silentKubeconfig, '--request-timeout', '1s']);
	const waited = Date.now() - started;
	assert.equal(result.code, 1, result.stderr);
	assert.match(result.stderr, /^k8slab: the API server at https:\/\/127\.0\.0\.1:\d+ did not answer in time\n$/);
	assert.ok(waited < 5000, `gave up after ${waited} ms`);
});

test('Ctrl-C (SIGINT) while waiting for the cluster ends k8slab by the signal, which the shell reports as 130', async () => {
	const child = spawn(process.execPath, [cli, 'snapshot', '--kubeconfig', silentKubeconfig], {cwd: scratch, stdio: 'ignore'});
	await new Promise(resolve => setTimeout(resolve, 1000));
	child.kill('SIGINT');
	const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(resolve => child.on('exit', (c, s) => resolve([c, s])));
	assert.ok(signal === 'SIGINT' || code === 130, `code ${code}, signal ${signal}`);
	const shell = spawnSync('bash', ['-c', `"${process.execPath}" "${cli}" snapshot --kubeconfig "${silentKubeconfig}" & pid=$!; sleep 1; kill -INT $pid; wait $pid; echo $?`], {encoding: 'utf8', cwd: scratch});
	assert.equal(shell.stdout.trim(), '130');
});
