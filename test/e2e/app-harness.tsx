// The real App on a real connection, rendered with ink-testing-library and
// driven one key at a time, as a person types. `:ctx` and `:ns` reconnect
// through the same Session as the CLI's.
import {setTimeout as sleep} from 'node:timers/promises';
import {resolveTheme} from '../../themes/index.js';
import {Session, type Connected} from '../../source/app/session.js';
import {resolveConfig} from '../../source/kube/config.js';
import type {ObjectEditor} from '../../source/ui/actions/context.js';
import {App, type AppProps} from '../../source/ui/App.js';
import {renderAt, waitFor, type Rendered} from '../ui/helpers.js';

export interface LiveView {
	view: Rendered;
	/** The connection on screen now (it changes with :ctx and :ns). */
	readonly connection: Connected;
	type(text: string): Promise<void>;
	key(sequence: string): Promise<void>;
	onScreen(text: string | RegExp, timeoutMs?: number): Promise<string>;
	close(): void;
}

/** `sandboxDir` gives the view the sandbox's own edits (the node group size), as `k8slab --sandbox` does. */
export function openView(
	kubeconfig: string,
	options: {
		context?: string;
		namespace?: string;
		stallMs?: number;
		/** Items per page of the pods LIST: the first, and the ones after it. */
		pageSize?: number;
		nextPageSize?: number;
		/** Called with the first connection before its watches start (to hold a LIST on its way). */
		beforeStart?: (connected: Connected) => void;
		width?: number;
		height?: number;
		sandboxDir?: string;
		command?: string;
		readonly?: boolean;
		editor?: ObjectEditor;
	} = {},
): LiveView {
	const config = resolveConfig({kubeconfig, context: options.context, namespace: options.namespace});
	const session = new Session(config, {kubeconfig, sandboxDir: options.sandboxDir, connect: {stallMs: options.stallMs, pageSize: options.pageSize, nextPageSize: options.nextPageSize}});
	options.beforeStart?.(session.current);
	session.current.store.start();
	const width = options.width ?? 160;
	let generation = 0;
	const props = (connected: Connected, allNamespaces = true): AppProps => ({
		source: connected.store,
		actions: connected.actions,
		connection: connected.config.connection,
		credentials: connected.client.credentials,
		namespace: connected.config.namespace,
		contexts: connected.contexts,
		initialAllNamespaces: allNamespaces,
		initialCommand: generation === 0 ? options.command : undefined,
		readonly: options.readonly,
		editor: options.editor,
		theme: resolveTheme('mono'),
		width,
		height: options.height ?? 50,
		onSwitch: target => {
			const next = session.switchTo(target);
			generation++;
			view.rerender(<App key={generation} {...props(next, target.namespace === undefined)} />);
		},
	});
	const view = renderAt(<App key={generation} {...props(session.current)} />, width);
	const key = async (sequence: string) => {
		view.stdin.write(sequence);
		await sleep(40);
	};
	return {
		view,
		get connection() {
			return session.current;
		},
		key,
		type: async text => {
			for (const char of text) await key(char);
		},
		onScreen: (text, timeoutMs = 30_000) => waitFor(view, frame => (typeof text === 'string' ? frame.includes(text) : text.test(frame)), `${String(text)} on screen`, timeoutMs),
		close: () => {
			view.unmount();
			session.stop();
		},
	};
}
