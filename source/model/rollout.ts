// The rollout pane: status, strategy and history of one Deployment.
import {rolloutHistory} from './history.js';
import {rolloutStatus} from './rolloutStatus.js';
import {resolveStrategy} from './strategy.js';
import type {Many} from './collections.js';
import type {Deployment, ReplicaSet} from './types.js';
import type {RolloutView} from './view.js';

function count(n: unknown): number {
	return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}

const memo = new WeakMap<Deployment, {replicaSets: Many<ReplicaSet>; view: RolloutView}>();

export function rolloutView(deployment: Deployment, replicaSets: Many<ReplicaSet>): RolloutView {
	const remembered = memo.get(deployment);
	if (remembered && remembered.replicaSets === replicaSets) return remembered.view;

	const status = deployment.status ?? {};
	const specReplicas = deployment.spec?.replicas;
	// The API server defaults replicas to 1.
	const desired = typeof specReplicas === 'number' && Number.isFinite(specReplicas) ? specReplicas : 1;
	const updated = count(status.updatedReplicas);
	const available = count(status.availableReplicas);
	const rollout = rolloutStatus(deployment);
	// The bar fills as pods are both updated and available; extra old pods
	// waiting to go are what keeps it short of full.
	let progress = desired <= 0 ? 1 : Math.min(updated, available) / desired;
	if (!rollout.done) progress = Math.min(progress, 0.99);
	if (rollout.done) progress = 1;
	progress = Math.max(0, Math.min(1, progress));

	const containers = Array.isArray(deployment.spec?.template?.spec?.containers) ? deployment.spec.template.spec.containers : [];
	const view: RolloutView = {
		namespace: deployment.metadata?.namespace ?? '',
		name: deployment.metadata?.name ?? '',
		paused: deployment.spec?.paused === true,
		desired,
		updated,
		ready: count(status.readyReplicas),
		available,
		progress,
		strategy: resolveStrategy(deployment),
		status: rollout,
		revisions: rolloutHistory(deployment, replicaSets),
		containers: containers.filter(Boolean).map(c => c.name ?? ''),
	};
	memo.set(deployment, {replicaSets, view});
	return view;
}
