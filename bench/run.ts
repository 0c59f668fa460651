// npm run bench: one sandbox cluster, grown size by size; at each size the
// raw LIST, kubectl, k8slab and k9s are measured against the same pods.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {kubernetesVersion} from '../source/sandbox/versions.js';
import {startCluster, type BenchCluster} from './cluster.js';
import {cliEntry, measureK8slab} from './k8slab.js';
import {ensureK9s, measureK9s, type K9sAvailability} from './k9s.js';
import {addRawLists, measureKubectl, measureLimit} from './limit.js';
import {parsePlan, type Plan} from './options.js';
import {commitOf, machine, ratios, slopes, writeResults, type BenchResults, type SizeResult} from './report.js';
import {measureLabSize} from './labSize.js';
import {Terminal, tmuxAvailable} from './tmux.js';

const began = performance.now();
function log(line: string): void {
	const seconds = ((performance.now() - began) / 1000).toFixed(0).padStart(4);
	process.stderr.write(`[bench ${seconds}s] ${line}\n`);
}

/** The repository root: the working directory when it is k8slab's, else two levels above dist/bench/. */
function repositoryRoot(): string {
	const isK8slab = (dir: string) => {
		try {
			return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {name?: string}).name === 'k8slab';
		} catch {
			return false;
		}
	};
	if (isK8slab(process.cwd())) return process.cwd();
	return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
}

const method: Record<string, string> = {
	cluster:
		'One sandbox (etcd, kube-apiserver, controller-manager, scheduler from source/sandbox) with kwok nodes of 110 pods; 20 Deployments of 5 in 10 namespaces plus a churn namespace of 50, made by the real controllers and scheduler; the rest of each size created directly (48 POSTs in flight), bound to a kwok node and given a Running, Ready status in one status PATCH each (kwok leaves them alone); every pod Running and Ready before measuring.',
	firstScreenMs: 'k8slab: process start to the first screen showing pod rows ("Pods (all) 100+ loading…" from the first page of the paged LIST, or the whole list if it came first); median of the cold starts.',
	slopes: 'Least-squares slope over the sizes measured, per 1,000 pods.',
	labSize:
		'A second sandbox with the lab preset (3 nodes and their pods), before the big cluster is started: exec to the full frame in the same tmux pane, k8slab and k9s; one K8SLAB_TRACE start split into the Node bootstrap (performance.nodeTiming), bundle load, /version, pods LIST, first render.',
	loadAverage: "Other work on this 2-core machine (other engineers' builds and tests) runs during the benchmark: the 1/5/15-minute load averages at the start of the run and of each size are recorded.",
	terminal: 'Clients run in a 200x50 pane of a private tmux server; a control-mode client streams %output notifications and the screen is captured after each write, so a frame is timed at the last write before the capture that shows it.',
	firstFrameMs: 'k8slab: tmux respawn-pane of `node <package.json bin, dist/k8slab.mjs> --kubeconfig K` to the first screen whose pods title "Pods (all) N" has N equal to the pods in the cluster; median of cold starts.',
	peakRssMB: 'VmHWM of the process from /proc/PID/status at the end of its session (cold starts and the long session: idle, churn, probes, keys).',
	idleCpuPct: '(utime+stime) delta from /proc/PID/stat over 30 s with nothing changing in the cluster, after the first full frame and a 2 s settle.',
	changeToScreen: 'POST of a pod in namespace a-probe whose name sorts before every other, to the first screen showing it in the pods pane, while 50 annotation patches/s hit the churn namespace pods; one change every 100-300 ms.',
	keyToFrame: 'tmux send-keys j to the first screen (captured with colours) whose pods pane selection or scroll position moved; one key every 30-80 ms, no churn.',
	rawListMs:
		'Plain Node https GET /api/v1/pods over a new TLS connection with the admin certificate, to the last byte (median of the runs before the clients and one before each k8slab cold start; JSON.parse timed separately); kubectl get --raw /api/v1/pods wall time, output to a pipe. rawListProtobufMs: the same Node GET asking for protobuf, as k8slab lists pods (items counted, not decoded).',
	kubectlGetPodsMs: 'kubectl get pods -A wall time (server-side table, chunks of 500), output to a pipe, discovery cache warmed; median.',
	k9s: 'k9s --all-namespaces --command pods --readonly --splashless in the same pane: respawn to the first screen whose title "Pods(all)[N]" has N equal to the pods in the cluster; peak RSS after a session like k8slab\'s (30 s idle, then churn).',
};

async function measureSize(plan: Plan, cluster: BenchCluster, terminal: Terminal, asked: number, k9s: K9sAvailability, workDir: string, errors: string[], createUntil: number): Promise<SizeResult> {
	log(`growing the cluster to ${asked.toLocaleString('en-US')} pods…`);
	const settle = await cluster.scaleTo(asked, 120_000 + asked * 150, log, createUntil);
	const pods = settle.pods;
	if (settle.stoppedShortOf) errors.push(`${asked} pods: the time budget stopped the growth at ${pods} pods (${settle.podsPerSecond} pods/s on this machine); measured there`);
	log(`${pods} pods Running and Ready after ${Math.round(settle.ms / 1000)} s (${settle.podsPerSecond} pods/s)`);
	const starts = pods > 10_000 ? plan.bigStarts : plan.starts;
	const quiet = await cluster.waitForQuiet(5000, pods >= 5000 ? 600_000 : 300_000);
	const events = await cluster.countEvents();
	log(`  events ${quiet.quiet ? 'quiet' : 'still arriving'} after ${Math.round(quiet.waitedMs / 1000)} s (${events} events stored)`);
	if (!quiet.quiet) errors.push(`${pods} pods: events were still arriving when measuring started`);
	const expectedPods = await cluster.countPods();
	const loadAverage = os.loadavg().map(n => Math.round(n * 100) / 100);
	const kubectlCache = path.join(workDir, 'kubectl-cache');

	const limit = await measureLimit({server: cluster.sandbox.server, sandboxDir: cluster.sandbox.dir, kubeconfig: cluster.kubeconfig, cacheDir: kubectlCache, runs: plan.listRuns, expectedPods, kubectl: true});
	if (limit.error) errors.push(`${pods} pods, kubectl get --raw: ${limit.error}`);
	log(`  raw LIST: Node ${limit.rawListMs} ms (+${limit.rawListParseMs} ms JSON.parse, ${limit.rawListBytes} bytes), kubectl --raw ${limit.kubectlRawMs} ms; protobuf ${limit.rawListProtobufMs} ms (${limit.rawListProtobufBytes} bytes)`);
	const kubectl = await measureKubectl({kubeconfig: cluster.kubeconfig, cacheDir: kubectlCache, runs: plan.listRuns});
	if (kubectl.error) errors.push(`${pods} pods, kubectl get pods -A: ${kubectl.error}`);
	else if (kubectl.rows !== expectedPods) errors.push(`${pods} pods: kubectl get pods -A printed ${kubectl.rows} rows`);
	log(`  kubectl get pods -A: ${kubectl.getPodsMs} ms (${kubectl.rows} rows)`);

	const k8slab = await measureK8slab(
		{terminal, api: cluster.api, kubeconfig: cluster.kubeconfig, root: plan.root, expectedPods, log, countEvents: () => cluster.countEvents()},
		{
			starts,
			idleMs: plan.idleMs,
			changes: plan.changes,
			churnPerSecond: plan.churnPerSecond,
			keys: plan.keys,
			env: plan.pageSize === undefined ? undefined : {K8SLAB_LIST_PAGE_SIZE: String(plan.pageSize)},
			beforeEachStart: () => addRawLists(limit, {server: cluster.sandbox.server, sandboxDir: cluster.sandbox.dir, expectedPods}),
		},
	);
	log(`  raw LIST over all ${limit.rawListRunsMs.length} runs: Node ${limit.rawListMs} ms; protobuf ${limit.rawListProtobufMs} ms`);
	for (const note of k8slab.notes) errors.push(`${pods} pods, k8slab: ${note}`);
	// The probes are gone; wait for the API to agree before the next client counts.
	const afterProbes = await cluster.countPods();
	if (afterProbes !== expectedPods) log(`  note: ${afterProbes} pods after removing probes (expected ${expectedPods})`);

	await cluster.waitForQuiet(5000, 60_000);

	let k9sResult: SizeResult['k9s'];
	if (k9s.ok) {
		// k9s's peak covers a session as long as k8slab's change phase, under the same churn.
		const churnMs = Math.round(plan.changes * 0.4 * 1000);
		k9sResult = await measureK9s({terminal, api: cluster.api, binary: k9s.binary, kubeconfig: cluster.kubeconfig, workDir, expectedPods: afterProbes, log}, {starts, idleMs: plan.idleMs, churnMs, churnPerSecond: plan.churnPerSecond});
		for (const note of k9sResult.notes) errors.push(`${pods} pods, k9s: ${note}`);
	} else {
		k9sResult = {skipped: k9s.reason, firstFrameMs: null, peakRssMB: null, idleCpuPct: null};
	}
	let profile: SizeResult['profile'];
	if (plan.cpuProfDir) {
		// A separate, shorter session under the profiler, so the figures above are not taken with it attached.
		const file = path.join(plan.cpuProfDir, `k8slab-${expectedPods}-pods.cpuprofile`);
		await cluster.waitForQuiet(5000, 60_000);
		const profiled = await measureK8slab(
			{terminal, api: cluster.api, kubeconfig: cluster.kubeconfig, root: plan.root, expectedPods: afterProbes, log: line => log(`  (profiled) ${line.trim()}`)},
			{starts: 0, idleMs: 10_000, changes: 20, churnPerSecond: plan.churnPerSecond, keys: 20, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${path.dirname(file)}`, `--cpu-prof-name=${path.basename(file)}`]},
		);
		profile = {file, phases: profiled.phases};
		log(`  CPU profile: ${file} (phases in ms: ${JSON.stringify(profiled.phases)})`);
	}
	const size = {
		pods: expectedPods,
		loadAverage,
		settle: {ms: settle.ms, podsPerSecond: settle.podsPerSecond, directPods: settle.directPods, eventsQuietAfterMs: quiet.waitedMs, events},
		k8slab,
		limit,
		kubectl,
		k9s: k9sResult,
		...(profile ? {profile} : {}),
	};
	return {...size, ratios: ratios(size)};
}

async function main(): Promise<number> {
	const root = repositoryRoot();
	const parsed = parsePlan(process.argv.slice(2), root);
	if ('help' in parsed) {
		process.stdout.write(parsed.help);
		return 0;
	}
	const plan = parsed;
	if (!tmuxAvailable()) throw new Error('tmux is not on PATH (apt-get install tmux): the clients are driven in a tmux pane');
	if (!fs.existsSync(cliEntry(root))) throw new Error(`${cliEntry(root)} is missing: run npm run build`);
	log(`k8slab entry point: ${path.relative(root, cliEntry(root))}`);
	if (plan.cpuProfDir) fs.mkdirSync(plan.cpuProfDir, {recursive: true});
	log(`${plan.mode} run: ${plan.sizes.join(', ')} pods; results to ${plan.resultsDir}`);

	const k9s: K9sAvailability = plan.k9s ? ensureK9s(root, {build: plan.buildK9s, log}) : {ok: false, reason: 'skipped with --no-k9s'};
	if (!k9s.ok) log(`k9s will not be measured: ${k9s.reason}`);

	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-bench-'));
	const loadAverageAtStart = os.loadavg().map(n => Math.round(n * 100) / 100);
	log(`load average at start: ${loadAverageAtStart.join(' ')} (${os.availableParallelism()} cores)`);
	const results: BenchResults = {startedAt: new Date().toISOString(), finishedAt: '', mode: plan.mode, commit: commitOf(root), machine: machine(kubernetesVersion), loadAverageAtStart, method, sizes: [], errors: []};
	const deadline = plan.budgetMinutes > 0 ? began + plan.budgetMinutes * 60_000 : Infinity;
	let cluster: BenchCluster | undefined;
	let terminal: Terminal | undefined;
	const cleanup = async () => {
		terminal?.close();
		terminal = undefined;
		const closing = cluster;
		cluster = undefined;
		await closing?.close();
		fs.rmSync(workDir, {recursive: true, force: true});
	};
	// Ctrl-C or a kill must not leave a control plane or a tmux server behind.
	const onSignal = (signal: NodeJS.Signals) => {
		log(`${signal}: stopping the sandbox…`);
		void cleanup().finally(() => process.exit(130));
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	try {
		terminal = await Terminal.open({socket: `k8slab-bench-${process.pid}`, width: 200, height: 50});
		if (plan.labSize) {
			try {
				results.labSize = await measureLabSize({terminal, root, workDir, k9s, starts: plan.starts, log});
				results.errors.push(...results.labSize.notes.map(note => `lab-sized cluster: ${note}`));
			} catch (error) {
				results.errors.push(`lab-sized cluster: ${(error as Error).message}`);
			}
		}
		cluster = await startCluster({dir: path.join(workDir, 'sandbox'), maxPods: Math.max(...plan.sizes), log});
		// How long the last size took to measure once grown: the next (bigger) one must leave at least half as much again.
		let lastMeasureMs = 5 * 60_000;
		for (const pods of plan.sizes) {
			try {
				const createUntil = deadline - Math.max(10 * 60_000, lastMeasureMs * 1.5);
				const measured = performance.now();
				const size = await measureSize(plan, cluster, terminal, pods, k9s, workDir, results.errors, createUntil);
				lastMeasureMs = performance.now() - measured - size.settle.ms;
				if (results.labSize) size.labSize = {fullFrameMs: results.labSize.fullFrameMs, k9sFirstFrameMs: results.labSize.k9sFirstFrameMs};
				results.sizes.push(size);
				if (size.pods < pods) break;
			} catch (error) {
				results.errors.push(`${pods} pods: ${(error as Error).message}`);
				log(`size ${pods} failed: ${(error as Error).message}`);
				break;
			}
			writeResults(plan.resultsDir, results, false);
		}
	} finally {
		await cleanup();
	}
	results.finishedAt = new Date().toISOString();
	results.slopes = slopes(results.sizes);
	const file = writeResults(plan.resultsDir, results, true);
	log(`done in ${Math.round((performance.now() - began) / 1000)} s: ${file}`);
	process.stdout.write(fs.readFileSync(path.join(plan.resultsDir, 'latest.md'), 'utf8'));
	// Notes (a change not seen, a failed kubectl) are in the results; only a missing size fails the run.
	return results.sizes.length === plan.sizes.length ? 0 : 1;
}

main().then(
	code => {
		process.exitCode = code;
	},
	(error: unknown) => {
		process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exitCode = 1;
	},
);
