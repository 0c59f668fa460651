// `r` and `c` on a Deployment whose pod template has several containers ask
// which container first; with one container they go straight to the prompt.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {labApp, labProps} from './app.js';
import {editsSent, FixtureSource, recorder, twoContainerCluster} from './fixtures.js';
import {keys, press, renderAt, settle, waitFor} from './helpers.js';

afterEach(() => {
	cleanup();
});

function setup(options: {readonly?: boolean} = {}) {
	const actions = recorder();
	const source = new FixtureSource(twoContainerCluster());
	const rendered = renderAt(labApp(labProps(source, {actions, readonly: options.readonly})), 120);
	return {actions, source, rendered};
}

const ref = {namespace: 'default', name: 'todoapi'};

test('c asks which container, then renames the one picked', async () => {
	const {actions, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	const picker = await press(rendered, 'c', frame => frame.includes('which container?'));
	assert.match(picker, /Rename container · deployment\/todoapi · which container\?/);
	// Each container with its requests and image, so they can be told apart.
	assert.match(picker, /› todoapiv2 {4}cpu 100m mem 64Mi {2}todoapi:1\.0\s/);
	assert.match(picker, / {3}log-shipper {2}cpu 50m mem 32Mi {3}aws-for-fluent-bit:2\.21\.1\s/);
	await press(rendered, keys.down, frame => frame.includes('› log-shipper'));
	const prompt = await press(rendered, keys.enter, frame => frame.includes('Rename container log-shipper · deployment/todoapi'));
	assert.match(prompt, /container name\s+log-shipper/);
	// The other container's name is taken.
	await press(rendered, keys.ctrlU);
	await press(rendered, 'todoapiv2');
	await press(rendered, keys.enter, frame => frame.includes('another container in this pod is already named "todoapiv2"'));
	assert.equal(actions.calls.length, 0);
	await press(rendered, `${keys.ctrlU}fluent-bit${keys.enter}`, frame => frame.includes('deployment.apps/todoapi patched'));
	assert.deepEqual(editsSent(actions.calls), [{method: 'editContainer', ref, action: 'rename', container: 'log-shipper', changes: {name: ['log-shipper', 'fluent-bit']}}]);
});

test("r asks which container, then edits that container's requests and limits", async () => {
	const {actions, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, 'r', frame => frame.includes('Requests and limits · deployment/todoapi · which container?'));
	await press(rendered, 'j', frame => frame.includes('› log-shipper'));
	const form = await press(rendered, keys.enter, frame => frame.includes('deployment/todoapi · container log-shipper'));
	assert.match(form, /Requests and limits · deployment\/todoapi · container log-shipper/);
	assert.match(form, /cpu request\s+50m/, 'prefilled from the picked container, not the first');
	assert.match(form, /memory request\s+32Mi/);
	assert.match(form, /memory limit\s+64Mi/);
	await press(rendered, `${keys.ctrlU}75m${keys.enter}`, frame => frame.includes('resource requirements updated'));
	assert.deepEqual(editsSent(actions.calls), [{method: 'editContainer', ref, action: 'resources', container: 'log-shipper', changes: {'resources.requests.cpu': ['50m', '75m']}}]);
});

test('the first container is offered first; k goes back up; Esc cancels without sending', async () => {
	const {actions, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, 'r', frame => frame.includes('› todoapiv2'));
	await press(rendered, 'j', frame => frame.includes('› log-shipper'));
	// The end of the list stops there.
	rendered.stdin.write('j');
	await settle();
	assert.match(rendered.frame(), /› log-shipper/);
	await press(rendered, 'k', frame => frame.includes('› todoapiv2'));
	const form = await press(rendered, keys.enter, frame => frame.includes('deployment/todoapi · container todoapiv2'));
	assert.match(form, /cpu request\s+100m/);
	await settle();
	await press(rendered, keys.escape, frame => !frame.includes('Requests and limits'));
	await press(rendered, 'c', frame => frame.includes('which container?'));
	await settle();
	await press(rendered, keys.escape, frame => !frame.includes('which container?'));
	assert.equal(actions.calls.length, 0);
	// Global keys did not fire while the list was open.
	assert.match(rendered.frame(), /Pods \(all\) 13/);
});

test('the picker, the choice and the edit work as one batched chunk too', async () => {
	const {actions, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, `c${keys.down}${keys.enter}${keys.ctrlU}shipper${keys.enter}`, frame => frame.includes('deployment.apps/todoapi patched'));
	assert.deepEqual(editsSent(actions.calls), [{method: 'editContainer', ref, action: 'rename', container: 'log-shipper', changes: {name: ['log-shipper', 'shipper']}}]);
});

test('if the Deployment went away while the list was open, Enter says so and opens nothing', async () => {
	const {actions, source, rendered} = setup();
	await waitFor(rendered, frame => frame.includes('Pods (all)'));
	await press(rendered, 'c', frame => frame.includes('which container?'));
	source.update({deployments: []});
	await waitFor(rendered, frame => frame.includes('deploy -'));
	await press(rendered, keys.enter, frame => frame.includes('deployment/todoapi is no longer shown'));
	assert.doesNotMatch(rendered.frame(), /Rename container/);
	assert.equal(actions.calls.length, 0);
});

test('read-only mode refuses r and c before asking for a container', async () => {
	const {rendered} = setup({readonly: true});
	await waitFor(rendered, frame => frame.includes('READ-ONLY'));
	const frame = await press(rendered, 'c', f => f.includes('read-only mode: rename is disabled'));
	assert.doesNotMatch(frame, /which container/);
});
