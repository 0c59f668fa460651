// Names of kinds as a user types them after `:`, resolved the way kubectl
// resolves `kubectl get NAME` against the server's discovery: plural, singular,
// short name or Kind, in any case, optionally qualified as plural.group or
// plural.version.group. The resources are in discovery order (core first, then
// the groups in the server's priority order), which is kubectl's order too.

/** One resource the server serves (its group's preferred version). */
export interface ApiResource {
	group: string;
	version: string;
	/** The plural, as in the URL. */
	resource: string;
	kind: string;
	singular: string;
	shortNames: string[];
	namespaced: boolean;
	verbs: string[];
	categories: string[];
}

export type ResolvedKind = {resource: ApiResource; error?: undefined} | {resource?: undefined; error: string; suggestions: string[]};

export const canList = (resource: ApiResource): boolean => resource.verbs.includes('list');
export const canWatch = (resource: ApiResource): boolean => resource.verbs.includes('watch');

/** Where a kind's rows are in the snapshot: its qualified name, and the namespace watched ('' = all, or cluster-scoped). */
export function kindKey(resource: ApiResource, namespace: string): string {
	return `${qualifiedName(resource)}@${resource.namespaced ? namespace : ''}`;
}

/** A pane's title for a kind: its Kind in the plural ("Services", "Ingresses", "NetworkPolicies", "Endpoints"). */
export function kindTitle(resource: ApiResource): string {
	const {kind} = resource;
	if (kind.toLowerCase() === resource.resource) return kind;
	if (/[^aeiou]y$/.test(kind)) return `${kind.slice(0, -1)}ies`;
	if (/(s|x|z|ch|sh)$/.test(kind)) return `${kind}es`;
	return `${kind}s`;
}

/** `plural.group`, or the plural alone for the core group: how kubectl names a resource unambiguously. */
export function qualifiedName(resource: ApiResource): string {
	return resource.group ? `${resource.resource}.${resource.group}` : resource.resource;
}

interface Wanted {
	name: string;
	group?: string;
	version?: string;
}

/** kubectl's readings of a typed name: plural.version.group first (2+ dots), then plural.group, or the bare name. */
function readings(typed: string): Wanted[] {
	const parts = typed.split('.');
	if (parts.length === 1) return [{name: typed}];
	const list: Wanted[] = [];
	if (parts.length >= 3) list.push({name: parts[0]!, version: parts[1]!, group: parts.slice(2).join('.')});
	list.push({name: parts[0]!, group: parts.slice(1).join('.')});
	return list;
}

function find(resources: readonly ApiResource[], wanted: Wanted): ApiResource | undefined {
	const inScope = resources.filter(r => (wanted.group === undefined || r.group === wanted.group) && (wanted.version === undefined || r.version === wanted.version));
	const name = wanted.name;
	// An exact resource name beats a short name (kubernetes/kubernetes#58861), which beats a Kind.
	return inScope.find(r => r.resource === name || r.singular === name) ?? inScope.find(r => r.shortNames.some(short => short.toLowerCase() === name)) ?? inScope.find(r => r.kind.toLowerCase() === name);
}

/** The resource a typed name means, or why none and the closest names. */
export function resolveKind(resources: readonly ApiResource[], typed: string): ResolvedKind {
	const text = typed.trim();
	if (!text) return {error: 'no resource type given', suggestions: []};
	const lower = text.toLowerCase();
	for (const wanted of readings(lower)) {
		const resource = find(resources, wanted);
		if (!resource) continue;
		if (!canList(resource)) return {error: `${qualifiedName(resource)} cannot be listed (the server allows only: ${resource.verbs.join(', ') || 'nothing'})`, suggestions: []};
		return {resource};
	}
	return {error: `the server doesn't have a resource type "${text}"`, suggestions: closestNames(resources, lower)};
}

/** Levenshtein distance, two rows at a time. */
export function editDistance(a: string, b: string): number {
	let previous = Array.from({length: b.length + 1}, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
		}
		previous = current;
	}
	return previous[b.length]!;
}

function namesOf(resource: ApiResource): string[] {
	return [resource.resource, resource.singular, ...resource.shortNames.map(short => short.toLowerCase())];
}

/** Up to three names of listable resources closest to what was typed (one per resource), nearest first. */
export function closestNames(resources: readonly ApiResource[], typed: string, limit = 3): string[] {
	const name = typed.split('.')[0] ?? typed;
	const scored: Array<{name: string; distance: number}> = [];
	const seen = new Set<string>();
	for (const resource of resources) {
		if (!canList(resource)) continue;
		let best: {name: string; distance: number} | undefined;
		for (const candidate of namesOf(resource)) {
			// A name that starts with what was typed is as close as a one-letter slip.
			const distance = candidate.startsWith(name) ? 1 : editDistance(name, candidate);
			if (!best || distance < best.distance) best = {name: candidate, distance};
		}
		if (!best || seen.has(best.name)) continue;
		// Further than a third of the word (at least 2 edits) is a different word.
		if (best.distance > Math.max(2, Math.floor(name.length / 3))) continue;
		seen.add(best.name);
		scored.push(best);
	}
	scored.sort((a, b) => a.distance - b.distance || a.name.length - b.name.length || (a.name < b.name ? -1 : 1));
	return scored.slice(0, limit).map(entry => entry.name);
}

/**
 * Completions for a `:` prompt: plural, singular and short names of the
 * listable resources starting with the prefix (any case), sorted; with a dot
 * in the prefix, the `plural.group` forms too.
 */
export function completeKind(resources: readonly ApiResource[], prefix: string): string[] {
	const lower = prefix.trim().toLowerCase();
	const names = new Set<string>();
	for (const resource of resources) {
		if (!canList(resource)) continue;
		for (const name of namesOf(resource)) if (name.startsWith(lower)) names.add(name);
		if (lower.includes('.') && resource.group) {
			const qualified = qualifiedName(resource);
			if (qualified.startsWith(lower)) names.add(qualified);
		}
	}
	return [...names].sort();
}
