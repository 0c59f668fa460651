// Ages advance on their own: a slow clock re-renders the AGE columns and event
// ages every 5 s without polling anything, costs nothing while the time shown
// does not change, and stops with the view.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {ageClockMs} from '../../source/ui/hooks/useClock.js';
import {labApp, labProps} from './app.js';
import {FixtureSource, now, stuckScaleCluster} from './fixtures.js';
import {renderAt, waitFor} from './helpers.js';

afterEach(() => {
	cleanup();
});

async function sleep(ms: number): Promise<void> {
	await new Promise(resolve => {
		setTimeout(resolve, ms);
	});
}

function setup(clockIntervalMs?: number, skewMs = 0) {
	const clock = {time: now + skewMs, reads: 0};
	const source = new FixtureSource(stuckScaleCluster());
	const props = labProps(source, {
		clockIntervalMs,
		now() {
			clock.reads++;
			return clock.time;
		},
	});
	const rendered = renderAt(labApp(props), 120);
	return {clock, source, rendered};
}

/** The AGE of the Pending pod (last column of its row) and of the FailedScheduling event. */
function ages(frame: string): {pod?: string; event?: string} {
	const lines = frame.split('\n');
	const pod = lines.find(line => line.includes('todoapi-59b7f6d8c9-8bfsr') && line.includes('Pending'));
	const event = lines.find(line => line.includes('FailedScheduling'));
	const last = (line?: string) => line?.replaceAll(/[│┃]/g, ' ').trim().split(/\s+/).at(-1);
	return {pod: last(pod), event: last(event)};
}

test('ages advance with the clock while nothing else changes', async () => {
	const {clock, source, rendered} = setup(40);
	const first = await waitFor(rendered, frame => frame.includes('Pods (all) 13'));
	assert.deepEqual(ages(first), {pod: '95s', event: '14s'});
	const notifications = source.notifications;
	clock.time += 60_000;
	const later = await waitFor(rendered, frame => ages(frame).pod === '2m35s', 'ages a minute later');
	assert.deepEqual(ages(later), {pod: '2m35s', event: '74s'});
	assert.equal(source.notifications, notifications, 'no cluster data was involved');
});

test(`a clock behind the cluster's (events from the future) shows 0s for small skew and a negative age for large`, async () => {
	// The event is 14 s old and the Pending pod 95 s by the cluster's clock; this machine's is a minute behind.
	const small = setup(40, -60_000);
	const skewed = await waitFor(small.rendered, frame => frame.includes('Pods (all) 13'));
	assert.deepEqual(ages(skewed), {pod: '35s', event: '0s'});
	cleanup();
	const large = setup(40, -3 * 3600_000);
	const far = await waitFor(large.rendered, frame => frame.includes('Pods (all) 13'));
	assert.doesNotMatch(far, /<invalid>/);
	assert.deepEqual(ages(far), {pod: '-178m', event: '-179m'});
});

test('the default clock ticks every 5 s', async () => {
	assert.equal(ageClockMs, 5000);
	const {clock, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all) 13'));
	clock.time += 10_000;
	const started = Date.now();
	await waitFor(rendered, frame => ages(frame).pod === '105s', 'ages after one tick', 7000);
	assert.ok(Date.now() - started <= 6000, `${Date.now() - started} ms to the first tick`);
});

test('while the shown second does not change, a tick renders nothing', async () => {
	const {clock, rendered} = setup(20);
	await waitFor(rendered, frame => frame.includes('Pods (all) 13'));
	await sleep(60);
	const frames = rendered.frames.length;
	const reads = clock.reads;
	// Within the same second: the clock is read, React bails out, Ink draws nothing.
	clock.time += 400;
	await sleep(200);
	assert.ok(clock.reads >= reads + 5, `the clock was read on every tick (${clock.reads - reads} reads)`);
	assert.equal(rendered.frames.length, frames, 'no frame was drawn');
});

test('the clock stops when the view is unmounted', async () => {
	const {clock, rendered} = setup(20);
	await waitFor(rendered, frame => frame.includes('Pods (all) 13'));
	await sleep(60);
	assert.ok(clock.reads > 2, 'ticking while mounted');
	rendered.unmount();
	const reads = clock.reads;
	await sleep(120);
	assert.equal(clock.reads, reads, 'no tick after unmount');
});

test('new cluster data re-reads the clock: a pod created after the last tick is not younger than zero', async () => {
	const {clock, source, rendered} = setup(60_000);
	const cluster = stuckScaleCluster();
	await waitFor(rendered, frame => frame.includes('Pods (all) 13'));
	clock.time += 30_000;
	const fresh = structuredClone(cluster.pendingPod);
	fresh.metadata = {...fresh.metadata, name: 'todoapi-59b7f6d8c9-fresh', uid: 'fresh-uid', creationTimestamp: new Date(clock.time - 2000).toISOString()};
	source.update({pods: [...cluster.pods, fresh]});
	const frame = await waitFor(rendered, f => f.includes('todoapi-59b7f6d8c9-fresh'));
	const row = frame.split('\n').find(line => line.includes('todoapi-59b7f6d8c9-fresh')) ?? '';
	assert.match(row, /\s2s[│┃]$/, row);
});
