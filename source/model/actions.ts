// The edits a key can make. The kube layer implements them against the API;
// component tests pass recorders. Each carries what the prompt showed when it
// opened, so it is sent only if the fields it changes still hold that (a
// compare-and-swap), and only the fields the user changed are sent. Each
// resolves to the line to show the user (kubectl's wording where kubectl has
// one) and rejects with an Error whose message is fit to show as-is.
import type {FieldChange} from './fieldChanges.js';
import type {ObjectRef} from './objectRef.js';
import type {PodTemplateSpec} from './types.js';

export interface DeploymentRef {
	namespace: string;
	name: string;
}

/** The workload `s` scales: the lab's Deployment, or a row of a scalable kind opened with `:`. */
export interface ScaleTarget extends DeploymentRef {
	/** Absent for a Deployment. */
	resource?: {group: string; version: string; plural: string; kind: string};
}

/** The kinds with a scale subresource that `s` offers (kubectl scale's). */
export const scalableKinds: ReadonlyArray<{group: string; plural: string}> = [
	{group: 'apps', plural: 'deployments'},
	{group: 'apps', plural: 'statefulsets'},
	{group: 'apps', plural: 'replicasets'},
];

/** A number as the prompt showed it, and the one the user wants. */
export interface ValueChange<T> {
	seen: T;
	next: T;
}

/** What a container is edited for; each has kubectl's words for its success. */
export type ContainerAction = 'resources' | 'rename' | 'image' | 'probes';

export interface ContainerEdit {
	action: ContainerAction;
	/** The container's name when the prompt opened. */
	container: string;
	/** Paths below the container; never empty (an unchanged prompt sends nothing). */
	changes: readonly FieldChange[];
}

export interface UndoTarget {
	toRevision: number;
	/** The Deployment's pod template when the prompt opened: undo is refused if it changed since. */
	seenTemplate?: PodTemplateSpec;
}

/** An API object of any kind, as the API returns it. */
export interface ApiObject {
	apiVersion?: string;
	kind?: string;
	metadata?: {name?: string; namespace?: string; uid?: string; resourceVersion?: string; managedFields?: unknown; [field: string]: unknown};
	[field: string]: unknown;
}

/** Why an edit must be made again, written at the top of the reopened file (kubectl edit's reasons). */
export interface EditReason {
	head: string;
	/** One line each, listed under the head ("spec.replicas: Invalid value: -1: …"). */
	other: readonly string[];
}

/** An edit the server took, or one it refused for a reason the user can fix in the file (invalid, or changed meanwhile). */
export type EditOutcome = {kind: 'applied'; message: string} | {kind: 'reopen'; reason: EditReason; /** The object as the server has it now, when the reason is someone else's change. */ current?: ApiObject};

export interface LabActions {
	scale(target: ScaleTarget, replicas: ValueChange<number>): Promise<string>;
	/** spec.replicas of a workload the view does not hold whole (a Table row), for the scale prompt to show. */
	readReplicas?(target: ScaleTarget): Promise<number>;
	/** Requests and limits, rename, image (lab part 5), probes (parts 2 and 5). */
	editContainer(deployment: DeploymentRef, edit: ContainerEdit): Promise<string>;
	undo(deployment: DeploymentRef, target: UndoTarget): Promise<string>;
	/**
	 * Lab part 4: the node group's desired size. Only the sandbox can do this
	 * (on EKS it is the cloud console's job), so it is absent elsewhere.
	 */
	setNodeGroupSize?(nodes: ValueChange<number>): Promise<string>;
	/**
	 * Lab part 2 on a running pod: its app fails (or passes again) its readiness probe. Only the
	 * sandbox's simulated app can be told to (source/sandbox/readiness.ts), so it is absent elsewhere.
	 */
	setReadinessFailure?(pod: ObjectRef, fail: boolean): Promise<string>;
	/** Ctrl-D: deletes the object, pinned to `ref.uid` when known, so a same-named replacement is left alone. */
	deleteObject(ref: ObjectRef): Promise<string>;
	/** `e`: the object as the edit starts from it (kubectl edit's GET). */
	readForEdit(ref: ObjectRef): Promise<ApiObject>;
	/**
	 * `e`: sends what the user changed between `original` and `edited`, pinned to the resourceVersion in `edited`;
	 * `base` is the object at that version when the user moved the file onto a newer one (after a conflict).
	 */
	applyEdit(ref: ObjectRef, original: ApiObject, edited: ApiObject, base?: ApiObject): Promise<EditOutcome>;
}

/** An edit refused before anything was sent: the object changed meanwhile, or it is gone. */
export class EditRefused extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'EditRefused';
	}
}
