import assert from 'node:assert/strict';
import {test} from 'node:test';
import {validateContainerName, validateHttpProbe, validateImage, validateNodeGroupSize, validateQuantity, validateReplicas, type ProbeInput, type Validation} from '../../source/model/index.js';

function error<T>(result: Validation<T>): string {
	assert.equal(result.ok, false, 'expected a refusal');
	return result.ok ? '' : result.error;
}

test('replicas: whole numbers from 0 to 1000', () => {
	assert.deepEqual(validateReplicas('5'), {ok: true, value: 5});
	assert.deepEqual(validateReplicas(' 0 '), {ok: true, value: 0});
	assert.deepEqual(validateReplicas('1000'), {ok: true, value: 1000});
	assert.deepEqual(validateReplicas('abc'), {ok: false, error: 'replicas must be a whole number from 0 to 1000, not "abc"'});
	for (const bad of ['1001', '-1', '2.5', '', '1e2', '0x10']) assert.equal(validateReplicas(bad).ok, false, bad);
});

test('cpu quantities', () => {
	for (const good of ['250m', '0.5', '1', '2', '100m']) assert.deepEqual(validateQuantity(good, 'cpu'), {ok: true, value: good});
	assert.deepEqual(validateQuantity('12x', 'cpu'), {ok: false, error: '"12x" is not a valid cpu quantity (try 250m or 0.5)'});
	assert.deepEqual(validateQuantity('-1', 'cpu'), {ok: false, error: 'cpu must not be negative, not "-1" (try 250m or 0.5)'});
});

test('memory quantities', () => {
	for (const good of ['128Mi', '1Gi', '512M', '1e9', '70Mi']) assert.deepEqual(validateQuantity(good, 'memory'), {ok: true, value: good});
	assert.deepEqual(validateQuantity('1e100', 'cpu'), {ok: false, error: '"1e100" is too large: Kubernetes counts cpu in millicores as a 64-bit number, at most 9223372036854775807m (try 250m or 0.5)'});
	assert.deepEqual(validateQuantity('9Ei', 'memory'), {ok: false, error: '"9Ei" is too large: Kubernetes counts memory in bytes as a 64-bit number, at most 8Ei (try 128Mi or 1Gi)'});
	assert.deepEqual(validateQuantity('4Ei', 'memory'), {ok: true, value: '4Ei'});
	assert.deepEqual(validateQuantity('1000000', 'cpu'), {ok: true, value: '1000000'});
	assert.deepEqual(validateQuantity('12x', 'memory'), {ok: false, error: '"12x" is not a valid memory quantity (try 128Mi or 1Gi)'});
	assert.deepEqual(validateQuantity('128MB', 'memory'), {ok: false, error: '"128MB" is not a valid memory quantity (try 128Mi or 1Gi)'});
	assert.deepEqual(validateQuantity('128m', 'memory'), {ok: false, error: '"128m" is a fraction of a byte; memory is written like 128Mi or 1Gi'});
});

test('empty means "no request" only when allowed', () => {
	assert.deepEqual(validateQuantity('', 'cpu', {allowEmpty: true}), {ok: true, value: ''});
	assert.deepEqual(validateQuantity('  ', 'memory', {allowEmpty: true}), {ok: true, value: ''});
	assert.deepEqual(validateQuantity('', 'memory', {allowEmpty: false}), {ok: false, error: 'a memory quantity is required (try 128Mi or 1Gi)'});
	assert.deepEqual(validateQuantity(' 250m ', 'cpu'), {ok: true, value: '250m'});
});

test('container names are DNS-1123 labels', () => {
	assert.deepEqual(validateContainerName('todoapiv2', ['sidecar']), {ok: true, value: 'todoapiv2'});
	assert.deepEqual(validateContainerName('a', []), {ok: true, value: 'a'});
	assert.deepEqual(validateContainerName('todo-api-2', []), {ok: true, value: 'todo-api-2'});
	const expected =
		"\"TodoAPI\" is not a valid container name: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
	assert.deepEqual(validateContainerName('TodoAPI', []), {ok: false, error: expected});
	for (const bad of ['-todo', 'todo-', 'todo_api', 'todo.api', 'tödo', 'todo api']) {
		const result = validateContainerName(bad, []);
		assert.equal(result.ok, false, bad);
		if (!result.ok) assert.match(result.error, /a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character/);
	}
});

test('container names: length, emptiness and duplicates', () => {
	assert.equal(validateContainerName('a'.repeat(63), []).ok, true);
	assert.deepEqual(validateContainerName('a'.repeat(64), []), {ok: false, error: `"${'a'.repeat(64)}" is not a valid container name: must be no more than 63 characters`});
	assert.deepEqual(validateContainerName('', []), {ok: false, error: 'container name must not be empty'});
	assert.deepEqual(validateContainerName('sidecar', ['sidecar']), {ok: false, error: 'another container in this pod is already named "sidecar"'});
});

test('image references: well-formed names pass (misspelled or not), malformed ones say why', () => {
	for (const image of ['todoapi:1.0', 'todoapj:1.0', 'usld/todoapi:0.1.0', '123456789012.dkr.ecr.us-east-2.amazonaws.com/todoapi:1.0', 'localhost:5000/a/b_c__d-e:v1', `nginx@sha256:${'a'.repeat(64)}`]) {
		assert.deepEqual(validateImage(` ${image} `), {ok: true, value: image}, image);
	}

	assert.deepEqual(validateImage(''), {ok: false, error: 'image must not be empty (e.g. todoapi:1.0 or public.ecr.aws/nginx/nginx:1.27)'});
	assert.match(error(validateImage('todo api:1.0')), /"todo api:1\.0" is not a valid image reference: it contains spaces/);
	assert.match(error(validateImage('Todoapi:1.0')), /repository names must be lowercase/);
	assert.match(error(validateImage('todoapi::1.0')), /expected \[registry\/\]name\[:tag\]\[@digest\]/);
	assert.match(error(validateImage('todoapi:')), /not a valid image reference/);
});

test('node group size: a whole number from 1 to 50', () => {
	assert.deepEqual(validateNodeGroupSize(' 4 '), {ok: true, value: 4});
	assert.deepEqual(validateNodeGroupSize('50'), {ok: true, value: 50});
	for (const text of ['0', '51', '-1', '2.5', 'four', '']) {
		assert.match(error(validateNodeGroupSize(text)), /desired size must be a whole number from 1 to 50/, text);
	}
});

const probe = (overrides: Partial<ProbeInput> = {}): ProbeInput => ({path: '/', port: '8080', initialDelaySeconds: '', periodSeconds: '', failureThreshold: '', ...overrides});

test('httpGet probes: an empty path is no probe; numbers are optional; ports by number or declared name', () => {
	assert.deepEqual(validateHttpProbe(probe({path: ''})), {errors: {}});
	assert.deepEqual(validateHttpProbe(probe()), {value: {path: '/', port: 8080}, errors: {}});
	assert.deepEqual(validateHttpProbe(probe({path: '/healthz', initialDelaySeconds: '5', periodSeconds: '2', failureThreshold: '1'})), {
		value: {path: '/healthz', port: 8080, initialDelaySeconds: 5, periodSeconds: 2, failureThreshold: 1},
		errors: {},
	});
	const ports = [{name: 'http', containerPort: 8080}];
	assert.deepEqual(validateHttpProbe(probe({port: 'http'}), ports).value, {path: '/', port: 'http'});
	assert.deepEqual(validateHttpProbe(probe({port: 'htp'}), ports).errors, {port: 'the container has no port named "htp"; it has http (8080)'});
	assert.deepEqual(validateHttpProbe(probe({port: ''}), []).errors, {port: 'a port is required (it declares none)'});
	const bad = validateHttpProbe(probe({path: 'healthz', port: '70000', initialDelaySeconds: '-1', periodSeconds: '0', failureThreshold: 'x'}));
	assert.equal(bad.value, undefined);
	assert.deepEqual(Object.keys(bad.errors).sort(), ['failureThreshold', 'initialDelaySeconds', 'path', 'periodSeconds', 'port']);
	assert.match(bad.errors.path ?? '', /path must start with \//);
	assert.equal(bad.errors.port, 'port must be from 1 to 65535, not 70000');
	assert.match(bad.errors.periodSeconds ?? '', /period must be a whole number from 1 to 3600, or empty for the default, not "0"/);
});
