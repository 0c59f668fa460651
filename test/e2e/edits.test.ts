// The edits behind the lab's part 2 and 5 keys, against the real API: each
// changes only its own fields, and the sandbox reacts as a cluster would.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {connect, resolveConfig} from '../../source/kube/config.js';
import type {KubeActions} from '../../source/kube/edits.js';
import {imageChange, probeChanges} from '../../source/model/containerEdits.js';
import type {ProbeValue} from '../../source/model/validate.js';
import {eventually, podsOf, testSandbox, type TestSandbox} from './sandbox-harness.js';

let sandbox: TestSandbox;
let actions: KubeActions;
const todoapi = {namespace: 'default', name: 'todoapi'};
const container = async () => (await sandbox.api.request('GET', '/apis/apps/v1/namespaces/default/deployments/todoapi')).body.spec.template.spec.containers[0];

/** What the probes form sends when it opened on the container as it is now and the user typed `probes`. */
async function setProbes(probes: {liveness?: ProbeValue; readiness?: ProbeValue}): Promise<string> {
	const seen = await container();
	return actions.editContainer(todoapi, {action: 'probes', container: seen.name, changes: probeChanges(seen, probes)});
}

async function setImage(name: string, image: string): Promise<string> {
	const current = await container();
	const seen = current.name === name ? current : {name, image: current.image};
	return actions.editContainer(todoapi, {action: 'image', container: name, changes: imageChange(seen, image)});
}

before(async () => {
	sandbox = await testSandbox();
	actions = connect(resolveConfig({kubeconfig: sandbox.kubeconfigPath})).actions;
});

after(async () => {
	await sandbox?.close();
});

test('probes: an exec probe is replaced whole by the httpGet one, and a failing liveness probe restarts pods', async () => {
	await sandbox.kubectl('patch', 'deployment/todoapi', '--type=json', '-p', JSON.stringify([{op: 'add', path: '/spec/template/spec/containers/0/livenessProbe', value: {exec: {command: ['true']}}}]));
	assert.equal(await setProbes({liveness: {path: '/healthz', port: 8080, periodSeconds: 1, failureThreshold: 1}, readiness: {path: '/', port: 8080}}), 'deployment.apps/todoapi patched');
	const probed = await container();
	assert.deepEqual(probed.livenessProbe.httpGet, {path: '/healthz', port: 8080, scheme: 'HTTP'});
	assert.equal(probed.livenessProbe.exec, undefined, 'the old handler is gone');
	assert.equal(probed.livenessProbe.periodSeconds, 1);
	assert.deepEqual(probed.readinessProbe.httpGet, {path: '/', port: 8080, scheme: 'HTTP'});
	await eventually('a restarted todoapi pod', async () => ((await podsOf(sandbox.api, 'default', 'app=todoapi')).some(p => p.status?.containerStatuses?.[0]?.restartCount > 0) ? true : undefined), 60_000);

	// An httpGet probe keeps what the form does not show (timeout, headers); the numbers left out go back to the API's defaults.
	await sandbox.kubectl(
		'patch',
		'deployment/todoapi',
		'--type=json',
		'-p',
		JSON.stringify([
			{op: 'add', path: '/spec/template/spec/containers/0/readinessProbe/timeoutSeconds', value: 3},
			{op: 'add', path: '/spec/template/spec/containers/0/readinessProbe/httpGet/httpHeaders', value: [{name: 'X-Lab', value: '1'}]},
		]),
	);
	await setProbes({liveness: {path: '/', port: 8080}, readiness: {path: '/ready', port: 8080, initialDelaySeconds: 2}});
	const kept = await container();
	assert.deepEqual(kept.readinessProbe.httpGet, {path: '/ready', port: 8080, scheme: 'HTTP', httpHeaders: [{name: 'X-Lab', value: '1'}]});
	assert.equal(kept.readinessProbe.timeoutSeconds, 3);
	assert.equal(kept.readinessProbe.initialDelaySeconds, 2);
	assert.equal(kept.livenessProbe.periodSeconds, 10, 'periodSeconds 1 was dropped, so the API default applies');

	await setProbes({});
	const cleared = await container();
	assert.equal(cleared.livenessProbe, undefined);
	assert.equal(cleared.readinessProbe, undefined);
	assert.equal(cleared.image, 'todoapi:1.0', 'other fields untouched');
});

test('image: a misspelled image is set on the one container and its pods end in ImagePullBackOff', async () => {
	assert.equal(await setImage('todoapi', 'todoapii:1.0'), 'deployment.apps/todoapi image updated');
	assert.equal((await container()).image, 'todoapii:1.0');
	await eventually('ImagePullBackOff', async () => ((await podsOf(sandbox.api, 'default', 'app=todoapi')).some(p => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff') ? true : undefined), 30_000);
	await assert.rejects(setImage('nope', 'todoapi:1.1'), /nope|container/i);
});
