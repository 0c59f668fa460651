// Wires the pieces: kubeconfig (or the sandbox) -> watched stores -> the view.
import {performance} from 'node:perf_hooks';
import path from 'node:path';
import {resolveTheme} from '../../themes/index.js';
import {checkReachable, resolveConfig, type ResolvedConfig} from '../kube/config.js';
import {awaitCredentials} from './awaitCredentials.js';
import {externalEditor} from './editor.js';
import type {ClusterStore} from '../kube/store.js';
import {progressPrinter} from '../sandbox/command.js';
import {kubeconfigPath, readState} from '../sandbox/sandbox.js';
import {Session} from './session.js';
import {isDumbTerminal, isMonoTerminal} from './terminal.js';
import {trace, tracing} from '../trace.js';
import type {AppProps} from '../ui/App.js';
import type {Flags} from './flags.js';

/** The view's and the snapshot's flags, as the command line read them. */
export type AppFlags = Omit<Flags, 'help' | 'version'> & {snapshot?: boolean; labProgress?: boolean};

async function configFor(flags: AppFlags): Promise<{config: ResolvedConfig; sandboxDir?: string; kubeconfig?: string}> {
	if (flags.sandbox && !flags.kubeconfig) {
		const {startSandbox} = await import('../sandbox/sandbox.js');
		const sandbox = await startSandbox({dir: flags.dir, nodes: flags.nodes, progress: progressPrinter()});
		const kubeconfig = kubeconfigPath(sandbox.dir);
		return {config: resolveConfig({kubeconfig, context: flags.context, namespace: flags.namespace}), sandboxDir: sandbox.dir, kubeconfig};
	}
	// A sandbox's own kubeconfig passed by hand is still the sandbox.
	const dir = flags.kubeconfig ? path.dirname(path.resolve(flags.kubeconfig)) : undefined;
	const isSandbox = dir !== undefined && path.basename(flags.kubeconfig!) === 'kubeconfig' && readState(dir) !== undefined;
	return {config: resolveConfig(flags), sandboxDir: isSandbox ? dir : undefined, kubeconfig: flags.kubeconfig};
}

/** Resolves once every watched resource has listed (or been refused), or after the timeout. */
function settled(store: ClusterStore, timeoutMs: number): Promise<void> {
	return new Promise(resolve => {
		const check = () => {
			const sync = store.getSnapshot().sync;
			if (Object.values(sync).every(s => s.state !== 'connecting')) finish();
		};
		const finish = () => {
			clearTimeout(timer);
			unsubscribe();
			resolve();
		};
		const timer = setTimeout(finish, timeoutMs);
		const unsubscribe = store.subscribe(check);
		check();
	});
}

/** The resources a snapshot could not show in full: refused, failing, or still loading at the deadline. */
function incompletePanes(store: ClusterStore): string[] {
	const {sync} = store.getSnapshot();
	return Object.entries(sync).flatMap(([kind, s]) => (s.state === 'synced' ? [] : [`${kind} ${s.state === 'connecting' ? 'not listed in time' : s.state}`]));
}

export async function startK8slab(flags: AppFlags): Promise<number> {
	if (tracing) trace(`start, ${performance.now().toFixed(1)} ms after the process began (Node bootstrap ${performance.nodeTiming.bootstrapComplete.toFixed(1)} ms; node flags ${process.execArgv.join(' ') || 'none'})`);
	// The flag is checked even on a mono terminal: a typo is still an error.
	const requestedTheme = resolveTheme(flags.theme);
	const mono = isMonoTerminal();
	const theme = mono ? resolveTheme('mono') : requestedTheme;
	const execTimeout = execTimeoutMs(process.env);
	const {config, sandboxDir, kubeconfig} = await configFor(flags);
	const session = new Session(config, {kubeconfig, sandboxDir, connect: {execTimeoutMs: execTimeout, requestTimeoutMs: flags.requestTimeoutMs, pageSize: listPageSize(process.env)}});
	const {client, store, actions, contexts} = session.current;
	const stop = () => session.stop();
	// The LISTs go out alongside the reachability check rather than after it: on a
	// big cluster the pods LIST is most of the wait for the first frame.
	store.start();
	const terminal = process.stdout.isTTY === true && process.stdin.isTTY === true;
	const dumb = isDumbTerminal();
	const live = !flags.snapshot && terminal && !dumb;
	// Loading the view (Ink, React, the panes) is CPU work the answers need not wait
	// for: done while the server answers, it is off the path to the first frame.
	const view = live ? import('../ui/run.js') : undefined;
	// A wrong server, certificate or credential is one clear line, before any screen is drawn.
	try {
		// A credential plugin first, with its own deadline: the check's 8 s would cut it short.
		const quit = await awaitCredentials(client);
		if (quit !== undefined) {
			stop();
			return quit;
		}
		await checkReachable(client);
	} catch (error) {
		stop();
		throw error;
	}
	if (tracing) trace('reachable');
	const props: AppProps = {
		source: store,
		actions,
		connection: config.connection,
		credentials: client.credentials,
		namespace: config.namespace,
		deployment: flags.deployment,
		readonly: flags.readonly,
		theme,
		// kubectl's way: -n alone narrows to the namespace, -A (or neither) shows them all.
		initialAllNamespaces: flags.allNamespaces === true || flags.namespace === undefined,
		contexts,
		initialCommand: flags.command,
		initialLabProgress: flags.labProgress,
		editor: externalEditor(),
	};
	if (!view) {
		await settled(store, 15_000);
		const {renderSnapshot} = await import('../ui/snapshot.js');
		// A mono terminal keeps bold and inverse (the mono theme has no colours); a dumb one gets plain text.
		const color = process.stdout.isTTY === true && !process.env['NO_COLOR'] && !dumb;
		const frame = renderSnapshot(props, {width: flags.width ?? 120, height: flags.height ?? 40, color});
		const incomplete = incompletePanes(store);
		stop();
		process.stdout.write(frame + '\n');
		if (!flags.snapshot && !terminal) process.stderr.write('k8slab: not a terminal, so this is a snapshot; run it in a terminal for the live view\n');
		else if (!flags.snapshot) process.stderr.write('k8slab: TERM=dumb cannot move the cursor, so this is a snapshot; set TERM (e.g. xterm-256color) for the live view\n');
		if (incomplete.length === 0) return 0;
		// Scripts tell a partial view from a whole one by the exit code.
		process.stderr.write(`k8slab: snapshot incomplete: ${incomplete.join(', ')}\n`);
		return 3;
	}
	const {runApp} = await view;
	if (tracing) trace('view loaded');
	const instance = runApp(props);
	// Throws for a name the kubeconfig does not have; the view says why and stays as it was.
	props.onSwitch = target => {
		const next = session.switchTo(target);
		instance.update({
			...props,
			source: next.store,
			actions: next.actions,
			connection: next.config.connection,
			credentials: next.client.credentials,
			namespace: next.config.namespace,
			deployment: undefined,
			initialAllNamespaces: target.namespace === undefined,
			initialCommand: undefined,
			initialLabProgress: undefined,
			contexts: next.contexts,
		});
	};
	instance.update(props);
	if (tracing) trace('view rendered');
	await instance.waitUntilExit();
	stop();
	return 0;
}

/** K8SLAB_LIST_PAGE_SIZE: items per page of the pods LIST (0: one request), for measuring and tests. */
function listPageSize(env: NodeJS.ProcessEnv): number | undefined {
	const text = env['K8SLAB_LIST_PAGE_SIZE'];
	if (text === undefined || text === '') return undefined;
	const size = Number(text);
	if (!Number.isInteger(size) || size < 0) throw new Error(`K8SLAB_LIST_PAGE_SIZE must be a whole number of items (0 for one LIST), not "${text.slice(0, 40)}"`);
	return size;
}

/** K8SLAB_EXEC_TIMEOUT: seconds a credential plugin may run (default 60). */
function execTimeoutMs(env: NodeJS.ProcessEnv): number | undefined {
	const text = env['K8SLAB_EXEC_TIMEOUT'];
	if (text === undefined || text === '') return undefined;
	const seconds = Number(text);
	if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`K8SLAB_EXEC_TIMEOUT must be a number of seconds above 0, not "${text.slice(0, 40)}"`);
	return seconds * 1000;
}
