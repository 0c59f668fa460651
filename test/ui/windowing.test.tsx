import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {labApp, labProps} from './app.js';
import {bigCluster, FixtureSource} from './fixtures.js';
import {keys, press, renderAt, waitFor} from './helpers.js';

afterEach(() => {
	cleanup();
});

const podName = (index: number) => `load-7b8c9d6f5-${String(index).padStart(5, '0')}`;

test('5,000 pods: only the visible rows are rendered, and moving down reveals the next ones', async () => {
	const source = new FixtureSource(bigCluster(5000));
	const rendered = renderAt(labApp(labProps(source, {namespace: 'team-00'})), 120);
	const frame = await waitFor(rendered, f => f.includes('Pods (all) 5000'));
	const lines = frame.split('\n');
	assert.ok(lines.length <= 39, `${lines.length} lines for a 40-line terminal`);
	// Rows are sorted by namespace then name: team-00 holds pods 0, 20, 40…
	const rows = lines.filter(line => line.includes('load-7b8c9d6f5-'));
	assert.ok(rows.length <= 11, `${rows.length} pod rows drawn`);
	assert.ok(frame.includes(podName(0)));
	const firstHidden = podName(rows.length * 20);
	assert.ok(!frame.includes(firstHidden), `${firstHidden} is below the window`);
	assert.match(frame, /1-\d+ of 5000/);

	for (let step = 0; step < rows.length; step++) {
		await press(rendered, 'j');
	}

	const moved = await waitFor(rendered, f => f.includes(firstHidden), `${firstHidden} after moving down`);
	assert.ok(!moved.includes(`${podName(0)} `), 'the first row scrolled out');

	const end = await press(rendered, 'G', f => f.includes('of 5000') && f.includes(podName(4999)));
	assert.ok(end.split('\n').length <= 39);
	await press(rendered, 'g', f => f.includes(podName(0)));
	await press(rendered, keys.pageDown, f => !f.includes(`${podName(0)} `));
});

/** CPU milliseconds per `j` press (CPU, not wall time: steadier on a busy machine). */
async function cpuPerPress(pods: number, presses: number): Promise<number> {
	const rendered = renderAt(labApp(labProps(new FixtureSource(bigCluster(pods)))), 120);
	await waitFor(rendered, f => f.includes(`Pods (all) ${pods}`));
	await press(rendered, 'j');
	const before = process.cpuUsage();
	for (let step = 0; step < presses; step++) {
		await press(rendered, 'j');
	}

	const used = process.cpuUsage(before);
	rendered.unmount();
	return (used.user + used.system) / 1000 / presses;
}

test('a keypress costs about the same with 5,000 pods as with 50', async () => {
	const small = await cpuPerPress(50, 30);
	const big = await cpuPerPress(5000, 30);
	// Rendering all 5,000 rows would cost ~100 times more; windowing keeps it flat.
	assert.ok(big < small * 2 + 5, `${big.toFixed(1)} ms per key with 5,000 pods vs ${small.toFixed(1)} ms with 50`);
});
