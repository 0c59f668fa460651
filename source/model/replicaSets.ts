// A Deployment's ReplicaSets and their revisions, as kubectl finds them
// (k8s.io/kubectl/pkg/util/deployment).
import {toMillis} from './age.js';
import {selectorMatches} from './labels.js';
import {templatesEqualIgnoringHash} from './template.js';
import {type Many, valuesOf} from './collections.js';
import type {Deployment, ReplicaSet} from './types.js';

export const revisionAnnotation = 'deployment.kubernetes.io/revision';

function isControlledBy(rs: ReplicaSet, deployment: Deployment): boolean {
	const uid = deployment.metadata?.uid;
	if (!uid) return false;
	const refs = Array.isArray(rs.metadata?.ownerReferences) ? rs.metadata.ownerReferences : [];
	const controller = refs.find(ref => ref?.controller === true);
	return controller?.uid === uid;
}

/** ReplicaSets in the Deployment's namespace that match its selector and name it as their controller. */
export function ownedReplicaSets(deployment: Deployment, replicaSets: Many<ReplicaSet>): ReplicaSet[] {
	const namespace = deployment.metadata?.namespace ?? '';
	const selector = deployment.spec?.selector;
	const owned: ReplicaSet[] = [];
	for (const rs of valuesOf(replicaSets)) {
		if (!rs) continue;
		if ((rs.metadata?.namespace ?? '') !== namespace) continue;
		if (!isControlledBy(rs, deployment)) continue;
		if (!selectorMatches(selector, rs.metadata?.labels)) continue;
		owned.push(rs);
	}
	return owned;
}

/**
 * The revision annotation as kubectl reads it: 0 when absent, undefined when
 * it is not an integer (kubectl skips such ReplicaSets).
 */
export function parseRevision(rs: ReplicaSet): number | undefined {
	const value = rs.metadata?.annotations?.[revisionAnnotation];
	if (value === undefined) return 0;
	if (typeof value !== 'string' || !/^[+-]?\d+$/.test(value)) return undefined;
	const n = Number.parseInt(value, 10);
	return Number.isSafeInteger(n) ? n : undefined;
}

/** The ReplicaSet's revision number; 0 when it has none (or an unreadable one). */
export function revisionOf(rs: ReplicaSet): number {
	return parseRevision(rs) ?? 0;
}

/** Whether this ReplicaSet runs the Deployment's current template (pod-template-hash aside). */
export function isNewReplicaSet(deployment: Deployment, rs: ReplicaSet): boolean {
	return templatesEqualIgnoringHash(rs.spec?.template, deployment.spec?.template);
}

/** Oldest first, by creation time then name, like replicaSetsByCreationTimestamp. */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
	const ta = toMillis(a.metadata?.creationTimestamp) ?? 0;
	const tb = toMillis(b.metadata?.creationTimestamp) ?? 0;
	if (ta !== tb) return ta - tb;
	const na = a.metadata?.name ?? '';
	const nb = b.metadata?.name ?? '';
	return na < nb ? -1 : na > nb ? 1 : 0;
}

/** The new ReplicaSet among the owned ones; the oldest if (rarely) several match. */
export function newReplicaSet(deployment: Deployment, owned: Many<ReplicaSet>): ReplicaSet | undefined {
	const sorted = [...valuesOf(owned)].sort(byCreation);
	return sorted.find(rs => isNewReplicaSet(deployment, rs));
}

/** Owned ReplicaSets ordered as kubectl visits them: old ones by creation, then the new one last. */
export function replicaSetsInKubectlOrder(deployment: Deployment, owned: Many<ReplicaSet>): {all: ReplicaSet[]; newRS: ReplicaSet | undefined} {
	const sorted = [...valuesOf(owned)].sort(byCreation);
	const newRS = sorted.find(rs => isNewReplicaSet(deployment, rs));
	const all = sorted.filter(rs => rs !== newRS);
	if (newRS) all.push(newRS);
	return {all, newRS};
}
