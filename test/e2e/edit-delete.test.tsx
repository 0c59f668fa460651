// `e` and Ctrl-D on the sandbox, with real keys: `e` runs a real editor
// process (a script standing in for the user, as EDITOR) on the file k8slab
// writes, and what it saves is sent to the real API, or reopened with the
// error at the top as kubectl edit does. Ctrl-D deletes a todoapi pod after
// y/n and the ReplicaSet replaces it, the lab's lesson.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {setTimeout as sleep} from 'node:timers/promises';
import {externalEditor} from '../../source/app/editor.js';
import {editHeader} from '../../source/model/editFile.js';
import {keys} from '../ui/helpers.js';
import {openView, type LiveView} from './app-harness.js';
import {eventually, podsOf, testSandbox, type TestSandbox} from './sandbox-harness.js';

let sandbox: TestSandbox;
let live: LiveView;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-edit-e2e-'));
const deploymentPath = '/apis/apps/v1/namespaces/default/deployments/todoapi';
const getDeployment = async () => (await sandbox.api.request('GET', deploymentPath)).body;

/**
 * Nothing of the Deployment was written: the same generation, spec, labels and
 * annotations. Not the resourceVersion: the Deployment controller may still be
 * writing status after the last test's change (a CI run saw 398 -> 403).
 */
function assertNothingWritten(before: any, after: any): void {
	assert.equal(after.metadata.generation, before.metadata.generation, 'no change to the spec');
	assert.deepEqual(after.spec, before.spec);
	assert.deepEqual(after.metadata.labels, before.metadata.labels);
	assert.deepEqual(after.metadata.annotations, before.metadata.annotations);
	const k8slabWrites = (deployment: any) => deployment.metadata.managedFields?.filter((entry: {manager: string}) => entry.manager === 'k8slab');
	assert.deepEqual(k8slabWrites(after), k8slabWrites(before), 'no field written as k8slab');
}
const ctrlD = '\u0004';

/**
 * The editor: a script that copies each file it is given to seen-N.yaml, then
 * does what the test chose (a shell snippet on "$1", the file), as a user would.
 */
function useEditor(snippet: string): void {
	fs.writeFileSync(path.join(scratch, 'mode.sh'), `${snippet}\n`);
	for (const file of fs.readdirSync(scratch).filter(name => name.startsWith('seen-'))) fs.rmSync(path.join(scratch, file));
}

/** The files the editor was given, in order. */
function seen(): string[] {
	return fs
		.readdirSync(scratch)
		.filter(name => name.startsWith('seen-'))
		.sort((a, b) => Number(a.slice(5, -5)) - Number(b.slice(5, -5)))
		.map(name => fs.readFileSync(path.join(scratch, name), 'utf8'));
}

const editorScript = path.join(scratch, 'editor.sh');
fs.writeFileSync(editorScript, ['#!/bin/sh', `n=$(ls ${scratch} | grep -c '^seen-')`, `cp "$1" ${scratch}/seen-$((n + 1)).yaml`, `. ${scratch}/mode.sh`, ''].join('\n'), {mode: 0o755});

/**
 * A sed command that sets spec.replicas in the edit file: the first
 * `  replicas:` line only, as status.replicas has the same indent (changing it
 * too made the edit touch status, which is never sent again on a newer version).
 */
const setReplicas = (value: string) => `sed -i '0,/^  replicas: .*/s//  replicas: ${value}/' "$1"`;

/** Tab until the pane titled `title` has the focused (heavy) border. */
async function focus(title: string): Promise<void> {
	for (let tries = 0; tries < 6; tries++) {
		if (live.view.frame().includes(`┏━ ${title}`)) return;
		await live.key(keys.tab);
		await sleep(100);
	}

	assert.fail(`could not focus ${title}`);
}

/** `e` on the rollout pane's Deployment; resolves with the frame that shows how the edit ended. */
async function edit(): Promise<string> {
	await focus('Rollout deployment/todoapi');
	await live.key('e');
	return live.onScreen(/deployment\.apps\/todoapi edited|Edit cancelled[^\n]*|discarded[^\n]*|could not[^\n]*/);
}

before(async () => {
	sandbox = await testSandbox();
	const env = {...process.env, KUBE_EDITOR: '', VISUAL: '', EDITOR: editorScript};
	live = openView(sandbox.kubeconfigPath, {sandboxDir: sandbox.dir, width: 200, editor: externalEditor(env)});
	await live.onScreen('● live');
	await live.onScreen('todoapi-');
});

after(async () => {
	live?.close();
	await sandbox?.close();
	fs.rmSync(scratch, {recursive: true, force: true});
});

test('e: the Deployment opens as kubectl edit writes it, and the replicas the editor saves are applied', async () => {
	useEditor(setReplicas('2'));
	const before = await getDeployment();
	assert.notEqual(before.spec.replicas, 2);
	const frame = await edit();
	assert.match(frame, /deployment\.apps\/todoapi edited/);
	const [file] = seen();
	assert.ok(file?.startsWith(`${editHeader}apiVersion: apps/v1\nkind: Deployment\n`), file?.slice(0, 300));
	assert.doesNotMatch(file ?? '', /managedFields/, 'managedFields are hidden, as kubectl edit does');
	assert.match(file ?? '', new RegExp(`\\n {2}resourceVersion: "${before.metadata.resourceVersion as string}"\\n`), 'the file carries the resourceVersion it was read at');
	const after = await getDeployment();
	assert.equal(after.spec.replicas, 2);
	assert.ok(
		after.metadata.managedFields.some((entry: {manager: string}) => entry.manager === 'k8slab'),
		'sent as k8slab, with managedFields kept by the server',
	);
	await eventually('2 todoapi pods', async () => ((await podsOf(sandbox.api, 'default', 'app=todoapi')).filter(pod => !pod.metadata.deletionTimestamp).length === 2 ? true : undefined));
});

test('e: a file saved unchanged sends nothing', async () => {
	useEditor(':');
	const before = await getDeployment();
	assert.match(await edit(), /Edit cancelled, no changes made\./);
	assert.equal(seen().length, 1);
	assertNothingWritten(before, await getDeployment());
});

test('e: an editor that exits non-zero discards the edit, whatever it saved', async () => {
	useEditor(`${setReplicas('9')}; exit 3`);
	const before = await getDeployment();
	assert.match(await edit(), /the editor "[^"]+" exited with status 3: the edit of deployment\/todoapi was discarded, nothing was sent/);
	assertNothingWritten(before, await getDeployment());
});

test('e: invalid YAML reopens the editor with the error at the top and the edit kept; fixed, it is applied', async () => {
	// First save: broken YAML. Second (the file now says why): fixed.
	useEditor(`if grep -q '^# The edited file had a syntax error' "$1"; then sed -i 's/^  replicas: \\[.*/  replicas: 3/' "$1"; else ${setReplicas('[3')}; fi`);
	assert.match(await edit(), /deployment\.apps\/todoapi edited/);
	const files = seen();
	assert.equal(files.length, 2, 'the editor opened twice');
	assert.ok(files[1]?.startsWith(`${editHeader}# The edited file had a syntax error: yaml: line `), files[1]?.slice(0, 400));
	assert.match(files[1] ?? '', /\n {2}replicas: \[3\n/, 'the broken edit is kept for the user to fix');
	assert.equal((await getDeployment()).spec.replicas, 3);
});

test('e: a value the server refuses reopens with its reasons, as kubectl words them; saved again unchanged, nothing is sent', async () => {
	useEditor(setReplicas('-1'));
	const before = await getDeployment();
	assert.match(await edit(), /Edit cancelled, no valid changes were saved\./);
	const files = seen();
	assert.equal(files.length, 2);
	assert.ok(files[1]?.startsWith(`${editHeader}# deployments.apps "todoapi" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n`), files[1]?.slice(0, 400));
	assertNothingWritten(before, await getDeployment());
});

/**
 * An editor in which someone else runs `kubectl OTHERS` while the user makes
 * their change; reopened saying so, the user saves over the new resourceVersion.
 */
function useSaveOver(others: string, change: string): void {
	useEditor(
		[
			`if grep -q 'was changed by someone else' "$1"; then`,
			`  rv=$(sed -n 's/.*set metadata.resourceVersion to "\\([0-9]*\\)".*/\\1/p' "$1")`,
			`  sed -i "s/^  resourceVersion: .*/  resourceVersion: \\"$rv\\"/" "$1"`,
			'else',
			`  kubectl --kubeconfig ${sandbox.kubeconfigPath} ${others} >/dev/null`,
			`  ${change}`,
			'fi',
		].join('\n'),
	);
}

test('e: a change by someone else while the editor is open is not overwritten: the file reopens saying so, and saving over it keeps their change', async () => {
	useSaveOver('label deployment/todoapi edited-by=someone-else', setReplicas('4'));
	assert.match(await edit(), /deployment\.apps\/todoapi edited/);
	const files = seen();
	assert.equal(files.length, 2, `opened twice, not again with: ${files[2]?.slice(editHeader.length, editHeader.length + 600) ?? ''}`);
	assert.ok(files[1]?.startsWith(`${editHeader}# deployments.apps "todoapi" was changed by someone else since this file was written`), files[1]?.slice(0, 500));
	assert.match(files[1] ?? '', /^# \* changed since: metadata\.labels\.edited-by$/m, 'names what the other client changed');
	const after = await getDeployment();
	assert.equal(after.spec.replicas, 4);
	assert.equal(after.metadata.labels['edited-by'], 'someone-else', 'their change is kept');
});

test('e: saved over a newer version, only the field the user changed is sent: a container someone else changed keeps their change', async () => {
	// Someone sets an env var on the container while the user changes its image.
	useSaveOver('set env deployment/todoapi GREETING=theirs', `sed -i 's/\\(image: \\).*/\\1todoapi:1.1/' "$1"`);
	assert.match(await edit(), /deployment\.apps\/todoapi edited/);
	assert.match(seen()[1] ?? '', /^# \* changed since: .*spec\.template\.spec\.containers/m, 'the reopened file names their change');
	const [container] = (await getDeployment()).spec.template.spec.containers;
	assert.equal(container.image, 'todoapi:1.1', "the user's change is applied");
	// A merge patch sends the list of containers whole, and their env var was lost.
	assert.deepEqual(container.env, [{name: 'GREETING', value: 'theirs'}], 'their change to the same container is kept');
});

/** The todoapi pods once the Deployment is complete and none is going away. */
async function rolloutSettled(): Promise<any[]> {
	return eventually(
		'the todoapi rollout settled',
		async () => {
			const {metadata, spec, status} = await getDeployment();
			const pods = await podsOf(sandbox.api, 'default', 'app=todoapi');
			const complete =
				status.observedGeneration === metadata.generation &&
				[status.replicas, status.updatedReplicas, status.availableReplicas].every(count => count === spec.replicas) &&
				pods.length === spec.replicas &&
				pods.every(pod => !pod.metadata.deletionTimestamp);
			return complete ? pods : undefined;
		},
		60_000,
	);
}

/** Esc out of a filter left by an earlier test, then a new one. */
async function filter(text: string): Promise<void> {
	await live.key('/');
	await live.key(keys.escape);
	await live.key('/');
	await live.type(text);
	await live.key(keys.enter);
}

test('Ctrl-D then n deletes nothing; Ctrl-D then y deletes the todoapi pod and its ReplicaSet replaces it', async () => {
	await focus('Pods (all)');
	await filter('todoapi');
	// The image change's rollout must be over, or the pod asked about may be one it is deleting.
	const pods = await rolloutSettled();
	await live.onScreen(new RegExp(`Pods \\(all\\) ${pods.length} · /todoapi`));
	for (const pod of pods) await live.onScreen(pod.metadata.name as string);
	const question = await (async () => {
		await live.key(ctrlD);
		return live.onScreen(/delete pod\/todoapi-[a-z0-9-]+\? y\/n/);
	})();
	const name = /delete pod\/(todoapi-[a-z0-9-]+)\? y\/n/.exec(question)?.[1] ?? '';
	const victim = pods.find(pod => pod.metadata.name === name);
	assert.ok(victim, `${name} is a todoapi pod`);
	await live.key('n');
	await live.onScreen(`pod/${name} was not deleted`);
	await sleep(500);
	assert.equal((await sandbox.api.request('GET', `/api/v1/namespaces/default/pods/${name}`)).body.metadata.uid, victim.metadata.uid, 'n deleted nothing');

	await live.key(ctrlD);
	await live.onScreen(`delete pod/${name}? y/n`);
	await live.key('y');
	await live.onScreen(`pod "${name}" deleted`);
	const replacement = await eventually('a new todoapi pod', async () => (await podsOf(sandbox.api, 'default', 'app=todoapi')).find(pod => !pods.some(old => old.metadata.name === pod.metadata.name)));
	await live.onScreen(replacement.metadata.name as string);
	await eventually(`${name} gone`, async () => ((await podsOf(sandbox.api, 'default', 'app=todoapi')).some(pod => pod.metadata.name === name) ? undefined : true));
	await eventually(`${name} gone from the pods pane`, async () => (new RegExp(`^[│┃]default\\s+${name}\\s`, 'm').test(live.view.frame()) ? undefined : true));
});

test('Ctrl-D deletes only the object the user saw: one deleted and created again under its name meanwhile is kept', async () => {
	await sandbox.kubectl('create', 'configmap', 'lesson', '--from-literal=a=1');
	await live.type(':cm');
	await live.key(keys.enter);
	await filter('lesson');
	await live.onScreen(/ConfigMaps \(all\) 1\b/);
	await live.key(ctrlD);
	await live.onScreen('delete configmap/lesson? y/n');
	await sandbox.kubectl('delete', 'configmap', 'lesson');
	await sandbox.kubectl('create', 'configmap', 'lesson', '--from-literal=a=2');
	await live.key('y');
	await live.onScreen('nothing was deleted: configmap/lesson is no longer the one you saw');
	assert.equal((await sandbox.api.request('GET', '/api/v1/namespaces/default/configmaps/lesson')).body.data.a, '2', 'the new one is still there');
	await live.key('/');
	await live.key(keys.escape);
	await live.key(keys.escape);
	await live.onScreen('Pods (all)');
});

test('--readonly refuses e and Ctrl-D, and sends nothing', async () => {
	useEditor(setReplicas('1'));
	const readonly = openView(sandbox.kubeconfigPath, {width: 200, readonly: true, editor: externalEditor({...process.env, KUBE_EDITOR: '', VISUAL: '', EDITOR: editorScript})});
	try {
		await readonly.onScreen('todoapi-');
		// The earlier tests' rollout and deleted pod must be over, or their own pod churn reads as a write.
		const pods = await rolloutSettled();
		const before = await getDeployment();
		await readonly.key('e');
		await readonly.onScreen('read-only mode: edit is disabled');
		await readonly.key(ctrlD);
		await readonly.onScreen('read-only mode: delete is disabled');
		assert.equal(seen().length, 0, 'no editor was opened');
		assertNothingWritten(before, await getDeployment());
		assert.deepEqual((await podsOf(sandbox.api, 'default', 'app=todoapi')).map(pod => pod.metadata.uid).sort(), pods.map(pod => pod.metadata.uid).sort());
	} finally {
		readonly.close();
	}
});
