// Kubeconfig resolution as kubectl does it, on real kubeconfig files.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {KubeConfigError, resolveConfig} from '../../source/kube/config.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-kubeconfig-'));

function kubeconfig(name: string, config: object): string {
	const file = path.join(dir, name);
	fs.writeFileSync(file, JSON.stringify({apiVersion: 'v1', kind: 'Config', ...config}));
	return file;
}

const eks = kubeconfig('eks', {
	'current-context': 'arn:aws:eks:us-east-1:111122223333:cluster/lab',
	clusters: [{name: 'arn:aws:eks:us-east-1:111122223333:cluster/lab', cluster: {server: 'https://ABCDEF.gr7.us-east-1.eks.amazonaws.com'}}],
	users: [
		{
			name: 'arn:aws:eks:us-east-1:111122223333:cluster/lab',
			user: {exec: {apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'aws', args: ['--region', 'us-east-1', 'eks', 'get-token', '--cluster-name', 'lab']}},
		},
	],
	contexts: [{name: 'arn:aws:eks:us-east-1:111122223333:cluster/lab', context: {cluster: 'arn:aws:eks:us-east-1:111122223333:cluster/lab', user: 'arn:aws:eks:us-east-1:111122223333:cluster/lab'}}],
});

const kind = kubeconfig('kind', {
	'current-context': 'kind-kind',
	clusters: [{name: 'kind-kind', cluster: {server: 'https://127.0.0.1:40123'}}],
	users: [{name: 'kind-kind', user: {token: 'not-a-real-token'}}],
	contexts: [{name: 'kind-kind', context: {cluster: 'kind-kind', user: 'kind-kind', namespace: 'lab'}}],
});

test('an EKS kubeconfig: current context, exec user, namespace "default"', () => {
	const resolved = resolveConfig({kubeconfig: eks}, {});
	assert.equal(resolved.connection.context, 'arn:aws:eks:us-east-1:111122223333:cluster/lab');
	assert.equal(resolved.connection.server, 'https://ABCDEF.gr7.us-east-1.eks.amazonaws.com');
	assert.equal(resolved.namespace, 'default');
	assert.equal(resolved.kubeConfig.getCurrentUser()?.exec?.command, 'aws');
});

test("the context's namespace is the default namespace; --namespace wins", () => {
	assert.equal(resolveConfig({kubeconfig: kind}, {}).namespace, 'lab');
	assert.equal(resolveConfig({kubeconfig: kind, namespace: 'other'}, {}).namespace, 'other');
});

test('KUBECONFIG with several files is merged, and --context picks from any of them', () => {
	const env = {KUBECONFIG: [eks, kind].join(path.delimiter)};
	assert.equal(resolveConfig({}, env).connection.context, 'arn:aws:eks:us-east-1:111122223333:cluster/lab', 'the first file sets current-context');
	const picked = resolveConfig({context: 'kind-kind'}, env);
	assert.equal(picked.connection.server, 'https://127.0.0.1:40123');
	assert.equal(picked.namespace, 'lab');
});

test('missing files in KUBECONFIG are skipped, like kubectl', () => {
	const resolved = resolveConfig({}, {KUBECONFIG: [path.join(dir, 'absent'), kind].join(path.delimiter)});
	assert.equal(resolved.connection.context, 'kind-kind');
});

test('problems are one clear sentence and never include credentials', () => {
	assert.throws(
		() => resolveConfig({kubeconfig: kind, context: 'prod'}, {}),
		(error: unknown) => {
			assert.ok(error instanceof KubeConfigError);
			assert.equal(error.message, 'context "prod" is not in the kubeconfig (it has: kind-kind)');
			return true;
		},
	);
	const noContext = kubeconfig('no-context', {clusters: [], users: [], contexts: []});
	assert.throws(() => resolveConfig({kubeconfig: noContext}, {}), /no current context; pass --context/);
	const danglingUser = kubeconfig('dangling', {
		'current-context': 'x',
		clusters: [{name: 'c', cluster: {server: 'https://127.0.0.1:1'}}],
		users: [],
		contexts: [{name: 'x', context: {cluster: 'c', user: 'ghost'}}],
	});
	assert.throws(() => resolveConfig({kubeconfig: danglingUser}, {}), /names a user that is not in the kubeconfig/);
	const broken = path.join(dir, 'broken');
	fs.writeFileSync(broken, 'users: [{name: a, user: {token: s3cr3t-token}}\n  - :: [');
	assert.throws(
		() => resolveConfig({kubeconfig: broken}, {}),
		(error: unknown) => {
			assert.match((error as Error).message, /is not valid/);
			assert.doesNotMatch((error as Error).message, /s3cr3t/);
			return true;
		},
	);
});

test('tokenFile, a relative plugin command and the exec cluster extension are read relative to their kubeconfig', () => {
	const sub = path.join(dir, 'sub');
	fs.mkdirSync(sub, {recursive: true});
	const file = path.join(sub, 'config');
	fs.writeFileSync(
		file,
		[
			'apiVersion: v1',
			'kind: Config',
			'current-context: file',
			'clusters:',
			'- name: c',
			'  cluster:',
			'    server: https://127.0.0.1:6443',
			'    extensions:',
			'    - name: client.authentication.k8s.io/exec',
			'      extension: {audience: lab}',
			'users:',
			'- name: file',
			'  user: {tokenFile: tokens/lab}',
			'- name: plugin',
			'  user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: ./bin/get-token, interactiveMode: Never}}',
			'contexts:',
			'- {name: file, context: {cluster: c, user: file}}',
			'- {name: plugin, context: {cluster: c, user: plugin}}',
			'',
		].join('\n'),
	);
	const tokenFile = resolveConfig({kubeconfig: file}, {});
	assert.equal(tokenFile.credentials.tokenFile, path.join(sub, 'tokens', 'lab'));
	assert.deepEqual(tokenFile.credentials.execExtension, {audience: 'lab'});
	const plugin = resolveConfig({kubeconfig: file, context: 'plugin'}, {});
	assert.equal(plugin.kubeConfig.getCurrentUser()?.exec?.command, path.join(sub, 'bin', 'get-token'));
	assert.equal(plugin.credentials.tokenFile, undefined);
	assert.equal(plugin.credentials.user, 'plugin');
});
