// Pod template comparison that ignores the pod-template-hash label, as
// kubectl's equalIgnoreHash does with apiequality.Semantic.DeepEqual.
import {parseQuantity} from './quantity.js';
import type {PodTemplateSpec} from './types.js';

export const podTemplateHashLabel = 'pod-template-hash';

function isQuantityList(path: readonly string[]): boolean {
	const last = path[path.length - 1];
	const parent = path[path.length - 2];
	return (last === 'requests' || last === 'limits') && parent === 'resources';
}

// Semantic.DeepEqual treats nil and empty slices/maps alike and compares
// quantities by value ("1000m" equals "1"); JSON from the API and objects from
// the client library differ in exactly those ways (undefined vs missing, Date
// vs string), so fold them all before comparing.
function canonical(value: unknown, path: string[]): unknown {
	if (value === undefined || value === null) return undefined;
	// metav1.Time is serialized to the second: "2021-07-21T17:00:00Z".
	if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.toISOString().replace('.000Z', 'Z') : undefined;
	if (Array.isArray(value)) {
		const items = value.map((item, i) => canonical(item, [...path, String(i)]) ?? null);
		return items.length === 0 ? undefined : items;
	}
	if (typeof value === 'object') {
		const out: Record<string, unknown> = {};
		const quantities = isQuantityList(path);
		for (const key of Object.keys(value).sort()) {
			let item = (value as Record<string, unknown>)[key];
			if (quantities && (typeof item === 'string' || typeof item === 'number')) {
				item = parseQuantity(item) ?? item;
			}
			const folded = canonical(item, [...path, key]);
			if (folded !== undefined) out[key] = folded;
		}
		return Object.keys(out).length === 0 && path.length > 0 ? undefined : out;
	}
	return value;
}

/** The template minus its pod-template-hash label, as a plain JSON value (undefined fields dropped). */
export function withoutHash(template: PodTemplateSpec | undefined): PodTemplateSpec {
	const copy = JSON.parse(JSON.stringify(template ?? {})) as PodTemplateSpec;
	const labels = copy.metadata?.labels;
	if (labels && podTemplateHashLabel in labels) {
		delete labels[podTemplateHashLabel];
		if (Object.keys(labels).length === 0) delete copy.metadata!.labels;
	}
	return copy;
}

/** A stable string for a template, ignoring pod-template-hash. */
export function templateKey(template: PodTemplateSpec | undefined): string {
	const labels = template?.metadata?.labels;
	let source: unknown = template;
	if (labels && podTemplateHashLabel in labels) {
		const {[podTemplateHashLabel]: _hash, ...rest} = labels;
		source = {...template, metadata: {...template.metadata, labels: rest}};
	}
	return JSON.stringify(canonical(source, []) ?? {});
}

export function templatesEqualIgnoringHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
	return templateKey(a) === templateKey(b);
}
