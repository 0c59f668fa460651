// What the user reads when the API says no: the server's own words, and
// never a credential.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {ApiError, messageOf, networkError, scrub, statusError} from '../../source/kube/errors.js';

test('a Status body gives its message, status and reason', () => {
	const error = statusError(
		403,
		{kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'deployments.apps "todoapi" is forbidden: User "lab-viewer" cannot patch resource "deployments/scale" in API group "apps" in the namespace "default"', reason: 'Forbidden', code: 403},
		'PATCH /apis/apps/v1/namespaces/default/deployments/todoapi/scale',
	);
	assert.equal(error.message, 'deployments.apps "todoapi" is forbidden: User "lab-viewer" cannot patch resource "deployments/scale" in API group "apps" in the namespace "default"');
	assert.ok(error.forbidden);
	assert.equal(error.reason, 'Forbidden');
});

test('410 Gone and an Expired reason both count as an expired watch', () => {
	assert.ok(statusError(410, {kind: 'Status', reason: 'Expired', message: 'too old resource version: 1 (250)', code: 410}, 'watch').expired);
	assert.ok(new ApiError('The resourceVersion for the provided watch is too old.', 0, 'Expired').expired);
	assert.ok(!new ApiError('conflict', 409, 'Conflict').expired);
});

test('a body that is not a Status still gives a readable message', () => {
	assert.equal(statusError(502, '<html>bad gateway</html>', 'GET /api/v1/pods').message, 'GET /api/v1/pods: <html>bad gateway</html>');
	assert.equal(statusError(500, '', 'GET /version').message, 'GET /version: HTTP 500');
});

test('network failures are worded as what to check', () => {
	const refused = networkError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), {code: 'ECONNREFUSED'}), 'https://127.0.0.1:6443');
	assert.equal(refused.message, 'cannot reach the API server at https://127.0.0.1:6443 (connection refused)');
	assert.equal(refused.status, 0);
	const untrusted = networkError(Object.assign(new Error('unable to verify the first certificate'), {code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'}), 'https://k8s.example');
	assert.match(untrusted.message, /certificate the kubeconfig's CA does not trust/);
});

test('credentials are scrubbed from any message', () => {
	assert.equal(scrub('Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.payload.sig failed'), 'Authorization: Bearer [redacted] failed');
	assert.equal(scrub('token=abc123 rejected'), 'token=[redacted] rejected');
	assert.equal(scrub('got k8s-aws-v1.aHR0cHM6Ly9zdHMuYW1hem9uYXdzLmNvbS8 back'), 'got [redacted] back');
	assert.equal(scrub('key -----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY----- here'), 'key [redacted] here');
	assert.equal(messageOf(new Error('password: hunter2')), 'password: [redacted]');
});

test("a failing /readyz names its failing checks, from the server's own answer", () => {
	// kube-apiserver v1.34.4's answer with etcd stopped (the sandbox's), abridged to a few of its 33 passing checks.
	const body = [
		'[+]ping ok',
		'[+]log ok',
		'[-]etcd failed: reason withheld',
		'[-]etcd-readiness failed: reason withheld',
		'[+]informer-sync ok',
		'[+]poststarthook/start-apiserver-admission-initializer ok',
		'[+]poststarthook/rbac/bootstrap-roles ok',
		'[+]shutdown ok',
		'readyz check failed',
	].join('\n');
	const error = statusError(500, body, 'GET /readyz');
	assert.equal(error.message, 'GET /readyz: etcd, etcd-readiness failed');
	assert.equal(error.status, 500);
});
