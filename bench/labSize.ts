// A lab-sized cluster (the sandbox's lab preset: 3 nodes and their pods), where
// the first frame is no longer the LIST: exec to the full frame, for k8slab and
// k9s, and one traced k8slab start split into Node's boot, loading the bundle,
// the /version check, the LISTs and the first render.
import fs from 'node:fs';
import path from 'node:path';
import {AdminClient} from '../source/sandbox/api.js';
import {ensurePki} from '../source/sandbox/pki.js';
import {startSandbox} from '../source/sandbox/sandbox.js';
import {quit, start, type K8slabContext} from './k8slab.js';
import {measureK9s, type K9sAvailability} from './k9s.js';
import {median, round} from './stats.js';
import type {Terminal} from './tmux.js';

export interface LabSizeResult {
	pods: number;
	/** exec to the first frame showing every pod (median of the starts). */
	fullFrameMs: number | null;
	fullFrameRunsMs: number[];
	firstScreenMs: number | null;
	k9sFirstFrameMs: number | null;
	/**
	 * One traced start, in ms: Node's bootstrap (performance.nodeTiming); the rest of the time to
	 * k8slab's first line of code (loading the bundle); from there to the /version answer, to the pods LIST parsed,
	 * and from that to the full frame written. /version and the LISTs run side by side.
	 */
	split: {nodeBootMs: number; bundleLoadMs: number; versionMs: number | null; podsListMs: number | null; firstRenderMs: number | null; tracedFullFrameMs: number | null} | null;
	notes: string[];
}

/** Reads a K8SLAB_TRACE file: "<epoch ms> <label>" per line. */
function splitOf(file: string, expectedPods: number): LabSizeResult['split'] {
	const marks = fs
		.readFileSync(file, 'utf8')
		.trim()
		.split('\n')
		.map(line => {
			const at = line.indexOf(' ');
			return {at: Number(line.slice(0, at)), label: line.slice(at + 1)};
		});
	const begin = marks.find(mark => mark.label.startsWith('start, '));
	if (!begin) return null;
	const sinceProcess = Number(/start, ([\d.]+) ms/.exec(begin.label)?.[1] ?? 0);
	// Node's own milestone: its bootstrap done, before the launcher's first line.
	const nodeBootMs = Number(/Node bootstrap ([\d.]+) ms/.exec(begin.label)?.[1] ?? 0);
	const processStart = begin.at - sinceProcess;
	const find = (test: (label: string) => boolean) => marks.find(mark => test(mark.label))?.at;
	const reachable = find(label => label === 'reachable');
	const podsParsed = marks.filter(mark => /^list \/api\/v1\/pods\S* parsed/.test(mark.label)).at(-1)?.at;
	const fullFrame = find(label => label.startsWith('frame ') && label.includes(` pods=${expectedPods} `));
	const ms = (value: number | undefined) => (value === undefined ? null : round(value)!);
	return {
		nodeBootMs: round(nodeBootMs)!,
		bundleLoadMs: round(sinceProcess - nodeBootMs)!,
		versionMs: ms(reachable === undefined ? undefined : reachable - begin.at),
		podsListMs: ms(podsParsed === undefined ? undefined : podsParsed - begin.at),
		firstRenderMs: ms(fullFrame === undefined || podsParsed === undefined ? undefined : fullFrame - podsParsed),
		tracedFullFrameMs: ms(fullFrame === undefined ? undefined : fullFrame - processStart),
	};
}

export async function measureLabSize(options: {terminal: Terminal; root: string; workDir: string; k9s: K9sAvailability; starts: number; log: (line: string) => void}): Promise<LabSizeResult> {
	const {terminal, root, workDir, k9s, starts, log} = options;
	const dir = path.join(workDir, 'lab-sandbox');
	const sandbox = await startSandbox({dir});
	const api = new AdminClient(sandbox.server, ensurePki(dir));
	const notes: string[] = [];
	try {
		const pods = (await api.list('/api/v1/pods')).length;
		log(`lab-sized cluster: ${pods} pods`);
		const context: K8slabContext = {terminal, api, kubeconfig: sandbox.kubeconfigPath, root, expectedPods: pods, log};
		const fullFrames: number[] = [];
		const screens: number[] = [];
		for (let run = 0; run < starts; run++) {
			const started = await start(context, 60_000);
			fullFrames.push(started.firstFrameMs);
			if (started.firstScreenMs !== null) screens.push(started.firstScreenMs);
			await quit(terminal, started.pid);
		}
		log(`  lab-sized k8slab: exec to full frame ${round(median(fullFrames))} ms (median of ${starts})`);
		const traceFile = path.join(workDir, 'lab-trace.txt');
		fs.rmSync(traceFile, {force: true});
		const traced = await start(context, 60_000, undefined, {K8SLAB_TRACE: traceFile});
		await quit(terminal, traced.pid);
		const split = splitOf(traceFile, pods);
		log(`  lab-sized k8slab, traced: ${JSON.stringify(split)}`);
		let k9sFirstFrameMs: number | null = null;
		if (k9s.ok) {
			const result = await measureK9s({terminal, api, binary: k9s.binary, kubeconfig: sandbox.kubeconfigPath, workDir, expectedPods: pods, log}, {starts, idleMs: 0, churnMs: 0, churnPerSecond: 0});
			k9sFirstFrameMs = result.firstFrameMs;
			notes.push(...result.notes.map(note => `k9s: ${note}`));
		}
		return {pods, fullFrameMs: round(median(fullFrames)), fullFrameRunsMs: fullFrames.map(ms => round(ms)!), firstScreenMs: round(median(screens)), k9sFirstFrameMs, split, notes};
	} finally {
		api.close();
		await sandbox.stop({remove: true});
	}
}
