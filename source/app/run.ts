// Wires the pieces: kubeconfig (or the sandbox) -> watched stores -> the view.
import path from 'node:path';
import {resolveTheme} from '../../themes/index.js';
import {checkReachable, connect, resolveConfig, type ResolvedConfig} from '../kube/config.js';
import type {ClusterStore} from '../kube/store.js';
import {progressPrinter} from '../sandbox/command.js';
import {kubeconfigPath, readState} from '../sandbox/sandbox.js';
import {labActions} from './sandboxActions.js';
import {isDumbTerminal, isMonoTerminal} from './terminal.js';
import {trace, tracing} from '../trace.js';
import type {AppProps} from '../ui/App.js';

export interface AppFlags {
	kubeconfig?: string;
	context?: string;
	namespace?: string;
	deployment?: string;
	theme?: string;
	readonly?: boolean;
	sandbox?: boolean;
	dir?: string;
	nodes?: number;
	width?: number;
	height?: number;
	snapshot?: boolean;
}

async function configFor(flags: AppFlags): Promise<{config: ResolvedConfig; sandboxDir?: string}> {
	if (flags.sandbox && !flags.kubeconfig) {
		const {startSandbox} = await import('../sandbox/sandbox.js');
		const sandbox = await startSandbox({dir: flags.dir, nodes: flags.nodes, progress: progressPrinter()});
		return {config: resolveConfig({kubeconfig: kubeconfigPath(sandbox.dir), context: flags.context, namespace: flags.namespace}), sandboxDir: sandbox.dir};
	}
	// A sandbox's own kubeconfig passed by hand is still the sandbox.
	const dir = flags.kubeconfig ? path.dirname(path.resolve(flags.kubeconfig)) : undefined;
	const isSandbox = dir !== undefined && path.basename(flags.kubeconfig!) === 'kubeconfig' && readState(dir) !== undefined;
	return {config: resolveConfig(flags), sandboxDir: isSandbox ? dir : undefined};
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

export async function startK8slab(flags: AppFlags): Promise<number> {
	if (tracing) trace(`start, ${performance.now().toFixed(1)} ms after the process began`);
	// The flag is checked even on a mono terminal: a typo is still an error.
	const requestedTheme = resolveTheme(flags.theme);
	const mono = isMonoTerminal();
	const theme = mono ? resolveTheme('mono') : requestedTheme;
	const {config, sandboxDir} = await configFor(flags);
	const {client, store} = connect(config);
	const actions = labActions(client, sandboxDir);
	// The LISTs go out alongside the reachability check rather than after it: on a
	// big cluster the pods LIST is most of the wait for the first frame.
	store.start();
	// A wrong server, certificate or credential is one clear line, before any screen is drawn.
	try {
		await checkReachable(client);
	} catch (error) {
		store.stop();
		throw error;
	}
	if (tracing) trace('reachable');
	const props: AppProps = {
		source: store,
		actions,
		connection: config.connection,
		namespace: config.namespace,
		deployment: flags.deployment,
		readonly: flags.readonly,
		theme,
	};
	const terminal = process.stdout.isTTY === true && process.stdin.isTTY === true;
	const dumb = isDumbTerminal();
	if (flags.snapshot || !terminal || dumb) {
		await settled(store, 15_000);
		const {renderSnapshot} = await import('../ui/snapshot.js');
		// A mono terminal keeps bold and inverse (the mono theme has no colours); a dumb one gets plain text.
		const color = process.stdout.isTTY === true && !process.env['NO_COLOR'] && !dumb;
		const frame = renderSnapshot(props, {width: flags.width ?? 120, height: flags.height ?? 40, color});
		store.stop();
		process.stdout.write(frame + '\n');
		if (!flags.snapshot && !terminal) process.stderr.write('k8slab: not a terminal, so this is a snapshot; run it in a terminal for the live view\n');
		else if (!flags.snapshot) process.stderr.write('k8slab: TERM=dumb cannot move the cursor, so this is a snapshot; set TERM (e.g. xterm-256color) for the live view\n');
		return 0;
	}
	const {runApp} = await import('../ui/run.js');
	if (tracing) trace('view loaded');
	const instance = runApp(props);
	if (tracing) trace('view rendered');
	await instance.waitUntilExit();
	store.stop();
	return 0;
}
