// Label selectors (metav1.LabelSelectorAsSelector), for finding a
// Deployment's ReplicaSets the way kubectl lists them.
import type {Deployment} from './types.js';

export type LabelSelector = NonNullable<NonNullable<Deployment['spec']>['selector']>;

/** Whether labels satisfy the selector. A missing selector selects nothing; an empty one selects everything. */
export function selectorMatches(selector: LabelSelector | undefined | null, labels: Record<string, string> | undefined): boolean {
	if (!selector || typeof selector !== 'object') return false;
	const have = labels ?? {};
	for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
		if (have[key] !== value) return false;
	}
	for (const requirement of Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []) {
		if (!requirement) return false;
		const present = Object.prototype.hasOwnProperty.call(have, requirement.key);
		const values = Array.isArray(requirement.values) ? requirement.values : [];
		switch (requirement.operator) {
			case 'In':
				if (!present || !values.includes(have[requirement.key]!)) return false;
				break;
			case 'NotIn':
				if (present && values.includes(have[requirement.key]!)) return false;
				break;
			case 'Exists':
				if (!present) return false;
				break;
			case 'DoesNotExist':
				if (present) return false;
				break;
			default:
				// An operator the API would have rejected: select nothing rather than guess.
				return false;
		}
	}
	return true;
}
