// Edit and delete of any object, as kubectl edit and kubectl delete send them,
// made safe against other writers: a delete carries the uid the user saw as a
// precondition, an edit is a JSON patch of only what the user changed, pinned
// to the resourceVersion in the file (the one the edit started from). Either
// is dropped, not sent late, once the edit deadline has passed.
import {EditRefused, type ApiObject, type EditOutcome, type EditReason} from '../model/actions.js';
import {editableObject, jsonPatch, mergePatch, patchPaths} from '../model/editFile.js';
import {objectLabel, objectPath, type ObjectRef} from '../model/objectRef.js';
import type {KubeClient} from './client.js';
import {ApiError} from './errors.js';

/** kubectl's name for the kind in its messages: pods, deployments.apps. */
function resourceString(ref: ObjectRef): string {
	return ref.resource.group ? `${ref.resource.resource}.${ref.resource.group}` : ref.resource.resource;
}

/** kubectl delete's and edit's word for the object: pod "x", deployment.apps "x". */
function kubectlName(ref: ObjectRef): string {
	const kind = ref.resource.kind.toLowerCase();
	return ref.resource.group ? `${kind}.${ref.resource.group}` : kind;
}

/** Counts down from when the user asked: a request that cannot start in time is not sent at all. */
function deadline(deadlineMs: number, what: string): () => number {
	const start = Date.now();
	return () => {
		const left = start + deadlineMs - Date.now();
		if (left <= 0) throw new ApiError(`${what}: dropped, the API server could not be reached within ${deadlineMs / 1000}s; nothing was sent`, 0, 'ETIMEDOUT');
		return left;
	};
}

function timedOut(error: unknown): boolean {
	return error instanceof ApiError && error.status === 0 && error.reason === 'ETIMEDOUT';
}

export async function deleteObject(client: KubeClient, ref: ObjectRef, deadlineMs: number): Promise<string> {
	const label = objectLabel(ref);
	const remaining = deadline(deadlineMs, `deleting ${label}`);
	const body = {apiVersion: 'v1', kind: 'DeleteOptions', ...(ref.uid ? {preconditions: {uid: ref.uid}} : {})};
	const timeoutMs = remaining();
	try {
		await client.request('DELETE', objectPath(ref), {body, contentType: 'application/json', timeoutMs});
	} catch (error) {
		if (error instanceof ApiError && error.status === 409) {
			throw new EditRefused(`nothing was deleted: ${label} is no longer the one you saw (it was replaced by a new object of the same name)`);
		}

		if (error instanceof ApiError && error.status === 404) throw new EditRefused(`nothing was deleted: ${error.message}`);
		if (timedOut(error)) throw new EditRefused(`deleting ${label}: no answer in time; it may or may not have been deleted (the view shows what the cluster has)`);
		throw error;
	}

	return `${kubectlName(ref)} "${ref.name}" deleted`;
}

export async function readForEdit(client: KubeClient, ref: ObjectRef, deadlineMs: number): Promise<ApiObject> {
	const remaining = deadline(deadlineMs, `reading ${objectLabel(ref)}`);
	return client.request<ApiObject>('GET', objectPath(ref), {timeoutMs: remaining()});
}

/** kubectl edit's reasons for a 422: the object, then each invalid field. */
function invalidReason(ref: ObjectRef, error: ApiError): EditReason {
	const causes = error.causes.map(cause => (cause.field ? `${cause.field}: ${cause.message ?? ''}` : (cause.message ?? ''))).filter(Boolean);
	return {head: `${resourceString(ref)} "${ref.name}" was not valid`, other: causes.length > 0 ? causes : [error.message]};
}

/** What someone else changed since `original` was read, the status aside (controllers and kubelets rewrite it all the time). */
function othersChanges(original: ApiObject, current: ApiObject): string[] {
	const bookkeeping = new Set(['metadata.resourceVersion', 'metadata.generation']);
	return patchPaths(mergePatch(editableObject(original), editableObject(current))).filter(path => !bookkeeping.has(path) && path !== 'status' && !path.startsWith('status.'));
}

/** Someone else's change since the file was written: what they changed, and how to go on. */
function conflictReason(ref: ObjectRef, startedFrom: string, current: ApiObject | undefined, theirs: readonly string[]): EditReason {
	const head = `${resourceString(ref)} "${ref.name}" was changed by someone else since this file was written (resourceVersion ${startedFrom}); nothing was saved`;
	const now = current?.metadata?.resourceVersion;
	return {
		head,
		other: [
			...(theirs.length > 0 ? [`changed since: ${theirs.slice(0, 12).join(', ')}${theirs.length > 12 ? ', …' : ''}`] : []),
			...(now ? [`to save your edit over the object as it is now, set metadata.resourceVersion to "${now}" below (only the fields you changed are sent)`] : []),
			'to drop your edit, quit the editor without saving',
		],
	};
}

/**
 * Sends what the user changed, as a JSON patch pinned to the resourceVersion
 * the file carries: the one the edit started from, so a change by someone else
 * since gives 409 and the file reopens naming it. A change of the status alone
 * (a rollout, a probe) is not theirs to lose: the patch is pinned to the new
 * version and sent again, until the deadline. A refusal the user can fix in the
 * file (422, 400, 409) reopens it; others reject.
 */
export async function applyEdit(client: KubeClient, ref: ObjectRef, {original, edited, base}: {original: ApiObject; edited: ApiObject; base?: ApiObject}, deadlineMs: number, fieldManager: string): Promise<EditOutcome> {
	const remaining = deadline(deadlineMs, `saving your edit of ${objectLabel(ref)}`);
	const startedFrom = edited.metadata?.resourceVersion ?? original.metadata?.resourceVersion ?? '';
	const patch = mergePatch(editableObject(original), edited);
	const changes = patchPaths(patch).filter(path => path !== 'metadata.resourceVersion');
	if (changes.length === 0) return {kind: 'applied', message: `${kubectlName(ref)}/${ref.name} skipped`};
	const touchesStatus = changes.some(path => path === 'status' || path.startsWith('status.'));
	// Only what the user changed, down to the leaf (a JSON Patch); setting the
	// resourceVersion makes the server refuse it with 409 if the object moved on.
	const operations = jsonPatch(editableObject(original), edited).filter(operation => operation.path !== '/metadata/resourceVersion');
	let pinnedTo = startedFrom;
	for (;;) {
		const body = [...operations, {op: 'replace', path: '/metadata/resourceVersion', value: pinnedTo}];
		const timeoutMs = remaining();
		try {
			await client.request('PATCH', `${objectPath(ref)}?fieldManager=${encodeURIComponent(fieldManager)}`, {body, contentType: 'application/json-patch+json', timeoutMs});
			return {kind: 'applied', message: `${kubectlName(ref)}/${ref.name} edited`};
		} catch (error) {
			const refused = error instanceof ApiError && (error.status === 422 || error.status === 400);
			if (error instanceof ApiError && (error.status === 409 || refused)) {
				const current = await client.request<ApiObject>('GET', objectPath(ref), {timeoutMs: remaining()}).catch(() => undefined);
				// A JSON patch is applied to the object as it is now: on a newer version
				// an operation can fail (a field someone removed, a test of a list
				// element) before the version is compared. That is their change, not
				// an invalid edit; on the same version the refusal is the edit's.
				if (refused && (!current || current.metadata?.resourceVersion === pinnedTo)) return {kind: 'reopen', reason: invalidReason(ref, error)};
				// Measured from the version the file is pinned to: changes the user already accepted are not theirs again.
				const theirs = current ? othersChanges(base ?? original, current) : [];
				if (current?.metadata?.resourceVersion && theirs.length === 0 && !touchesStatus) {
					pinnedTo = current.metadata.resourceVersion;
					continue;
				}

				return {kind: 'reopen', reason: conflictReason(ref, startedFrom, current, theirs), ...(current ? {current} : {})};
			}

			if (error instanceof ApiError && error.status === 404) throw new EditRefused(`error: ${resourceString(ref)} "${ref.name}" could not be found on the server; your edit was not saved`);
			if (timedOut(error)) throw new EditRefused(`saving your edit of ${objectLabel(ref)}: no answer in time; it may or may not have been applied (the view shows what the cluster has)`);
			throw error;
		}
	}
}
