// k9s, the peer: built once with the machine's Go from the module proxy at a
// pinned version (wrapper module in bench/k9s/), cached next to the sandbox's
// binaries, and driven in the same tmux pane as k8slab.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import type {AdminClient} from '../source/sandbox/api.js';
import {startChurn} from './churn.js';
import {cpuTimeMs, mb, peakRss} from './proc.js';
import {k9sPodCount} from './screen.js';
import {median, round} from './stats.js';
import type {Terminal} from './tmux.js';

export const k9sVersion = 'v0.50.9';

export function k9sBinary(env: NodeJS.ProcessEnv = process.env): string {
	if (env['K9S_BIN']) return path.resolve(env['K9S_BIN']);
	const cacheHome = env['XDG_CACHE_HOME'] ?? path.join(os.homedir(), '.cache');
	return path.join(cacheHome, 'k8slab', `k9s-${k9sVersion}`, 'k9s');
}

export type K9sAvailability = {ok: true; binary: string} | {ok: false; reason: string};

/**
 * The cached k9s, else builds it (about 10 minutes on 2 cores the first time)
 * unless `build` is false. Any failure is a reason to report, not a crash:
 * the benchmark goes on without the peer.
 */
export function ensureK9s(root: string, options: {build: boolean; log: (line: string) => void}): K9sAvailability {
	const binary = k9sBinary();
	if (fs.existsSync(binary)) return {ok: true, binary};
	if (process.env['K9S_BIN']) return {ok: false, reason: `K9S_BIN=${process.env['K9S_BIN']} does not exist`};
	if (!options.build) return {ok: false, reason: `k9s ${k9sVersion} is not built (${binary}); run npm run bench once without --smoke to build it`};
	const goVersion = spawnSync('go', ['version'], {encoding: 'utf8'});
	if (goVersion.status !== 0) return {ok: false, reason: 'go is not on PATH, so k9s cannot be built'};
	const moduleDir = path.join(root, 'bench', 'k9s');
	fs.mkdirSync(path.dirname(binary), {recursive: true});
	const temporary = `${binary}.${process.pid}.tmp`;
	options.log(`building k9s ${k9sVersion} with ${goVersion.stdout.trim()} (first time only, ~10 min on 2 cores)…`);
	const started = performance.now();
	const build = spawnSync('go', ['build', '-trimpath', '-ldflags', `-s -w -X github.com/derailed/k9s/cmd.version=${k9sVersion}`, '-o', temporary, '.'], {
		cwd: moduleDir,
		encoding: 'utf8',
		// The pinned requirements and go.sum are complete: never upgrade a toolchain or a module behind our back.
		env: {...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=readonly -buildvcs=false'},
		maxBuffer: 64 * 1024 * 1024,
	});
	if (build.status !== 0) {
		fs.rmSync(temporary, {force: true});
		const tail = `${build.stderr ?? ''}${build.error ? String(build.error) : ''}`.trim().split('\n').slice(-8).join('\n');
		return {ok: false, reason: `building k9s ${k9sVersion} failed:\n${tail}`};
	}
	fs.renameSync(temporary, binary);
	options.log(`k9s built in ${Math.round((performance.now() - started) / 1000)} s: ${binary}`);
	return {ok: true, binary};
}

export interface K9sPlan {
	starts: number;
	idleMs: number;
	/** How long k9s runs under the same churn as k8slab's change phase, so both peaks cover alike sessions. */
	churnMs: number;
	churnPerSecond: number;
}

export interface K9sResult {
	version: string;
	firstFrameMs: number | null;
	firstFrameRunsMs: number[];
	peakRssMB: number | null;
	idleCpuPct: number | null;
	podsOnScreen: number | null;
	flags: string[];
	notes: string[];
}

export interface K9sContext {
	terminal: Terminal;
	api: AdminClient;
	binary: string;
	kubeconfig: string;
	workDir: string;
	expectedPods: number;
	log(line: string): void;
}

/** k9s at its fastest: no splash screen (it otherwise waits 1 s), no release check (no network here), read-only. */
export const k9sFlags = ['--all-namespaces', '--command', 'pods', '--readonly', '--splashless'];

function k9sEnvironment(context: K9sContext): Record<string, string> {
	const home = path.join(context.workDir, 'k9s-home');
	const configDir = path.join(home, 'config');
	fs.mkdirSync(configDir, {recursive: true});
	fs.writeFileSync(path.join(configDir, 'config.yaml'), ['k9s:', '  skipLatestRevCheck: true', '  refreshRate: 2', '  ui:', '    splashless: true', ''].join('\n'));
	return {
		KUBECONFIG: context.kubeconfig,
		K9S_CONFIG_DIR: configDir,
		XDG_CONFIG_HOME: path.join(home, 'xdg-config'),
		XDG_DATA_HOME: path.join(home, 'xdg-data'),
		XDG_STATE_HOME: path.join(home, 'xdg-state'),
		XDG_CACHE_HOME: path.join(home, 'xdg-cache'),
		COLORTERM: 'truecolor',
	};
}

async function start(context: K9sContext, timeoutMs: number): Promise<{pid: number; firstFrameMs: number; screen: string}> {
	const {terminal, expectedPods} = context;
	const args = [context.binary, '--kubeconfig', context.kubeconfig, ...k9sFlags, '--logFile', path.join(context.workDir, 'k9s.log')];
	const started = await terminal.run(args, k9sEnvironment(context), context.workDir);
	const pid = await terminal.pid();
	const frame = await terminal.waitFor(screen => k9sPodCount(screen) === expectedPods, timeoutMs);
	return {pid, firstFrameMs: frame.at - started, screen: frame.screen};
}

async function quit(terminal: Terminal, pid: number): Promise<void> {
	await terminal.sendKeys('C-c');
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
	await sleep(100);
}

export async function measureK9s(context: K9sContext, plan: K9sPlan): Promise<K9sResult> {
	const {terminal, log} = context;
	const notes: string[] = [];
	const firstFrames: number[] = [];
	let peak = 0;
	let podsOnScreen: number | null = null;
	let idleCpuPct: number | null = null;
	for (let run = 0; run < plan.starts; run++) {
		let started;
		try {
			started = await start(context, 180_000);
		} catch (error) {
			notes.push(`start ${run + 1}: ${(error as Error).message.split('\n')[0]}`);
			await quit(terminal, await terminal.pid());
			continue;
		}
		firstFrames.push(started.firstFrameMs);
		podsOnScreen = k9sPodCount(started.screen) ?? null;
		log(`  k9s start ${run + 1}/${plan.starts}: pod count shown after ${Math.round(started.firstFrameMs)} ms`);
		if (run === plan.starts - 1) {
			// The last start becomes the long session: idle CPU, then the same churn k8slab saw.
			await sleep(3000);
			const before = cpuTimeMs(started.pid);
			const idleStarted = performance.now();
			await sleep(plan.idleMs);
			const after = cpuTimeMs(started.pid);
			if (before !== undefined && after !== undefined) idleCpuPct = ((after - before) / (performance.now() - idleStarted)) * 100;
			log(`  k9s idle ${Math.round(plan.idleMs / 1000)} s: ${round(idleCpuPct, 2)} % CPU`);
			if (plan.churnMs > 0) {
				const churn = await startChurn(context.api, plan.churnPerSecond);
				await sleep(plan.churnMs);
				await churn.stop();
			}
		}
		peak = Math.max(peak, peakRss(started.pid) ?? 0);
		await quit(terminal, started.pid);
	}
	return {
		version: k9sVersion,
		firstFrameMs: round(median(firstFrames)),
		firstFrameRunsMs: firstFrames.map(ms => round(ms)!),
		peakRssMB: mb(peak || undefined),
		idleCpuPct: round(idleCpuPct, 2),
		podsOnScreen,
		flags: k9sFlags,
		notes,
	};
}
