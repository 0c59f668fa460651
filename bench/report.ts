// Results: one JSON document per run and a markdown table with the absolute
// figures and the ratios k8slab/limit, k8slab/k9s and k8slab/kubectl.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {K8slabResult} from './k8slab.js';
import type {K9sResult} from './k9s.js';
import type {LabSizeResult} from './labSize.js';
import type {KubectlResult, LimitResult} from './limit.js';
import {ratio} from './stats.js';

export interface Machine {
	nproc: number;
	memoryGiB: number;
	cpuModel: string;
	kernel: string;
	node: string;
	kubectl: string | null;
	kubernetes: string;
}

export interface SizeResult {
	pods: number;
	/** The machine's 1/5/15-minute load averages when this size began: other work on the box skews every figure. */
	loadAverage: number[];
	/** How long the controllers took to bring the cluster to this size. */
	settle: {ms: number; podsPerSecond: number; directPods: number; eventsQuietAfterMs: number; events: number};
	k8slab: K8slabResult;
	limit: LimitResult & {error?: string};
	kubectl: KubectlResult;
	k9s: K9sResult | {skipped: string; firstFrameMs: null; peakRssMB: null; idleCpuPct: null};
	/** The lab-sized cluster's figures (measured once per run, repeated in each size). */
	labSize?: {fullFrameMs: number | null; k9sFirstFrameMs: number | null};
	/** With --cpu-prof: the profile of an extra k8slab session and when its phases ran (for bench/profile.js --from/--to). */
	profile?: {file: string; phases: K8slabResult['phases']};
	ratios: {
		firstFrameOverRawList: number | null;
		firstFrameOverProtobufList: number | null;
		firstFrameOverK9s: number | null;
		firstFrameOverKubectl: number | null;
		peakRssOverK9s: number | null;
	};
}

export interface BenchResults {
	startedAt: string;
	finishedAt: string;
	mode: 'full' | 'quick' | 'smoke' | 'custom';
	/** The k8slab commit measured ("+dirty" when the work tree had changes). */
	commit: string;
	machine: Machine;
	/** The 1/5/15-minute load averages when the run began: this 2-core machine is shared. */
	loadAverageAtStart?: number[];
	method: Record<string, string>;
	sizes: SizeResult[];
	labSize?: LabSizeResult;
	/** How each cost grows: least-squares slope per 1,000 pods over the sizes measured. */
	slopes?: Slopes;
	errors: string[];
}

export interface Slopes {
	k8slab: {firstScreenMs: number | null; firstFrameMs: number | null; peakRssMB: number | null};
	k9s: {firstFrameMs: number | null; peakRssMB: number | null};
	limit: {rawListMs: number | null; rawListProtobufMs: number | null};
}

/** Least-squares slope of value against pods, per 1,000 pods; null with fewer than two sizes measured. */
function slope(sizes: readonly SizeResult[], value: (size: SizeResult) => number | null | undefined): number | null {
	const points = sizes.map(size => [size.pods / 1000, value(size)] as const).filter((point): point is readonly [number, number] => typeof point[1] === 'number');
	if (points.length < 2) return null;
	const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
	const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
	const spread = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
	if (spread === 0) return null;
	return Math.round((points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0) / spread) * 100) / 100;
}

export function slopes(sizes: readonly SizeResult[]): Slopes {
	return {
		k8slab: {firstScreenMs: slope(sizes, s => s.k8slab.firstScreenMs), firstFrameMs: slope(sizes, s => s.k8slab.firstFrameMs), peakRssMB: slope(sizes, s => s.k8slab.peakRssMB)},
		k9s: {firstFrameMs: slope(sizes, s => s.k9s.firstFrameMs), peakRssMB: slope(sizes, s => s.k9s.peakRssMB)},
		limit: {rawListMs: slope(sizes, s => s.limit.rawListMs), rawListProtobufMs: slope(sizes, s => s.limit.rawListProtobufMs)},
	};
}

function kubectlVersion(): string | null {
	try {
		const out = execFileSync('kubectl', ['version', '--client', '-o', 'json'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000});
		return (JSON.parse(out) as {clientVersion?: {gitVersion?: string}}).clientVersion?.gitVersion ?? null;
	} catch {
		return null;
	}
}

export function commitOf(root: string): string {
	try {
		const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim();
		const dirty = execFileSync('git', ['status', '--porcelain', '--', 'source', 'cli.tsx', 'themes'], {cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim();
		return dirty ? `${head}+dirty` : head;
	} catch {
		return 'unknown';
	}
}

export function machine(kubernetes: string): Machine {
	let cpuModel = os.cpus()[0]?.model ?? 'unknown';
	try {
		cpuModel = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpuModel;
	} catch {
		// not Linux
	}
	return {
		nproc: os.availableParallelism(),
		memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
		cpuModel,
		kernel: os.release(),
		node: process.version,
		kubectl: kubectlVersion(),
		kubernetes,
	};
}

export function ratios(size: Omit<SizeResult, 'ratios'>): SizeResult['ratios'] {
	return {
		firstFrameOverRawList: ratio(size.k8slab.firstFrameMs, size.limit.rawListMs),
		firstFrameOverProtobufList: ratio(size.k8slab.firstFrameMs, size.limit.rawListProtobufMs ?? null),
		firstFrameOverK9s: ratio(size.k8slab.firstFrameMs, size.k9s.firstFrameMs),
		firstFrameOverKubectl: ratio(size.k8slab.firstFrameMs, size.kubectl.getPodsMs),
		peakRssOverK9s: ratio(size.k8slab.peakRssMB, size.k9s.peakRssMB),
	};
}

const show = (value: number | null | undefined, unit = ''): string => (value === null || value === undefined ? '–' : `${value.toLocaleString('en-US')}${unit}`);
const mb = (bytes: number | null | undefined): number | null => (bytes === null || bytes === undefined ? null : Math.round(bytes / 1024 / 102.4) / 10);
const times = (value: number | null | undefined): string => (value === null || value === undefined ? '–' : `${value.toFixed(2)}x`);

export function markdown(results: BenchResults): string {
	const {machine: m, sizes} = results;
	const header = `| measure | ${sizes.map(s => `${s.pods.toLocaleString('en-US')} pods`).join(' | ')} |`;
	const rule = `| --- | ${sizes.map(() => '---:').join(' | ')} |`;
	const row = (label: string, cell: (s: SizeResult) => string) => `| ${label} | ${sizes.map(cell).join(' | ')} |`;
	const k9sOf = (s: SizeResult) => s.k9s;
	const lines = [
		`Run ${results.startedAt} (${results.mode}, k8slab ${results.commit}) on ${m.nproc} cores, ${m.memoryGiB} GiB, ${m.cpuModel}; Linux ${m.kernel}, Node ${m.node}, kube-apiserver ${m.kubernetes}, kubectl ${m.kubectl ?? 'not found'}, k9s ${sizes.map(s => s.k9s).find((k): k is K9sResult => 'version' in k)?.version ?? 'not run'}.`,
		'',
		header,
		rule,
		row('k8slab: start to first screen (first page of pods drawn)', s => show(s.k8slab.firstScreenMs, ' ms')),
		row('k8slab: start to first full frame', s => show(s.k8slab.firstFrameMs, ' ms')),
		row('k8slab: start to first paint', s => show(s.k8slab.firstPaintMs, ' ms')),
		row('k8slab: peak RSS', s => show(s.k8slab.peakRssMB, ' MB')),
		row('k8slab: RSS after cold start / at session end', s => `${show(s.k8slab.startRssMB)} / ${show(s.k8slab.endRssMB, ' MB')}`),
		row('k8slab: idle CPU (30 s)', s => show(s.k8slab.idleCpuPct, ' %')),
		row('k8slab: change-to-screen p50 / p95', s => `${show(s.k8slab.changeToScreenP50Ms)} / ${show(s.k8slab.changeToScreenP95Ms, ' ms')}`),
		row('k8slab: keypress-to-frame p50 / p95', s => `${show(s.k8slab.keyToFrameP50Ms)} / ${show(s.k8slab.keyToFrameP95Ms, ' ms')}`),
		row('limit: raw LIST, Node HTTPS', s => show(s.limit.rawListMs, ' ms')),
		row('limit: raw LIST + JSON.parse, Node', s => show(s.limit.rawListMs === null || s.limit.rawListParseMs === null ? null : Math.round((s.limit.rawListMs + s.limit.rawListParseMs) * 10) / 10, ' ms')),
		row('limit: `kubectl get --raw /api/v1/pods`', s => show(s.limit.kubectlRawMs, ' ms')),
		row('limit: raw LIST in protobuf (as k8slab lists), Node HTTPS', s => show(s.limit.rawListProtobufMs, ' ms')),
		row('LIST size, JSON / protobuf', s => `${show(mb(s.limit.rawListBytes))} / ${show(mb(s.limit.rawListProtobufBytes), ' MB')}`),
		row('`kubectl get pods -A`', s => show(s.kubectl.getPodsMs, ' ms')),
		row('k9s: start to pod count shown', s => show(k9sOf(s).firstFrameMs, ' ms')),
		row('k9s: peak RSS', s => show(k9sOf(s).peakRssMB, ' MB')),
		row('k9s: idle CPU (30 s)', s => show(k9sOf(s).idleCpuPct, ' %')),
		row('**first frame / raw LIST** (goal ≤ 1.5x)', s => times(s.ratios.firstFrameOverRawList)),
		row("first frame / raw protobuf LIST (what is left on k8slab's side)", s => times(s.ratios.firstFrameOverProtobufList)),
		row('**first frame / k9s** (goal < 1x)', s => times(s.ratios.firstFrameOverK9s)),
		row('**first frame / kubectl get pods -A**', s => times(s.ratios.firstFrameOverKubectl)),
		row('**peak RSS / k9s** (goal ≤ 1x)', s => times(s.ratios.peakRssOverK9s)),
		row('cluster: time to grow to this size (pods/s)', s => `${show(Math.round(s.settle.ms / 100) / 10, ' s')} (${show(s.settle.podsPerSecond)})`),
		row('machine: load average (1 min) when measuring began', s => show(s.loadAverage[0])),
		row('cluster: Events stored / quiet after', s => `${show(s.settle.events)} / ${show(Math.round(s.settle.eventsQuietAfterMs / 1000), ' s')}`),
	];
	const perThousand = (value: number | null | undefined, unit: string) => (value === null || value === undefined ? '–' : `${value.toLocaleString('en-US')} ${unit}`);
	const slope = results.slopes;
	if (slope && sizes.length > 1) {
		lines.push(
			'',
			'Growth per 1,000 pods (least-squares slope over the sizes above):',
			'',
			'| per 1,000 pods | k8slab | k9s | raw LIST JSON / protobuf |',
			'| --- | ---: | ---: | ---: |',
			`| first screen | ${perThousand(slope.k8slab.firstScreenMs, 'ms')} | – | – |`,
			`| first full frame | ${perThousand(slope.k8slab.firstFrameMs, 'ms')} | ${perThousand(slope.k9s.firstFrameMs, 'ms')} | ${perThousand(slope.limit.rawListMs, 'ms')} / ${perThousand(slope.limit.rawListProtobufMs, 'ms')} |`,
			`| peak RSS | ${perThousand(slope.k8slab.peakRssMB, 'MB')} | ${perThousand(slope.k9s.peakRssMB, 'MB')} | – |`,
		);
	}
	const lab = results.labSize;
	if (lab) {
		const split = lab.split;
		lines.push(
			'',
			`Lab-sized cluster (the sandbox preset, ${lab.pods} pods): exec to full frame ${show(lab.fullFrameMs, ' ms')} for k8slab, ${show(lab.k9sFirstFrameMs, ' ms')} for k9s.` +
				(split
					? ` One traced k8slab start: Node boot ${show(split.nodeBootMs, ' ms')}, bundle load ${show(split.bundleLoadMs, ' ms')}, then /version answered after ${show(split.versionMs, ' ms')} and the pods LIST parsed after ${show(split.podsListMs, ' ms')} (side by side), first render ${show(split.firstRenderMs, ' ms')}; full frame written ${show(split.tracedFullFrameMs, ' ms')} after exec.`
					: ''),
		);
	}
	if (results.loadAverageAtStart) lines.push('', `Load average at the start of the run: ${results.loadAverageAtStart.join(' / ')} (1/5/15 min) on ${m.nproc} cores shared with other work.`);
	const skipped = sizes.map(s => ('skipped' in s.k9s ? s.k9s.skipped : undefined)).find(Boolean);
	if (skipped) lines.push('', `k9s not run: ${skipped.split('\n')[0]}`);
	if (results.errors.length > 0) lines.push('', 'Errors:', ...results.errors.map(e => `- ${e.split('\n')[0]}`));
	return lines.join('\n') + '\n';
}

/** Writes <timestamp>.json, latest.json and latest.md (the .tmp file holds a run in progress). */
export function writeResults(dir: string, results: BenchResults, final: boolean): string {
	fs.mkdirSync(dir, {recursive: true});
	const stamp = results.startedAt.replaceAll(':', '-').replace(/\.\d+Z$/, 'Z');
	const json = JSON.stringify(results, null, 2) + '\n';
	if (!final) {
		fs.writeFileSync(path.join(dir, `${stamp}.json.tmp`), json);
		return path.join(dir, `${stamp}.json.tmp`);
	}
	fs.rmSync(path.join(dir, `${stamp}.json.tmp`), {force: true});
	const file = path.join(dir, `${stamp}.json`);
	fs.writeFileSync(file, json);
	fs.writeFileSync(path.join(dir, 'latest.json'), json);
	fs.writeFileSync(path.join(dir, 'latest.md'), markdown(results));
	return file;
}
