// A development aid, not part of `npm run bench`: grows one bench cluster to a
// size and keeps it, then measures k8slab (whatever dist/ holds at that moment)
// each time a request file appears, so a change can be measured several times
// against the same pods without waiting for the cluster again.
//
//   node dist/bench/hold.js --pods 10000 --dir /tmp/hold
//   echo '{"starts":3,"idleMs":0,"changes":0,"keys":0}' > /tmp/hold/req-1.json
//   # -> /tmp/hold/res-1.json; "root" measures another checkout's build;
//   # {"limit":true} measures the raw LIST instead;
//   # touch /tmp/hold/stop to tear the cluster down.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {setTimeout as sleep} from 'node:timers/promises';
import {startCluster} from './cluster.js';
import {measureK8slab, type K8slabPlan} from './k8slab.js';
import {measureLimit} from './limit.js';
import {Terminal} from './tmux.js';

const {values} = parseArgs({options: {pods: {type: 'string', default: '10000'}, dir: {type: 'string', default: path.join(os.tmpdir(), 'k8slab-hold')}}});
const pods = Number(values.pods);
const dir = path.resolve(values.dir);
const root = process.cwd();
const began = performance.now();
const log = (line: string) => process.stderr.write(`[hold ${((performance.now() - began) / 1000).toFixed(0).padStart(5)}s] ${line}\n`);

fs.mkdirSync(dir, {recursive: true});
const cluster = await startCluster({dir: path.join(dir, 'sandbox'), maxPods: pods, log});
const terminal = await Terminal.open({socket: `k8slab-hold-${process.pid}`, width: 200, height: 50});
let stopping = false;
const stop = async () => {
	if (stopping) return;
	stopping = true;
	terminal.close();
	await cluster.close();
	process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
try {
	const settle = await cluster.scaleTo(pods, 120_000 + pods * 150, log);
	log(`${pods} pods Running and Ready after ${Math.round(settle.ms / 1000)} s (${settle.podsPerSecond} pods/s)`);
	const quiet = await cluster.waitForQuiet(5000, 600_000);
	log(`events quiet after ${Math.round(quiet.waitedMs / 1000)} s; waiting for requests in ${dir}`);
	fs.writeFileSync(path.join(dir, 'ready'), cluster.kubeconfig);
	while (!fs.existsSync(path.join(dir, 'stop'))) {
		const request = fs.readdirSync(dir).find(name => /^req-.*\.json$/.test(name));
		if (!request) {
			await sleep(500);
			continue;
		}
		const file = path.join(dir, request);
		const body = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<K8slabPlan> & {limit?: boolean; runs?: number; root?: string};
		fs.rmSync(file);
		const out = path.join(dir, request.replace(/^req-/, 'res-'));
		try {
			await cluster.waitForQuiet(3000, 60_000);
			const expectedPods = await cluster.countPods();
			let result: unknown;
			if (body.limit) {
				result = await measureLimit({server: cluster.sandbox.server, sandboxDir: cluster.sandbox.dir, kubeconfig: cluster.kubeconfig, cacheDir: path.join(dir, 'kubectl-cache'), runs: body.runs ?? 3, expectedPods, kubectl: true});
			} else {
				const plan: K8slabPlan = {starts: 3, idleMs: 30_000, changes: 60, churnPerSecond: 50, keys: 60, ...body};
				result = await measureK8slab({terminal, api: cluster.api, kubeconfig: cluster.kubeconfig, root: body.root ?? root, expectedPods, log, countEvents: () => cluster.countEvents()}, plan);
			}
			fs.writeFileSync(out, JSON.stringify(result, null, 2));
		} catch (error) {
			fs.writeFileSync(out, JSON.stringify({error: String((error as Error).stack ?? error)}));
		}
		log(`answered ${request}`);
	}
} finally {
	await stop();
}
