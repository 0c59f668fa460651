import assert from 'node:assert/strict';
import {test} from 'node:test';
import {validateContainerName, validateQuantity, validateReplicas} from '../../source/model/index.js';

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
