// k8slab's describe against kubectl describe on the same objects, captured
// from the sandbox at one moment (scripts/capture-describe.mjs): every line
// and every field the same, ages aside (they move with the clock).
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {describeObject, tabAlign, type Related} from '../../source/model/describe/index.js';
import type {ObjectRef} from '../../source/model/objectRef.js';
import {fields} from './describeFields.js';
import {loadJson} from './fixtures.js';

interface Captured {
	capturedAt: number;
	ref: ObjectRef;
	object: Record<string, unknown>;
	related: Related;
	kubectl: string;
}

for (const name of ['pod-running', 'pod-pending', 'deployment', 'replicaset', 'node', 'service', 'secret']) {
	test(`describe ${name}: the lines and fields kubectl describe printed`, () => {
		const captured = loadJson<Captured>(`describe/${name}.json`);
		const ours = describeObject(captured.ref, captured.object, captured.related, captured.capturedAt);
		assert.deepEqual(fields(ours), fields(captured.kubectl));
	});
}

test('describe pod: labels, columns and indentation are where kubectl puts them, to the space', () => {
	const captured = loadJson<Captured>('describe/pod-running.json');
	const ours = describeObject(captured.ref, captured.object, captured.related, captured.capturedAt).split('\n');
	const theirs = captured.kubectl.split('\n');
	// Everything above the events table has no age in it.
	const events = theirs.findIndex(line => line.startsWith('Events:'));
	assert.deepEqual(ours.slice(0, events), theirs.slice(0, events));
});

test("tabAlign pads each column to its block's widest cell, as Go's tabwriter does", () => {
	assert.equal(tabAlign('a:\tx\nlonger:\ty\nbreak\nb:\tz\n'), 'a:       x\nlonger:  y\nbreak\nb:  z\n');
	assert.equal(tabAlign('  T\tS\n  Ready \tTrue \n'), '  T       S\n  Ready   True \n');
});
