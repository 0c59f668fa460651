// The first screen from the first page of a paged pods LIST, then the rest:
// the count says the list is incomplete, and rows arriving later land below
// the screen, never moving the selected row or the scroll position.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {defaultPalette} from '../../themes/default.js';
import type {Pod} from '../../source/model/types.js';
import {labApp, labProps} from './app.js';
import {bigCluster, FixtureSource} from './fixtures.js';
import {press, renderAt, selectedLines, settle, waitFor} from './helpers.js';

afterEach(() => {
	cleanup();
});

const selection = defaultPalette.selection ?? '';

/**
 * 600 pods in namespaces where etcd's order is not plain namespace-then-name: "team-a" and
 * "team.b" sort before "team" in the keys /registry/pods/<namespace>/<name> ('-' and '.' come before '/').
 */
function cluster(): {pods: Pod[]; inEtcdOrder: Pod[]} & ReturnType<typeof bigCluster> {
	const objects = bigCluster(600);
	const namespaces = ['team', 'team-a', 'team.b'];
	objects.pods.forEach((pod, index) => {
		pod.metadata.namespace = namespaces[index % namespaces.length]!;
	});
	const key = (pod: Pod) => `${pod.metadata.namespace}/${pod.metadata.name}`;
	const inEtcdOrder = [...objects.pods].sort((a, b) => (key(a) < key(b) ? -1 : 1));
	return {...objects, inEtcdOrder};
}

const podLines = (frame: string) => frame.split('\n').filter(line => line.includes('load-7b8c9d6f5-'));

test('the first page of a paged LIST is the first screen of the final sort, counted as "N+ loading…"', async () => {
	const objects = cluster();
	const firstPage = objects.inEtcdOrder.slice(0, 50);
	const source = new FixtureSource({...objects, pods: firstPage}, {pods: {state: 'connecting', namespace: ''}});
	const rendered = renderAt(labApp(labProps(source)), 120);
	const partial = await waitFor(rendered, frame => frame.includes('Pods (all) 50+ loading…'));
	const firstScreen = podLines(partial);
	assert.ok(firstScreen.length >= 5, `${firstScreen.length} pod rows on the first screen`);
	assert.match(firstScreen[0]!, /team-a/, 'team-a sorts first, as in etcd');

	source.update({pods: objects.pods, sync: {pods: {state: 'synced', namespace: ''}}});
	const full = await waitFor(rendered, frame => frame.includes('Pods (all) 600 '));
	assert.ok(!full.includes('loading…'));
	assert.deepEqual(podLines(full), firstScreen, 'the whole list shows the same first screen');
});

test('rows that arrive after the first screen move neither the selected row nor the scroll position', async () => {
	const objects = cluster();
	const source = new FixtureSource({...objects, pods: objects.inEtcdOrder.slice(0, 40)}, {pods: {state: 'connecting', namespace: ''}});
	const rendered = renderAt(labApp(labProps(source)), 120);
	await waitFor(rendered, frame => frame.includes('Pods (all) 40+ loading…'));
	// Down past the bottom of the pane, so the list has scrolled.
	const rowsShown = podLines(rendered.frame()).length;
	for (let step = 0; step <= rowsShown; step++) await press(rendered, 'j');
	await settle();
	const selected = selectedLines(rendered, selection)[0] ?? '';
	const screen = podLines(rendered.frame());
	assert.match(selected, /load-7b8c9d6f5-/);
	assert.ok(!screen.some(line => line.includes(`${objects.inEtcdOrder[0]!.metadata.name} `)), 'the list has scrolled past its first row');

	// The next pages, one at a time, then the end of the LIST.
	for (const end of [200, 400]) {
		source.update({pods: objects.inEtcdOrder.slice(0, end)});
		await waitFor(rendered, frame => frame.includes(`Pods (all) ${end}+ loading…`));
		assert.equal(selectedLines(rendered, selection)[0], selected, `the selection stays on its row with ${end} pods`);
		assert.deepEqual(podLines(rendered.frame()), screen, `the same rows on screen with ${end} pods`);
	}
	source.update({pods: objects.pods, sync: {pods: {state: 'synced', namespace: ''}}});
	await waitFor(rendered, frame => frame.includes('Pods (all) 600 '));
	assert.equal(selectedLines(rendered, selection)[0], selected);
	assert.deepEqual(podLines(rendered.frame()), screen);

	// And the selection still moves from where it was.
	await press(rendered, 'j');
	assert.notEqual(selectedLines(rendered, selection)[0], selected);
});
