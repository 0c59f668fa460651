// Resolves the kubeconfig the way kubectl does: --kubeconfig, else every file
// in $KUBECONFIG merged, else ~/.kube/config; --context, else current-context.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// The package's index also loads every generated API class and model; KubeConfig is all we use.
import {KubeConfig} from '@kubernetes/client-node/dist/config.js';
import type {ConnectionInfo} from '../model/cluster.js';
import {KubeClient} from './client.js';
import {scrub} from './errors.js';
import {KubeActions} from './edits.js';
import {ClusterStore} from './store.js';

export class KubeConfigError extends Error {}

export interface ConfigFlags {
	kubeconfig?: string;
	context?: string;
	namespace?: string;
}

export interface ResolvedConfig {
	kubeConfig: KubeConfig;
	connection: ConnectionInfo;
	/** --namespace, else the context's namespace, else "default". */
	namespace: string;
}

function kubeconfigFiles(flags: ConfigFlags, env: NodeJS.ProcessEnv): string[] {
	if (flags.kubeconfig) return [flags.kubeconfig];
	const fromEnv = (env['KUBECONFIG'] ?? '').split(path.delimiter).filter(Boolean);
	if (fromEnv.length > 0) return fromEnv;
	return [path.join(os.homedir(), '.kube', 'config')];
}

function loadFile(file: string): KubeConfig {
	const config = new KubeConfig();
	try {
		config.loadFromFile(file);
	} catch (error) {
		const reason = scrub(((error as Error).message ?? String(error)).split('\n')[0] ?? '');
		throw new KubeConfigError(`kubeconfig ${file} is not valid: ${reason}`);
	}
	return config;
}

/** kubectl's merge of several kubeconfig files: the first file to set a value (or name an entry) wins. */
function mergeFiles(files: string[]): KubeConfig {
	if (files.length === 1) return loadFile(files[0]!);
	const configs = files.map(loadFile);
	const firstByName = <T extends {name: string}>(lists: T[][]): T[] => {
		const seen = new Map<string, T>();
		for (const item of lists.flat()) if (!seen.has(item.name)) seen.set(item.name, item);
		return [...seen.values()];
	};
	const merged = new KubeConfig();
	merged.loadFromOptions({
		clusters: firstByName(configs.map(c => c.clusters)),
		users: firstByName(configs.map(c => c.users)),
		contexts: firstByName(configs.map(c => c.contexts)),
		currentContext: configs.map(c => c.currentContext).find(Boolean) ?? '',
	});
	return merged;
}

export function resolveConfig(flags: ConfigFlags, env: NodeJS.ProcessEnv = process.env): ResolvedConfig {
	const files = kubeconfigFiles(flags, env);
	const existing = files.filter(file => fs.existsSync(file));
	if (flags.kubeconfig && existing.length === 0) throw new KubeConfigError(`kubeconfig ${flags.kubeconfig} does not exist`);
	if (existing.length === 0) {
		throw new KubeConfigError(`no kubeconfig found (looked in ${files.join(', ')}); pass --kubeconfig, set KUBECONFIG, or run "k8slab --sandbox" for the built-in cluster`);
	}
	const kubeConfig = mergeFiles(existing);
	if (flags.context) {
		if (!kubeConfig.getContextObject(flags.context)) {
			const known = kubeConfig.getContexts().map(c => c.name);
			throw new KubeConfigError(`context "${flags.context}" is not in the kubeconfig${known.length ? ` (it has: ${known.join(', ')})` : ''}`);
		}
		kubeConfig.setCurrentContext(flags.context);
	}
	const contextName = kubeConfig.getCurrentContext();
	const context = contextName ? kubeConfig.getContextObject(contextName) : null;
	if (!context) throw new KubeConfigError('the kubeconfig has no current context; pass --context');
	const cluster = kubeConfig.getCurrentCluster();
	if (!cluster?.server) throw new KubeConfigError(`context "${contextName}" names a cluster with no server address`);
	if (!kubeConfig.getCurrentUser()) throw new KubeConfigError(`context "${contextName}" names a user that is not in the kubeconfig`);
	return {
		kubeConfig,
		connection: {context: contextName, server: cluster.server, user: context.user},
		namespace: flags.namespace || context.namespace || 'default',
	};
}

export interface Connection {
	client: KubeClient;
	store: ClusterStore;
	actions: KubeActions;
}

/** Wires a client, the watched stores and the edits for one context. */
export function connect(config: ResolvedConfig, {requestTimeoutMs, ...options}: {stallMs?: number; watchTimeoutSeconds?: number; requestTimeoutMs?: number} = {}): Connection {
	const client = new KubeClient(config.kubeConfig, {requestTimeoutMs});
	const store = new ClusterStore(client, {namespace: config.namespace, ...options});
	return {client, store, actions: new KubeActions(client)};
}

/** One cheap authenticated call, so a bad server, certificate or credential is reported before the view opens. */
export async function checkReachable(client: KubeClient): Promise<void> {
	await client.request('GET', '/version', {timeoutMs: 8000});
}
