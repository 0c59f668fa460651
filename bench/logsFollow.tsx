// Following a log of 1,000 lines a second: keypress-to-frame latency and RSS.
// The logs view follows a stream fed 1,000 lines/s (10 every 10 ms, split
// from bytes by the kube layer's line splitter, one line in 100 is 20 KB)
// while `t` is pressed every 100 ms; each press is timed from stdin.write to
// the first frame showing its toggle. Prints JSON.
//   npm run build && node --expose-gc dist/bench/logsFollow.js [seconds]
// React is loaded in its production build, as the bundle users run has it.
// Its development build records a PerformanceMeasure with the changed props of
// every component it renders, and Node keeps them all: the heap grew 3 MB a
// second, which is the harness, not the view.
import {performance} from 'node:perf_hooks';
import {LogLineSplitter} from '../source/kube/podLogs.js';
import type {LogHandlers, LogRequest} from '../source/model/logs.js';

process.env['NODE_ENV'] = 'production';
const {labApp, labProps} = await import('../test/ui/app.js');
const {FixtureSource, stuckScaleCluster} = await import('../test/ui/fixtures.js');
const {renderAt, waitFor} = await import('../test/ui/helpers.js');

const seconds = Number(process.argv[2] ?? 20);
const linesPerSecond = 1000;
const tickMs = 10;

class StreamingSource extends FixtureSource {
	lines = 0;
	streamLogs(_request: LogRequest, handlers: LogHandlers): () => void {
		const splitter = new LogLineSplitter();
		handlers.onStatus({state: 'streaming'});
		const timer = setInterval(() => {
			let chunk = '';
			for (let index = 0; index < (linesPerSecond * tickMs) / 1000; index++) {
				const n = this.lines++;
				const text = n % 100 === 0 ? `big ${'x'.repeat(20_000)}` : `GET /todos/${n} 200 0.3ms "curl/8.5" \u001B[32mok\u001B[0m request id ${n.toString(16).padStart(12, '0')}`;
				chunk += `${new Date().toISOString()} ${text}\n`;
			}
			handlers.onLines(splitter.push(Buffer.from(chunk)));
		}, tickMs);
		return () => clearInterval(timer);
	}
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const source = new StreamingSource(stuckScaleCluster());
const rendered = renderAt(labApp(labProps(source, {height: 40})), 120);
await waitFor(rendered, frame => frame.includes('Pods (all)'), 'first frame', 30_000);
const opening = performance.now();
rendered.stdin.write('l');
await waitFor(rendered, frame => frame.includes('following'), 'the logs view', 10_000);
const openMs = performance.now() - opening;

const samples: number[] = [];
const rss: number[] = [];
const rssTimer = setInterval(() => rss.push(process.memoryUsage().rss), 500);
// With --expose-gc: the heap after a full collection, every 10 s: what is really kept.
const heapAfterGc: number[] = [];
const gc = (globalThis as {gc?: () => void}).gc;
const gcTimer = gc
	? setInterval(() => {
			gc();
			heapAfterGc.push(process.memoryUsage().heapUsed);
		}, 10_000)
	: undefined;
const deadline = performance.now() + seconds * 1000;
let timestamps = false;
while (performance.now() < deadline) {
	timestamps = !timestamps;
	const wanted = timestamps ? 'time on' : 'time off';
	const started = performance.now();
	rendered.stdin.write('t');
	while (!(rendered.lastFrame() ?? '').includes(wanted)) {
		await new Promise(resolve => {
			setImmediate(resolve);
		});
		if (performance.now() - started > 5000) throw new Error('no frame after t');
	}
	samples.push(performance.now() - started);
	// ink-testing-library keeps every frame written: drop them, or the harness's memory is what grows.
	rendered.frames.length = 0;
	await new Promise(resolve => {
		setTimeout(resolve, 100);
	});
}
clearInterval(rssTimer);
clearInterval(gcTimer);
const kept = /\(([\d,]+) kept\)/.exec(rendered.lastFrame() ?? '')?.[1];
rendered.unmount();
const sorted = [...samples].sort((a, b) => a - b);
const round = (ms: number) => Math.round(ms * 100) / 100;
const mb = (bytes: number) => Math.round(bytes / 1048576);
process.stdout.write(
	`${JSON.stringify({
		seconds,
		linesStreamed: source.lines,
		linesKept: kept,
		presses: samples.length,
		openMs: round(openMs),
		p50Ms: round(percentile(sorted, 50)),
		p95Ms: round(percentile(sorted, 95)),
		maxMs: round(sorted.at(-1) ?? 0),
		rssFirstMB: mb(rss[0] ?? 0),
		rssMidMB: mb(rss[Math.floor(rss.length / 2)] ?? 0),
		rssLastMB: mb(rss.at(-1) ?? 0),
		rssMaxMB: mb(Math.max(...rss)),
		heapAfterGcMB: heapAfterGc.map(mb),
	})}\n`,
);
process.exit(0);
