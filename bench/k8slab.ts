// k8slab measured as a user runs it: the installed entry point (package.json's
// bin, the bundle dist/k8slab.mjs) with `--kubeconfig K` in a
// 200x50 tmux pane (bench/tmux.ts), the screen read after every write.
import fs from 'node:fs';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import type {AdminClient} from '../source/sandbox/api.js';
import {createProbe, deleteProbes, probeName, startChurn} from './churn.js';
import {cpuTimeMs, currentRss, mb, peakRss} from './proc.js';
import {hasBackground, k8slabEventsLoaded, k8slabPodCount, k8slabPodsShown, podsPaneLines, selectionState, stripEscapes} from './screen.js';
import {median, percentile, round} from './stats.js';
import type {Terminal} from './tmux.js';

export interface K8slabPlan {
	/** Cold starts timed to the first full frame (the median is reported). */
	starts: number;
	idleMs: number;
	changes: number;
	churnPerSecond: number;
	keys: number;
	/** Extra node flags for the k8slab process (e.g. --cpu-prof). */
	nodeArgs?: string[];
	/** Extra environment for the k8slab process (e.g. K8SLAB_TRACE). */
	env?: Record<string, string>;
	/** Runs before each cold start: the raw LISTs the first frame is divided by, taken between the starts so both see the same API server. */
	beforeEachStart?: () => Promise<void>;
}

export interface K8slabResult {
	firstFrameMs: number | null;
	firstFrameRunsMs: number[];
	/** Start to the first frame that shows the pods pane at all (even empty). */
	firstPaintMs: number | null;
	/** Start to the first frame showing pod rows: the first page of the LIST on screen (median of the cold starts). */
	firstScreenMs: number | null;
	firstScreenRunsMs: number[];
	peakRssMB: number | null;
	/** Peak RSS of the cold starts alone (load and first frame). */
	startRssMB: number | null;
	/** RSS at the end of the long session: far below the peak means the peak was transient garbage. */
	endRssMB: number | null;
	idleCpuPct: number | null;
	/** Events the cluster recorded during the idle window (0 when it was really idle). */
	idleEvents: number | null;
	changeToScreenP50Ms: number | null;
	changeToScreenP95Ms: number | null;
	changeToScreenMaxMs: number | null;
	changes: number;
	churnPerSecond: number | null;
	keyToFrameP50Ms: number | null;
	keyToFrameP95Ms: number | null;
	keyToFrameMaxMs: number | null;
	keys: number;
	/** Pod count on screen at the first full frame (must equal the cluster's). */
	podsOnScreen: number | null;
	/** When each phase of the long session ran, in ms after its process started: windows for bench/profile.js --from/--to. */
	phases: Record<'firstFrame' | 'idle' | 'changes' | 'keys', [number, number]>;
	/** Each change in epoch ms (sent, created = the POST answered, seen on screen), to line up with a K8SLAB_TRACE file. */
	changeLog: Array<{name: string; sent: number; created: number; seen: number | null}>;
	notes: string[];
}

export interface K8slabContext {
	terminal: Terminal;
	api: AdminClient;
	kubeconfig: string;
	/** The repository root: the CLI is dist/cli.js under it. */
	root: string;
	expectedPods: number;
	log(line: string): void;
	/** Events stored in the cluster: any recorded during the idle window mean it was not idle. */
	countEvents?: () => Promise<number>;
}

/** What `k8slab` runs once installed: package.json's bin (the bundle), else the compiled dist/cli.js. */
export function cliEntry(root: string): string {
	try {
		const bin = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {bin?: Record<string, string>}).bin?.['k8slab'];
		if (bin && fs.existsSync(path.join(root, bin))) return path.join(root, bin);
	} catch {
		// fall through
	}
	return path.join(root, 'dist', 'cli.js');
}

/** The Node flags the entry's `#!/usr/bin/env -S node …` line gives it: what an installed k8slab runs with. */
export function shebangNodeFlags(entry: string): string[] {
	const first = fs.readFileSync(entry, 'utf8').split('\n', 1)[0] ?? '';
	const words = /^#!\S*env -S node(\s.*)?$/.exec(first)?.[1]?.trim();
	return words ? words.split(/\s+/) : [];
}

function cliArgs(context: K8slabContext, nodeArgs: string[] = []): string[] {
	const entry = cliEntry(context.root);
	return [process.execPath, ...shebangNodeFlags(entry), ...nodeArgs, entry, '--kubeconfig', context.kubeconfig];
}

const env = {COLORTERM: 'truecolor'};

/** Starts k8slab and waits for the frame whose pod count is the cluster's. */
export async function start(
	context: K8slabContext,
	timeoutMs: number,
	nodeArgs?: string[],
	extraEnv?: Record<string, string>,
): Promise<{pid: number; startedAt: number; firstFrameMs: number; firstPaintMs: number | null; firstScreenMs: number | null; screen: string}> {
	const {terminal, expectedPods} = context;
	let paintAt: number | undefined;
	let screenAt: number | undefined;
	const started = await terminal.run(cliArgs(context, nodeArgs), {...env, ...extraEnv}, context.root);
	const pid = await terminal.pid();
	const frame = await terminal.waitFor(screen => {
		const shown = k8slabPodsShown(screen);
		if (shown !== undefined && paintAt === undefined) paintAt = terminal.lastOutputAt;
		// The first screen: pod rows drawn, from the LIST's first page or from all of it.
		if (shown !== undefined && shown > 0 && screenAt === undefined) screenAt = terminal.lastOutputAt;
		return k8slabPodCount(screen) === expectedPods;
	}, timeoutMs);
	const since = (at: number | undefined) => (at === undefined ? null : at - started);
	return {pid, startedAt: started, firstFrameMs: frame.at - started, firstPaintMs: since(paintAt), firstScreenMs: since(screenAt), screen: frame.screen};
}

export async function quit(terminal: Terminal, pid: number): Promise<void> {
	await terminal.sendKeys('q');
	const deadline = performance.now() + 5000;
	while (performance.now() < deadline) {
		if (await terminal.dead()) return;
		await sleep(50);
	}
	try {
		process.kill(pid, 'SIGKILL');
	} catch {
		// gone
	}
}

export async function measureK8slab(context: K8slabContext, plan: K8slabPlan): Promise<K8slabResult> {
	const {terminal, api, log} = context;
	const notes: string[] = [];
	const loadTimeout = 120_000;

	// 1. Cold starts: process start -> first frame showing every pod.
	const firstFrames: number[] = [];
	const paints: number[] = [];
	const screens: number[] = [];
	let startRss = 0;
	let podsOnScreen: number | null = null;
	for (let run = 0; run < plan.starts; run++) {
		await plan.beforeEachStart?.();
		const started = await start(context, loadTimeout, undefined, plan.env);
		firstFrames.push(started.firstFrameMs);
		if (started.firstPaintMs !== null) paints.push(started.firstPaintMs);
		if (started.firstScreenMs !== null) screens.push(started.firstScreenMs);
		podsOnScreen = k8slabPodCount(started.screen) ?? null;
		startRss = Math.max(startRss, peakRss(started.pid) ?? 0);
		log(`  k8slab start ${run + 1}/${plan.starts}: first screen ${Math.round(started.firstScreenMs ?? 0)} ms, first full frame ${Math.round(started.firstFrameMs)} ms (first paint ${Math.round(started.firstPaintMs ?? 0)} ms)`);
		await quit(terminal, started.pid);
	}

	// 2. One long session: idle CPU, change-to-screen under churn, keypresses.
	const session = await start(context, loadTimeout, plan.nodeArgs, plan.env);
	const {pid} = session;
	const since = (at: number) => Math.round(at - session.startedAt);
	const phases: K8slabResult['phases'] = {firstFrame: [0, Math.round(session.firstFrameMs)], idle: [0, 0], changes: [0, 0], keys: [0, 0]};
	// k8slab lists Events once the pods are on screen; at 10k pods that LIST (~30k Events) is still
	// being parsed seconds after the first full frame. Idle starts when it has landed, then settles.
	await terminal.waitFor(screen => k8slabEventsLoaded(screen), loadTimeout).catch(() => notes.push('the events pane had not loaded before the idle window'));
	// Let the start-up settle (GC, the trailing coalesced frame) before idling.
	await terminal.quiet(1000, 5000);
	await sleep(2000);
	const eventsBefore = await context.countEvents?.();
	const cpuBefore = cpuTimeMs(pid);
	const idleStarted = performance.now();
	await sleep(plan.idleMs);
	const cpuAfter = cpuTimeMs(pid);
	phases.idle = [since(idleStarted), since(performance.now())];
	const eventsAfter = await context.countEvents?.();
	const idleEvents = eventsBefore === undefined || eventsAfter === undefined ? null : eventsAfter - eventsBefore;
	if (idleEvents) notes.push(`${idleEvents} Events were recorded in the cluster during the idle window`);
	const idleCpuPct = cpuBefore === undefined || cpuAfter === undefined ? null : ((cpuAfter - cpuBefore) / (performance.now() - idleStarted)) * 100;
	log(`  k8slab idle ${Math.round(plan.idleMs / 1000)} s: ${round(idleCpuPct, 2)} % CPU`);

	const changesStarted = performance.now();
	const churn = await startChurn(api, plan.churnPerSecond);
	const latencies: number[] = [];
	const changeLog: K8slabResult['changeLog'] = [];
	const epoch = (at: number) => Math.round((performance.timeOrigin + at) * 10) / 10;
	let churnRate: number | null = null;
	try {
		await sleep(2000);
		for (let i = 0; i < plan.changes; i++) {
			const name = probeName(i);
			const sent = performance.now();
			await createProbe(api, name);
			const created = performance.now();
			try {
				const frame = await terminal.waitFor(screen => podsPaneLines(screen).some(line => line.includes(name)), 10_000, {since: sent});
				latencies.push(frame.at - sent);
				changeLog.push({name, sent: epoch(sent), created: epoch(created), seen: epoch(frame.at)});
			} catch {
				changeLog.push({name, sent: epoch(sent), created: epoch(created), seen: null});
				notes.push(`change ${name} not seen on screen within 10 s`);
			}
			// Spread the changes so each is timed alone, not queued behind the last one.
			await sleep(100 + Math.random() * 200);
		}
	} finally {
		const stats = await churn.stop();
		phases.changes = [since(changesStarted), since(performance.now())];
		churnRate = stats.perSecond;
		if (stats.failed > 0) notes.push(`${stats.failed} churn patches failed`);
	}
	log(`  k8slab change-to-screen over ${latencies.length} changes at ${churnRate}/s churn: p50 ${round(percentile(latencies, 50))} ms, p95 ${round(percentile(latencies, 95))} ms`);

	// Keypresses: `j` moves the selection down the pod list and scrolls it past the first page.
	await terminal.quiet(500, 5000);
	const keysStarted = performance.now();
	const keyLatencies: number[] = [];
	let state = selectionState(await terminal.capture(true));
	for (let i = 0; i < plan.keys; i++) {
		const before = state;
		const sent = await terminal.sendKeys('j');
		try {
			const frame = await terminal.waitFor(screen => selectionState(screen) !== before, 5000, {escapes: true, since: sent});
			keyLatencies.push(frame.at - sent);
			state = selectionState(frame.screen);
		} catch {
			notes.push(`keypress ${i + 1} drew no frame within 5 s`);
			state = selectionState(await terminal.capture(true));
		}
		await sleep(30 + Math.random() * 50);
	}
	log(`  k8slab keypress-to-frame over ${keyLatencies.length} keys: p50 ${round(percentile(keyLatencies, 50))} ms, p95 ${round(percentile(keyLatencies, 95))} ms`);

	phases.keys = [since(keysStarted), since(performance.now())];
	// More than one row drawn with the selection bar means frames landed on the wrong lines.
	const bars = podsPaneLines(await terminal.capture(true))
		.slice(1)
		.filter(hasBackground).length;
	if (bars > 1) notes.push(`after the keypresses ${bars} rows of the pods pane show the selection bar (the terminal's screen no longer matches the frame k8slab meant to draw)`);
	const peak = peakRss(pid);
	const end = currentRss(pid);
	const lastScreen = stripEscapes(await terminal.capture());
	if (!lastScreen.includes('Pods (')) notes.push('the pods pane was gone at the end of the session');
	await quit(terminal, pid);
	await deleteProbes(api);

	return {
		firstFrameMs: round(median(firstFrames)),
		firstFrameRunsMs: firstFrames.map(ms => round(ms)!),
		firstPaintMs: round(median(paints)),
		firstScreenMs: round(median(screens)),
		firstScreenRunsMs: screens.map(ms => round(ms)!),
		peakRssMB: mb(Math.max(peak ?? 0, startRss) || undefined),
		startRssMB: mb(startRss || undefined),
		endRssMB: mb(end),
		idleCpuPct: round(idleCpuPct, 2),
		idleEvents,
		changeToScreenP50Ms: round(percentile(latencies, 50)),
		changeToScreenP95Ms: round(percentile(latencies, 95)),
		changeToScreenMaxMs: round(percentile(latencies, 100)),
		changes: latencies.length,
		churnPerSecond: churnRate,
		keyToFrameP50Ms: round(percentile(keyLatencies, 50)),
		keyToFrameP95Ms: round(percentile(keyLatencies, 95)),
		keyToFrameMaxMs: round(percentile(keyLatencies, 100)),
		keys: keyLatencies.length,
		podsOnScreen,
		phases,
		changeLog,
		notes,
	};
}
