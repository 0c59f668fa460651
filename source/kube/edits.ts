// The edits keys make, sent to the API. Each touches only the fields it is
// about, so a change someone else made meanwhile is kept; the watch then
// redraws the result (no optimistic updates).
import type {ContainerResources, DeploymentRef, LabActions} from '../model/actions.js';
import {planUndo, undoSuccessMessage} from '../model/index.js';
import type {Deployment, ReplicaSet} from '../model/types.js';
import type {KubeClient} from './client.js';
import {ApiError} from './errors.js';

const mergePatch = 'application/merge-patch+json';
const strategicMergePatch = 'application/strategic-merge-patch+json';
const jsonPatch = 'application/json-patch+json';

function deploymentPath(ref: DeploymentRef): string {
	return `/apis/apps/v1/namespaces/${encodeURIComponent(ref.namespace)}/deployments/${encodeURIComponent(ref.name)}`;
}

function selectorQuery(deployment: Deployment): string {
	const labels = deployment.spec?.selector?.matchLabels ?? {};
	const selector = Object.entries(labels)
		.map(([key, value]) => `${key}=${value}`)
		.join(',');
	return selector ? `?labelSelector=${encodeURIComponent(selector)}` : '';
}

/** Replaces a terse server reply with one that says what to do, keeping the server's words. */
function explain(error: unknown, what: string): never {
	if (error instanceof ApiError) {
		if (error.status === 409) throw new ApiError(`${what} conflicted with another change; nothing was changed, try again (${error.message})`, 409, error.reason);
		if (error.status === 404) throw new ApiError(`${what}: ${error.message}`, 404, error.reason);
		throw error;
	}
	throw error;
}

export class KubeActions implements LabActions {
	constructor(private readonly client: KubeClient) {}

	async scale(ref: DeploymentRef, replicas: number): Promise<string> {
		// The scale subresource touches spec.replicas and nothing else.
		await this.client.request('PATCH', `${deploymentPath(ref)}/scale`, {body: {spec: {replicas}}, contentType: mergePatch}).catch(error => explain(error, `scaling ${ref.name}`));
		return `deployment.apps/${ref.name} scaled`;
	}

	async setResources(ref: DeploymentRef, container: string, resources: ContainerResources): Promise<string> {
		// Strategic merge keyed by container name: other containers and fields stay as they are; null removes a value.
		const pick = (value: string | undefined) => (value === undefined || value === '' ? null : value);
		const body = {
			spec: {
				template: {
					spec: {
						containers: [
							{
								name: container,
								resources: {
									requests: {cpu: pick(resources.cpuRequest), memory: pick(resources.memoryRequest)},
									limits: {cpu: pick(resources.cpuLimit), memory: pick(resources.memoryLimit)},
								},
							},
						],
					},
				},
			},
		};
		await this.client.request('PATCH', deploymentPath(ref), {body, contentType: strategicMergePatch}).catch(error => explain(error, `setting resources of ${container}`));
		return `deployment.apps/${ref.name} resource requirements updated`;
	}

	async renameContainer(ref: DeploymentRef, from: string, to: string): Promise<string> {
		const deployment = await this.client.request<Deployment>('GET', deploymentPath(ref));
		const index = (deployment.spec?.template?.spec?.containers ?? []).findIndex(c => c.name === from);
		if (index < 0) throw new ApiError(`deployment ${ref.name} has no container named "${from}" any more; nothing was changed`, 404);
		const path = `/spec/template/spec/containers/${index}/name`;
		// The test op makes the rename fail, rather than rename the wrong container, if the list changed meanwhile.
		const patch = [
			{op: 'test', path, value: from},
			{op: 'replace', path, value: to},
		];
		try {
			await this.client.request('PATCH', deploymentPath(ref), {body: patch, contentType: jsonPatch});
		} catch (error) {
			if (error instanceof ApiError && error.status === 422 && /test/i.test(error.message)) {
				throw new ApiError(`container "${from}" changed while renaming; nothing was changed, try again`, 409);
			}
			explain(error, `renaming ${from}`);
		}
		return `deployment.apps/${ref.name} patched`;
	}

	async undo(ref: DeploymentRef, toRevision?: number): Promise<string> {
		const deployment = await this.client.request<Deployment>('GET', deploymentPath(ref));
		const list = await this.client.request<{items?: ReplicaSet[]}>('GET', `/apis/apps/v1/namespaces/${encodeURIComponent(ref.namespace)}/replicasets${selectorQuery(deployment)}`);
		const plan = planUndo(deployment, list.items ?? [], toRevision);
		switch (plan.kind) {
			case 'error':
				throw new ApiError(plan.message, 400);
			case 'skip':
				return `deployment.apps/${ref.name} ${plan.message}`;
			case 'patch':
				await this.client.request('PATCH', deploymentPath(ref), {body: plan.patch, contentType: jsonPatch}).catch(error => explain(error, `undoing ${ref.name}`));
				return undoSuccessMessage(ref.name);
			default: {
				const unreachable: never = plan;
				return unreachable;
			}
		}
	}
}
