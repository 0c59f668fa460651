// The edits keys make, sent to the API. Each touches only the fields it is
// about, so a change someone else made meanwhile is kept; the watch then
// redraws the result (no optimistic updates).
import type {ContainerProbes, ContainerResources, DeploymentRef, HttpProbe, LabActions} from '../model/actions.js';
import {planUndo, undoSuccessMessage} from '../model/index.js';
import type {Container, Deployment, Probe, Quantities, ReplicaSet} from '../model/types.js';
import type {KubeClient} from './client.js';
import {ApiError} from './errors.js';

const mergePatch = 'application/merge-patch+json';
const jsonPatch = 'application/json-patch+json';

type JsonPatch = Array<{op: 'test' | 'add' | 'replace' | 'remove'; path: string; value?: unknown}>;

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
		// A failed `test` op: the fields we were about to change were changed by someone else since we read them.
		if (error.status === 422 && /test/i.test(error.message)) throw new ApiError(`${what}: the deployment changed meanwhile; nothing was changed, try again`, 409, 'Conflict');
		if (error.status === 404) throw new ApiError(`${what}: ${error.message}`, 404, error.reason);
		throw error;
	}
	throw error;
}

/** Sets or removes `key` at `path` in a JSON patch, depending on whether a value is wanted and one is there. */
function setOrRemove(path: string, current: unknown, wanted: unknown): JsonPatch {
	if (wanted === undefined) return current === undefined ? [] : [{op: 'remove', path}];
	return [{op: 'add', path, value: wanted}];
}

function withQuantity(list: Quantities | undefined, key: 'cpu' | 'memory', value: string | undefined): Quantities {
	const next: Quantities = {...list};
	if (value === undefined || value === '') delete next[key];
	else next[key] = value;
	return next;
}

/**
 * The probe to write. An httpGet probe that is already there keeps what the
 * form does not show (scheme, headers, timeout, success threshold); any other
 * handler (exec, tcpSocket, grpc) is replaced whole, so two never coexist.
 */
function httpProbe(spec: HttpProbe, current: Probe | undefined): Probe {
	const keep: Probe = current?.httpGet ? {...current} : {};
	const probe: Probe = {...keep, httpGet: {...keep.httpGet, path: spec.path, port: spec.port}};
	for (const field of ['initialDelaySeconds', 'periodSeconds', 'failureThreshold'] as const) {
		if (spec[field] === undefined) delete probe[field];
		else probe[field] = spec[field];
	}
	return probe;
}

export class KubeActions implements LabActions {
	constructor(private readonly client: KubeClient) {}

	async scale(ref: DeploymentRef, replicas: number): Promise<string> {
		// The scale subresource touches spec.replicas and nothing else.
		await this.client.request('PATCH', `${deploymentPath(ref)}/scale`, {body: {spec: {replicas}}, contentType: mergePatch}).catch(error => explain(error, `scaling ${ref.name}`));
		return `deployment.apps/${ref.name} scaled`;
	}

	/**
	 * Reads the Deployment, finds the container by name and sends a JSON patch
	 * whose `test` ops pin the name and the fields being replaced, so the patch
	 * fails (rather than clobbers) if someone changed them since the read.
	 */
	private async patchContainer(ref: DeploymentRef, name: string, what: string, change: (container: Container, path: string) => JsonPatch): Promise<void> {
		const deployment = await this.client.request<Deployment>('GET', deploymentPath(ref)).catch(error => explain(error, what));
		const containers = deployment.spec?.template?.spec?.containers ?? [];
		const index = containers.findIndex(c => c.name === name);
		if (index < 0) throw new ApiError(`${what}: deployment ${ref.name} has no container named "${name}"; nothing was changed`, 404, 'NotFound');
		const path = `/spec/template/spec/containers/${index}`;
		const container = containers[index]!;
		const ops = change(container, path);
		if (ops.length === 0) return;
		const guards: JsonPatch = [{op: 'test', path: `${path}/name`, value: name}];
		for (const op of ops) {
			const field = op.path.slice(path.length + 1);
			if (!field.includes('/') && container[field] !== undefined) guards.push({op: 'test', path: op.path, value: container[field]});
		}
		await this.client.request('PATCH', deploymentPath(ref), {body: [...guards, ...ops], contentType: jsonPatch}).catch(error => explain(error, what));
	}

	async setResources(ref: DeploymentRef, container: string, resources: ContainerResources): Promise<string> {
		await this.patchContainer(ref, container, `setting resources of ${container}`, (current, path) => {
			// Only cpu and memory change: other resources (ephemeral-storage, GPUs) stay as they are.
			const requests = withQuantity(withQuantity(current.resources?.requests, 'cpu', resources.cpuRequest), 'memory', resources.memoryRequest);
			const limits = withQuantity(withQuantity(current.resources?.limits, 'cpu', resources.cpuLimit), 'memory', resources.memoryLimit);
			const next = {...current.resources, requests, limits};
			if (Object.keys(requests).length === 0) delete (next as {requests?: Quantities}).requests;
			if (Object.keys(limits).length === 0) delete (next as {limits?: Quantities}).limits;
			return [{op: 'add', path: `${path}/resources`, value: next}];
		});
		return `deployment.apps/${ref.name} resource requirements updated`;
	}

	async setImage(ref: DeploymentRef, container: string, image: string): Promise<string> {
		await this.patchContainer(ref, container, `setting the image of ${container}`, (_current, path) => [{op: 'add', path: `${path}/image`, value: image}]);
		// kubectl set image's wording.
		return `deployment.apps/${ref.name} image updated`;
	}

	async setProbes(ref: DeploymentRef, container: string, probes: ContainerProbes): Promise<string> {
		await this.patchContainer(ref, container, `setting the probes of ${container}`, (current, path) => [
			// The whole probe is replaced: an old exec or tcpSocket handler must not survive beside httpGet.
			...setOrRemove(`${path}/livenessProbe`, current.livenessProbe, probes.liveness && httpProbe(probes.liveness, current.livenessProbe)),
			...setOrRemove(`${path}/readinessProbe`, current.readinessProbe, probes.readiness && httpProbe(probes.readiness, current.readinessProbe)),
		]);
		return `deployment.apps/${ref.name} patched`;
	}

	async renameContainer(ref: DeploymentRef, from: string, to: string): Promise<string> {
		await this.patchContainer(ref, from, `renaming ${from}`, (_current, path) => [{op: 'replace', path: `${path}/name`, value: to}]);
		return `deployment.apps/${ref.name} patched`;
	}

	async undo(ref: DeploymentRef, toRevision?: number): Promise<string> {
		const deployment = await this.client.request<Deployment>('GET', deploymentPath(ref)).catch(error => explain(error, `undoing ${ref.name}`));
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
