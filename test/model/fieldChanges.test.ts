// Compare-and-swap edits: what a prompt sends is only what the user changed,
// each field guarded by what the prompt showed.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {httpProbe, imageChange, probeChanges, probeFormValues, renameChange, resourceChanges, resourceFormValues} from '../../source/model/containerEdits.js';
import {conflictsOf, containerFieldsPath, describeConflicts, fieldManager, patchOps, sameValue, type ManagedFieldsEntry} from '../../source/model/fieldChanges.js';
import type {Container, Deployment} from '../../source/model/types.js';
import {clone, loadJson} from './fixtures.js';

const deployment = loadJson<Deployment>('todoapi-deployment.json');
const todoapi = (): Container => clone(deployment.spec!.template!.spec!.containers[0]!);
/** Captured from the sandbox after `kubectl set resources --requests=memory=128Mi`, `kubectl patch` (a readiness probe) and a scale by k8slab. */
const managed = loadJson<Deployment & {metadata: {managedFields: ManagedFieldsEntry[]}}>('todoapi-deployment-managed.json');

test('an unchanged form changes nothing', () => {
	const seen = todoapi();
	assert.deepEqual(resourceChanges(seen, resourceFormValues(seen)), []);
	const probes = probeFormValues(seen);
	assert.deepEqual(
		probeChanges(seen, {
			liveness: {path: probes.liveness.path, port: Number(probes.liveness.port), initialDelaySeconds: 5, periodSeconds: 10, failureThreshold: 3},
			readiness: {path: '/', port: 8080, initialDelaySeconds: 5, periodSeconds: 10, failureThreshold: 3},
		}),
		[],
	);
	assert.deepEqual(imageChange(seen, seen.image!), []);
	assert.deepEqual(renameChange(seen, seen.name), []);
});

test('the requests form sends only the quantities whose text changed; an emptied one is removed', () => {
	const seen: Container = {...todoapi(), resources: {requests: {cpu: '100m', memory: '64Mi'}}};
	const changes = resourceChanges(seen, {cpuRequest: '200m', memoryRequest: '64Mi', cpuLimit: '', memoryLimit: ''});
	assert.deepEqual(changes, [{path: ['resources', 'requests', 'cpu'], seen: '100m', next: '200m', label: 'cpu request of todoapiv2'}]);
	assert.deepEqual(
		resourceChanges(seen, {cpuRequest: '100m', memoryRequest: '', cpuLimit: '', memoryLimit: '256Mi'}).map(c => [c.path.join('.'), c.seen, c.next]),
		[
			['resources.requests.memory', '64Mi', undefined],
			['resources.limits.memory', undefined, '256Mi'],
		],
	);
});

test('probes: an edited httpGet probe changes only its edited fields; adding, removing or replacing changes it whole', () => {
	const seen = todoapi();
	const liveness = {path: '/nope', port: 8080, initialDelaySeconds: 5, periodSeconds: 10, failureThreshold: 3};
	const readiness = {path: '/', port: 8080, initialDelaySeconds: 5, periodSeconds: 10, failureThreshold: 3};
	assert.deepEqual(
		probeChanges(seen, {liveness, readiness}).map(c => [c.path.join('.'), c.seen, c.next]),
		[['livenessProbe.httpGet.path', '/', '/nope']],
	);
	const bare: Container = {name: 'app', image: 'todoapi:1.0', ports: [{containerPort: 8080}]};
	assert.deepEqual(probeChanges(bare, {liveness: {path: '/', port: 8080}}), [{path: ['livenessProbe'], seen: undefined, next: {httpGet: {path: '/', port: 8080}}, label: 'liveness probe of app'}]);
	assert.deepEqual(
		probeChanges(seen, {liveness}).map(c => [c.path.join('.'), c.next]),
		[
			['livenessProbe.httpGet.path', '/nope'],
			['readinessProbe', undefined],
		],
	);
	const exec: Container = {...bare, livenessProbe: {exec: {command: ['true']}}};
	assert.deepEqual(probeChanges(exec, {}), [], 'an exec probe the form cannot show is left alone');
	assert.deepEqual(probeChanges(exec, {liveness: {path: '/', port: 8080, periodSeconds: 2}})[0]?.seen, {exec: {command: ['true']}});
	assert.deepEqual(httpProbe({path: '/', port: 'http', failureThreshold: 1}), {httpGet: {path: '/', port: 'http'}, failureThreshold: 1});
});

test('a field someone else changed is a conflict; one they did not change is not', () => {
	const seen = todoapi();
	const changes = imageChange(seen, 'todoapj:1.0');
	const theirs = {...seen, resources: {requests: {memory: '128Mi'}}};
	assert.deepEqual(conflictsOf(theirs, changes), []);
	const renamedImage = {...seen, image: 'todoapi:2.0'};
	assert.deepEqual(conflictsOf(renamedImage, changes), [{change: changes[0], current: 'todoapi:2.0'}]);
	// Key order and null-for-absent are not changes.
	assert.ok(sameValue({a: 1, b: {c: null}}, {b: {}, a: 1}));
	assert.ok(!sameValue({a: [1, 2]}, {a: [2, 1]}));
});

test('the patch adds a missing parent whole, replaces a present field, and removes only what is there', () => {
	const container: Container = {name: 'todoapi', image: 'todoapi:1.0', resources: {requests: {cpu: '100m'}}};
	const prefix = ['spec', 'template', 'spec', 'containers', '0'];
	assert.deepEqual(
		patchOps(prefix, container, [
			{path: ['resources', 'requests', 'memory'], seen: undefined, next: '64Mi', label: ''},
			{path: ['resources', 'limits', 'cpu'], seen: undefined, next: '1', label: ''},
			{path: ['livenessProbe'], seen: undefined, next: undefined, label: ''},
			{path: ['image'], seen: 'todoapi:1.0', next: 'todoapj:1.0', label: ''},
			{path: ['resources', 'requests', 'cpu'], seen: '100m', next: undefined, label: ''},
		]),
		[
			{op: 'add', path: '/spec/template/spec/containers/0/resources/requests/memory', value: '64Mi'},
			{op: 'add', path: '/spec/template/spec/containers/0/resources/limits', value: {cpu: '1'}},
			{op: 'add', path: '/spec/template/spec/containers/0/image', value: 'todoapj:1.0'},
			{op: 'remove', path: '/spec/template/spec/containers/0/resources/requests/cpu'},
		],
	);
	assert.deepEqual(patchOps([], {}, [{path: ['metadata', 'labels', 'a/b~c'], seen: undefined, next: 'x', label: ''}]), [{op: 'add', path: '/metadata', value: {labels: {'a/b~c': 'x'}}}]);
	assert.deepEqual(patchOps([], {metadata: {labels: {}}}, [{path: ['metadata', 'labels', 'a/b~c'], seen: undefined, next: 'x', label: ''}]), [{op: 'add', path: '/metadata/labels/a~1b~0c', value: 'x'}]);
});

test('managedFields name who wrote a field, most recent first', () => {
	const {managedFields} = managed.metadata;
	const container = managed.spec!.template!.spec!.containers[0]!.name;
	assert.equal(fieldManager(managedFields, containerFieldsPath(container, ['resources', 'requests', 'memory'])), 'kubectl-set');
	assert.equal(fieldManager(managedFields, containerFieldsPath(container, ['readinessProbe'])), 'kubectl-patch');
	assert.equal(fieldManager(managedFields, ['f:spec', 'f:replicas']), 'k8slab', 'an Update takes the field over from its creator');
	assert.equal(fieldManager(managedFields, containerFieldsPath('nope', ['image'])), undefined);
	assert.equal(fieldManager(undefined, ['f:spec']), undefined);
});

test('a conflict message says which field, old → new, and by whom', () => {
	const seen = todoapi();
	const [change] = resourceChanges({...seen, resources: {requests: {memory: '64Mi'}}}, {cpuRequest: '', memoryRequest: '256Mi', cpuLimit: '', memoryLimit: ''});
	assert.equal(describeConflicts([{change: change!, current: '128Mi', manager: 'kubectl-set'}]), 'memory request of todoapiv2 changed meanwhile: 64Mi → 128Mi (by kubectl-set)');
	assert.equal(
		describeConflicts([{change: {path: ['readinessProbe'], seen: undefined, next: undefined, label: 'readiness probe of todoapi'}, current: {httpGet: {path: '/', port: 8080}}}]),
		'readiness probe of todoapi changed meanwhile: none → {"httpGet":{"path":"/","port":8080}}',
	);
});
