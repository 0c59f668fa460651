// Resolves the kubeconfig the way kubectl does: --kubeconfig, else every file
// in $KUBECONFIG merged, else ~/.kube/config; --context, else current-context.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// The package's index also loads every generated API class and model; KubeConfig is all we use.
import {KubeConfig} from '@kubernetes/client-node/dist/config.js';
import yaml from 'js-yaml';
import type {ConnectionInfo} from '../model/cluster.js';
import {KubeClient} from './client.js';
import {Credentials, type CredentialSource} from './credentials.js';
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
	/** What authenticates the context, including the fields client-node does not read. */
	credentials: CredentialSource;
}

/** The entries of one file as written, for the fields client-node drops (tokenFile, cluster extensions). */
interface RawEntries {
	users: Map<string, any>;
	clusters: Map<string, any>;
	dir: string;
}

function kubeconfigFiles(flags: ConfigFlags, env: NodeJS.ProcessEnv): string[] {
	if (flags.kubeconfig) return [flags.kubeconfig];
	const fromEnv = (env['KUBECONFIG'] ?? '').split(path.delimiter).filter(Boolean);
	if (fromEnv.length > 0) return fromEnv;
	return [path.join(os.homedir(), '.kube', 'config')];
}

function loadFile(file: string): {config: KubeConfig; raw: RawEntries} {
	const config = new KubeConfig();
	let document: any;
	try {
		config.loadFromFile(file);
		document = yaml.load(fs.readFileSync(file, 'utf8'));
	} catch (error) {
		const reason = scrub(((error as Error).message ?? String(error)).split('\n')[0] ?? '');
		throw new KubeConfigError(`kubeconfig ${file} is not valid: ${reason}`);
	}
	const entries = (list: unknown, field: string) => {
		const byName = new Map<string, any>();
		if (Array.isArray(list)) for (const entry of list) if (entry?.name && !byName.has(entry.name)) byName.set(String(entry.name), entry[field] ?? {});
		return byName;
	};
	return {config, raw: {users: entries(document?.users, 'user'), clusters: entries(document?.clusters, 'cluster'), dir: path.dirname(path.resolve(file))}};
}

/** kubectl's merge of several kubeconfig files: the first file to set a value (or name an entry) wins. */
function mergeFiles(files: string[]): {kubeConfig: KubeConfig; raws: RawEntries[]} {
	const loaded = files.map(loadFile);
	const raws = loaded.map(file => file.raw);
	if (loaded.length === 1) return {kubeConfig: loaded[0]!.config, raws};
	const configs = loaded.map(file => file.config);
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
	return {kubeConfig: merged, raws};
}

/** A kubeconfig path is relative to the file that names it, as in kubectl. */
function fromFile(dir: string, file: unknown): string | undefined {
	return typeof file === 'string' && file ? path.resolve(dir, file) : undefined;
}

/** The cluster extension client-go hands an exec plugin as spec.cluster.config. */
const execExtensionName = 'client.authentication.k8s.io/exec';

export function resolveConfig(flags: ConfigFlags, env: NodeJS.ProcessEnv = process.env): ResolvedConfig {
	const files = kubeconfigFiles(flags, env);
	const existing = files.filter(file => fs.existsSync(file));
	if (flags.kubeconfig && existing.length === 0) throw new KubeConfigError(`kubeconfig ${flags.kubeconfig} does not exist`);
	if (existing.length === 0) {
		throw new KubeConfigError(`no kubeconfig found (looked in ${files.join(', ')}); pass --kubeconfig, set KUBECONFIG, or run "k8slab --sandbox" for the built-in cluster`);
	}
	const {kubeConfig, raws} = mergeFiles(existing);
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
	const user = kubeConfig.getCurrentUser();
	if (!user) throw new KubeConfigError(`context "${contextName}" names a user that is not in the kubeconfig`);
	// The first file to name an entry defines it, as in the merge above.
	const rawUser = raws.find(raw => raw.users.has(user.name));
	const rawCluster = raws.find(raw => raw.clusters.has(cluster.name));
	if (user.exec?.command && user.exec.command.includes(path.sep) && rawUser) user.exec.command = path.resolve(rawUser.dir, user.exec.command);
	return {
		kubeConfig,
		connection: {context: contextName, server: cluster.server, user: context.user},
		namespace: flags.namespace || context.namespace || 'default',
		credentials: {
			context: contextName,
			user: user.name,
			server: cluster.server,
			tokenFile: rawUser ? fromFile(rawUser.dir, rawUser.users.get(user.name)?.tokenFile) : undefined,
			execExtension: rawCluster?.clusters.get(cluster.name)?.extensions?.find?.((extension: any) => extension?.name === execExtensionName)?.extension,
		},
	};
}

export interface Connection {
	client: KubeClient;
	store: ClusterStore;
	actions: KubeActions;
}

/** Wires a client, the watched stores and the edits for one context. */
export function connect(config: ResolvedConfig, options: {stallMs?: number; watchTimeoutSeconds?: number; execTimeoutMs?: number; requestTimeoutMs?: number; pageSize?: number; nextPageSize?: number} = {}): Connection {
	const {execTimeoutMs, requestTimeoutMs, ...storeOptions} = options;
	const client = new KubeClient(config.kubeConfig, new Credentials(config.kubeConfig, config.credentials, {execTimeoutMs}), {requestTimeoutMs});
	const store = new ClusterStore(client, {namespace: config.namespace, ...storeOptions});
	return {client, store, actions: new KubeActions(client)};
}

/** One cheap authenticated call, so a bad server, certificate or credential is reported before the view opens. */
export async function checkReachable(client: KubeClient): Promise<void> {
	await client.request('GET', '/version', {timeoutMs: 8000});
}
