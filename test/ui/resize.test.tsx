// The terminal's size: resizes repaint for the new size, and a terminal too
// small for the panes gets a message instead of a broken layout.
import './interactive-env.js';
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {EventEmitter} from 'node:events';
import {stripVTControlCharacters} from 'node:util';
import {cleanup} from 'ink-testing-library';
import {runApp} from '../../source/ui/run.js';
import {renderSnapshot} from '../../source/ui/snapshot.js';
import {minimumSize} from '../../source/ui/layout.js';
import {labApp, labProps} from './app.js';
import {FixtureSource, recorder, stuckScaleCluster} from './fixtures.js';
import {cells, frameSize, keys, press, renderResizable, settle, waitFor} from './helpers.js';

afterEach(() => {
	cleanup();
});

function setup(columns: number, rows: number) {
	const actions = recorder();
	let exited = 0;
	// No width/height props: the App follows the terminal.
	const props = labProps(new FixtureSource(stuckScaleCluster()), {
		actions,
		width: undefined,
		height: undefined,
		onExit() {
			exited++;
		},
	});
	const rendered = renderResizable(labApp(props), columns, rows);
	return {rendered, actions, exited: () => exited};
}

const fitsIn = (columns: number, rows: number) => (frame: string) => {
	const size = frameSize(frame);
	return size.lines <= rows - 1 && size.widest <= columns;
};

/** Column where a pane title's border starts on its line. */
function titleColumn(frame: string, title: string): number {
	const line = frame.split('\n').find(l => l.includes(title)) ?? '';
	return [...line.slice(0, line.indexOf(title))].length;
}

test('a resize repaints for the new size, with the panes laid out again', async () => {
	const {rendered} = setup(120, 40);
	const before = await waitFor(rendered, frame => frame.includes('Pods (all) 13') && frameSize(frame).widest === 120, 'frame at 120x40');
	assert.deepEqual(frameSize(before), {lines: 39, widest: 120});
	assert.equal(titleColumn(before, 'Rollout deployment/todoapi'), 60 + 3, 'rollout pane starts half-way across 120');

	rendered.resize(90, 30);
	const after = await waitFor(rendered, frame => frame.includes('Pods (all) 13') && fitsIn(90, 30)(frame), 'frame at 90x30');
	assert.deepEqual(frameSize(after), {lines: 29, widest: 90});
	assert.equal(titleColumn(after, 'Rollout deployment/todoapi'), 45 + 3, 'rollout pane starts half-way across 90');
	for (const title of ['Nodes 3', 'Events (all) 7']) {
		assert.ok(after.includes(title), title);
	}

	// Growing works too, taller and wider.
	rendered.resize(140, 45);
	const grown = await waitFor(rendered, frame => frameSize(frame).widest === 140, 'frame at 140x45');
	assert.equal(frameSize(grown).lines, 44);
});

test('below the minimum size a centred message replaces the panes, and enlarging restores the view as it was', async () => {
	const {rendered} = setup(120, 40);
	await waitFor(rendered, frame => frame.includes('Pods (all) 13'));
	// Some state to come back to: the nodes pane focused, a filter set.
	await press(rendered, keys.tab, frame => frame.includes('┏━ Nodes'));
	await press(rendered, '/', frame => frame.includes('enter keep'));
	await press(rendered, 'todo\r', frame => frame.includes('Pods (all) 5') && !frame.includes('enter keep'));

	rendered.resize(40, 10);
	const small = await waitFor(rendered, frame => frame.includes('enlarge'), 'the too-small message');
	const text = small.replaceAll(/\s+/g, ' ').trim();
	assert.equal(text, `k8slab needs at least ${minimumSize.columns}×${minimumSize.rows} (this terminal is 40×10) — enlarge it or press q to quit`);
	assert.ok(fitsIn(40, 10)(small), small);
	assert.doesNotMatch(small, /Pods|Nodes|Rollout/);
	const lines = small.split('\n');
	const firstText = lines.findIndex(line => line.trim() !== '');
	const lastText = lines.length - 1 - [...lines].reverse().findIndex(line => line.trim() !== '');
	assert.ok(firstText > 0 && lastText < lines.length - 1, 'centred vertically');
	assert.ok(Math.abs(firstText - (lines.length - 1 - lastText)) <= 1, 'as much room above as below');
	const first = lines[firstText] ?? '';
	assert.ok(first.startsWith(' ') || first.trim().length >= 39, 'centred horizontally');

	// Keys that would change things do nothing while nothing can be seen.
	rendered.stdin.write('s');
	rendered.stdin.write('a');
	await settle();
	assert.match(rendered.frame(), /enlarge it/);

	rendered.resize(120, 40);
	const back = await waitFor(rendered, frame => frame.includes('Nodes 3'), 'the view again');
	assert.deepEqual(frameSize(back), {lines: 39, widest: 120});
	assert.match(back, /┏━ Nodes/, 'focus kept');
	assert.match(back, /Pods \(all\) 5 · 1 Pending · \/todo/, 'filter kept, all namespaces kept, s and a ignored');
	assert.doesNotMatch(back, /Scale deployment/);
});

test('q and Ctrl-C quit while the terminal is too small, even with a prompt open underneath', async () => {
	const {rendered, exited, actions} = setup(120, 40);
	await waitFor(rendered, frame => frame.includes('Pods (all) 13'));
	await press(rendered, 's', frame => frame.includes('Scale deployment/todoapi'));
	rendered.resize(50, 12);
	await waitFor(rendered, frame => frame.includes('enlarge'));
	rendered.stdin.write('q');
	await waitFor(rendered, () => exited() === 1, 'exit after q');
	rendered.stdin.write(keys.ctrlC);
	await waitFor(rendered, () => exited() === 2, 'exit after Ctrl-C');
	assert.equal(actions.calls.length, 0);
});

test('the minimum is exactly 60x18: one less either way shows the message', () => {
	const render = (width: number, height: number) => renderSnapshot(labProps(new FixtureSource(stuckScaleCluster())), {width, height, color: false});
	const smallest = render(minimumSize.columns, minimumSize.rows);
	for (const title of ['Pods (all) 13', 'Nodes 3', 'Rollout deployment/', 'Events (all) 7']) {
		assert.ok(smallest.includes(title), `${title} at the minimum:\n${smallest}`);
	}

	// The nodes pane has room for a node at the minimum, not just its summary.
	assert.match(smallest, /● ip-192-168-/);
	assert.ok(fitsIn(minimumSize.columns, minimumSize.rows)(smallest));
	for (const [width, height] of [
		[minimumSize.columns - 1, minimumSize.rows],
		[minimumSize.columns, minimumSize.rows - 1],
		[20, 4],
		[1, 1],
	] as const) {
		const frame = render(width, height);
		assert.match(frame.replaceAll(/\s+/g, ' '), width >= 20 ? new RegExp(`this terminal is ${width}×${height}`) : /\S/, `${width}x${height}`);
		assert.ok(fitsIn(width, Math.max(2, height))(frame), `${width}x${height}:\n${frame}`);
		assert.doesNotMatch(frame, /Pods \(all\)/);
	}
});

/** A terminal for runApp: a TTY-like stdout that records what is written, and a stdin that is never read. */
class FakeTerminal extends EventEmitter {
	isTTY = true;
	readonly writes: string[] = [];
	constructor(
		public columns: number,
		public rows: number,
	) {
		super();
	}

	write(chunk: string): boolean {
		this.writes.push(chunk);
		return true;
	}
}

class FakeInput extends EventEmitter {
	isTTY = true;
	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
	read() {
		return null;
	}
}

test('in the terminal entry point, nothing laid out for the old width is written after a resize', async () => {
	const terminal = new FakeTerminal(120, 40);
	const props = labProps(new FixtureSource(stuckScaleCluster()), {width: undefined, height: undefined});
	const instance = runApp(props, {stdout: terminal as unknown as NodeJS.WriteStream, stdin: new FakeInput() as unknown as NodeJS.ReadStream, alternateScreen: false});
	try {
		const text = () => stripVTControlCharacters(terminal.writes.join(''));
		const started = Date.now();
		while (!text().includes('Pods (all) 13') && Date.now() - started < 2000) {
			await settle();
		}

		assert.match(text(), /Pods \(all\) 13/);
		const mark = terminal.writes.length;
		terminal.columns = 90;
		terminal.rows = 30;
		terminal.emit('resize');
		await settle();
		const after = terminal.writes.slice(mark);
		assert.ok(after.length > 0, 'the resize was drawn');
		const lines = after.flatMap(chunk => stripVTControlCharacters(chunk).split('\n'));
		const widest = Math.max(...lines.map(line => cells(line)));
		assert.ok(widest <= 90, `a line ${widest} cells wide was written to a 90-column terminal`);
		const drawn = lines.join('\n');
		assert.match(drawn, /Rollout deployment\/todoapi/);
		// The pane borders span the new width.
		assert.ok(
			lines.some(line => /^╭─ Events .*╮$/.test(line) && cells(line) === 90),
			'events pane 90 wide',
		);
	} finally {
		instance.unmount();
	}
});
