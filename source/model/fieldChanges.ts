// Compare-and-swap edits: a prompt remembers the values it showed when it
// opened; what the user changed becomes a list of field changes, each guarded
// by the value it replaces. An edit sends only those fields, and only if each
// still holds what the user saw, so a change someone else made meanwhile is
// either kept (another field) or reported (the same field), never overwritten.

/** One field an edit changes, below the object the edit is about (a container, a Deployment). */
export interface FieldChange {
	path: readonly string[];
	/** What the prompt showed when it opened; undefined = the field was absent. */
	seen: unknown;
	/** What the user wants; undefined removes the field. */
	next: unknown;
	/** How a person names the field: "memory request", "readiness probe". */
	label: string;
}

/** A field whose value is no longer what the prompt showed. */
export interface FieldConflict {
	change: FieldChange;
	current: unknown;
	/** The field manager that last wrote it, when managedFields says so. */
	manager?: string;
}

export type JsonPatchOp = {op: 'test' | 'add' | 'replace' | 'remove'; path: string; value?: unknown};

export function valueAt(object: unknown, path: readonly string[]): unknown {
	let value = object;
	for (const key of path) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value ?? undefined;
}

function canonical(value: unknown): unknown {
	if (value === null || value === undefined) return undefined;
	if (Array.isArray(value)) return value.map(canonical);
	if (typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const key of Object.keys(value).sort()) {
			const item = canonical((value as Record<string, unknown>)[key]);
			if (item !== undefined) out[key] = item;
		}
		return out;
	}
	return value;
}

/** Deep equality of JSON values, blind to key order and to null/absent. */
export function sameValue(a: unknown, b: unknown): boolean {
	return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

export function conflictsOf(current: unknown, changes: readonly FieldChange[]): Array<Omit<FieldConflict, 'manager'>> {
	return changes.flatMap(change => {
		const now = valueAt(current, change.path);
		return sameValue(now, change.seen) ? [] : [{change, current: now}];
	});
}

/** RFC 6901: "~" and "/" inside a key. */
function pointer(path: readonly string[]): string {
	return path.map(key => `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/**
 * The JSON patch ops that make `object` (at `prefix` in the document) hold the
 * changes: a missing parent is added whole, since `add` needs its parent.
 */
export function patchOps(prefix: readonly string[], object: unknown, changes: readonly FieldChange[]): JsonPatchOp[] {
	const ops: JsonPatchOp[] = [];
	for (const change of changes) {
		if (change.next === undefined) {
			if (valueAt(object, change.path) !== undefined) ops.push({op: 'remove', path: pointer([...prefix, ...change.path])});
			continue;
		}
		let depth = 0;
		while (depth < change.path.length - 1 && valueAt(object, change.path.slice(0, depth + 1)) !== undefined) depth++;
		let value: unknown = change.next;
		for (let index = change.path.length - 1; index > depth; index--) value = {[change.path[index]!]: value};
		ops.push({op: 'add', path: pointer([...prefix, ...change.path.slice(0, depth + 1)]), value});
	}
	return ops;
}

export interface ManagedFieldsEntry {
	manager?: string;
	operation?: string;
	time?: string;
	subresource?: string;
	fieldsV1?: Record<string, unknown>;
}

/**
 * Who last wrote the field at `fieldsPath` (server-side apply's field set
 * keys, e.g. ['f:spec', 'k:{"name":"todoapi"}', 'f:image']): the most recent
 * managedFields entry that owns it or something below it.
 */
export function fieldManager(managedFields: readonly ManagedFieldsEntry[] | undefined, fieldsPath: readonly string[]): string | undefined {
	let best: ManagedFieldsEntry | undefined;
	for (const entry of managedFields ?? []) {
		let node: unknown = entry.fieldsV1;
		for (const key of fieldsPath) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
		if (node === undefined || !entry.manager) continue;
		if (!best || (entry.time ?? '') >= (best.time ?? '')) best = entry;
	}
	return best?.manager;
}

/** The field set path of a container field: containers are a map keyed by name. */
export function containerFieldsPath(containerName: string, path: readonly string[]): string[] {
	return ['f:spec', 'f:template', 'f:spec', 'f:containers', `k:${JSON.stringify({name: containerName})}`, ...path.map(key => `f:${key}`)];
}

function shown(value: unknown): string {
	if (value === undefined) return 'none';
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
	const text = JSON.stringify(canonical(value));
	return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** "the memory request changed meanwhile: 64Mi → 128Mi (by kubectl-patch)". */
export function describeConflicts(conflicts: readonly FieldConflict[]): string {
	return conflicts.map(({change, current, manager}) => `${change.label} changed meanwhile: ${shown(change.seen)} → ${shown(current)}${manager ? ` (by ${manager})` : ''}`).join('; ');
}
