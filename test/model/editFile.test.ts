// The file `e` writes for the editor and reads back, on the Deployment as the
// sandbox served it (managedFields and all): kubectl edit's header, its error
// comments, what counts as a change, and the patch of only what changed.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import fc from 'fast-check';
import type {ApiObject} from '../../source/model/actions.js';
import {editableObject, editFileText, editHeader, identityChange, jsonPatch, mergePatch, objectYaml, patchPaths, readSavedEdit, sameJson, stripComments, type PatchOperation} from '../../source/model/editFile.js';
import {clone, loadJson} from './fixtures.js';

const deployment = () => loadJson<ApiObject>('todoapi-deployment-managed.json');
const fileOf = (object: ApiObject) => editFileText(objectYaml(editableObject(object)));

test("the file is kubectl edit's header, then the object as YAML without managedFields, keys sorted as kubectl prints them", () => {
	const object = deployment();
	assert.ok(Array.isArray(object.metadata?.managedFields), 'the captured object has managedFields');
	const file = fileOf(object);
	assert.ok(file.startsWith(editHeader));
	assert.equal(
		editHeader,
		"# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n",
	);
	const body = file.slice(editHeader.length);
	assert.doesNotMatch(body, /managedFields/);
	assert.match(body, /^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n {2}annotations:\n {4}deployment\.kubernetes\.io\/revision: "3"\n/);
	assert.match(body, /\n {2}creationTimestamp: "2026-12-02T01:29:09Z"\n/, 'a timestamp stays a quoted string');
	assert.match(body, /\n {6}containers:\n {6}- image: todoapi:1\.0\n/, 'list items flush with their key, as kubectl');
	assert.ok(object.metadata?.managedFields, 'the object read is left as it was');
	const {managedFields: _hidden, ...metadata} = object.metadata ?? {};
	assert.ok(sameJson(readBack(file), {...object, metadata}), 'the file reads back as the object, managedFields aside');
});

function readBack(file: string): ApiObject {
	const saved = readSavedEdit('', file);
	assert.equal(saved.kind, 'edited');
	return saved.kind === 'edited' ? saved.object : {};
}

test("an unchanged file, or one changed only in comments and layout, sends nothing, in kubectl's words", () => {
	const file = fileOf(deployment());
	assert.deepEqual(readSavedEdit(file, file), {kind: 'cancelled', message: 'Edit cancelled, no changes made.'});
	const reformatted = `# my note\n${file.replace('replicas: 4', 'replicas:    4   # four')}\n\n`;
	assert.notEqual(reformatted, file);
	assert.deepEqual(readSavedEdit(file, reformatted), {kind: 'cancelled', message: 'Edit cancelled, no changes made.'});
	assert.deepEqual(readSavedEdit(file, `${editHeader}\n   \n# nothing\n`), {kind: 'cancelled', message: 'Edit cancelled, saved file was empty.'});
});

test('a change reads back as the edited object, and the patch is only that field', () => {
	const object = deployment();
	const file = fileOf(object);
	assert.match(file, /\n {2}replicas: 4\n/);
	const saved = readSavedEdit(file, file.replace(/\n {2}replicas: 4\n/, '\n  replicas: 2\n'));
	assert.equal(saved.kind, 'edited');
	if (saved.kind !== 'edited') return;
	assert.equal((saved.object['spec'] as {replicas: number}).replicas, 2);
	assert.deepEqual(mergePatch(editableObject(object), saved.object), {spec: {replicas: 2}});
	assert.equal(identityChange(object, saved.object), undefined);
});

test('a YAML error reopens with it at the top, the edit kept below; saving that again unchanged gives up', () => {
	const file = fileOf(deployment());
	const broken = file.replace(/\n {2}replicas: 4\n/, '\n  replicas: [4\n');
	const saved = readSavedEdit(file, broken);
	assert.equal(saved.kind, 'reopen');
	if (saved.kind !== 'reopen') return;
	assert.match(saved.reason.head, /^The edited file had a syntax error: yaml: line \d+: /);
	const reopened = editFileText(stripComments(broken), [saved.reason]);
	assert.ok(reopened.startsWith(`${editHeader}# The edited file had a syntax error: yaml: line `), reopened.slice(0, 400));
	assert.ok(reopened.includes('  replicas: [4\n'), "the user's text is kept");
	assert.deepEqual(readSavedEdit(file, reopened, broken), {kind: 'cancelled', message: 'Edit cancelled, no valid changes were saved.'});
	assert.equal(readSavedEdit(file, `${editHeader}- just\n- a list\n`).kind, 'reopen', 'a file that is not one object');
});

test("the server's reasons are written as kubectl writes them: a head, a starred line per cause, a closing #", () => {
	const text = editFileText('kind: Deployment\n', [
		{head: 'deployments.apps "todoapi" was not valid', other: ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']},
		{head: 'line one\nline two', other: []},
	]);
	assert.equal(text, `${editHeader}# deployments.apps "todoapi" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n# line one\n# line two\n#\nkind: Deployment\n`);
});

test('a merge patch names removed fields null and replaces lists whole; its paths name what changed', () => {
	const object = editableObject(deployment());
	const edited = clone(object) as ApiObject & {metadata: {labels: Record<string, string>}; spec: {template: {spec: {containers: Array<{image: string}>}}}};
	delete edited.metadata.labels['app'];
	edited.metadata.labels['tier'] = 'web';
	edited.spec.template.spec.containers[0]!.image = 'todoapi:1.1';
	const patch = mergePatch(object, edited);
	assert.deepEqual((patch['metadata'] as {labels: unknown}).labels, {app: null, tier: 'web'});
	const containers = (patch['spec'] as {template: {spec: {containers: Array<{image: string; name: string}>}}}).template.spec.containers;
	assert.equal(containers.length, 1);
	assert.equal(containers[0]?.image, 'todoapi:1.1');
	assert.equal(containers[0]?.name, (object['spec'] as {template: {spec: {containers: Array<{name: string}>}}}).template.spec.containers[0]?.name, 'the list is sent whole');
	assert.deepEqual(patchPaths(patch), ['metadata.labels.app', 'metadata.labels.tier', 'spec.template.spec.containers']);
});

test('an edit may not turn the object into another: kind, name and namespace stay', () => {
	const object = deployment();
	const renamed = clone(object);
	renamed.metadata = {...renamed.metadata, name: 'other'};
	assert.match(identityChange(object, renamed)?.other.join('\n') ?? '', /metadata\.name: todoapi → other/);
	const moved = clone(object);
	moved.metadata = {...moved.metadata, namespace: 'kube-system'};
	assert.ok(identityChange(object, moved));
	const unnamespaced = clone(object);
	delete unnamespaced.metadata?.namespace;
	assert.equal(identityChange(object, unnamespaced), undefined, "left out, the namespace is the object's own");
});

/** RFC 6902's add, remove and replace, as the API server applies them (for checking jsonPatch). */
function applyPatch(document: unknown, operations: readonly PatchOperation[]): unknown {
	const root = {value: structuredClone(document)} as Record<string, any>;
	for (const operation of operations) {
		const keys = [
			'value',
			...operation.path
				.split('/')
				.slice(1)
				.map(key => key.replaceAll('~1', '/').replaceAll('~0', '~')),
		];
		const last = keys.pop()!;
		const parent = keys.reduce((node, key) => node[key], root);
		if (operation.op === 'test') {
			assert.equal(JSON.stringify(parent[last]), JSON.stringify(operation.value), `test ${operation.path}`);
		} else if (operation.op === 'remove') {
			assert.ok(Object.hasOwn(parent, last), `remove ${operation.path}: no such field`);
			delete parent[last];
		} else {
			if (operation.op === 'replace') assert.ok(Object.hasOwn(parent, last), `replace ${operation.path}: no such field`);
			parent[last] = operation.value;
		}
	}
	return root['value'];
}

test('a JSON patch names only the changed leaves: one container image is one operation, an annotation key with / is escaped', () => {
	const object = editableObject(deployment());
	const edited = clone(object) as ApiObject & {metadata: {labels: Record<string, string>; annotations?: Record<string, string>}; spec: {template: {spec: {containers: Array<{image: string}>}}}};
	edited.spec.template.spec.containers[0]!.image = 'todoapi:1.1';
	delete edited.metadata.labels['app'];
	edited.metadata.annotations = {...edited.metadata.annotations, 'lab.k8slab.dev/note~x': 'hi'};
	const operations = jsonPatch(object, edited);
	assert.deepEqual(
		operations.filter(operation => operation.path.startsWith('/spec')),
		[
			{op: 'test', path: '/spec/template/spec/containers/0/name', value: 'todoapi'},
			{op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'todoapi:1.1'},
		],
		'the container list is not sent whole; the container is named first',
	);
	assert.ok(operations.some(operation => operation.op === 'remove' && operation.path === '/metadata/labels/app'));
	assert.ok(
		operations.some(operation => operation.path === '/metadata/annotations/lab.k8slab.dev~1note~0x' && operation.op === 'add'),
		JSON.stringify(operations),
	);
	assert.deepEqual(applyPatch(object, operations), edited);
	assert.deepEqual(jsonPatch(object, clone(object)), [], 'an unchanged file sends nothing');
});

test('applied to what the user saw, the JSON patch gives exactly what the user saved', () => {
	const json = fc.letrec(tie => ({
		value: fc.oneof({depthSize: 'small'}, fc.constantFrom(null, true, 0, 1, 'a', '', 'a/b', '~0'), fc.array(tie('value'), {maxLength: 3}), fc.dictionary(fc.constantFrom('a', 'b', 'c/d', 'e~f', 'replicas'), tie('value'), {maxKeys: 4})),
	})).value;
	const object = fc.dictionary(fc.constantFrom('spec', 'metadata', 'x/y'), json, {maxKeys: 3});
	fc.assert(
		fc.property(object, object, (from, to) => {
			// As JSON: the generated mappings have no prototype, the patched ones do.
			assert.deepEqual(JSON.parse(JSON.stringify(applyPatch(from, jsonPatch(from, to)))), JSON.parse(JSON.stringify(to)));
		}),
		{numRuns: 2000},
	);
});

test('a JSON patch saved over a newer version is refused where someone else moved another container to the edited index', () => {
	const object = editableObject(deployment()) as ApiObject & {spec: {template: {spec: {containers: Array<{name: string; image: string}>}}}};
	const edited = clone(object);
	edited.spec.template.spec.containers[0]!.image = 'todoapi:1.1';
	const theirs = clone(object);
	theirs.spec.template.spec.containers.unshift({name: 'sidecar', image: 'envoy:1'});
	assert.throws(() => applyPatch(theirs, jsonPatch(object, edited)), /test \/spec\/template\/spec\/containers\/0\/name/);
});
