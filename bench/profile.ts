// Summarises a V8 CPU profile (node --cpu-prof, or npm run bench -- --cpu-prof DIR):
// the functions with the most self time and the most total time, as
// file:line function, with node_modules paths shortened.
//   node dist/bench/profile.js FILE.cpuprofile [--top 25] [--filter TEXT] [--from MS] [--to MS]
import fs from 'node:fs';
import {parseArgs} from 'node:util';

interface CallFrame {
	functionName: string;
	url: string;
	lineNumber: number;
}

interface ProfileNode {
	id: number;
	callFrame: CallFrame;
	children?: number[];
}

interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
	startTime: number;
	endTime: number;
}

function where(frame: CallFrame): string {
	const url = frame.url.replace(/^file:\/\//, '');
	const short = url.includes('node_modules/') ? url.slice(url.lastIndexOf('node_modules/') + 'node_modules/'.length) : url.replace(/^.*?\/(dist|source|bench)\//, '$1/');
	return `${short || '(native)'}:${frame.lineNumber + 1} ${frame.functionName || '(anonymous)'}`;
}

export function summarise(profile: Profile, top: number, filter?: string, fromMs = 0, toMs = Number.POSITIVE_INFINITY): string {
	const self = new Map<number, number>();
	// Only samples inside [fromMs, toMs) after the profile started (e.g. the idle part of a session).
	let clock = 0;
	profile.samples.forEach((id, index) => {
		clock += profile.timeDeltas[index] ?? 0;
		if (clock / 1000 >= fromMs && clock / 1000 < toMs) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
	});
	const byId = new Map(profile.nodes.map(node => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

	const selfByFunction = new Map<string, number>();
	const totalByFunction = new Map<string, number>();
	for (const [id, micros] of self) {
		const node = byId.get(id);
		if (!node) continue;
		const key = where(node.callFrame);
		selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + micros);
		// Total time: once per function on the stack, even when it recurses.
		const seen = new Set<string>();
		for (let cursor: number | undefined = id; cursor !== undefined; cursor = parent.get(cursor)) {
			const frameKey = where(byId.get(cursor)!.callFrame);
			if (seen.has(frameKey)) continue;
			seen.add(frameKey);
			totalByFunction.set(frameKey, (totalByFunction.get(frameKey) ?? 0) + micros);
		}
	}
	const wall = (profile.endTime - profile.startTime) / 1000;
	const busy = [...self.entries()].filter(([id]) => !['(idle)', '(program)'].includes(byId.get(id)?.callFrame.functionName ?? '')).reduce((sum, [, micros]) => sum + micros, 0) / 1000;
	const table = (title: string, map: Map<string, number>) => {
		const rows = [...map.entries()]
			.filter(([key]) => !filter || key.includes(filter))
			.sort((a, b) => b[1] - a[1])
			.slice(0, top);
		return [`${title}:`, ...rows.map(([key, micros]) => `${(micros / 1000).toFixed(0).padStart(8)} ms  ${key}`)].join('\n');
	};
	return [`profile: ${wall.toFixed(0)} ms wall, ${busy.toFixed(0)} ms on the CPU`, table('self time', selfByFunction), table('total time', totalByFunction)].join('\n\n') + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const {values, positionals} = parseArgs({args: process.argv.slice(2), allowPositionals: true, options: {top: {type: 'string', default: '25'}, filter: {type: 'string'}, from: {type: 'string', default: '0'}, to: {type: 'string'}}});
	const file = positionals[0];
	if (!file) {
		process.stderr.write('usage: node dist/bench/profile.js FILE.cpuprofile [--top N] [--filter TEXT]\n');
		process.exitCode = 2;
	} else {
		process.stdout.write(summarise(JSON.parse(fs.readFileSync(file, 'utf8')) as Profile, Number(values.top), values.filter, Number(values.from), values.to === undefined ? undefined : Number(values.to)));
	}
}
