// What a benchmark run does, by mode: the full run (1k, 5k, 10k pods), a
// --quick run (one size, at most 5 minutes), and a --smoke run for CI (a tiny
// cluster: it proves the harness works and says nothing about speed).
import os from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';

export interface Plan {
	mode: 'full' | 'quick' | 'smoke' | 'custom';
	sizes: number[];
	/** Cold starts of each client per size (medians are reported). */
	starts: number;
	/** Cold starts at sizes above 10,000 pods, where each k9s start takes tens of seconds. */
	bigStarts: number;
	/** Minutes the whole run may take: the largest size stops growing where it must to leave time to measure (0: no limit). */
	budgetMinutes: number;
	/** Measure a lab-sized cluster too (a second sandbox, before the big one). */
	labSize: boolean;
	/** Items per page of k8slab's pods LIST (K8SLAB_LIST_PAGE_SIZE), when not its default. */
	pageSize?: number;
	listRuns: number;
	idleMs: number;
	changes: number;
	keys: number;
	churnPerSecond: number;
	k9s: boolean;
	/** Build k9s when it is not cached (never in smoke mode: CI has no 10 minutes to spare). */
	buildK9s: boolean;
	resultsDir: string;
	root: string;
	/** Directory for a CPU profile of k8slab's long session (node --cpu-prof), if asked. */
	cpuProfDir?: string;
}

const usage = `Usage: npm run bench -- [--quick | --smoke] [--sizes 1000,5000] [--no-k9s] [--budget-minutes N] [--results-dir DIR] [--cpu-prof DIR]

  (default)      1,000, 5,000 and 10,000 pods
  --quick        1,000 pods, every measure once (at most 5 minutes)
  --smoke        a tiny cluster for CI: proves the harness works, asserts no timing
  --sizes LIST   pod counts to measure, comma-separated
  --no-k9s       skip k9s (otherwise it is built once from the Go module proxy, ~10 min)
  --budget-minutes N  the run's time budget: the largest size grows only as far as leaves time to measure it
  --results-dir  where results go (default bench/results; smoke: a temporary dir)
  --cpu-prof DIR after each size, run one more (uncounted) k8slab session under node --cpu-prof, profile to DIR
`;

export function parsePlan(argv: string[], root: string): Plan | {help: string} {
	const {values} = parseArgs({
		args: argv,
		options: {
			quick: {type: 'boolean', default: false},
			smoke: {type: 'boolean', default: false},
			sizes: {type: 'string'},
			'no-k9s': {type: 'boolean', default: false},
			'results-dir': {type: 'string'},
			'cpu-prof': {type: 'string'},
			'budget-minutes': {type: 'string'},
			help: {type: 'boolean', default: false},
		},
		strict: true,
	});
	if (values.help) return {help: usage};
	const budgetMinutes = Number(values['budget-minutes'] ?? 0);
	if (!Number.isFinite(budgetMinutes) || budgetMinutes < 0) throw new Error(`--budget-minutes takes a number of minutes, got ${values['budget-minutes']}`);
	const base = {
		budgetMinutes,
		k9s: !values['no-k9s'],
		root,
		cpuProfDir: values['cpu-prof'] ? path.resolve(values['cpu-prof']) : undefined,
	};
	let plan: Plan;
	if (values.smoke) {
		plan = {
			...base,
			mode: 'smoke',
			sizes: [40],
			starts: 1,
			bigStarts: 1,
			labSize: false,
			// Four pages for 40 pods: the smoke run goes through the paged LIST as a big cluster does.
			pageSize: 10,
			listRuns: 1,
			idleMs: 3000,
			changes: 5,
			keys: 5,
			churnPerSecond: 10,
			buildK9s: false,
			resultsDir: path.join(os.tmpdir(), `k8slab-bench-smoke-${process.pid}`),
		};
	} else if (values.quick) {
		plan = {...base, mode: 'quick', sizes: [1000], starts: 2, bigStarts: 2, labSize: true, listRuns: 3, idleMs: 30_000, changes: 50, keys: 50, churnPerSecond: 50, buildK9s: true, resultsDir: path.join(root, 'bench', 'results')};
	} else {
		plan = {
			...base,
			mode: 'full',
			sizes: [1000, 5000, 10_000],
			starts: 7,
			bigStarts: 3,
			labSize: true,
			listRuns: 5,
			idleMs: 30_000,
			changes: 60,
			keys: 60,
			churnPerSecond: 50,
			buildK9s: true,
			resultsDir: path.join(root, 'bench', 'results'),
		};
	}
	if (values.sizes) {
		const sizes = values.sizes.split(',').map(s => Number(s.trim().replaceAll('_', '')));
		if (sizes.some(n => !Number.isInteger(n) || n < 20)) throw new Error(`--sizes takes pod counts of at least 20, got ${values.sizes}`);
		plan.sizes = [...sizes].sort((a, b) => a - b);
		if (!values.smoke && !values.quick) plan.mode = 'custom';
	}
	if (values['results-dir']) plan.resultsDir = path.resolve(values['results-dir']);
	return plan;
}
