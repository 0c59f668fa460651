// Shift-letter sorts in the live view, as a k9s user presses them.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {labApp, labProps} from './app.js';
import {FixtureSource, stuckScaleCluster} from './fixtures.js';
import {defaultPalette} from '../../themes/default.js';
import {press, renderAt, selectedLines, waitFor} from './helpers.js';

afterEach(() => {
	cleanup();
});

/** The pod names in the pods pane (focused: heavy borders), top to bottom. */
const podNames = (frame: string) => [...frame.matchAll(/^┃(?:default|kube-system)\s+(\S+)/gm)].map(match => match[1]!);

test('S sorts the pods by STATUS (the Pending pod first), A by age, and the same key again reverses it', async () => {
	const cluster = stuckScaleCluster();
	const pending = cluster.pendingPod.metadata.name!;
	const rendered = renderAt(labApp(labProps(new FixtureSource(cluster))), 160);
	const start = await waitFor(rendered, frame => frame.includes('Pods (all)'));
	assert.notEqual(podNames(start)[0], pending, 'namespace/name order to begin with');
	const byStatus = await press(rendered, 'S', frame => frame.includes('by STATUS ↑'));
	assert.equal(podNames(byStatus)[0], pending);
	const reversed = await press(rendered, 'S', frame => frame.includes('by STATUS ↓'));
	assert.notEqual(podNames(reversed)[0], pending);
	const last = await press(rendered, 'G', frame => podNames(frame).includes(pending));
	assert.equal(podNames(last).at(-1), pending, 'last, at the bottom of the list');
	await press(rendered, 'g');
	// The Pending pod is the youngest in this cluster (95 s against 1,700 s for the other todoapi pods).
	const byAge = await press(rendered, 'A', frame => frame.includes('by AGE ↑'));
	assert.equal(podNames(byAge)[0], pending);
});

test('the selected pod stays selected when the rows are sorted', async () => {
	const rendered = renderAt(labApp(labProps(new FixtureSource(stuckScaleCluster()))), 160);
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	const selection = defaultPalette.selection ?? '';
	const second = await press(rendered, 'j');
	const chosen = podNames(second)[1]!;
	assert.match(selectedLines(rendered, selection)[0] ?? '', new RegExp(chosen));
	const sorted = await press(rendered, 'O', frame => frame.includes('by NODE ↑'));
	assert.notEqual(podNames(sorted).indexOf(chosen), 1, 'the pod moved');
	assert.match(selectedLines(rendered, selection)[0] ?? '', new RegExp(chosen), 'and the selection moved with it');
});

test('the sort keys are in the help, from the key table', async () => {
	const rendered = renderAt(labApp(labProps(new FixtureSource(stuckScaleCluster()))), 160);
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	const help = await press(rendered, '?', frame => frame.includes('NASRTOCM'));
	assert.match(help, /NASRTOCM\s+Sort by N name, A age, S status/);
});
