// Kind names resolved and completed against discovery documents captured from
// the sandbox (kube-apiserver v1.34 with a Widget CRD served in v1 and v1beta1).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {test} from 'node:test';
import {collectionPath, legacyGroupVersions, resourcesFromAggregated, resourcesFromResourceList} from '../../source/kube/discovery.js';
import {completeKind, editDistance, qualifiedName, resolveKind, type ApiResource} from '../../source/model/kinds.js';

const fixture = (name: string) => JSON.parse(fs.readFileSync(new URL(`../../../test/fixtures/discovery/${name}`, import.meta.url), 'utf8'));

const aggregated: ApiResource[] = [...resourcesFromAggregated(fixture('aggregated-api.json')), ...resourcesFromAggregated(fixture('aggregated-apis.json'))];

function legacyResources(): ApiResource[] {
	const documents = fixture('legacy.json') as Record<string, unknown>;
	return legacyGroupVersions(documents['/api'], documents['/apis']).flatMap(({group, version, path}) => resourcesFromResourceList(group, version, documents[path]));
}

const suggested = (typed: string) => {
	const result = resolveKind(aggregated, typed);
	assert.ok(result.error, `${typed} is unknown`);
	return result.suggestions;
};

const resolved = (typed: string) => {
	const result = resolveKind(aggregated, typed);
	assert.ok(result.resource, `${typed}: ${result.error}`);
	return qualifiedName(result.resource);
};

test('the aggregated and the legacy discovery documents give the same resources, in the same order', () => {
	const legacy = legacyResources();
	assert.ok(aggregated.length > 50, `${aggregated.length} resources`);
	assert.deepEqual(
		legacy.map(r => ({...r, verbs: [...r.verbs].sort()})),
		aggregated.map(r => ({...r, verbs: [...r.verbs].sort()})),
	);
});

test('discovery keeps each group preferred version, no subresources, core first', () => {
	assert.equal(aggregated[0]!.group, '', 'core first');
	const widgets = aggregated.filter(r => r.resource === 'widgets');
	assert.equal(widgets.length, 1, 'one version of the Widget CRD');
	assert.deepEqual(widgets[0], {
		group: 'lab.k8slab.dev',
		version: 'v1',
		resource: 'widgets',
		kind: 'Widget',
		singular: 'widget',
		shortNames: ['wd'],
		namespaced: true,
		verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'],
		categories: ['lab'],
	});
	assert.ok(!aggregated.some(r => r.resource.includes('/')), 'no pods/log, deployments/scale…');
	const pods = aggregated.find(r => r.resource === 'pods')!;
	assert.deepEqual([pods.group, pods.version, pods.kind, pods.singular, pods.shortNames, pods.namespaced], ['', 'v1', 'Pod', 'pod', ['po'], true]);
	assert.equal(aggregated.find(r => r.resource === 'nodes')!.namespaced, false);
});

test('the names kubectl users type resolve to the same resources as with kubectl get', () => {
	const expected: Record<string, string> = {
		po: 'pods',
		pods: 'pods',
		pod: 'pods',
		Pod: 'pods',
		PODS: 'pods',
		svc: 'services',
		deploy: 'deployments.apps',
		cm: 'configmaps',
		ep: 'endpoints',
		crd: 'customresourcedefinitions.apiextensions.k8s.io',
		crds: 'customresourcedefinitions.apiextensions.k8s.io',
		ns: 'namespaces',
		hpa: 'horizontalpodautoscalers.autoscaling',
		pvc: 'persistentvolumeclaims',
		ing: 'ingresses.networking.k8s.io',
		cj: 'cronjobs.batch',
		ds: 'daemonsets.apps',
		sts: 'statefulsets.apps',
		rs: 'replicasets.apps',
		no: 'nodes',
		ev: 'events',
		// Core before events.k8s.io, as kubectl's priority has it; qualified, the other one.
		events: 'events',
		'events.events.k8s.io': 'events.events.k8s.io',
		'ev.events.k8s.io': 'events.events.k8s.io',
		ConfigMap: 'configmaps',
		endpointslices: 'endpointslices.discovery.k8s.io',
		'deployments.apps': 'deployments.apps',
		'deploy.apps': 'deployments.apps',
		'deployments.v1.apps': 'deployments.apps',
		'Deployment.apps': 'deployments.apps',
		wd: 'widgets.lab.k8slab.dev',
		Widget: 'widgets.lab.k8slab.dev',
		'widgets.lab.k8slab.dev': 'widgets.lab.k8slab.dev',
		'widgets.v1.lab.k8slab.dev': 'widgets.lab.k8slab.dev',
		' svc ': 'services',
	};
	for (const [typed, name] of Object.entries(expected)) assert.equal(resolved(typed), name, typed);
});

test('an exact resource name beats another resource short name, as in kubectl (kubernetes#58861)', () => {
	const clash: ApiResource = {group: 'example.com', version: 'v1', resource: 'podsets', kind: 'PodSet', singular: 'podset', shortNames: ['pods'], namespaced: true, verbs: ['list', 'watch'], categories: []};
	const result = resolveKind([...aggregated, clash], 'pods');
	assert.equal(result.resource?.group, '');
});

test('an unknown kind is refused with kubectl words and the closest names', () => {
	const typo = resolveKind(aggregated, 'deploymnt');
	assert.equal(typo.error, 'the server doesn\'t have a resource type "deploymnt"');
	assert.equal(typo.suggestions?.[0], 'deployment');
	assert.equal(suggested('sercives')[0], 'services');
	assert.ok(suggested('confimap').includes('configmap'));
	const nothing = resolveKind(aggregated, 'zzzzqqqq');
	assert.ok(nothing.error);
	assert.deepEqual(nothing.suggestions, []);
	assert.equal(resolveKind(aggregated, '').error, 'no resource type given');
	// A resource of another group, or a version the server does not prefer, is not made up.
	assert.ok(resolveKind(aggregated, 'deployments.batch').error);
	assert.ok(resolveKind(aggregated, 'widgets.v9.lab.k8slab.dev').error);
});

test('a resource that cannot be listed is named as such, not shown empty', () => {
	const bindings = resolveKind(aggregated, 'bindings');
	assert.equal(bindings.error, 'bindings cannot be listed (the server allows only: create)');
	assert.match(resolveKind(aggregated, 'tokenreviews').error ?? '', /cannot be listed/);
});

test('completion offers plural, singular and short names of listable kinds, sorted', () => {
	assert.deepEqual(completeKind(aggregated, 'dep'), ['deploy', 'deployment', 'deployments']);
	assert.deepEqual(completeKind(aggregated, 'Svc'), ['svc']);
	assert.deepEqual(completeKind(aggregated, 'wid'), ['widget', 'widgets']);
	const po = completeKind(aggregated, 'po');
	for (const name of ['po', 'pod', 'pods', 'poddisruptionbudgets', 'podtemplates']) assert.ok(po.includes(name), name);
	assert.deepEqual(po, [...po].sort());
	assert.deepEqual(completeKind(aggregated, 'bind'), [], 'bindings cannot be listed');
	assert.deepEqual(completeKind(aggregated, 'widgets.'), ['widgets.lab.k8slab.dev']);
	assert.ok(completeKind(aggregated, '').length > 100);
});

test('edit distance', () => {
	assert.equal(editDistance('svc', 'svc'), 0);
	assert.equal(editDistance('deploymnt', 'deployment'), 1);
	assert.equal(editDistance('', 'abc'), 3);
	assert.equal(editDistance('kitten', 'sitting'), 3);
});

test('collection paths, namespaced or across namespaces, core or grouped', () => {
	const find = (name: string) => resolveKind(aggregated, name).resource!;
	assert.equal(collectionPath(find('po'), 'default'), '/api/v1/namespaces/default/pods');
	assert.equal(collectionPath(find('po'), ''), '/api/v1/pods');
	assert.equal(collectionPath(find('deploy'), 'team a'), '/apis/apps/v1/namespaces/team%20a/deployments');
	assert.equal(collectionPath(find('no'), 'default'), '/api/v1/nodes', 'cluster-scoped ignores the namespace');
	assert.equal(collectionPath(find('crd'), 'default'), '/apis/apiextensions.k8s.io/v1/customresourcedefinitions');
	assert.equal(collectionPath(find('wd'), ''), '/apis/lab.k8slab.dev/v1/widgets');
});

test('a stale group version (its aggregated API server down) is left out', () => {
	const document = fixture('aggregated-apis.json');
	const widgets = document.items.find((group: any) => group.metadata.name === 'lab.k8slab.dev');
	widgets.versions[0].freshness = 'Stale';
	const fromStale = resourcesFromAggregated(document).filter(r => r.resource === 'widgets');
	assert.deepEqual(
		fromStale.map(r => r.version),
		['v1beta1'],
	);
});
