// An object picked in any pane is addressed as kubectl addresses it.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {labResources, objectLabel, objectPath} from '../../source/model/objectRef.js';

test('a namespaced object of the core group is under /api/v1/namespaces', () => {
	const ref = {resource: labResources.pods, namespace: 'default', name: 'todoapi-69c6bc8558-7m8tr'};
	assert.equal(objectPath(ref), '/api/v1/namespaces/default/pods/todoapi-69c6bc8558-7m8tr');
	assert.equal(objectLabel(ref), 'pod/todoapi-69c6bc8558-7m8tr');
});

test('a named group is under /apis, and a cluster-scoped object has no namespace in its path', () => {
	assert.equal(objectPath({resource: labResources.deployments, namespace: 'default', name: 'todoapi'}), '/apis/apps/v1/namespaces/default/deployments/todoapi');
	assert.equal(objectPath({resource: labResources.nodes, namespace: '', name: 'ip-192-168-12-35'}), '/api/v1/nodes/ip-192-168-12-35');
});

test('names are escaped in the path', () => {
	assert.equal(objectPath({resource: labResources.events, namespace: 'default', name: 'a b'}), '/api/v1/namespaces/default/events/a%20b');
});
