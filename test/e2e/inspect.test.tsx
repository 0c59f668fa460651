// d, y and Enter against the sandbox, with real keys: describe says what
// `kubectl describe` says about the same object at the same moment, the YAML
// of a Secret never shows its value, and the deployment picker is now
// `:deploy` then Enter.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {keys} from '../ui/helpers.js';
import {fields} from '../model/describeFields.js';
import {openView, type LiveView} from './app-harness.js';
import {eventually, podsOf, testSandbox, type TestSandbox} from './sandbox-harness.js';

let sandbox: TestSandbox;
let live: LiveView;

async function command(text: string): Promise<void> {
	await live.key(':');
	await live.onScreen(/^: /m);
	await live.type(text);
	await live.key(keys.enter);
}

async function filter(text: string): Promise<void> {
	await live.key('/');
	await live.type(text);
	await live.key(keys.enter);
}

/** Esc in the filter line clears it. */
async function clearFilter(): Promise<void> {
	await live.key('/');
	await live.key(keys.escape);
}

/** The view's text: its lines inside the box's borders, without the last (the keys). */
function inside(frame: string): string {
	const lines = frame
		.split('\n')
		.filter(line => line.startsWith('┃'))
		.map(line => line.slice(1, -1).trimEnd());
	return lines.slice(0, -1).join('\n');
}

/**
 * kubectl's fields, with each field the view cut at its width ("…", no horizontal scroll) cut the same way
 * when the rest agrees: a long scheduler message at boot (untolerated taints) must not fail the comparison.
 */
function cutLike(ours: string[][], theirs: string[][]): string[][] {
	return theirs.map((line, row) =>
		line.map((field, column) => {
			const shown = ours[row]?.[column];
			return shown?.endsWith('…') && field.startsWith(shown.slice(0, -1)) ? shown : field;
		}),
	);
}

before(async () => {
	sandbox = await testSandbox();
	live = openView(sandbox.kubeconfigPath, {sandboxDir: sandbox.dir, width: 200, height: 120});
	await live.onScreen('● live');
	await live.onScreen('todoapi-');
});

after(async () => {
	live?.close();
	await sandbox?.close();
});

test('d on a todoapi pod: every line kubectl describe prints, field by field (ages aside)', async () => {
	const pods = await eventually('todoapi pods running', async () => {
		const found = await podsOf(sandbox.api, 'default', 'app=todoapi');
		return found.length > 0 && found.every(pod => pod.status?.phase === 'Running') ? found : undefined;
	});
	const name = pods[0].metadata.name as string;
	await filter(name);
	await live.onScreen(`/${name}`);
	await live.key('d');
	const frame = await live.onScreen(new RegExp(`describe pod/${name}[\\s\\S]*Events:[\\s\\S]*Started`));
	const kubectl = await sandbox.kubectl('describe', 'pod', name, '-n', 'default');
	// Back to the lab view whatever the comparison says, so the next tests start there.
	await live.key(keys.escape);
	await live.onScreen(/Pods \(all\)/);
	await clearFilter();
	const ours = fields(inside(frame));
	assert.deepEqual(ours, cutLike(ours, fields(kubectl)));
});

test('d on the rollout pane describes the Deployment, live: a scale shows in the text', async () => {
	await live.key(keys.tab);
	await live.key(keys.tab);
	await live.key('d');
	await live.onScreen(/describe deployment\/todoapi[\s\S]*Replicas:\s+3 desired/);
	await sandbox.kubectl('scale', 'deployment/todoapi', '--replicas=4');
	const frame = await live.onScreen(/Replicas:\s+4 desired \| 4 updated/);
	const kubectl = await eventually('kubectl describe sees 4', async () => {
		const text = await sandbox.kubectl('describe', 'deployment', 'todoapi', '-n', 'default');
		return /4 desired \| 4 updated \| 4 total \| 4 available/.test(text) ? text : undefined;
	});
	const settled = await live.onScreen(/4 desired \| 4 updated \| 4 total \| 4 available/);
	// Up to the events: the events table grows with the scale, and is compared in the pod's test.
	const ours = fields(inside(settled));
	const theirs = fields(kubectl);
	const events = theirs.findIndex(line => line[0] === 'Events:');
	assert.deepEqual(ours.slice(0, events), theirs.slice(0, events));
	assert.ok(frame);
	await live.key(keys.escape);
	await live.onScreen(/Rollout deployment\/todoapi/);
	await live.key(keys.shiftTab);
	await live.key(keys.shiftTab);
});

test('d on a node and on a Service (:svc): what kubectl describe prints for each, field by field', async () => {
	await live.key(keys.tab);
	await live.key('d');
	const nodeFrame = await live.onScreen(/describe node\/(\S+)[\s\S]*Allocated resources:[\s\S]*Events:/);
	const nodeName = /describe node\/(\S+)/.exec(nodeFrame)![1]!;
	const nodeText = await sandbox.kubectl('describe', 'node', nodeName);
	// The Lease is renewed every few seconds: its time is the one field that moves between the two reads.
	const steady = (text: string) => fields(text).filter(line => line[0] !== 'RenewTime:');
	const ours = steady(inside(await live.onScreen(/Allocated resources:[\s\S]*Events:/)));
	const theirs = steady(nodeText);
	const events = theirs.findIndex(line => line[0] === 'Events:');
	assert.deepEqual(ours.slice(0, events), theirs.slice(0, events));
	await live.key(keys.escape);
	await live.onScreen(/Nodes 3/);
	await live.key(keys.shiftTab);
	await command('svc');
	await live.onScreen(/Services \(all\)[\s\S]*todoapi/);
	await filter('todoapi');
	await live.onScreen(/\/todoapi/);
	await live.key('d');
	const service = await live.onScreen(/describe service\/todoapi[\s\S]*Endpoints:\s+\d[\s\S]*Events:/);
	assert.deepEqual(fields(inside(service)), fields(await sandbox.kubectl('describe', 'service', 'todoapi', '-n', 'default')));
	await live.key(keys.escape);
	await clearFilter();
	await live.key(keys.escape);
	await live.onScreen(/Pods \(all\)/);
});

test("y on a Secret: neither its value nor the value's base64 is ever on screen", async () => {
	const value = 'Tr0ub4dor-e2e-value';
	const encoded = Buffer.from(value).toString('base64');
	await sandbox.kubectl('create', 'secret', 'generic', 'lab-db', '-n', 'default', `--from-literal=password=${value}`);
	const framesBefore = live.view.frames.length;
	await command('secrets');
	await live.onScreen(/Secrets \(all\)[\s\S]*lab-db/);
	await filter('lab-db');
	await live.onScreen(/\/lab-db/);
	await live.key('y');
	const yaml = await live.onScreen(/yaml secret\/lab-db[\s\S]*password: "<hidden: 19 bytes>"/);
	assert.match(yaml, /kind: Secret/);
	// Asked and refused: still masked.
	await live.key('x');
	await live.onScreen('y/n');
	await live.key('n');
	await live.onScreen(/x values masked/);
	await live.key('d');
	await live.key(keys.escape);
	await live.onScreen(/Secrets \(all\)/);
	await live.key('d');
	await live.onScreen(/describe secret\/lab-db[\s\S]*password:\s+19 bytes/);
	for (const frame of live.view.frames.slice(framesBefore)) {
		assert.ok(!frame.includes(value) && !frame.includes(encoded), 'a frame showed the Secret');
	}
	await live.key(keys.escape);
	await clearFilter();
	await live.key(keys.escape);
	await live.onScreen(/Pods \(all\)/);
});

test(':deploy then Enter on a Deployment makes the rollout pane follow it (what d did before)', async () => {
	await sandbox.kubectl('create', 'deployment', 'frontend', '--image=frontend:1.0', '-n', 'default');
	await command('deploy');
	await live.onScreen(/Deployments \(all\)[\s\S]*frontend/);
	await filter('frontend');
	await live.onScreen(/\/frontend/);
	await live.key(keys.enter);
	const frame = await live.onScreen(/Rollout deployment\/frontend/);
	assert.match(frame, /deploy frontend/);
	await clearFilter();
});

test('enter on an event shows its whole message, with its object, count, times and source', async () => {
	await live.key(keys.shiftTab);
	await live.key(keys.enter);
	const frame = await live.onScreen(/message event\/[\s\S]*Source:/);
	assert.match(frame, /Object:\s+\w+\/\S+/);
	assert.match(frame, /Count:\s+\d+/);
	assert.match(frame, /First seen:\s+\w{3}, \d\d \w{3} \d{4}/);
	assert.match(frame, /Message:/);
	await live.key(keys.escape);
	await live.onScreen(/Events \(all\)/);
});
