// What the user reads when the API says no: the server's own words, and
// never a credential.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {ApiError, messageOf, networkError, pluginOutput, scrub, statusError, withIdentity} from '../../source/kube/errors.js';

test('a Status body gives its message, status and reason', () => {
	const error = statusError(
		403,
		{
			kind: 'Status',
			apiVersion: 'v1',
			status: 'Failure',
			message: 'deployments.apps "todoapi" is forbidden: User "lab-viewer" cannot patch resource "deployments/scale" in API group "apps" in the namespace "default"',
			reason: 'Forbidden',
			code: 403,
		},
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

test('token-shaped strings are redacted wherever they appear; Kubernetes names are not', () => {
	assert.equal(scrub('id token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJsYWIifQ.c2lnbmF0dXJl expired'), 'id token [redacted] expired');
	assert.equal(scrub('{"token":"abc.def-123"}'), '{"token":"[redacted]"}');
	assert.equal(scrub('key AKIAIOSFODNN7EXAMPLEwJalrXUtnFEMI2K7MDENG is wrong'), 'key [redacted] is wrong');
	assert.equal(scrub('hash 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 seen'), 'hash [redacted] seen');
	const names = 'pod todoapi-7d4b9c8f6d-x2x9k-with-a-long-name-indeed in namespace default, uid 0b6f3f0e-8c2d-4a0e-9b1f-3c1d2e4f5a6b';
	assert.equal(scrub(names), names);
});

test("a plugin's stderr becomes one short line: no escapes or control characters, its last lines, tokens redacted", () => {
	const raw = '\u001b[1;31merror:\u001b[0m \u001b]8;;https://evil\u0007link\u001b]8;;\u0007 \u0007bell\r\nA\nB\n\n\tC\u0008\nD\nE\nF has eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcd\n';
	assert.equal(pluginOutput(raw), '… B | C | D | E | F has [redacted]');
	assert.equal(pluginOutput('\u001b[31merror:\u001b[0m SSO session expired\n'), 'error: SSO session expired');
	const long = pluginOutput('x'.repeat(20_000));
	assert.equal(long.length, 500);
	assert.equal(pluginOutput(''), '');
});

test('401 and 403 name the context, user and server', () => {
	const who = {context: 'lab-eks', user: 'lab-eks-admin', server: 'https://127.0.0.1:6443'};
	const unauthorized = withIdentity(statusError(401, {kind: 'Status', message: 'Unauthorized', reason: 'Unauthorized', code: 401}, 'GET /version'), who);
	assert.equal(unauthorized.message, 'Unauthorized: context lab-eks, user lab-eks-admin, server https://127.0.0.1:6443');
	assert.equal(unauthorized.status, 401);
	const forbidden = withIdentity(statusError(403, {kind: 'Status', message: 'nodes is forbidden: User "lab-viewer" cannot list resource "nodes"', reason: 'Forbidden', code: 403}, 'GET /api/v1/nodes'), who);
	assert.equal(forbidden.message, 'nodes is forbidden: User "lab-viewer" cannot list resource "nodes" (context lab-eks, user lab-eks-admin, server https://127.0.0.1:6443)');
	assert.ok(forbidden.forbidden);
	const other = statusError(404, {message: 'not found'}, 'GET /x');
	assert.equal(withIdentity(other, who), other);
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
