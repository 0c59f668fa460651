// One sandbox and one live view of it for a whole e2e file, as the lab tests
// drive it: the hooks start both before the file's tests and close both after,
// and the session hands out the keys and the Deployment the lab edits.
import {after, before} from 'node:test';
import {openView, type LiveView} from './app-harness.js';
import {testSandbox, type TestSandbox} from './sandbox-harness.js';

export interface LabSession {
	readonly sandbox: TestSandbox;
	readonly live: LiveView;
	/** deployment/todoapi as the API server has it now. */
	getDeployment(): Promise<any>;
	key(sequence: string): Promise<void>;
	type(text: string): Promise<void>;
	onScreen(text: string | RegExp, timeoutMs?: number): Promise<string>;
}

type ViewOptions = NonNullable<Parameters<typeof openView>[1]>;

/**
 * `sandboxEdits`: the view gets the sandbox's own edits (the node group size), as `k8slab --sandbox` does.
 * `ready` runs in the same hook once the view is live: node:test does not wait for one
 * top-level `before` to end before it starts the next.
 */
export function labSession(options: Omit<ViewOptions, 'sandboxDir'> & {sandboxEdits?: boolean} = {}, ready?: (lab: LabSession) => Promise<void>): LabSession {
	let sandbox: TestSandbox | undefined;
	let live: LiveView | undefined;
	const {sandboxEdits, ...view} = options;
	const started = <T>(value: T | undefined, what: string): T => {
		if (value === undefined) throw new Error(`the lab session's ${what} is not started (used outside a test?)`);
		return value;
	};
	before(async () => {
		sandbox = await testSandbox();
		live = openView(sandbox.kubeconfigPath, {...view, ...(sandboxEdits ? {sandboxDir: sandbox.dir} : {})});
		await live.onScreen('● live');
		await live.onScreen('todoapi-');
		await ready?.(session);
	});
	after(async () => {
		live?.close();
		await sandbox?.close();
	});
	const session: LabSession = {
		get sandbox() {
			return started(sandbox, 'sandbox');
		},
		get live() {
			return started(live, 'view');
		},
		getDeployment: async () => (await started(sandbox, 'sandbox').api.request('GET', '/apis/apps/v1/namespaces/default/deployments/todoapi')).body,
		key: sequence => started(live, 'view').key(sequence),
		type: text => started(live, 'view').type(text),
		onScreen: (text, timeoutMs) => started(live, 'view').onScreen(text, timeoutMs),
	};
	return session;
}
