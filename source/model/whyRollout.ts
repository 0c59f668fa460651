// `w` on the rollout: why it does not go on (the new pods that are not
// available, each with its reason in a few words; the surge and unavailable
// budget with the arithmetic the controller does; the progress deadline), or,
// when it is complete, what it last did. Names `kubectl rollout status` and
// `kubectl describe deployment`, which say the same in their own words.
import {formatAge, toMillis} from './age.js';
import {pendingReason} from './pendingReason.js';
import {awaitsScheduling, podReadyCount, podStatusWord} from './podStatus.js';
import {isNewReplicaSet, ownedReplicaSets} from './replicaSets.js';
import {rolloutStatus} from './rolloutStatus.js';
import {stepText, type RolloutSteps} from './rolloutSteps.js';
import {resolveStrategy, scaledValue} from './strategy.js';
import {oneLine} from './text.js';
import type {Deployment, Event, Pod, ReplicaSet} from './types.js';
import type {Why, WhyLine} from './why.js';

export interface RolloutWhyInput {
	deployment: Deployment;
	replicaSets: Iterable<ReplicaSet>;
	/** The pods to look among (one pass; only the Deployment's namespace is read). */
	pods: Iterable<Pod>;
	events: Iterable<Event>;
	steps?: RolloutSteps;
	now: number;
}

const line = (text: string, tone?: WhyLine['tone']): WhyLine => (tone ? {text, tone} : {text});

/** The API server's default when the spec leaves it out. */
const defaultProgressDeadlineSeconds = 600;
const maxListed = 8;

/** Why one pod of the rollout is not available, in a few words. */
export function blockingReason(pod: Pod, events: Iterable<Event>): string {
	const statuses = pod.status?.containerStatuses ?? [];
	if (awaitsScheduling(pod)) {
		// The scheduler's first sentence says it ("0/3 nodes are available: 3 Too many pods."); what follows is about preemption.
		const reason = pendingReason(pod, events);
		return `Pending, not scheduled: ${reason ? (/^.*?\.(?=\s|$)/.exec(reason)?.[0] ?? reason) : 'the scheduler has not said why yet'}`;
	}
	const waiting = statuses.find(status => status.state?.waiting?.reason);
	const reason = waiting?.state?.waiting?.reason;
	if (reason && /ImagePull|ErrImage|InvalidImageName/.test(reason)) return `${reason}: its image cannot be pulled${waiting.image ? ` (${waiting.image})` : ''}`;
	const crashing = statuses.find(status => status.state?.waiting?.reason === 'CrashLoopBackOff') ?? statuses.find(status => status.restartCount > 0 && !status.ready);
	if (crashing) {
		const terminated = crashing.lastState?.terminated;
		return `crash-looping: ${crashing.restartCount} restarts${terminated ? `, last ${terminated.reason ?? 'terminated'} (exit ${terminated.exitCode ?? 0})` : ''}`;
	}
	if (reason) return `container ${waiting.name} waiting: ${reason}`;
	if (pod.status?.phase === 'Running') return 'Running, not ready: its readiness probe has not passed';
	return podStatusWord(pod);
}

function isAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
	const ready = pod.status?.conditions?.find(condition => condition.type === 'Ready');
	if (ready?.status !== 'True' || pod.metadata.deletionTimestamp) return false;
	const since = toMillis(ready.lastTransitionTime);
	return minReadySeconds <= 0 || since === undefined || now - since >= minReadySeconds * 1000;
}

/** The Deployment's pods not available, by ReplicaSet name: one pass over the pods. */
function unavailablePods(input: RolloutWhyInput, owned: readonly ReplicaSet[]): Map<string, Pod[]> {
	const names = new Set(owned.map(rs => rs.metadata.name ?? ''));
	const namespace = input.deployment.metadata.namespace;
	const minReady = input.deployment.spec?.minReadySeconds ?? 0;
	const found = new Map<string, Pod[]>();
	for (const pod of input.pods) {
		if (pod.metadata.namespace !== namespace) continue;
		// A slim pod has no owner references: `<replicaset>-<5 characters>`.
		const rs = (pod.metadata.name ?? '').slice(0, -6);
		if (!names.has(rs) || isAvailable(pod, minReady, input.now)) continue;
		const phase = pod.status?.phase;
		if (phase === 'Succeeded' || phase === 'Failed') continue;
		const list = found.get(rs);
		if (list) list.push(pod);
		else found.set(rs, [pod]);
	}
	return found;
}

/** "maxSurge 25% of 4 = 1 (rounded up) → at most 5 pods" and its other half, with room left now. */
function budgetLines(deployment: Deployment, owned: readonly ReplicaSet[], newRs: ReplicaSet | undefined): WhyLine[] {
	const desired = deployment.spec?.replicas ?? 1;
	const rolling = deployment.spec?.strategy?.rollingUpdate;
	const surgeValue = rolling?.maxSurge ?? '25%';
	const unavailableValue = rolling?.maxUnavailable ?? '25%';
	const {maxSurge = 0, maxUnavailable = 0} = resolveStrategy(deployment);
	const percent = (value: number | string, rounding: string) => (typeof value === 'string' && value.endsWith('%') ? `${value} of ${desired} = ${scaledValue(value, desired, rounding === 'up')} (rounded ${rounding})` : `${value}`);
	const most = desired + maxSurge;
	const least = desired - maxUnavailable;
	const pods = owned.reduce((sum, rs) => sum + (rs.spec?.replicas ?? 0), 0);
	const available = owned.reduce((sum, rs) => sum + (rs.status?.availableReplicas ?? 0), 0);
	const newWanted = newRs?.spec?.replicas ?? 0;
	const newUnavailable = Math.max(0, newWanted - (newRs?.status?.availableReplicas ?? 0));
	const oldPods = pods - newWanted;
	const lines = [
		line('The budget (kubectl describe deployment: RollingUpdateStrategy):', 'heading'),
		line(`  maxSurge ${percent(surgeValue, 'up')} → at most ${desired} + ${maxSurge} = ${most} pods`),
		line(`  maxUnavailable ${percent(unavailableValue, 'down')} → at least ${desired} − ${maxUnavailable} = ${least} available`),
	];
	// The controller's own arithmetic: new pods up to the surge, old pods down while enough stay available (less the new ones not yet up).
	const canAdd = Math.max(0, Math.min(most - pods, desired - newWanted));
	const canRemove = oldPods > 0 ? Math.max(0, Math.min(oldPods, pods - least - newUnavailable)) : 0;
	const room = canAdd > 0 || canRemove > 0;
	const moves = [canAdd > 0 ? `room to add ${canAdd} new` : '', canRemove > 0 ? `room to remove ${canRemove} old` : ''].filter(Boolean).join(', ');
	const stuck = newUnavailable > 0 ? `no room to go on until ${newUnavailable === 1 ? 'a new pod becomes' : 'new pods become'} available` : 'no room to go on';
	lines.push(line(`  now ${pods} pods (${newWanted} new, ${oldPods} old), ${available} available: ${room ? moves : stuck}`, room ? undefined : 'warning'));
	return lines;
}

function deadlineLine(deployment: Deployment, now: number): WhyLine {
	const seconds = deployment.spec?.progressDeadlineSeconds ?? defaultProgressDeadlineSeconds;
	const progressing = deployment.status?.conditions?.find(condition => condition.type === 'Progressing');
	if (progressing?.reason === 'ProgressDeadlineExceeded') {
		return line(`progressDeadlineSeconds ${seconds}: passed (ProgressDeadlineExceeded): no progress for ${formatAge(seconds * 1000)}; the controller still tries, but reports the rollout failed`, 'error');
	}
	const last = toMillis((progressing as {lastUpdateTime?: string} | undefined)?.lastUpdateTime);
	if (last === undefined) return line(`progressDeadlineSeconds ${seconds}: not reported yet`, 'muted');
	const left = last + seconds * 1000 - now;
	return line(`progressDeadlineSeconds ${seconds}: last progress ${formatAge(now - last)} ago, ${left > 0 ? `ProgressDeadlineExceeded in ${formatAge(left)} without more` : 'ProgressDeadlineExceeded due'}`, left > 0 ? 'muted' : 'warning');
}

function lastStepLine(steps: RolloutSteps | undefined, now: number): WhyLine[] {
	const last = steps?.steps.at(-1);
	if (!last) return [];
	return [line(`  last step${last.atMs === undefined ? '' : ` ${formatAge(now - last.atMs)} ago`}: ${stepText(last)}`, 'muted')];
}

/** What `w` shows for the rollout of a Deployment. */
export function whyRollout(input: RolloutWhyInput): Why {
	const {deployment, now} = input;
	const name = deployment.metadata.name ?? '';
	const status = rolloutStatus(deployment);
	const owned = ownedReplicaSets(deployment, [...input.replicaSets]);
	const newRs = owned.find(rs => isNewReplicaSet(deployment, rs));
	const commands = line(`kubectl rollout status deployment/${name} · kubectl describe deployment ${name}`, 'muted');
	if (status.done) {
		const revision = newRs?.metadata.annotations?.['deployment.kubernetes.io/revision'];
		return {
			title: `deployment/${name}: rollout complete`,
			lines: [
				line(`Complete: all ${deployment.spec?.replicas ?? 1} pods run the current template${revision ? ` (revision ${revision}, ${newRs.metadata.name})` : ''} and are available.`, 'ok'),
				line(`  ${status.message}`),
				...lastStepLine(input.steps, now),
				line(''),
				commands,
			],
		};
	}
	const lines: WhyLine[] = [line(oneLine(status.error ?? status.message), status.error ? 'error' : 'warning')];
	if (deployment.spec?.paused) lines.push(line('  it is paused (kubectl rollout resume): the controller makes no step', 'warning'));
	const waiting = unavailablePods(input, owned);
	const newName = newRs?.metadata.name;
	const blocking = newName ? (waiting.get(newName) ?? []) : [];
	lines.push(line(''), line(blocking.length > 0 ? `New pods not available (${newName}), which hold it back:` : 'No new pod is waiting to become available.', 'heading'));
	for (const pod of blocking.slice(0, maxListed)) lines.push(line(`  ${pod.metadata.name} ${podReadyCount(pod)}: ${oneLine(blockingReason(pod, input.events))}`, 'error'));
	if (blocking.length > maxListed) lines.push(line(`  and ${blocking.length - maxListed} more`, 'muted'));
	const type = deployment.spec?.strategy?.type ?? 'RollingUpdate';
	lines.push(line(''));
	if (type === 'RollingUpdate') lines.push(...budgetLines(deployment, owned, newRs));
	else lines.push(line(`${type}: every old pod is stopped before the new ones start`, 'heading'));
	lines.push(line(''), deadlineLine(deployment, now), ...lastStepLine(input.steps, now), line(''), commands);
	return {title: `deployment/${name}: rollout not complete`, lines};
}
