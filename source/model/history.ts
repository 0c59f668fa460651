// `kubectl rollout history deployment/NAME`, with the details of each
// revision the panes show beside it (k8s.io/kubectl/pkg/polymorphichelpers/history.go).
import {formatCpuMilli, formatMemoryBytes, parseCpuMilli, parseMemoryBytes} from './quantity.js';
import {ownedReplicaSets, parseRevision, replicaSetsInKubectlOrder} from './replicaSets.js';
import type {Many} from './collections.js';
import type {Container, Deployment, ReplicaSet} from './types.js';
import type {RevisionContainer, RevisionRow} from './view.js';

export const changeCauseAnnotation = 'kubernetes.io/change-cause';
export const noHistoryMessage = 'No rollout history found.';

function count(n: unknown): number {
	return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}

function request(container: Container, resource: 'cpu' | 'memory'): string {
	const value = container.resources?.requests?.[resource];
	if (value === undefined || value === null) return '';
	return resource === 'cpu' ? formatCpuMilli(parseCpuMilli(value)) : formatMemoryBytes(parseMemoryBytes(value));
}

function revisionContainers(rs: ReplicaSet): RevisionContainer[] {
	const containers = Array.isArray(rs.spec?.template?.spec?.containers) ? rs.spec.template.spec.containers : [];
	return containers.filter((c): c is Container => Boolean(c)).map(c => ({name: c.name ?? '', image: c.image ?? '', cpuRequest: request(c, 'cpu'), memoryRequest: request(c, 'memory')}));
}

/** Revisions of the Deployment, highest first; one per revision number, as kubectl keeps one. */
export function rolloutHistory(deployment: Deployment, replicaSets: Many<ReplicaSet>): RevisionRow[] {
	const {all, newRS} = replicaSetsInKubectlOrder(deployment, ownedReplicaSets(deployment, replicaSets));
	// kubectl fills a map by revision, so for a repeated number the last one visited wins.
	const byRevision = new Map<number, ReplicaSet>();
	for (const rs of all) {
		const revision = parseRevision(rs);
		if (revision !== undefined) byRevision.set(revision, rs);
	}
	const rows: RevisionRow[] = [];
	for (const [revision, rs] of byRevision) {
		const changeCause = rs.metadata?.annotations?.[changeCauseAnnotation];
		rows.push({
			revision,
			replicaSetName: rs.metadata?.name ?? '',
			containers: revisionContainers(rs),
			changeCause: changeCause ? changeCause : '<none>',
			replicas: count(rs.status?.replicas),
			readyReplicas: count(rs.status?.readyReplicas),
			current: rs === newRS,
		});
	}
	rows.sort((a, b) => b.revision - a.revision);
	return rows;
}
