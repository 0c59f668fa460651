// Which Deployment the rollout pane follows.
import type {ClusterSnapshot, LabObjects} from './cluster.js';
import {type Many, valuesOf} from './collections.js';
import type {Deployment} from './types.js';

// The lab's own Deployment, preferred when several share a namespace.
const labDeployment = 'todoapi';

function byNamespaceThenName(a: Deployment, b: Deployment): number {
	const na = a.metadata?.namespace ?? '';
	const nb = b.metadata?.namespace ?? '';
	if (na !== nb) return na < nb ? -1 : 1;
	const ma = a.metadata?.name ?? '';
	const mb = b.metadata?.name ?? '';
	return ma < mb ? -1 : ma > mb ? 1 : 0;
}

function inNamespace(deployments: Many<Deployment>, namespace: string): Deployment[] {
	const out: Deployment[] = [];
	for (const d of valuesOf(deployments)) {
		if (!d) continue;
		if (namespace !== '' && (d.metadata?.namespace ?? '') !== namespace) continue;
		out.push(d);
	}
	return out.sort(byNamespaceThenName);
}

/**
 * The requested Deployment if it exists; else the only one in the namespace;
 * else "todoapi"; else the first by name. '' means every namespace.
 */
export function pickDeployment(deployments: Many<Deployment>, namespace: string, requested?: string): Deployment | undefined {
	const candidates = inNamespace(deployments, namespace);
	if (requested) {
		const found = candidates.find(d => d.metadata?.name === requested);
		if (found) return found;
	}
	if (candidates.length === 1) return candidates[0];
	return candidates.find(d => d.metadata?.name === labDeployment) ?? candidates[0];
}

const memo = new WeakMap<LabObjects['deployments'], Map<string, Deployment[]>>();

/** Deployments in the namespace ('' for all), sorted by namespace then name; the same map gives the same array. */
export function deploymentsIn(snapshot: ClusterSnapshot, namespace: string): Deployment[] {
	let byNamespace = memo.get(snapshot.objects.deployments);
	if (!byNamespace) {
		byNamespace = new Map();
		memo.set(snapshot.objects.deployments, byNamespace);
	}
	let list = byNamespace.get(namespace);
	if (!list) {
		list = inNamespace(snapshot.objects.deployments, namespace);
		byNamespace.set(namespace, list);
	}
	return list;
}
