// `kubectl rollout history deployment/NAME --revision=N`: the pod template a
// revision runs, in kubectl describe's words, one field per line per container.
import type {Many} from './collections.js';
import {changeCauseAnnotation} from './history.js';
import {describeProbe} from './probes.js';
import {ownedReplicaSets, parseRevision, replicaSetsInKubectlOrder} from './replicaSets.js';
import type {Container, Deployment, PodTemplateSpec, Quantities, ReplicaSet} from './types.js';

export interface RevisionTemplate {
	revision: number;
	replicaSetName: string;
	current: boolean;
	/** "<none>" when missing, as kubectl prints it. */
	changeCause: string;
	/** The template's labels, pod-template-hash included, as "k=v,k=v". */
	labels: string;
	containers: Array<{name: string; fields: Array<{label: string; value: string}>}>;
}

const none = '<none>';

function quantities(list: Quantities | undefined): string {
	const entries = Object.entries(list ?? {});
	return entries.length === 0 ? none : entries.map(([name, value]) => `${name}: ${String(value)}`).join(', ');
}

function containerFields(container: Container): Array<{label: string; value: string}> {
	const ports = (container.ports ?? []).map(port => `${port.containerPort}/${port.protocol ?? 'TCP'}${port.name ? ` (${port.name})` : ''}`);
	return [
		{label: 'Image', value: container.image ?? ''},
		{label: 'Port', value: ports.length > 0 ? ports.join(', ') : none},
		{label: 'Requests', value: quantities(container.resources?.requests)},
		{label: 'Limits', value: quantities(container.resources?.limits)},
		{label: 'Liveness', value: container.livenessProbe ? describeProbe(container.livenessProbe) : none},
		{label: 'Readiness', value: container.readinessProbe ? describeProbe(container.readinessProbe) : none},
	];
}

/** The ReplicaSet behind one revision; as in the history, for a repeated number the last one visited wins. */
function revisionReplicaSet(deployment: Deployment, replicaSets: Many<ReplicaSet>, revision: number): {rs: ReplicaSet; newRS?: ReplicaSet} | undefined {
	const {all, newRS} = replicaSetsInKubectlOrder(deployment, ownedReplicaSets(deployment, replicaSets));
	const rs = all.filter(candidate => parseRevision(candidate) === revision).at(-1);
	return rs ? {rs, newRS} : undefined;
}

/** A revision's pod template as the API has it (what undo would restore). */
export function revisionPodTemplate(deployment: Deployment, replicaSets: Many<ReplicaSet>, revision: number): PodTemplateSpec | undefined {
	return revisionReplicaSet(deployment, replicaSets, revision)?.rs.spec?.template;
}

/** The template of one revision, or undefined when the Deployment has no such revision (kubectl: "unable to find the specified revision"). */
export function revisionTemplate(deployment: Deployment, replicaSets: Many<ReplicaSet>, revision: number): RevisionTemplate | undefined {
	const found = revisionReplicaSet(deployment, replicaSets, revision);
	if (!found) return undefined;
	const {rs, newRS} = found;
	const template = rs.spec?.template;
	const labels = Object.entries(template?.metadata?.labels ?? {})
		.map(([key, value]) => `${key}=${value}`)
		.join(',');
	return {
		revision,
		replicaSetName: rs.metadata?.name ?? '',
		current: rs === newRS,
		changeCause: rs.metadata?.annotations?.[changeCauseAnnotation] || none,
		labels: labels || none,
		containers: (template?.spec?.containers ?? []).map(container => ({name: container.name, fields: containerFields(container)})),
	};
}
