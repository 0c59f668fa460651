#!/usr/bin/env node
// Runs the suites in order: unit and component tests in parallel, then the
// end-to-end tests one file at a time (each starts its own sandbox, and two
// control planes at once would fight over this machine's 2 cores).
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';

const suites = [
	{name: 'unit and component', dirs: ['dist/test/app', 'dist/test/model', 'dist/test/ui', 'dist/test/kube', 'dist/test/sandbox', 'dist/test/docs', 'dist/test/patches'], concurrency: 2},
	{name: 'end-to-end (sandbox)', dirs: ['dist/test/e2e'], concurrency: 1},
	// The benchmark harness at its smoke size: it must keep working; no timing is asserted.
	{name: 'bench smoke', dirs: ['dist/test/bench'], concurrency: 1},
];
const only = process.argv[2];
let passed = 0;
let failed = 0;
for (const suite of suites) {
	if (only && !suite.name.startsWith(only)) continue;
	const dirs = suite.dirs.filter(dir => fs.existsSync(dir));
	if (dirs.length === 0) continue;
	process.stdout.write(`\n# ${suite.name} tests\n`);
	const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', `--test-concurrency=${suite.concurrency}`, ...dirs], {
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
		maxBuffer: 256 * 1024 * 1024,
	});
	process.stdout.write(result.stdout);
	passed += Number(/ℹ pass (\d+)/.exec(result.stdout)?.[1] ?? 0);
	const suiteFailed = Number(/ℹ fail (\d+)/.exec(result.stdout)?.[1] ?? 0);
	failed += suiteFailed || (result.status === 0 ? 0 : 1);
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
