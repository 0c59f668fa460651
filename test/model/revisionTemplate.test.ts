import assert from 'node:assert/strict';
import {test} from 'node:test';
import {revisionTemplate} from '../../source/model/index.js';
import {stuckScaleCluster} from '../ui/fixtures.js';

test('revisionTemplate: the pod template of one revision, as kubectl rollout history --revision=N lists it', () => {
	const {deployments, replicaSets} = stuckScaleCluster();
	const deployment = deployments[0]!;
	const current = revisionTemplate(deployment, replicaSets, 3);
	assert.equal(current?.current, true);
	assert.deepEqual(
		current?.containers.map(c => c.name),
		['todoapiv2'],
	);
	const second = revisionTemplate(deployment, replicaSets, 2);
	assert.equal(second?.current, false);
	assert.equal(second?.changeCause, 'kubectl apply --filename=k8s/deployment.yaml --record=true');
	assert.match(second?.labels ?? '', /^app=todoapi,pod-template-hash=7c4b9d6f58$/);
	assert.deepEqual(Object.fromEntries(second?.containers[0]?.fields.map(f => [f.label, f.value]) ?? []), {
		Image: '123456789012.dkr.ecr.us-east-2.amazonaws.com/todoapi:1.0',
		Port: '8080/TCP',
		Requests: 'cpu: 500m, memory: 256Mi',
		Limits: '<none>',
		Liveness: 'http-get http://:8080/ delay=5s timeout=1s period=10s #success=1 #failure=3',
		Readiness: 'http-get http://:8080/ delay=5s timeout=1s period=10s #success=1 #failure=3',
	});
	assert.equal(revisionTemplate(deployment, replicaSets, 1)?.changeCause, '<none>');
	assert.equal(revisionTemplate(deployment, replicaSets, 9), undefined, 'no such revision');
});
