// No import cycles in the shipped code: a cycle makes module load order decide
// which value is still undefined, and ties modules that should stand alone.
// Type-only imports count too, so a cycle cannot hide behind `import type`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';

const roots = ['source', 'themes'];
// import … from '…', export … from '…', import '…', import('…'); a `from` may follow a multi-line list.
const specifier = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*\(?\s*['"]([^'"]+)['"]/gm;

function sourceFiles(directory: string): string[] {
	return fs.readdirSync(directory, {withFileTypes: true}).flatMap(entry => {
		const full = path.join(directory, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
	});
}

/** './x.js' as TypeScript's NodeNext resolution finds it: x.ts, x.tsx, or x/index.ts. */
function resolve(from: string, spec: string): string | undefined {
	if (!spec.startsWith('.')) return undefined;
	const base = path.join(path.dirname(from), spec).replace(/\.js$/, '');
	return [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')].find(candidate => fs.existsSync(candidate));
}

export function importGraph(files: readonly string[]): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	for (const file of files) {
		const text = fs.readFileSync(file, 'utf8');
		const targets = [...text.matchAll(specifier)].map(match => resolve(file, match[1] ?? match[2] ?? '')).filter((target): target is string => target !== undefined);
		graph.set(file, [...new Set(targets)]);
	}

	return graph;
}

/** The first cycle found, as the path of files that closes it, or undefined. */
export function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
	const done = new Set<string>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const visit = (node: string): string[] | undefined => {
		if (onStack.has(node)) return [...stack.slice(stack.indexOf(node)), node];
		if (done.has(node)) return undefined;
		stack.push(node);
		onStack.add(node);
		for (const next of graph.get(node) ?? []) {
			const cycle = visit(next);
			if (cycle) return cycle;
		}

		stack.pop();
		onStack.delete(node);
		done.add(node);
		return undefined;
	};

	for (const node of graph.keys()) {
		const cycle = visit(node);
		if (cycle) return cycle;
	}

	return undefined;
}

test('the cycle finder finds a cycle, and only a cycle', () => {
	assert.deepEqual(
		findCycle(
			new Map([
				['a', ['b']],
				['b', ['c']],
				['c', ['a']],
			]),
		),
		['a', 'b', 'c', 'a'],
	);
	assert.equal(
		findCycle(
			new Map([
				['a', ['b', 'c']],
				['b', ['c']],
				['c', []],
			]),
		),
		undefined,
	);
});

test('the import reader sees static, type-only, re-export, multi-line and side-effect imports', () => {
	const directory = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'k8slab-imports-'));
	try {
		for (const name of ['b', 'c', 'd', 'e', 'f']) fs.writeFileSync(path.join(directory, `${name}.ts`), '');
		fs.writeFileSync(path.join(directory, 'a.tsx'), "import {x} from './b.js';\nimport type {Y} from './c.js';\nexport {z} from './d.js';\nimport {\n\tone,\n\ttwo,\n} from './e.js';\nimport './f.js';\nimport fs from 'node:fs';\n");
		const graph = importGraph([path.join(directory, 'a.tsx')]);
		assert.deepEqual(
			graph.get(path.join(directory, 'a.tsx'))?.map(file => path.basename(file)),
			['b.ts', 'c.ts', 'd.ts', 'e.ts', 'f.ts'],
		);
	} finally {
		fs.rmSync(directory, {recursive: true, force: true});
	}
});

test('source/ has no import cycles', () => {
	const graph = importGraph(roots.flatMap(root => sourceFiles(root)));
	const edges = [...graph.values()].reduce((sum, targets) => sum + targets.length, 0);
	assert.ok(graph.size > 100 && edges > graph.size, `read ${graph.size} files and ${edges} imports`);
	const cycle = findCycle(graph);
	assert.equal(cycle, undefined, `import cycle: ${cycle?.join(' -> ') ?? ''}`);
});
