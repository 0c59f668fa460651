import assert from 'node:assert/strict';
import {stripVTControlCharacters} from 'node:util';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {emptySnapshot, type ClusterSnapshot, type ClusterSource} from '../../source/model/cluster.js';
import type {Pod} from '../../source/model/types.js';
import {renderSnapshot} from '../../source/ui/snapshot.js';
import {defaultPalette} from '../../themes/default.js';
import {resolveTheme, tokens} from '../../themes/index.js';
import {labApp, labProps} from './app.js';
import {FixtureSource, halfwayRolloutCluster, node, stuckScaleCluster} from './fixtures.js';
import {keys, press, renderAt, selectedLines, waitFor} from './helpers.js';

afterEach(() => {
	cleanup();
});

/** The text of one pane column range, lines joined, borders and runs of spaces collapsed: wrapped messages read as one. */
function paneText(frame: string, from: number, to: number): string {
	return frame
		.split('\n')
		.map(line => [...line].slice(from, to).join(''))
		.join(' ')
		.replaceAll(/[│┃╭╮╰╯┏┓┗┛─━]/g, ' ')
		.replaceAll(/\s+/g, ' ');
}

function snapshot(source: ClusterSource, width = 120, height = 40): string {
	return renderSnapshot(labProps(source), {width, height, color: false});
}

test("a Pending pod shows the scheduler's reason on the line under it", () => {
	const cluster = stuckScaleCluster();
	const frame = snapshot(new FixtureSource(cluster));
	const lines = frame.split('\n');
	const pendingName = cluster.pendingPod.metadata.name ?? '';
	const row = lines.findIndex(line => line.includes(pendingName) && line.includes('Pending'));
	assert.ok(row > 0, 'the pending pod is listed');
	assert.match(lines[row] ?? '', /0\/1\s+Pending\s+0\s+100m\s+64Mi\s+<none>\s+95s/);
	assert.match(lines[row + 1] ?? '', /↳ 0\/3 nodes are available: 3 Too many pods\./);
	assert.match(frame, /Pods \(all\) 13 · 1 Pending/);
});

test("a rollout half-way shows counts, strategy, progress and kubectl's status message", () => {
	const frame = snapshot(new FixtureSource(halfwayRolloutCluster()));
	const rollout = paneText(frame, 60, 120);
	assert.match(rollout, /Rollout deployment\/todoapi/);
	assert.match(rollout, /desired 4 updated 2 ready 3 available 3/);
	assert.match(rollout, /RollingUpdate: max surge 1, max unavailable 1 \(25%\/25%\)/);
	assert.match(rollout, /▇+░+ 50%/);
	assert.ok(rollout.includes('Waiting for deployment "todoapi" rollout to finish: 2 out of 4 new replicas have been updated...'), rollout);
});

test('the rollout pane is full width when zoomed, with the status message on one line', async () => {
	const rendered = renderAt(labApp(labProps(new FixtureSource(halfwayRolloutCluster()))), 120);
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, keys.tab);
	await press(rendered, keys.tab, f => f.includes('┏━ Rollout'));
	const zoomed = await press(rendered, 'z', f => !f.includes('Nodes 3'));
	assert.match(zoomed, /┃Waiting for deployment "todoapi" rollout to finish: 2 out of 4 new replicas have been updated\.\.\.\s+┃/);
});

test('the history lists three revisions, highest first, with the current one marked', () => {
	const frame = snapshot(new FixtureSource(stuckScaleCluster()));
	const lines = frame.split('\n').map(line => [...line].slice(60).join(''));
	const header = lines.findIndex(line => /REV\s+CONTAINERS\s+IMAGE\s+CPU\s+MEM\s+CHANGE-…?\S*\s+REPLICAS/.test(line));
	assert.ok(header > 0, 'history header');
	assert.match(lines[header + 1] ?? '', /● 3\s+todoapiv2\s+todoapi:1\.0\s+100m\s+64Mi\s+<none>\s+4\/5/);
	assert.match(lines[header + 2] ?? '', /^\S\s+2\s+todoapi\s+todoapi:1\.0\s+500m\s+256Mi\s+kubectl…\s+0\/0/);
	assert.match(lines[header + 3] ?? '', /^\S\s+1\s+todoapi\s+todoapi:1\.0\s+-\s+-\s+<none>\s+0\/0/);
	assert.equal(frame.match(/●\s+\d\s+todoapi/g)?.length, 1, 'exactly one revision is marked current');
});

test('at 80x24 the history keeps the image and drops the requests first: a bad image must be findable', () => {
	const frame = snapshot(new FixtureSource(stuckScaleCluster()), 80, 24);
	const lines = frame.split('\n').map(line => [...line].slice(40).join(''));
	const header = lines.findIndex(line => /REV\s+CONTAINERS\s+IMAGE\s+REPLICAS/.test(line));
	assert.ok(header > 0, `history header with IMAGE:\n${frame}`);
	assert.doesNotMatch(lines[header] ?? '', /CPU|MEM/);
	assert.match(lines[header + 1] ?? '', /● 3\s+todoapiv2\s+todoapi:1\.0\s+4\/5/);
});

test('node bars show pods, cpu and memory against allocatable, and the summary says when no node has room', async () => {
	const frame = snapshot(new FixtureSource(stuckScaleCluster()));
	const nodes = frame.split('\n').map(line => [...line].slice(0, 60).join(''));
	const named = nodes.filter(line => /ip-192-168-\d+-\d+\s+Ready\s+t3\.micro\s+pods ▇▇▇▇ 4\/4/.test(line));
	assert.equal(named.length, 3, 'three full nodes');
	assert.ok(
		nodes.some(line => /cpu ▇░+ 310m\/1930m 16%\s+mem ▇░+ 134Mi\/558Mi 24%/.test(line)),
		'cpu and memory requests against allocatable',
	);
	assert.match(frame, /Nodes 3 · 3 Ready · pods 12\/12/);
	assert.match(paneText(frame, 0, 60), /No node has room for another pod: 12\/12 pod slots used on 3 nodes\./);

	// In colour the sentence is drawn with status.warning.
	const rendered = renderAt(labApp(labProps(new FixtureSource(stuckScaleCluster()))), 120);
	await waitFor(rendered, f => f.includes('No node has room'));
	const raw = rendered.lastFrame() ?? '';
	const line = raw.split('\n').find(l => stripVTControlCharacters(l).includes('No node has room')) ?? '';
	assert.ok(line.includes(foreground(defaultPalette['status.warning'] ?? '')), 'summary uses the warning colour');
});

test('with room left the summary counts the free pod slots instead', () => {
	const frame = snapshot(new FixtureSource(halfwayRolloutCluster()));
	assert.match(paneText(frame, 0, 60), /20 pod slots free on 3 of 3 nodes \(13\/33 used\)\./);
	assert.doesNotMatch(frame, /No node has room/);
});

test("a forbidden resource shows the server's message in its pane while the others keep working", () => {
	const forbidden = 'events is forbidden: User "lab-viewer" cannot list resource "events" in API group "" in the namespace "default"';
	const cluster = stuckScaleCluster();
	const source = new FixtureSource({...cluster, events: []}, {events: {state: 'forbidden', message: forbidden, namespace: ''}});
	const frame = snapshot(source);
	assert.ok(paneText(frame, 0, 120).includes(forbidden));
	assert.match(frame, /Pods \(all\) 13/);
	assert.match(frame, /todoapi-59b7f6d8c9-8bfsr/);
	// Forbidden is not a lost connection.
	assert.match(frame, /● live/);
});

test("without replica sets the rollout status still shows; the history gives way to the server's reason", () => {
	const forbidden = 'replicasets.apps is forbidden: User "lab-viewer" cannot list resource "replicasets" in API group "apps" in the namespace "default"';
	const cluster = halfwayRolloutCluster();
	const source = new FixtureSource({...cluster, replicaSets: []}, {replicasets: {state: 'forbidden', message: forbidden, namespace: 'default'}});
	const rollout = paneText(snapshot(source), 60, 120);
	assert.match(rollout, /desired 4 updated 2 ready 3 available 3/);
	assert.ok(rollout.includes(forbidden), rollout);
	assert.doesNotMatch(rollout, /REV\s+CONTAINERS/);
});

test('a stale watch marks its pane and the status line says the data is stale', () => {
	const source = new FixtureSource(stuckScaleCluster(), {pods: {state: 'stale', message: 'watch pods: connection reset by peer', namespace: ''}});
	const frame = snapshot(source);
	assert.match(frame, /Pods \(all\) 13 · 1 Pending · stale/);
	assert.match(frame, /✖ connection lost — showing stale data \(retrying\)/);
	assert.doesNotMatch(frame, /Nodes 3[^\n]*stale/);
});

test('before the first list the panes say they are loading and the status line says connecting', () => {
	const source: ClusterSource = {getSnapshot: () => emptySnapshot('default'), subscribe: () => () => {}};
	const frame = snapshot(source);
	assert.match(frame, /◌ connecting/);
	assert.match(frame, /loading pods…/);
	assert.match(frame, /loading deployments…/);
	assert.match(frame, /loading events…/);
});

test('live updates redraw: a fourth node lets the Pending pod run', async () => {
	const cluster = stuckScaleCluster();
	const source = new FixtureSource(cluster);
	const rendered = renderAt(labApp(labProps(source)), 120);
	await waitFor(rendered, frame => frame.includes('1 Pending'));
	const fourth = node({name: 'ip-192-168-91-12.us-east-2.compute.internal', zone: 'us-east-2a'});
	const scheduled: Pod = structuredClone(cluster.pendingPod);
	scheduled.spec = {...scheduled.spec!, nodeName: fourth.metadata.name};
	scheduled.status = {
		phase: 'Running',
		conditions: [
			{type: 'PodScheduled', status: 'True'},
			{type: 'Ready', status: 'True'},
		],
		containerStatuses: [{name: 'todoapiv2', ready: true, restartCount: 0, state: {running: {startedAt: '2021-07-21T18:29:50Z'}}}],
	};
	source.update({nodes: [...cluster.nodes, fourth], pods: cluster.pods.map(p => (p === cluster.pendingPod ? scheduled : p)), events: []});
	const frame = await waitFor(rendered, f => f.includes('Nodes 4'));
	assert.doesNotMatch(frame, /Pending|Too many pods/);
	assert.match(frame, /1 pod slot free on 1 of 4 nodes|pod slots? free/);
});

test('a burst of watch changes is coalesced into a few frames, ending on the last state', async () => {
	const cluster = stuckScaleCluster();
	const source = new FixtureSource(cluster);
	const rendered = renderAt(labApp(labProps(source, {maxFps: 10})), 120);
	await waitFor(rendered, frame => frame.includes('Pods (all) 13'));
	const framesBefore = rendered.frames.length;
	for (let count = 1; count <= 100; count++) {
		source.update({pods: cluster.pods.slice(0, 13 - (count % 5))});
	}

	source.update({pods: cluster.pods.slice(0, 9)});
	await waitFor(rendered, f => f.includes('Pods (all) 9'));
	// Leading frame + one trailing frame, not 101.
	assert.ok(rendered.frames.length - framesBefore <= 3, `${rendered.frames.length - framesBefore} frames for 101 changes`);
});

test('unmounting unsubscribes from the source', async () => {
	const source = new FixtureSource(stuckScaleCluster());
	const rendered = renderAt(labApp(labProps(source)), 120);
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	assert.equal(source.listenerCount, 1);
	rendered.unmount();
	assert.equal(source.listenerCount, 0);
});

test('the selection follows the pod (by uid) when rows are inserted above it', async () => {
	const cluster = stuckScaleCluster();
	const source = new FixtureSource(cluster);
	const rendered = renderAt(labApp(labProps(source)), 120);
	await waitFor(rendered, frame => frame.includes('Pods (all) 13'));
	await press(rendered, 'j');
	await press(rendered, 'j');
	const selection = defaultPalette.selection ?? '';
	const before = selectedLines(rendered, selection)[0] ?? '';
	assert.match(before, /todoapi-59b7f6d8c9-cbm77/);
	const early: Pod = structuredClone(cluster.pods[0]!);
	early.metadata = {...early.metadata, namespace: 'default', name: 'api-0', uid: '00000000-0000-4000-8000-000000000001'};
	source.update({pods: [early, ...cluster.pods]});
	await waitFor(rendered, f => f.includes('Pods (all) 14'));
	assert.match(selectedLines(rendered, selection)[0] ?? '', /todoapi-59b7f6d8c9-cbm77/);
});

test('80x24 still shows all four panes inside 23 lines', () => {
	const frame = snapshot(new FixtureSource(stuckScaleCluster()), 80, 24);
	const lines = frame.split('\n');
	assert.ok(lines.length <= 23, `${lines.length} lines`);
	assert.ok(lines.every(line => [...line].length <= 80));
	for (const title of ['Pods (all) 13', 'Nodes 3', 'Rollout deployment/todoapi', 'Events (all) 7']) {
		assert.ok(frame.includes(title), `${title} at 80x24`);
	}

	assert.match(frame, /0\/3 nodes are available: 3 Too many pods\./);
	assert.match(frame, /● live/);
});

test('120x40 fills exactly 39 lines (one less than the terminal, ink#450)', () => {
	const frame = snapshot(new FixtureSource(stuckScaleCluster()), 120, 40);
	assert.equal(frame.split('\n').length, 39);
});

test('renderSnapshot gives plain text without colour and ANSI styles with it', () => {
	const source = new FixtureSource(stuckScaleCluster());
	const plain = renderSnapshot(labProps(source), {width: 120, height: 40, color: false});
	assert.ok(!plain.includes('\u001B['), 'no escape codes');
	const coloured = renderSnapshot(labProps(source), {width: 120, height: 40, color: true});
	assert.ok(coloured.includes('\u001B['), 'escape codes');
	assert.equal(stripVTControlCharacters(coloured), plain);
});

test('NO_COLOR resolves to the mono theme; an unknown theme name is an error naming the valid ones', () => {
	assert.equal(resolveTheme(undefined, {NO_COLOR: '1'}).name, 'mono');
	assert.equal(resolveTheme('light', {NO_COLOR: '1'}).name, 'mono');
	assert.equal(resolveTheme('light', {NO_COLOR: ''}).name, 'light', 'an empty NO_COLOR is ignored');
	assert.equal(resolveTheme(undefined, {}).name, 'default');
	assert.throws(() => resolveTheme('solarized', {}), {message: 'unknown theme "solarized"; valid themes are: default, light, mono'});
	const mono = resolveTheme('mono', {});
	assert.ok(Object.values(mono.palette).every(value => value === undefined));
});

test('every theme defines every token, and the light theme draws in its own colours', async () => {
	for (const name of ['default', 'light', 'mono']) {
		assert.deepEqual(Object.keys(resolveTheme(name, {}).palette).sort(), [...tokens].sort(), name);
	}

	const light = resolveTheme('light', {});
	const rendered = renderAt(labApp(labProps(new FixtureSource(stuckScaleCluster()), {theme: light})), 120);
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	const raw = rendered.lastFrame() ?? '';
	assert.ok(raw.includes(foreground(light.palette['status.warning'] ?? '')), 'Pending in the light warning colour');
	assert.ok(!raw.includes(foreground(defaultPalette['status.warning'] ?? '')), 'no colour from the dark palette');
});

test('the mono theme draws no colour: selection is inverse, warnings bold', async () => {
	const rendered = renderAt(labApp(labProps(new FixtureSource(stuckScaleCluster()), {theme: resolveTheme(undefined, {NO_COLOR: '1'})})), 120);
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	const raw = rendered.lastFrame() ?? '';
	assert.doesNotMatch(raw, /\u001B\[(3|4|9|10)\d(;|m)/, 'no foreground or background colour codes');
	assert.match(raw, /\u001B\[7m/, 'inverse for the selected row');
	// Inverse marks the selected row (and, in mono, the focused pane's title).
	const inverse = raw
		.split('\n')
		.filter(line => line.includes('\u001B[7m'))
		.map(line => stripVTControlCharacters(line));
	assert.equal(inverse.filter(line => line.includes('todoapi-')).length, 1);
	assert.match(inverse.find(line => line.includes('todoapi-')) ?? '', /todoapi-59b7f6d8c9-29zxz/);
	assert.match(raw, /\u001B\[1m[^\n]*Pending/, 'Pending is bold');
});

function foreground(hex: string): string {
	const [red, green, blue] = [1, 3, 5].map(index => Number.parseInt(hex.slice(index, index + 2), 16));
	return `\u001B[38;2;${red};${green};${blue}m`;
}

export type {ClusterSnapshot};
