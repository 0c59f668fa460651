import assert from 'node:assert/strict';
import {test} from 'node:test';
import {describeProbe, probeSummary} from '../../source/model/index.js';
import type {Container} from '../../source/model/types.js';

// As the API server returned them (defaults filled in), and what
// `kubectl describe deployment todoapi` (v1.32) printed for them on the sandbox.
const liveness = {failureThreshold: 3, httpGet: {path: '/', port: 8080, scheme: 'HTTP'}, initialDelaySeconds: 5, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1};
const readiness = {failureThreshold: 1, periodSeconds: 10, successThreshold: 1, tcpSocket: {port: 8080}, timeoutSeconds: 2};

test('describeProbe prints what kubectl describe prints', () => {
	assert.equal(describeProbe(liveness), 'http-get http://:8080/ delay=5s timeout=1s period=10s #success=1 #failure=3');
	assert.equal(describeProbe(readiness), 'tcp-socket :8080 delay=0s timeout=2s period=10s #success=1 #failure=1');
	assert.equal(describeProbe({exec: {command: ['cat', '/tmp/healthy']}}), 'exec [cat /tmp/healthy] delay=0s timeout=1s period=10s #success=1 #failure=3');
});

test('the pane summary leaves defaults out and says when both probes are the same or there is none', () => {
	const container = (probes: Partial<Container>): Container => ({name: 'todoapi', image: 'todoapi:1.0', ...probes});
	assert.equal(probeSummary(container({})), 'no liveness or readiness probe');
	assert.equal(probeSummary(container({livenessProbe: liveness, readinessProbe: liveness})), 'liveness, readiness http-get :8080/ delay=5s period=10s');
	assert.equal(probeSummary(container({livenessProbe: liveness, readinessProbe: readiness})), 'liveness http-get :8080/ delay=5s period=10s · readiness tcp-socket :8080 delay=0s timeout=2s period=10s #failure=1');
	assert.equal(probeSummary(container({readinessProbe: {...liveness, httpGet: {path: '/nope', port: 8080, scheme: 'HTTP'}, periodSeconds: 1}})), 'readiness http-get :8080/nope delay=5s period=1s');
});
