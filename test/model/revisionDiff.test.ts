import assert from 'node:assert/strict';
import {test} from 'node:test';
import {revisionDiff} from '../../source/model/index.js';
import type {PodTemplateSpec, ReplicaSet} from '../../source/model/types.js';
import {clone, loadJson} from './fixtures.js';

const captured = (name: string) => loadJson<{replicaSets: ReplicaSet[]}>(`captured/${name}.json`).replicaSets;
const byRevision = (replicaSets: ReplicaSet[], revision: number): PodTemplateSpec => replicaSets.find(rs => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === String(revision))!.spec!.template!;
const lab = loadJson<{items: ReplicaSet[]}>('todoapi-replicasets.json').items;

test('a rename, from the captured lab: undoing revision 2 (todoapiv2) back to 3 (todoapi)', () => {
	const undone = captured('undone');
	assert.deepEqual(revisionDiff(byRevision(undone, 3), byRevision(undone, 2)), ['container todoapiv2 → todoapi']);
	assert.deepEqual(revisionDiff(byRevision(undone, 2), byRevision(undone, 3)), ['container todoapi → todoapiv2']);
});

test('the misspelled image an undo would bring back', () => {
	const current = byRevision(captured('failures'), 3);
	const bad = clone(current);
	bad.spec!.containers[0]!.image = 'todoapj:1.0';
	assert.deepEqual(revisionDiff(bad, current), ['image todoapi:1.0 → todoapj:1.0']);
});

test('requests and probes, from the lab history: revision 2 had requests, revision 4 renamed the container', () => {
	assert.deepEqual(revisionDiff(byRevision(lab, 2), byRevision(lab, 4)), ['container todoapiv2 → todoapi', 'cpu request none → 250m', 'memory request none → 128Mi']);
	const noProbes = clone(byRevision(lab, 3));
	delete noProbes.spec!.containers[0]!.livenessProbe;
	delete noProbes.spec!.containers[0]!.readinessProbe;
	assert.deepEqual(revisionDiff(noProbes, byRevision(lab, 3)), ['liveness http-get :8080/ delay=5s period=10s → none', 'readiness http-get :8080/ delay=5s period=10s → none']);
	const failing = clone(byRevision(lab, 3));
	failing.spec!.containers[0]!.livenessProbe!.httpGet!.path = '/nope';
	assert.deepEqual(revisionDiff(failing, byRevision(lab, 3)), ['liveness http-get :8080/ delay=5s period=10s → http-get :8080/nope delay=5s period=10s']);
});

test('the same template: nothing to show; added and removed containers name the container', () => {
	assert.deepEqual(revisionDiff(byRevision(lab, 3), clone(byRevision(lab, 3))), []);
	const two = clone(byRevision(lab, 3));
	two.spec!.containers.push({name: 'sidecar', image: 'busybox:1.36'});
	assert.deepEqual(revisionDiff(two, byRevision(lab, 3)), ['container sidecar added (image busybox:1.36)']);
	assert.deepEqual(revisionDiff(byRevision(lab, 3), two), ['container sidecar removed']);
	const renamedImage = clone(two);
	renamedImage.spec!.containers[0]!.image = 'todoapi:2.0';
	assert.deepEqual(revisionDiff(renamedImage, two), ['todoapi: image usld/todoapi:0.1.0 → todoapi:2.0'], 'with more than one container, lines name theirs');
	assert.deepEqual(revisionDiff(undefined, undefined), []);
});
