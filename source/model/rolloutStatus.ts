// `kubectl rollout status deployment/NAME`, one poll of it
// (k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go DeploymentStatusViewer).
import type {Deployment} from './types.js';
import type {RolloutStatus} from './view.js';

function count(n: unknown): number {
	return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}

export function rolloutStatus(deployment: Deployment): RolloutStatus {
	const name = deployment.metadata?.name ?? '';
	const quoted = JSON.stringify(name);
	const status = deployment.status ?? {};
	if (count(deployment.metadata?.generation) <= count(status.observedGeneration)) {
		const conditions = Array.isArray(status.conditions) ? status.conditions : [];
		const progressing = conditions.find(c => c?.type === 'Progressing');
		if (progressing?.reason === 'ProgressDeadlineExceeded') {
			const error = `deployment ${quoted} exceeded its progress deadline`;
			return {message: error, done: false, error};
		}
		const specReplicas = deployment.spec?.replicas;
		const updated = count(status.updatedReplicas);
		const replicas = count(status.replicas);
		const available = count(status.availableReplicas);
		const waiting = `Waiting for deployment ${quoted} rollout to finish: `;
		if (typeof specReplicas === 'number' && updated < specReplicas) {
			return {message: `${waiting}${updated} out of ${specReplicas} new replicas have been updated...`, done: false};
		}
		if (replicas > updated) {
			return {message: `${waiting}${replicas - updated} old replicas are pending termination...`, done: false};
		}
		if (available < updated) {
			return {message: `${waiting}${available} of ${updated} updated replicas are available...`, done: false};
		}
		return {message: `deployment ${quoted} successfully rolled out`, done: true};
	}
	return {message: 'Waiting for deployment spec update to be observed...', done: false};
}
