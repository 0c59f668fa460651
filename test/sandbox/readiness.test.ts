// `k8slab sandbox fail-readiness POD`: which pods the stages can make fail their
// readiness probe, and the kubectl command that does the same.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {kubectlEquivalent} from '../../source/model/readinessSwitch.js';
import {podReference, refusal} from '../../source/sandbox/readiness.js';
import {SandboxError} from '../../source/sandbox/sandbox.js';

const running = (readinessProbe?: object) => ({
	metadata: {name: 'todoapi-1', namespace: 'default'},
	spec: {containers: [{name: 'todoapi', image: 'todoapi:1.0', ...(readinessProbe ? {readinessProbe} : {})}]},
	status: {phase: 'Running'},
});

test('a pod is POD or NAMESPACE/POD; anything else is refused with the form', () => {
	assert.deepEqual(podReference('todoapi-1'), {namespace: 'default', name: 'todoapi-1'});
	assert.deepEqual(podReference('kube-system/coredns-1'), {namespace: 'kube-system', name: 'coredns-1'});
	assert.throws(
		() => podReference(undefined),
		(error: Error) => error instanceof SandboxError && /^name a pod: POD or NAMESPACE\/POD/.test(error.message),
	);
	assert.throws(() => podReference('a/b/c'), /"a\/b\/c" is not a pod name/);
	assert.throws(() => podReference('Todo'), /"Todo" is not a pod name/);
});

test('only a running todoapi pod with an HTTP readiness probe its app passes can be made to fail it', () => {
	assert.equal(refusal(running({httpGet: {path: '/', port: 8080}}), true), undefined);
	assert.match(refusal(running(), true)!, /has no HTTP readiness probe: a kubelet keeps a running container without one ready/);
	assert.match(refusal(running({httpGet: {path: '/nope', port: 8080}}), true)!, /readiness probe \(GET \/nope on port 8080\) already fails on every pod of its template$/);
	assert.match(refusal({...running({httpGet: {path: '/', port: 8080}}), status: {phase: 'Pending'}}, true)!, /is Pending, not Running/);
	assert.match(refusal({...running({httpGet: {path: '/', port: 8080}}), metadata: {name: 'x', namespace: 'default', deletionTimestamp: '2026-12-02T07:00:00Z'}}, true)!, /is terminating/);
});

test('the kubectl command that does the same sets or removes the annotation the stages read', () => {
	assert.equal(kubectlEquivalent({namespace: 'default', name: 'todoapi-1'}, true), 'kubectl annotate pod todoapi-1 -n default k8slab.sandbox/fail-readiness=true --overwrite');
	assert.equal(kubectlEquivalent({namespace: 'default', name: 'todoapi-1'}, false), 'kubectl annotate pod todoapi-1 -n default k8slab.sandbox/fail-readiness-');
});
