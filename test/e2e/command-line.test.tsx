// The `:` command line against the sandbox, with real keys: any kind the
// server lists opens in the top pane, live; `:ctx` and `:ns` reconnect; and
// what a k9s user types after `:` never reaches the single-key edits.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {setTimeout as sleep} from 'node:timers/promises';
import {keys} from '../ui/helpers.js';
import {openView, type LiveView} from './app-harness.js';
import {eventually, testSandbox, type TestSandbox} from './sandbox-harness.js';

let sandbox: TestSandbox;
let live: LiveView;

const getDeployment = async () => (await sandbox.api.request('GET', '/apis/apps/v1/namespaces/default/deployments/todoapi')).body;

async function command(text: string): Promise<void> {
	await live.key(':');
	await live.onScreen(/^: /m);
	await live.type(text);
	await live.key(keys.enter);
}

before(async () => {
	sandbox = await testSandbox();
	live = openView(sandbox.kubeconfigPath, {sandboxDir: sandbox.dir, width: 160});
	await live.onScreen('● live');
	await live.onScreen('todoapi-');
});

after(async () => {
	live?.close();
	await sandbox?.close();
});

test(':ctx Enter, the k9s habit that renamed the container, changes nothing: it offers the contexts', async () => {
	const before = await getDeployment();
	await command('ctx');
	const picker = await live.onScreen('Context to switch to');
	assert.match(picker, /lab-viewer/);
	await live.key(keys.escape);
	await sleep(300);
	// The other k9s habits: none of them may open an edit.
	for (const typed of ['po', 'cm', 'cj']) {
		await command(typed);
		await sleep(300);
		assert.doesNotMatch(live.view.frame(), /Rename container|Probes ·|Scale deployment/);
		await live.key(keys.escape);
	}
	const after = await getDeployment();
	assert.equal(after.metadata.generation, before.metadata.generation, 'the Deployment was not changed');
	assert.equal(after.spec.template.spec.containers[0].name, 'todoapi');
});

test(":svc shows Service todoapi in the server's columns, with a breadcrumb; esc goes back to the lab view", async () => {
	await command('svc');
	const frame = await live.onScreen(/Services \(all\) \d[\s\S]*TYPE\s+CLUSTER-IP[\s\S]*\btodoapi\s+ClusterIP/);
	assert.match(frame, /NAMESPACE\s+NAME[\s\S]*default\s+kubernetes\s+ClusterIP/, 'across all namespaces, with a NAMESPACE column');
	assert.match(frame, /│ :svc/);
	await live.key(keys.escape);
	const back = await live.onScreen(/Pods \(all\)/);
	assert.doesNotMatch(back, /│ :svc/);
});

test(':cm shows kube-root-ca.crt, and a ConfigMap created meanwhile appears live', async () => {
	await command('cm');
	await live.onScreen('kube-root-ca.crt');
	await sandbox.kubectl('create', 'configmap', 'made-while-shown', '--from-literal=a=1');
	await live.onScreen('made-while-shown');
	await command('pods');
	await live.onScreen(/Pods \(all\)/);
});

test(":crd lists the server's CRDs; an unknown kind is refused with the closest names", async () => {
	await sandbox.api.request('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
		apiVersion: 'apiextensions.k8s.io/v1',
		kind: 'CustomResourceDefinition',
		metadata: {name: 'widgets.lab.k8slab.dev'},
		spec: {
			group: 'lab.k8slab.dev',
			scope: 'Namespaced',
			names: {plural: 'widgets', singular: 'widget', kind: 'Widget'},
			versions: [{name: 'v1', served: true, storage: true, schema: {openAPIV3Schema: {type: 'object', 'x-kubernetes-preserve-unknown-fields': true}}}],
		},
	});
	await command('crd');
	await live.onScreen('widgets.lab.k8slab.dev');
	await command('servces');
	const refused = await live.onScreen(/the server doesn't have a resource type "servces"/);
	assert.match(refused, /did you mean services/);
	await live.key(keys.escape);
	await live.key(keys.escape);
	await live.onScreen(/Pods \(all\)/);
});

test('s on a StatefulSet opened with :sts scales it through the scale subresource', async () => {
	await sandbox.api.request('POST', '/apis/apps/v1/namespaces/default/statefulsets', {
		apiVersion: 'apps/v1',
		kind: 'StatefulSet',
		metadata: {name: 'web', namespace: 'default'},
		spec: {replicas: 1, serviceName: 'web', selector: {matchLabels: {app: 'web'}}, template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'web', image: 'todoapi:1.0'}]}}},
	});
	await command('sts');
	await live.onScreen(/StatefulSets \(all\) 1[\s\S]*\bweb\b/);
	await live.key('s');
	await live.onScreen('Scale statefulset/web');
	await live.key(keys.ctrlU);
	await live.type('2');
	await live.key(keys.enter);
	await live.onScreen('statefulset.apps/web scaled');
	await eventually('web at 2 replicas', async () => ((await sandbox.api.request('GET', '/apis/apps/v1/namespaces/default/statefulsets/web')).body.spec.replicas === 2 ? true : undefined));
	await command('pods');
});

test(":ctx lab-viewer switches the view to the viewer's permissions, and back", async () => {
	await command('ctx lab-viewer');
	const viewer = await live.onScreen(/ctx lab-viewer[\s\S]*forbidden/);
	assert.match(viewer, /nodes is forbidden/);
	assert.equal(live.connection.config.connection.context, 'lab-viewer');
	await command('ctx nope-context');
	await live.onScreen('no context "nope-context" in the kubeconfig');
	await live.key(keys.escape);
	await command('ctx k8slab-sandbox');
	await live.onScreen(/ctx k8slab-sandbox/);
});

test(':ns kube-system narrows the view to that namespace; :ns default comes back', async () => {
	await command('ns kube-system');
	// Not the new view's first frame, drawn before its pods are listed.
	const system = await live.onScreen(/ns kube-system[\s\S]*Pods \(kube-system\) [1-9]/);
	assert.match(system, /coredns/);
	assert.doesNotMatch(system, /todoapi-/);
	await command('ns default');
	await live.onScreen(/ns default[\s\S]*todoapi-/);
});
