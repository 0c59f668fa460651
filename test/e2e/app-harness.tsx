// The real App on a real connection, rendered with ink-testing-library and
// driven one key at a time, as a person types.
import {setTimeout as sleep} from 'node:timers/promises';
import {resolveTheme} from '../../themes/index.js';
import {labActions} from '../../source/app/sandboxActions.js';
import {connect, resolveConfig, type Connection} from '../../source/kube/config.js';
import {App} from '../../source/ui/App.js';
import {renderAt, waitFor, type Rendered} from '../ui/helpers.js';

export interface LiveView {
	view: Rendered;
	connection: Connection;
	type(text: string): Promise<void>;
	key(sequence: string): Promise<void>;
	onScreen(text: string | RegExp, timeoutMs?: number): Promise<string>;
	close(): void;
}

/** `sandboxDir` gives the view the sandbox's own edits (the node group size), as `k8slab --sandbox` does. */
export function openView(kubeconfig: string, options: {context?: string; namespace?: string; stallMs?: number; width?: number; height?: number; sandboxDir?: string} = {}): LiveView {
	const config = resolveConfig({kubeconfig, context: options.context, namespace: options.namespace});
	const connection = connect(config, {stallMs: options.stallMs});
	connection.store.start();
	const width = options.width ?? 160;
	const view = renderAt(
		<App
			source={connection.store}
			actions={options.sandboxDir ? labActions(connection.client, options.sandboxDir) : connection.actions}
			connection={config.connection}
			credentials={connection.client.credentials}
			namespace={config.namespace}
			theme={resolveTheme('mono')}
			width={width}
			height={options.height ?? 50}
		/>,
		width,
	);
	const key = async (sequence: string) => {
		view.stdin.write(sequence);
		await sleep(40);
	};
	return {
		view,
		connection,
		key,
		type: async text => {
			for (const char of text) await key(char);
		},
		onScreen: (text, timeoutMs = 30_000) =>
			waitFor(view, frame => (typeof text === 'string' ? frame.includes(text) : text.test(frame)), `${String(text)} on screen`, timeoutMs),
		close: () => {
			view.unmount();
			connection.store.stop();
			connection.client.stop();
		},
	};
}
