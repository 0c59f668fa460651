// `kubectl rollout undo deployment/NAME [--to-revision=N]` as a plan: the
// JSON patch kubectl would send, or the message it would print instead
// (k8s.io/kubectl/pkg/polymorphichelpers/rollback.go DeploymentRollbacker).
import {ownedReplicaSets, parseRevision, replicaSetsInKubectlOrder, revisionAnnotation} from './replicaSets.js';
import {templatesEqualIgnoringHash, withoutHash} from './template.js';
import type {Many} from './collections.js';
import type {Deployment, ReplicaSet} from './types.js';
import type {UndoPlan} from './view.js';

// Kept from the Deployment rather than copied from the ReplicaSet: they
// describe the Deployment's own bookkeeping, not the template being restored.
export const annotationsToSkip: readonly string[] = [
	'kubectl.kubernetes.io/last-applied-configuration',
	revisionAnnotation,
	'deployment.kubernetes.io/revision-history',
	'deployment.kubernetes.io/desired-replicas',
	'deployment.kubernetes.io/max-replicas',
	'deprecated.deployment.rollback.to',
];

function revisionNotFound(revision: number): UndoPlan {
	return {kind: 'error', message: `unable to find specified revision ${revision} in history`};
}

function findTarget(deployment: Deployment, replicaSets: Many<ReplicaSet>, toRevision: number): {rs: ReplicaSet; revision: number} | UndoPlan {
	const {all} = replicaSetsInKubectlOrder(deployment, ownedReplicaSets(deployment, replicaSets));
	let latest: {rs: ReplicaSet; revision: number} | undefined;
	let previous: {rs: ReplicaSet; revision: number} | undefined;
	for (const rs of all) {
		const revision = parseRevision(rs);
		if (revision === undefined) continue;
		if (toRevision === 0) {
			if (!latest || latest.revision < revision) {
				previous = latest;
				latest = {rs, revision};
			} else if (!previous || previous.revision < revision) {
				previous = {rs, revision};
			}
		} else if (toRevision === revision) {
			return {rs, revision};
		}
	}
	if (toRevision > 0) return revisionNotFound(toRevision);
	if (!previous) return {kind: 'error', message: `no rollout history found for deployment ${JSON.stringify(deployment.metadata?.name ?? '')}`};
	return previous;
}

/**
 * What undo would do. toRevision 0 or undefined means the previous revision
 * (the second highest). The checks run in kubectl's order: revision lookup,
 * then paused, then "already matches".
 */
export function planUndo(deployment: Deployment, replicaSets: Many<ReplicaSet>, toRevision?: number): UndoPlan {
	const requested = toRevision ?? 0;
	if (!Number.isInteger(requested) || requested < 0) return revisionNotFound(requested);
	const target = findTarget(deployment, replicaSets, requested);
	if ('kind' in target) return target;
	const name = deployment.metadata?.name ?? '';
	if (deployment.spec?.paused === true) {
		return {
			kind: 'error',
			message: `you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${name}' and try again`,
		};
	}
	if (templatesEqualIgnoringHash(target.rs.spec?.template, deployment.spec?.template)) {
		// kubectl words this with the number it was asked for (0 for "previous").
		return {kind: 'skip', toRevision: target.revision, message: `skipped rollback (current template already matches revision ${requested})`};
	}
	const annotations: Record<string, string> = {};
	const own = deployment.metadata?.annotations ?? {};
	for (const key of annotationsToSkip) {
		if (Object.prototype.hasOwnProperty.call(own, key)) annotations[key] = own[key]!;
	}
	for (const [key, value] of Object.entries(target.rs.metadata?.annotations ?? {})) {
		if (!annotationsToSkip.includes(key)) annotations[key] = value;
	}
	return {
		kind: 'patch',
		toRevision: target.revision,
		patch: [
			{op: 'replace', path: '/spec/template', value: withoutHash(target.rs.spec?.template)},
			{op: 'replace', path: '/metadata/annotations', value: annotations},
		],
	};
}

/** What kubectl prints once the patch is accepted: "deployment.apps/todoapi rolled back". */
export function undoSuccessMessage(name: string): string {
	return `deployment.apps/${name} rolled back`;
}
