// Any kind, on a real sandbox: discovery finds what kubectl finds (a CRD
// included), and kinds are listed and watched in the Table form, with the
// server's columns, kept live by the watch, refused by RBAC in place, listed
// once when they cannot be watched, and reported gone when their CRD is deleted.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {setTimeout as sleep} from 'node:timers/promises';
import type {KubeClient} from '../../source/kube/client.js';
import {connect, resolveConfig} from '../../source/kube/config.js';
import {discoverResources, kindInformer} from '../../source/kube/discovery.js';
import {ClusterStore} from '../../source/kube/store.js';
import {labKinds, type KindDeclaration} from '../../source/kinds/index.js';
import type {Informer} from '../../source/kube/informer.js';
import {canWatch, qualifiedName, resolveKind, type ApiResource} from '../../source/model/kinds.js';
import {tableView, type TableRow} from '../../source/model/table.js';
import {eventually, testSandbox, type TestSandbox} from './sandbox-harness.js';

let sandbox: TestSandbox;
let admin: KubeClient;
let resources: ApiResource[];
const informers: Informer[] = [];

const widgetsCrd = {
	apiVersion: 'apiextensions.k8s.io/v1',
	kind: 'CustomResourceDefinition',
	metadata: {name: 'widgets.lab.k8slab.dev'},
	spec: {
		group: 'lab.k8slab.dev',
		scope: 'Namespaced',
		names: {plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wd']},
		versions: [
			{
				name: 'v1',
				served: true,
				storage: true,
				schema: {openAPIV3Schema: {type: 'object', 'x-kubernetes-preserve-unknown-fields': true}},
				additionalPrinterColumns: [
					{name: 'Color', type: 'string', jsonPath: '.spec.color'},
					{name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp'},
				],
			},
		],
	},
};

function resource(typed: string): ApiResource {
	const resolved = resolveKind(resources, typed);
	assert.ok(resolved.resource, `${typed}: ${resolved.error}`);
	return resolved.resource;
}

function watched(client: KubeClient, typed: string, namespace: string): Informer {
	const informer = kindInformer(client, resource(typed), {namespace, onChange: () => {}});
	informers.push(informer);
	informer.start();
	return informer;
}

const createWidget = (name: string, namespace: string, color: string) =>
	admin.request('POST', `/apis/lab.k8slab.dev/v1/namespaces/${namespace}/widgets`, {body: {apiVersion: 'lab.k8slab.dev/v1', kind: 'Widget', metadata: {name, namespace}, spec: {color}}});

const names = (informer: Informer) => [...(informer.objects.values() as Iterable<TableRow>)].map(row => row.metadata.name).sort();
const settled = (informer: Informer) => eventually(`${informer.sync.namespace} listed`, async () => (informer.sync.state === 'connecting' ? undefined : informer.sync));

before(async () => {
	sandbox = await testSandbox();
	admin = connect(resolveConfig({kubeconfig: sandbox.kubeconfigPath})).client;
	await admin.request('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {body: widgetsCrd});
	// A CRD shows in discovery once it is Established.
	resources = await eventually('the Widget CRD in discovery', async () => {
		const found = await discoverResources(admin);
		return found.some(r => r.resource === 'widgets') ? found : undefined;
	});
});

after(async () => {
	for (const informer of informers) informer.stop();
	await sandbox?.close();
});

test('discovery finds what kubectl api-resources finds, the CRD included, each under the name kubectl resolves', async () => {
	const kubectlNames = (await sandbox.kubectl('api-resources', '--no-headers', '-o', 'name')).trim().split('\n').sort();
	assert.deepEqual(resources.map(qualifiedName).sort(), kubectlNames);
	for (const [typed, name] of [
		['svc', 'services'],
		['cm', 'configmaps'],
		['crd', 'customresourcedefinitions.apiextensions.k8s.io'],
		['deploy', 'deployments.apps'],
		['wd', 'widgets.lab.k8slab.dev'],
	] as const) {
		assert.equal(qualifiedName(resource(typed)), name, typed);
	}
	// The sandbox runs kwok with its stages as a config file; its one CRD is Logs, which the simulated containers' logs need (ClusterExec and the rest stay off).
	const crds = await sandbox.api.list('/apis/apiextensions.k8s.io/v1/customresourcedefinitions');
	assert.deepEqual(crds.map(crd => crd.metadata.name).sort(), ['logs.kwok.x-k8s.io', 'widgets.lab.k8slab.dev']);
});

test('services and configmaps in the Table form: kubectl columns, and a ConfigMap created and deleted shows up live', async () => {
	const services = watched(admin, 'svc', 'default');
	const configMaps = watched(admin, 'cm', 'default');
	await settled(services);
	await settled(configMaps);
	assert.equal(services.sync.state, 'synced');
	assert.ok(names(services).includes('todoapi'), names(services).join(', '));
	const serviceView = tableView(services.columns, services.objects.values(), {allNamespaces: false, now: Date.now()});
	assert.deepEqual(
		serviceView.columns.map(c => c.header),
		['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
	);
	assert.deepEqual(serviceView.rows.find(row => row.name === 'todoapi')?.cells.slice(1, 2), ['ClusterIP']);
	assert.ok(names(configMaps).includes('kube-root-ca.crt'));
	assert.deepEqual(
		configMaps.columns.map(c => c.name),
		['Name', 'Data', 'Age'],
	);

	await sandbox.kubectl('create', 'configmap', 'created-live', '-n', 'default', '--from-literal=a=1', '--from-literal=b=2');
	await eventually('the new ConfigMap in the table', async () => (names(configMaps).includes('created-live') ? true : undefined), 10_000);
	const row = tableView(configMaps.columns, configMaps.objects.values(), {allNamespaces: false, now: Date.now()}).rows.find(r => r.name === 'created-live');
	assert.equal(row?.cells[1], '2', 'DATA counts its two keys');
	await sandbox.kubectl('delete', 'configmap', 'created-live', '-n', 'default');
	await eventually('the ConfigMap gone from the table', async () => (names(configMaps).includes('created-live') ? undefined : true), 10_000);
	assert.equal(configMaps.stats.lists, 1, 'both came through the watch, not a relist');
	assert.equal(configMaps.sync.state, 'synced');
});

test('a kind the user may not list shows the server refusal in place', async () => {
	const viewer = connect(resolveConfig({kubeconfig: sandbox.kubeconfigPath, context: 'lab-viewer'})).client;
	const secrets = watched(viewer, 'secrets', 'default');
	const sync = await settled(secrets);
	assert.equal(sync.state, 'forbidden');
	assert.match(sync.message ?? '', /secrets is forbidden: User "lab-viewer" cannot list resource "secrets"/);
	// What the viewer may read still lists.
	const configMaps = watched(viewer, 'cm', 'default');
	assert.equal((await settled(configMaps)).state, 'synced');
});

test('a kind that cannot be watched is listed once and marked not live', async () => {
	const componentStatuses = resource('cs');
	assert.ok(!canWatch(componentStatuses), `componentstatuses verbs: ${componentStatuses.verbs.join(', ')}`);
	const informer = watched(admin, 'cs', 'default');
	const sync = await settled(informer);
	assert.equal(sync.state, 'synced');
	assert.equal(sync.live, false);
	assert.match(sync.message ?? '', /cannot be watched/);
	assert.ok(names(informer).includes('etcd-0'), names(informer).join(', '));
});

test('a CRD deleted while its kind is watched: the objects go, then the kind is reported no longer served', async () => {
	await createWidget('blue-one', 'default', 'blue');
	const widgets = watched(admin, 'wd', '');
	await settled(widgets);
	assert.deepEqual(names(widgets), ['blue-one']);
	assert.deepEqual(
		widgets.columns.map(c => c.name),
		['Name', 'Color', 'Age'],
	);
	await createWidget('red-two', 'kube-system', 'red');
	await eventually('the second widget through the watch', async () => (names(widgets).length === 2 ? true : undefined), 10_000);

	await sandbox.kubectl('delete', 'crd', 'widgets.lab.k8slab.dev', '--wait=false');
	const sync = await eventually('the kind reported gone', async () => (widgets.sync.state === 'gone' ? widgets.sync : undefined), 20_000);
	assert.equal(sync.message, 'the server no longer serves widgets.lab.k8slab.dev');
	assert.equal(widgets.objects.size, 0);
	// Not an outage: it stays gone, it is not retried in a loop.
	const failures = widgets.stats.failures;
	await sleep(1500);
	assert.equal(widgets.sync.state, 'gone');
	assert.equal(widgets.stats.failures, failures);
});

test('a kind declared only here is watched by the store and published in the snapshot under its id', async () => {
	const configmaps: KindDeclaration = {id: 'configmaps', groupVersionPath: '/api/v1', plural: 'configmaps', watch: 'focusedNamespace'};
	const store = new ClusterStore(admin, {namespace: 'default', kinds: [...labKinds, configmaps], health: false});
	store.start();
	try {
		const names = await eventually('configmaps in the snapshot', async () => {
			const map = store.getSnapshot().objects['configmaps'] as ReadonlyMap<string, {metadata: {name: string}}> | undefined;
			const found = map ? [...map.values()].map(cm => cm.metadata.name) : [];
			return found.includes('kube-root-ca.crt') ? found : undefined;
		});
		assert.ok(names.length >= 1);
		assert.equal(store.getSnapshot().sync['configmaps']?.state, 'synced');
		assert.ok(store.getSnapshot().objects.pods.size > 0, 'the lab kinds are still watched beside it');
	} finally {
		store.stop();
	}
});
