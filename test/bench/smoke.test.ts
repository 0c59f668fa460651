// The benchmark harness still works: a --smoke run on a tiny sandbox cluster
// writes results with every field, and every client saw every pod. Timings
// are not asserted: this machine's speed is not what the test is about.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// Compiled to dist/test/bench/: the harness is dist/bench/run.js.
const runner = path.resolve(here, '../../bench/run.js');

function run(args: string[]): Promise<{code: number | null; stdout: string; stderr: string}> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [runner, ...args], {stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', chunk => (stdout += chunk));
		child.stderr.on('data', chunk => (stderr += chunk));
		child.on('error', reject);
		child.on('close', code => resolve({code, stdout, stderr}));
	});
}

const isNumber = (value: unknown) => typeof value === 'number' && Number.isFinite(value);

test('npm run bench -- --smoke measures every client on a tiny cluster', {timeout: 300_000}, async () => {
	const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-bench-test-'));
	try {
		const {code, stdout, stderr} = await run(['--smoke', '--results-dir', resultsDir]);
		assert.equal(code, 0, `the smoke run failed:\n${stderr.split('\n').slice(-30).join('\n')}`);
		const results = JSON.parse(fs.readFileSync(path.join(resultsDir, 'latest.json'), 'utf8'));
		assert.equal(results.mode, 'smoke');
		assert.equal(results.sizes.length, 1);
		assert.ok(isNumber(results.machine.nproc) && results.machine.cpuModel, 'the machine is described');
		const [size] = results.sizes;

		// The cluster reached the size asked for, and k8slab showed every pod.
		assert.equal(size.pods, 40);
		assert.equal(size.k8slab.podsOnScreen, size.pods);
		// Most pods were created directly, bound to a node and given their status, not by the controllers.
		assert.equal(size.settle.directPods, 26);
		// The smoke run lists pods in a first page of 10: the first screen comes from that page, no later than the full frame.
		assert.ok(isNumber(size.k8slab.firstScreenMs), `k8slab.firstScreenMs is a number (${size.k8slab.firstScreenMs})`);
		assert.ok(size.k8slab.firstScreenMs <= size.k8slab.firstFrameMs);
		// Every change and keypress was seen on screen.
		assert.equal(size.k8slab.changes, 5, `changes seen: ${JSON.stringify(results.errors)}`);
		assert.equal(size.k8slab.keys, 5, `keys seen: ${JSON.stringify(results.errors)}`);

		for (const field of ['firstFrameMs', 'peakRssMB', 'idleCpuPct', 'changeToScreenP50Ms', 'changeToScreenP95Ms', 'keyToFrameP95Ms']) {
			assert.ok(isNumber(size.k8slab[field]), `k8slab.${field} is a number (${size.k8slab[field]})`);
		}
		assert.ok(isNumber(size.limit.rawListMs), 'limit.rawListMs is a number');
		assert.ok(isNumber(size.limit.rawListProtobufMs), 'limit.rawListProtobufMs is a number');
		// One LIST up front (listRuns) and one of each encoding before the one cold start.
		assert.equal(size.limit.rawListRunsMs.length, 2, 'raw LISTs are taken before the clients and before each start');
		assert.equal(size.limit.rawListProtobufRunsMs.length, 2);
		assert.ok(size.limit.rawListProtobufBytes < size.limit.rawListBytes, 'protobuf is the smaller encoding');
		// kubectl and k9s may be missing on a machine (k9s is never built in smoke mode): the fields are there all the same.
		assert.ok('getPodsMs' in size.kubectl, 'kubectl.getPodsMs is reported');
		if (size.kubectl.getPodsMs !== null) assert.equal(size.kubectl.rows, size.pods, 'kubectl listed every pod');
		assert.ok('firstFrameMs' in size.k9s && 'peakRssMB' in size.k9s, 'k9s fields are reported');
		if (size.k9s.firstFrameMs !== null) assert.equal(size.k9s.podsOnScreen, size.pods, 'k9s showed every pod');
		assert.ok('firstFrameOverRawList' in size.ratios);

		const table = fs.readFileSync(path.join(resultsDir, 'latest.md'), 'utf8');
		assert.match(table, /\| measure \| 40 pods \|/);
		assert.match(table, /first frame \/ raw LIST/);
		assert.match(stdout, /k8slab: start to first full frame/);
	} finally {
		fs.rmSync(resultsDir, {recursive: true, force: true});
	}
});
