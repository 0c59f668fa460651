// Keypress-to-frame latency with 5,000 pods: press `j` 200 times and time
// each from stdin.write to the frame that shows it. Prints JSON.
//   npx tsc … && node dist/bench/keypress.js [pods] [presses]
import {performance} from 'node:perf_hooks';
import {labApp, labProps} from '../test/ui/app.js';
import {bigCluster, FixtureSource} from '../test/ui/fixtures.js';
import {renderAt, waitFor} from '../test/ui/helpers.js';

const pods = Number(process.argv[2] ?? 5000);
const presses = Number(process.argv[3] ?? 200);

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const source = new FixtureSource(bigCluster(pods));
const startup = performance.now();
const rendered = renderAt(labApp(labProps(source)), 120);
await waitFor(rendered, frame => frame.includes(`Pods (all) ${pods}`), 'first frame', 30_000);
const firstFrameMs = performance.now() - startup;

const samples: number[] = [];
const cpuBefore = process.cpuUsage();
for (let index = 0; index < presses; index++) {
	const before = rendered.frames.length;
	const started = performance.now();
	rendered.stdin.write('j');
	// Ink renders synchronously on input in this harness; poll without sleeping past the frame.
	while (rendered.frames.length === before) {
		await new Promise(resolve => {
			setImmediate(resolve);
		});
		if (performance.now() - started > 5000) {
			throw new Error(`no frame after press ${index}`);
		}
	}

	samples.push(performance.now() - started);
}

const cpu = process.cpuUsage(cpuBefore);
rendered.unmount();
const sorted = [...samples].sort((a, b) => a - b);
const round = (ms: number) => Math.round(ms * 100) / 100;
process.stdout.write(
	`${JSON.stringify({
		pods,
		presses,
		terminal: '120x40',
		firstFrameMs: round(firstFrameMs),
		p50Ms: round(percentile(sorted, 50)),
		p95Ms: round(percentile(sorted, 95)),
		maxMs: round(sorted.at(-1) ?? 0),
		meanMs: round(samples.reduce((sum, ms) => sum + ms, 0) / samples.length),
		// CPU per press (user+system): steadier than wall time on a busy machine.
		cpuMsPerPress: round((cpu.user + cpu.system) / 1000 / presses),
		nodeEnv: process.env['NODE_ENV'] ?? 'development',
	})}\n`,
);
process.exit(0);
