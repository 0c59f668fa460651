// The edits keys make, sent to the API as compare-and-swaps: each reads the
// object, checks that every field it changes still holds what the prompt
// showed, and sends a JSON patch of only those fields, pinned to the
// resourceVersion it read. A field someone else changed meanwhile stops the
// edit with both values named; any other change of theirs is kept. The watch
// then redraws the result (no optimistic updates).
import {EditRefused, type ApiObject, type ContainerAction, type ContainerEdit, type DeploymentRef, type EditOutcome, type LabActions, type ScaleTarget, type UndoTarget, type ValueChange} from '../model/actions.js';
import type {ObjectRef} from '../model/objectRef.js';
import {conflictsOf, containerFieldsPath, describeConflicts, fieldManager, patchOps, type JsonPatchOp, type ManagedFieldsEntry} from '../model/fieldChanges.js';
import {planUndo, undoSuccessMessage} from '../model/index.js';
import {templatesEqualIgnoringHash} from '../model/template.js';
import {revisionAnnotation} from '../model/replicaSets.js';
import type {Deployment, ReplicaSet} from '../model/types.js';
import type {KubeClient} from './client.js';
import {ApiError} from './errors.js';
import * as objectEdits from './objectEdits.js';

const mergePatch = 'application/merge-patch+json';
const jsonPatch = 'application/json-patch+json';
/** Who wrote a field, in managedFields; what another user's conflict message names. */
export const fieldManagerName = 'k8slab';
/** An edit not answered by then is dropped: sending it later would act on a screen the user has left. */
export const editDeadlineMs = 15_000;

type Managed = Deployment & {metadata: Deployment['metadata'] & {managedFields?: ManagedFieldsEntry[]}};

function deploymentPath(ref: DeploymentRef): string {
	return `/apis/apps/v1/namespaces/${encodeURIComponent(ref.namespace)}/deployments/${encodeURIComponent(ref.name)}`;
}

function workloadPath(target: ScaleTarget): string {
	if (!target.resource) return deploymentPath(target);
	const {group, version, plural} = target.resource;
	return `/apis/${group}/${version}/namespaces/${encodeURIComponent(target.namespace)}/${plural}/${encodeURIComponent(target.name)}`;
}

/** kubectl's name for it: deployment.apps/todoapi, statefulset.apps/web. */
function workloadName(target: ScaleTarget): string {
	return `${(target.resource?.kind ?? 'Deployment').toLowerCase()}.${target.resource?.group ?? 'apps'}/${target.name}`;
}

function selectorQuery(deployment: Deployment): string {
	const labels = deployment.spec?.selector?.matchLabels ?? {};
	const selector = Object.entries(labels)
		.map(([key, value]) => `${key}=${value}`)
		.join(',');
	return selector ? `?labelSelector=${encodeURIComponent(selector)}` : '';
}

/**
 * The patch applies only to the object as read: a resourceVersion in the
 * patched object is a precondition, answered 409 if the object moved on. (A
 * JSON-patch `test` op would do the same but fails as a bare 422, "the server
 * rejected our request", indistinguishable from other refusals.)
 */
function pinned(deployment: Managed): JsonPatchOp {
	return {op: 'replace', path: '/metadata/resourceVersion', value: deployment.metadata.resourceVersion};
}

/** The write raced another writer after our read: read again and re-check the fields. */
function raced(error: unknown): boolean {
	return error instanceof ApiError && error.status === 409;
}

/** Replaces a terse server reply with one that says what happened, keeping the server's words. */
function explain(error: unknown, what: string): never {
	if (error instanceof ApiError) {
		if (raced(error)) throw new ApiError(`${what}: the deployment kept changing while it was sent; nothing was changed, try again`, 409, 'Conflict');
		if (error.status === 404) throw new ApiError(`${what}: ${error.message}`, 404, error.reason);
		if (error.status === 0 && error.reason === 'ETIMEDOUT') throw new ApiError(`${what}: dropped, the API server did not answer within ${editDeadlineMs / 1000}s; nothing was sent`, 0, error.reason);
	}
	throw error;
}

const successWords: Record<ContainerAction, string> = {resources: 'resource requirements updated', image: 'image updated', rename: 'patched', probes: 'patched'};
const doing: Record<ContainerAction, string> = {resources: 'setting resources of', image: 'setting the image of', rename: 'renaming', probes: 'setting the probes of'};
const reopenKey: Record<ContainerAction, string> = {resources: 'r', image: 'i', rename: 'c', probes: 'p'};

export class KubeActions implements LabActions {
	constructor(private readonly client: KubeClient) {}

	/** Time left before the edit started at `start` must be dropped. */
	private remaining(start: number, what: string): number {
		const left = start + editDeadlineMs - Date.now();
		if (left <= 0) throw new ApiError(`${what}: dropped, the API server could not be reached within ${editDeadlineMs / 1000}s; nothing was sent`, 0, 'ETIMEDOUT');
		return left;
	}

	private async patch(start: number, what: string, path: string, body: unknown, contentType: string): Promise<void> {
		try {
			await this.client.request('PATCH', `${path}?fieldManager=${fieldManagerName}`, {body, contentType, timeoutMs: this.remaining(start, what)});
		} catch (error) {
			// Sent but not answered: the server may have applied it, so say so rather than "nothing was sent".
			if (error instanceof ApiError && error.status === 0 && error.reason === 'ETIMEDOUT') throw new EditRefused(`${what}: no answer in time; the edit may or may not have been applied (the view shows what the cluster has)`);
			throw error;
		}
	}

	/**
	 * Reads, checks and writes until the write is not raced. During a rollout the
	 * controllers update the object's status several times a second, so a write
	 * pinned to the version read can lose that race a few times in a row; each
	 * try re-reads and re-checks the fields, so retrying is safe, until the deadline.
	 */
	private async compareAndSwap<T>(what: string, attempt: (start: number) => Promise<T>): Promise<T> {
		const start = Date.now();
		for (let tries = 1; ; tries++) {
			try {
				return await attempt(start);
			} catch (error) {
				if (error instanceof EditRefused) throw error;
				const pause = Math.min(500, 25 * 2 ** tries) * (0.5 + Math.random() / 2);
				if (raced(error) && Date.now() + pause < start + editDeadlineMs) {
					await new Promise(resolve => setTimeout(resolve, pause));
					continue;
				}
				explain(error, what);
			}
		}
	}

	private async read(start: number, ref: DeploymentRef, what: string): Promise<Managed> {
		return this.client.request<Managed>('GET', deploymentPath(ref), {timeoutMs: this.remaining(start, what)});
	}

	async readReplicas(target: ScaleTarget): Promise<number> {
		const scale = await this.client.request<{spec?: {replicas?: number}}>('GET', `${workloadPath(target)}/scale`);
		return scale.spec?.replicas ?? 0;
	}

	async scale(ref: ScaleTarget, replicas: ValueChange<number>): Promise<string> {
		const what = `scaling ${ref.name}`;
		return this.compareAndSwap(what, async start => {
			const deployment = await this.client.request<Managed>('GET', workloadPath(ref), {timeoutMs: this.remaining(start, what)});
			const current = deployment.spec?.replicas ?? 1;
			if (current !== replicas.seen) {
				const manager = fieldManager(deployment.metadata.managedFields, ['f:spec', 'f:replicas']);
				throw new EditRefused(`nothing was sent: replicas of ${ref.name} changed meanwhile: ${replicas.seen} → ${current}${manager ? ` (by ${manager})` : ''}; press s to scale from ${current}`);
			}
			// The scale subresource touches spec.replicas and nothing else; the resourceVersion makes it conditional on what we read.
			await this.patch(start, what, `${workloadPath(ref)}/scale`, {metadata: {resourceVersion: deployment.metadata.resourceVersion}, spec: {replicas: replicas.next}}, mergePatch);
			return `${workloadName(ref)} scaled`;
		});
	}

	async editContainer(ref: DeploymentRef, edit: ContainerEdit): Promise<string> {
		const what = `${doing[edit.action]} ${edit.container}`;
		return this.compareAndSwap(what, async start => {
			const deployment = await this.read(start, ref, what);
			const containers = deployment.spec?.template?.spec?.containers ?? [];
			const index = containers.findIndex(c => c.name === edit.container);
			if (index < 0) throw new EditRefused(`nothing was sent: deployment ${ref.name} has no container named "${edit.container}" any more (renamed meanwhile?)`);
			const container = containers[index]!;
			const conflicts = conflictsOf(container, edit.changes);
			if (conflicts.length > 0) {
				const named = conflicts.map(conflict => ({...conflict, manager: fieldManager(deployment.metadata.managedFields, containerFieldsPath(edit.container, conflict.change.path))}));
				throw new EditRefused(`nothing was sent: the ${describeConflicts(named)}; press ${reopenKey[edit.action]} to edit the new values`);
			}
			const prefix = ['spec', 'template', 'spec', 'containers', String(index)];
			const ops: JsonPatchOp[] = [pinned(deployment), ...patchOps(prefix, container, edit.changes)];
			await this.patch(start, what, deploymentPath(ref), ops, jsonPatch);
			return `deployment.apps/${ref.name} ${successWords[edit.action]}`;
		});
	}

	async undo(ref: DeploymentRef, target: UndoTarget): Promise<string> {
		const what = `undoing ${ref.name}`;
		return this.compareAndSwap(what, async start => {
			const deployment = await this.read(start, ref, what);
			if (target.seenTemplate && !templatesEqualIgnoringHash(deployment.spec?.template, target.seenTemplate)) {
				const manager = fieldManager(deployment.metadata.managedFields, ['f:spec', 'f:template']);
				const revision = deployment.metadata.annotations?.[revisionAnnotation];
				throw new EditRefused(`nothing was sent: the pod template of ${ref.name} changed meanwhile${revision === undefined ? '' : ` (now revision ${revision})`}${manager ? ` (by ${manager})` : ''}; press u to choose again`);
			}
			const list = await this.client.request<{items?: ReplicaSet[]}>('GET', `/apis/apps/v1/namespaces/${encodeURIComponent(ref.namespace)}/replicasets${selectorQuery(deployment)}`, {timeoutMs: this.remaining(start, what)});
			const plan = planUndo(deployment, list.items ?? [], target.toRevision);
			switch (plan.kind) {
				case 'error':
					throw new EditRefused(plan.message);
				case 'skip':
					return `deployment.apps/${ref.name} ${plan.message}`;
				case 'patch':
					await this.patch(start, what, deploymentPath(ref), [pinned(deployment), ...plan.patch], jsonPatch);
					return undoSuccessMessage(ref.name);
				default: {
					const unreachable: never = plan;
					return unreachable;
				}
			}
		});
	}

	async deleteObject(ref: ObjectRef): Promise<string> {
		return objectEdits.deleteObject(this.client, ref, editDeadlineMs);
	}

	async readForEdit(ref: ObjectRef): Promise<ApiObject> {
		return objectEdits.readForEdit(this.client, ref, editDeadlineMs);
	}

	async applyEdit(ref: ObjectRef, original: ApiObject, edited: ApiObject, base?: ApiObject): Promise<EditOutcome> {
		return objectEdits.applyEdit(this.client, ref, {original, edited, base}, editDeadlineMs, fieldManagerName);
	}
}
