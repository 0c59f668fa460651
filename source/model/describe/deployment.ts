// kubectl describe deployment and kubectl describe replicaset.
import {controllerOf, formatSelector, rfc1123, writeAnnotations, writeEvents, writeLabels, type Loose} from './common.js';
import {writePodTemplate} from './containers.js';
import {DescribeWriter} from './tabwriter.js';

function writeConditions(w: DescribeWriter, conditions: readonly Loose[] | undefined): void {
	if (!conditions || conditions.length === 0) return;
	w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
	w.write(1, '----\t------\t------\n');
	for (const condition of conditions) w.write(1, `${condition.type} \t${condition.status}\t${condition.reason ?? ''}\n`);
}

/** A template equal to the Deployment's, the pod-template-hash label aside: kubectl's "new" ReplicaSet. */
function sameTemplate(a: Loose | undefined, b: Loose | undefined): boolean {
	const strip = (template: Loose | undefined) => {
		const copy = structuredClone(template ?? {});
		if (copy.metadata?.labels) delete copy.metadata.labels['pod-template-hash'];
		return copy;
	};
	return canonical(strip(a)) === canonical(strip(b));
}

function canonical(value: unknown): string {
	return JSON.stringify(value, (_key, inner: unknown) => (inner && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([x], [y]) => x.localeCompare(y))) : inner));
}

function replicaSetsText(replicaSets: readonly Loose[]): string {
	if (replicaSets.length === 0) return '<none>';
	return replicaSets.map(rs => `${rs.metadata?.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ');
}

export function describeDeployment(deployment: Loose, related: {events?: readonly Loose[]; replicaSets?: readonly Loose[]}, now: number): string {
	const w = new DescribeWriter();
	const spec = deployment.spec ?? {};
	const status = deployment.status ?? {};
	w.write(0, `Name:\t${deployment.metadata?.name ?? ''}\n`);
	w.write(0, `Namespace:\t${deployment.metadata?.namespace ?? ''}\n`);
	w.write(0, `CreationTimestamp:\t${rfc1123(deployment.metadata?.creationTimestamp)}\n`);
	writeLabels(w, 'Labels', deployment.metadata?.labels);
	writeAnnotations(w, 'Annotations', deployment.metadata?.annotations);
	w.write(0, `Selector:\t${formatSelector(spec.selector)}\n`);
	w.write(0, `Replicas:\t${spec.replicas ?? 1} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`);
	w.write(0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
	w.write(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
	const rolling = spec.strategy?.rollingUpdate;
	if (rolling) w.write(0, `RollingUpdateStrategy:\t${rolling.maxUnavailable ?? ''} max unavailable, ${rolling.maxSurge ?? ''} max surge\n`);
	writePodTemplate(w, spec.template);
	writeConditions(w, status.conditions);
	if (related.replicaSets) {
		const uid = deployment.metadata?.uid;
		const owned = related.replicaSets.filter(rs => (rs.metadata?.ownerReferences ?? []).some((ref: Loose) => ref.controller === true && ref.uid === uid));
		const newest = owned.filter(rs => sameTemplate(rs.spec?.template, spec.template)).sort((a, b) => String(a.metadata?.creationTimestamp).localeCompare(String(b.metadata?.creationTimestamp)))[0];
		// kubectl lists only the old ones that still have pods.
		const old = owned.filter(rs => rs !== newest && (rs.spec?.replicas ?? 0) > 0);
		w.write(0, `OldReplicaSets:\t${replicaSetsText(old)}\n`);
		w.write(0, `NewReplicaSet:\t${replicaSetsText(newest ? [newest] : [])}\n`);
	}
	writeEvents(w, related.events, now);
	return w.toString();
}

/** Running / Waiting / Succeeded / Failed among the pods the ReplicaSet controls. */
function podCounts(replicaSet: Loose, pods: readonly Loose[]): string {
	const counts = {Running: 0, Pending: 0, Succeeded: 0, Failed: 0};
	const uid = replicaSet.metadata?.uid;
	for (const pod of pods) {
		if (!(pod.metadata?.ownerReferences ?? []).some((ref: Loose) => ref.controller === true && ref.uid === uid)) continue;
		const phase = pod.status?.phase as keyof typeof counts;
		if (phase in counts) counts[phase]++;
	}
	return `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed`;
}

export function describeReplicaSet(replicaSet: Loose, related: {events?: readonly Loose[]; pods?: readonly Loose[]}, now: number): string {
	const w = new DescribeWriter();
	w.write(0, `Name:\t${replicaSet.metadata?.name ?? ''}\n`);
	w.write(0, `Namespace:\t${replicaSet.metadata?.namespace ?? ''}\n`);
	w.write(0, `Selector:\t${formatSelector(replicaSet.spec?.selector)}\n`);
	writeLabels(w, 'Labels', replicaSet.metadata?.labels);
	writeAnnotations(w, 'Annotations', replicaSet.metadata?.annotations);
	const controller = controllerOf(replicaSet);
	if (controller) w.write(0, `Controlled By:\t${controller}\n`);
	w.write(0, `Replicas:\t${replicaSet.status?.replicas ?? 0} current / ${replicaSet.spec?.replicas ?? 1} desired\n`);
	w.write(0, `Pods Status:\t${podCounts(replicaSet, related.pods ?? [])}\n`);
	writePodTemplate(w, replicaSet.spec?.template);
	writeConditions(w, replicaSet.status?.conditions);
	writeEvents(w, related.events, now);
	return w.toString();
}
