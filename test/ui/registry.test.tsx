// The panes are declarations: a pane registered here, and nowhere else, is
// laid out, focused with tab, paged and selected like the lab's own.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import type {ClusterSnapshot, ClusterSource} from '../../source/model/cluster.js';
import {Line, seg} from '../../source/ui/components/Line.js';
import {Pane} from '../../source/ui/components/Pane.js';
import {labPanes, type PaneDeclaration} from '../../source/ui/panes/index.js';
import {labApp, labProps} from './app.js';
import {FixtureSource, stuckScaleCluster} from './fixtures.js';
import {keys, press, renderAt, waitFor} from './helpers.js';

afterEach(() => {
	cleanup();
});

interface ConfigMapRow {
	uid: string;
	name: string;
}

/** A kind the lab does not watch, as a store declared with it would publish it: keyed by its id in the snapshot. */
const configMaps = new Map([
	['cm-1', {metadata: {uid: 'cm-1', name: 'kube-root-ca.crt', namespace: 'default'}}],
	['cm-2', {metadata: {uid: 'cm-2', name: 'todoapi-config', namespace: 'default'}}],
]);

function withConfigMaps(inner: FixtureSource): ClusterSource {
	let last: ClusterSnapshot | undefined;
	let extended: ClusterSnapshot | undefined;
	return {
		subscribe: listener => inner.subscribe(listener),
		getSnapshot() {
			const snapshot = inner.getSnapshot();
			if (snapshot !== last) {
				last = snapshot;
				extended = {...snapshot, objects: {...snapshot.objects, configmaps: configMaps}};
			}

			return extended!;
		},
	};
}

/** A throwaway pane: the ConfigMaps' names, in the middle band beside nodes and rollout. */
const configMapsPane: PaneDeclaration<ConfigMapRow> = {
	id: 'configmaps',
	band: 'middle',
	chromeLines: 2,
	rows: frame => [...(frame.snapshot.objects['configmaps'] as typeof configMaps).values()].map(cm => ({uid: cm.metadata.uid, name: cm.metadata.name})),
	rowKey: row => row.uid,
	render: (frame, box) => {
		const rows = [...(frame.snapshot.objects['configmaps'] as typeof configMaps).values()];
		return (
			<Pane title={[seg('ConfigMaps', 'text.title', {bold: true})]} width={box.width} height={box.height} focused={box.focused}>
				{rows.map((cm, index) => (
					<Line key={cm.metadata.uid} width={box.width - 2} selected={box.focused && index === box.selected} segments={[seg(`${index === box.selected ? '›' : ' '} ${cm.metadata.name}`, 'text.primary')]} />
				))}
			</Pane>
		);
	},
};

test('a pane registered only here is laid out, reached with tab, and its selection moves with j', async () => {
	const source = withConfigMaps(new FixtureSource(stuckScaleCluster()));
	const rendered = renderAt(labApp(labProps(source, {panes: [...labPanes, configMapsPane]})), 120);
	const frame = await waitFor(rendered, f => f.includes('ConfigMaps'));
	// The middle band is shared three ways now: nodes, rollout, and the new pane.
	const middle = frame.split('\n').find(line => line.includes('ConfigMaps'))!;
	assert.match(middle, /Nodes[\s\S]*Rollout[\s\S]*ConfigMaps/);
	assert.match(frame, /› kube-root-ca\.crt/);
	// Focus order is the declarations' order: pods, nodes, rollout, events, then the new pane.
	for (let tab = 0; tab < 4; tab++) {
		await press(rendered, keys.tab);
	}

	const moved = await press(rendered, 'j', f => f.includes('› todoapi-config'));
	assert.doesNotMatch(moved, /› kube-root-ca\.crt/);
	// The lab's panes are as they were.
	assert.match(moved, /Pods \(all\) 13/);
	assert.match(moved, /Events \(all\)/);
});

test('without it, the lab layout is the lab layout', async () => {
	const rendered = renderAt(labApp(labProps(new FixtureSource(stuckScaleCluster()))), 120);
	const frame = await waitFor(rendered, f => f.includes('Pods (all)'));
	assert.doesNotMatch(frame, /ConfigMaps/);
	assert.match(frame, /Nodes[^\n]*Rollout/);
});
