// The Deployment's update strategy, resolved to pod counts the way the
// controller does (deploymentutil.ResolveFenceposts) and worded like
// `kubectl describe deployment` ("25% max unavailable, 25% max surge").
import type {Deployment} from './types.js';
import type {StrategyView} from './view.js';

type IntOrString = number | string;

// What the API server fills in when rollingUpdate is left out.
const defaultSurge = '25%';
const defaultUnavailable = '25%';

/** intstr.GetScaledValueFromIntOrPercent; undefined for a value the API would reject. */
export function scaledValue(value: IntOrString, total: number, roundUp: boolean): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined;
	if (typeof value !== 'string') return undefined;
	const percent = /^(-?\d+)%$/.exec(value);
	if (percent) {
		const scaled = (Number(percent[1]) * total) / 100;
		return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
	}
	// A bare number in a string is not valid intstr for these fields, but
	// reading it as a count is kinder than failing the whole pane.
	return /^-?\d+$/.test(value) ? Number(value) : undefined;
}

function show(value: IntOrString): string {
	return String(value);
}

export function resolveStrategy(deployment: Deployment): StrategyView {
	const strategy = deployment.spec?.strategy;
	const type = strategy?.type ?? 'RollingUpdate';
	if (type !== 'RollingUpdate') return {type, description: type};
	const rollingUpdate = strategy?.rollingUpdate ?? {};
	const surgeValue = rollingUpdate.maxSurge ?? defaultSurge;
	const unavailableValue = rollingUpdate.maxUnavailable ?? defaultUnavailable;
	const replicas = deployment.spec?.replicas;
	const desired = typeof replicas === 'number' && Number.isFinite(replicas) ? replicas : 1;
	const surge = scaledValue(surgeValue, desired, true) ?? 0;
	let unavailable = scaledValue(unavailableValue, desired, false) ?? 0;
	// Both resolving to zero would stall the rollout; the controller allows one unavailable.
	if (surge === 0 && unavailable === 0) unavailable = 1;
	return {
		type,
		maxSurge: surge,
		maxUnavailable: unavailable,
		description: `${show(unavailableValue)} max unavailable, ${show(surgeValue)} max surge`,
	};
}
