// The command line's rules, as pure functions: typos find their flag, kubectl's
// --request-timeout syntax, and which flags each command takes.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {closest, parseCommandLine, parseTimeout, UsageError} from '../../source/app/flags.js';

function usage(argv: string[]): string {
	try {
		parseCommandLine(argv);
	} catch (error) {
		assert.ok(error instanceof UsageError, `a UsageError, got ${String(error)}`);
		return error.message;
	}
	assert.fail(`${argv.join(' ')} was accepted`);
}

test('a typo finds the flag it meant; a word far from every flag finds none', () => {
	assert.equal(closest('namspace', ['namespace', 'context']), 'namespace');
	assert.equal(closest('contxet', ['namespace', 'context']), 'context');
	assert.equal(closest('all', ['all-namespaces', 'namespace']), 'all-namespaces');
	assert.equal(closest('request-timout', ['request-timeout', 'readonly']), 'request-timeout');
	assert.equal(closest('pods', ['namespace', 'context', 'deployment']), undefined);
	assert.equal(closest('x', ['dir', 'nodes']), undefined);
});

test("--request-timeout reads kubectl's syntax: seconds, or a Go duration; 0 is no limit", () => {
	assert.equal(parseTimeout('5'), 5000);
	assert.equal(parseTimeout('0'), 0);
	assert.equal(parseTimeout('5s'), 5000);
	assert.equal(parseTimeout('1m'), 60_000);
	assert.equal(parseTimeout('1m30s'), 90_000);
	assert.equal(parseTimeout('1.5h'), 5_400_000);
	assert.equal(parseTimeout('250ms'), 250);
	assert.equal(parseTimeout('0s'), 0);
	for (const bad of ['', '5x', '-1s', 's', '1 s', '5s5', 'abc', '1e3s']) assert.equal(parseTimeout(bad), undefined, bad);
});

test('flags become typed values; -n alone leaves -A unset, and help is read before the values are judged', () => {
	const line = parseCommandLine(['snapshot', '-n', 'kube-system', '-A', '--width=80', '--height', '20', '--request-timeout', '2s', '--context', 'lab-eks']);
	assert.equal(line.command, 'snapshot');
	assert.deepEqual(
		{namespace: line.flags.namespace, all: line.flags.allNamespaces, width: line.flags.width, height: line.flags.height, timeout: line.flags.requestTimeoutMs, context: line.flags.context},
		{namespace: 'kube-system', all: true, width: 80, height: 20, timeout: 2000, context: 'lab-eks'},
	);
	assert.equal(parseCommandLine(['-n', 'default']).flags.allNamespaces, undefined);
	assert.equal(parseCommandLine(['snapshot', '--width', 'x', '--help']).flags.help, true);
	assert.deepEqual(parseCommandLine(['sandbox', 'nodes', '4', '--dir', '/tmp/x']).args, ['nodes', '4']);
	// `lab` is the live view with the view's own connection flags.
	const lab = parseCommandLine(['lab', '--sandbox', '--dir', '/tmp/x', '-d', 'todoapi']);
	assert.deepEqual({command: lab.command, sandbox: lab.flags.sandbox, dir: lab.flags.dir, deployment: lab.flags.deployment}, {command: 'lab', sandbox: true, dir: '/tmp/x', deployment: 'todoapi'});
	assert.deepEqual(parseCommandLine(['sandbox', 'fail-readiness', 'default/todoapi-abc']).args, ['fail-readiness', 'default/todoapi-abc']);
	// meow's negation of a switch leaves it unset, as if not given.
	assert.equal(parseCommandLine(['--no-readonly']).flags.readonly, undefined);
});

test('each usage error names what is wrong', () => {
	assert.match(usage(['--namspace', 'kube-system']), /^unknown flag --namspace; did you mean --namespace\?/);
	assert.match(usage(['snapshot', '--namspace', 'kube-system']), /^unknown flag --namspace for k8slab snapshot; did you mean --namespace\?/);
	assert.match(usage(['-x', 'pods']), /^unknown flag -x /);
	assert.match(usage(['--comand', 'svc']), /^unknown flag --comand; did you mean --command\?/);
	assert.match(usage(['sandbox', 'up', '-c', 'svc']), /^unknown flag -c for k8slab sandbox/);
	assert.match(usage(['sandbox', 'up', '--width', '3']), /^--width is not a flag for k8slab sandbox/);
	assert.match(usage(['snapshot', '-v']), /^unknown flag -v for k8slab snapshot/);
	assert.match(usage(['-n', '-A']), /^-n needs a value/);
	assert.match(usage(['--context']), /^--context needs a value/);
	assert.match(usage(['--readonly=yes']), /^--readonly takes no value/);
	assert.match(usage(['--width', 'abc']), /^--width takes a whole number of columns from 1 to 10000, not "abc"$/);
	assert.match(usage(['--width', '0']), /not "0"/);
	assert.match(usage(['--height', '-3']), /^--height takes a whole number of rows .* not "-3"$/);
	assert.match(usage(['--height', '2.5']), /not "2\.5"/);
	assert.match(usage(['--nodes', '51']), /^--nodes takes a whole number of worker nodes from 1 to 50/);
	assert.match(usage(['--request-timeout', '5x']), /^--request-timeout takes .* not "5x"$/);
	assert.match(usage(['--theme', 'ligth']), /^unknown theme "ligth"; did you mean light\?/);
	assert.match(usage(['snapshto']), /^unknown command "snapshto"; did you mean snapshot\?/);
	assert.match(usage(['snapshot', 'now']), /^snapshot takes no arguments, not "now"/);
	assert.match(usage(['sandbox', 'upp']), /^unknown sandbox command "upp"; did you mean up\?/);
	assert.match(usage(['lab', 'now']), /^lab takes no arguments, not "now" \(see k8slab lab --help\)/);
	assert.match(usage(['lba']), /^unknown command "lba"; did you mean lab\?/);
	assert.match(usage(['sandbox', 'fail-readines', 'x']), /^unknown sandbox command "fail-readines"; did you mean fail-readiness\?/);
	assert.match(usage(['completion', 'tcsh']), /^completion needs one shell: bash, zsh, fish, not "tcsh"/);
	assert.match(usage(['completion']), /^completion needs one shell/);
	assert.match(usage(['--context', 'a', '--context', 'b']), /^The flag --context can only be set once\.$/);
	assert.match(usage(['--no-context']), /^--no-context needs a value/);
	assert.match(usage(['--no-such-flag']), /^unknown flag --no-such-flag /);
});
