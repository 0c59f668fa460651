// The README documents what the code does: its key table is generated from
// the key table, and its two commands are the ones CI runs.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import {test} from 'node:test';
import {flagSpecs} from '../../source/app/flags.js';
import {commands, formatKeys} from '../../source/ui/keys.js';

const readme = fs.readFileSync('README.md', 'utf8');

test('the README key table is the one generated from source/ui/keys.ts', () => {
	const check = spawnSync(process.execPath, ['scripts/readme-keys.mjs', '--check'], {encoding: 'utf8'});
	assert.equal(check.status, 0, check.stderr);
	for (const command of commands) assert.ok(readme.includes(`\`${formatKeys(command)}\``), `README lists ${command.id}`);
});

test('the README gives the sandbox command and the test command, and CI runs the latter', () => {
	assert.ok(readme.includes('npm ci && npm start -- --sandbox'));
	assert.ok(readme.includes('npm ci && npm test'));
	assert.match(fs.readFileSync('.ci/run', 'utf8'), /^npm test$/m);
});

test("the README's benchmark results are bench/results/latest.md, the newest run", () => {
	const block = /<!-- bench:start \(bench\/results\/latest\.md\) -->\n([\s\S]*?)<!-- bench:end -->/.exec(readme)?.[1];
	assert.ok(block, 'the README has a bench:start ... bench:end block');
	assert.equal(block.trim(), fs.readFileSync('bench/results/latest.md', 'utf8').trim());
});

test('the README documents every flag the command line takes, the exit codes, and how to install', () => {
	const section = /## Flags\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
	for (const [name, spec] of Object.entries(flagSpecs)) {
		assert.ok(section.includes(`--${name}`), `the Flags section names --${name}`);
		if ('short' in spec) assert.ok(section.includes(`-${spec.short}, --${name}`), `and -${spec.short}`);
	}
	for (const code of ['0', '1', '2', '3', '130']) assert.match(section, new RegExp(`^\\| ${code} \\|`, 'm'), `exit code ${code}`);
	const install = /## Install\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
	assert.ok(install.includes('npm install -g ./k8slab-'), 'install from the tarball');
	assert.ok(install.includes('npm install -g git+'), 'install from git');
	assert.ok(install.includes('npx ./k8slab-'), 'npx');
});
