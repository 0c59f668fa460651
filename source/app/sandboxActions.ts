// On the sandbox, the node group's desired size is one more thing a key can
// change (the lab does it in the EKS console); elsewhere the edits are the API's.
import {KubeActions} from '../kube/edits.js';
import type {KubeClient} from '../kube/client.js';
import type {LabActions, ValueChange} from '../model/actions.js';
import type {ObjectRef} from '../model/objectRef.js';
import {setReadinessFailure} from '../sandbox/readiness.js';
import {setNodeCount} from '../sandbox/sandbox.js';

class SandboxActions extends KubeActions {
	constructor(
		client: KubeClient,
		private readonly sandboxDir: string,
	) {
		super(client);
	}

	async setNodeGroupSize({seen, next: nodes}: ValueChange<number>): Promise<string> {
		const {added, removed} = await setNodeCount(this.sandboxDir, nodes, seen);
		const change = added.length ? ` (added ${added.join(', ')})` : removed.length ? ` (removed ${removed.join(', ')})` : '';
		return `node group worker-nodes: desired size ${nodes}${change}`;
	}

	async setReadinessFailure(pod: ObjectRef, fail: boolean): Promise<string> {
		const change = await setReadinessFailure(this.sandboxDir, `${pod.namespace || 'default'}/${pod.name}`, fail);
		// The prompt showed the kubectl command; the status line has room for what happens.
		return change.text;
	}
}

/** The edits keys can make on this cluster: the sandbox's own, given its directory. */
export function labActions(client: KubeClient, sandboxDir?: string): LabActions {
	return sandboxDir ? new SandboxActions(client, sandboxDir) : new KubeActions(client);
}
