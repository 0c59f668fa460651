// patches/yoga-layout+3.2.1: the wasm, shipped as a base64 data: URL, is
// decoded synchronously with Buffer rather than fetched (undici and a
// percent-decode on the first paint). The patched loader must not fetch, and
// must lay out a tree exactly as the original does.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {load, root, unpatched} from './unpatched.js';

interface Node {
	setWidth(width: number): void;
	setHeight(height: number): void;
	setFlexDirection(direction: number): void;
	setFlexGrow(grow: number): void;
	setPadding(edge: number, padding: number): void;
	insertChild(child: Node, index: number): void;
	calculateLayout(width?: number, height?: number, direction?: number): void;
	getComputedLayout(): {left: number; top: number; width: number; height: number};
	getChild(index: number): Node;
	getChildCount(): number;
}
interface Yoga {
	Node: {create(): Node};
	FLEX_DIRECTION_ROW: number;
	FLEX_DIRECTION_COLUMN: number;
	EDGE_ALL: number;
	DIRECTION_LTR: number;
}
type LoadYoga = () => Promise<unknown>;

const dir = 'node_modules/yoga-layout';
const loader = 'dist/binaries/yoga-wasm-base64-esm.js';
const base = unpatched([dir]);

/** How many times loading and instantiating the wasm called fetch. */
async function fetchesWhileLoading(from: string): Promise<number> {
	const realFetch = globalThis.fetch;
	let calls = 0;
	globalThis.fetch = (...args: Parameters<typeof fetch>) => {
		calls++;
		return realFetch(...args);
	};
	try {
		const {default: loadYoga} = await load<{default: LoadYoga}>(from, `${dir}/${loader}`, '?fetch');
		await loadYoga();
	} finally {
		globalThis.fetch = realFetch;
	}
	return calls;
}

test('the patched loader instantiates the wasm without fetching it; the original fetches', async () => {
	assert.equal(await fetchesWhileLoading(base), 1, 'the original fetches its data: URL');
	assert.equal(await fetchesWhileLoading(root), 0);
});

function layout(yoga: Yoga): unknown {
	const rootNode = yoga.Node.create();
	rootNode.setWidth(200);
	rootNode.setHeight(50);
	rootNode.setFlexDirection(yoga.FLEX_DIRECTION_ROW);
	for (let i = 0; i < 7; i++) {
		const child = yoga.Node.create();
		child.setFlexGrow(i + 1);
		child.setPadding(yoga.EDGE_ALL, i);
		child.setFlexDirection(yoga.FLEX_DIRECTION_COLUMN);
		rootNode.insertChild(child, i);
	}
	rootNode.calculateLayout(undefined, undefined, yoga.DIRECTION_LTR);
	return Array.from({length: rootNode.getChildCount()}, (_, i) => rootNode.getChild(i).getComputedLayout());
}

test('the patched Yoga lays out a tree as the original does', async () => {
	const original = (await load<{default: Yoga}>(base, `${dir}/dist/src/index.js`)).default;
	const patched = (await load<{default: Yoga}>(root, `${dir}/dist/src/index.js`)).default;
	assert.deepEqual(layout(patched), layout(original));
});
