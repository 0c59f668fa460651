// The file `e` opens in the user's editor, written and read back as kubectl
// edit does (kubectl pkg/cmd/util/editor): a comment header, with the reasons
// the last save was refused under it; the object as YAML without managedFields;
// and on saving, comments dropped, an unchanged or empty file cancelling, a
// YAML error reopening the file with the error at its top.
import yaml from 'js-yaml';
import type {ApiObject, EditReason} from './actions.js';

/** kubectl edit's header, word for word. */
export const editHeader = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** The object as kubectl edit shows it by default: managedFields left out (and put back by the server, which keeps them). */
export function editableObject(object: ApiObject): ApiObject {
	if (!object.metadata) return {...object};
	const {managedFields: _hidden, ...metadata} = object.metadata;
	return {...object, metadata};
}

/** YAML as kubectl prints it: keys sorted, lists flush with their key, long strings never folded. */
export function objectYaml(object: ApiObject): string {
	return yaml.dump(object, {sortKeys: true, noArrayIndent: true, lineWidth: -1, noRefs: true, quotingType: '"'});
}

/** kubectl's hashOnLineBreak: every line of a multi-line message stays a comment. */
function commented(text: string): string {
	return text.replace(/\n(?!#)/g, '\n# ');
}

/** The header, the reasons the last save was refused (kubectl's layout), then the object. */
export function editFileText(body: string, reasons: readonly EditReason[] = []): string {
	let text = editHeader;
	for (const reason of reasons) {
		text += `# ${commented(reason.head)}${reason.other.length > 0 ? ':' : ''}\n`;
		for (const other of reason.other) text += `# * ${commented(other)}\n`;
		text += '#\n';
	}
	return text + body;
}

/** kubectl's ManualStrip: every line whose first non-blank character is '#' goes. */
export function stripComments(text: string): string {
	return text
		.split('\n')
		.filter(line => !line.trim().startsWith('#'))
		.join('\n');
}

/** kubectl's hasLines: a line that is neither blank nor a comment. */
function hasLines(text: string): boolean {
	return text.split('\n').some(line => line.trim() !== '' && !line.trim().startsWith('#'));
}

function isMapping(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Plain YAML 1.2 scalars: a date-like string stays a string, as the API wants it. */
function parse(text: string): unknown {
	return yaml.load(text, {schema: yaml.CORE_SCHEMA});
}

/** Equal as JSON values, whatever the order of keys. */
export function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
	if (isMapping(a) && isMapping(b)) {
		const keys = Object.keys(a);
		return keys.length === Object.keys(b).length && keys.every(key => Object.hasOwn(b, key) && sameJson(a[key], b[key]));
	}

	return false;
}

/** kubectl compares files as JSON (formatting and comments do not count), or as text without comments when one does not parse. */
function sameContent(a: string, b: string): boolean {
	try {
		return sameJson(parse(a), parse(b));
	} catch {
		return stripComments(a) === stripComments(b);
	}
}

export type SavedEdit = {kind: 'cancelled'; message: string} | {kind: 'reopen'; reason: EditReason} | {kind: 'edited'; object: ApiObject};

/** js-yaml's reason and position, as one line: "yaml: line 7: bad indentation of a mapping entry". */
function syntaxError(error: unknown): string {
	if (error instanceof yaml.YAMLException) return `yaml: line ${error.mark.line + 1}: ${error.reason}`;
	return error instanceof Error ? error.message : String(error);
}

/**
 * What the saved file asks for. `original` is the file as first written;
 * `previous` the file as saved the last time, when this one was reopened
 * with an error, so that saving it again unchanged gives up.
 */
export function readSavedEdit(original: string, saved: string, previous?: string): SavedEdit {
	if (previous !== undefined && sameContent(previous, saved)) return {kind: 'cancelled', message: 'Edit cancelled, no valid changes were saved.'};
	if (sameContent(original, saved)) return {kind: 'cancelled', message: 'Edit cancelled, no changes made.'};
	if (!hasLines(saved)) return {kind: 'cancelled', message: 'Edit cancelled, saved file was empty.'};
	let object: unknown;
	try {
		object = parse(saved);
	} catch (error) {
		return {kind: 'reopen', reason: {head: `The edited file had a syntax error: ${syntaxError(error)}`, other: []}};
	}

	if (!isMapping(object)) return {kind: 'reopen', reason: {head: 'The edited file had a syntax error: it must hold one object (a mapping of fields), as it did when it opened', other: []}};
	return {kind: 'edited', object};
}

/** kubectl edit's preconditions: an edit changes an object, it cannot turn into another (kind, name, namespace). */
export function identityChange(original: ApiObject, edited: ApiObject): EditReason | undefined {
	const fields: Array<[string, unknown, unknown]> = [
		['apiVersion', original.apiVersion, edited.apiVersion],
		['kind', original.kind, edited.kind],
		['metadata.name', original.metadata?.name, edited.metadata?.name],
		// Left out, the namespace is the object's own (kubectl's RequireNamespace).
		['metadata.namespace', original.metadata?.namespace, edited.metadata?.namespace ?? original.metadata?.namespace],
	];
	const changed = fields.filter(([, before, after]) => before !== after);
	if (changed.length === 0) return undefined;
	return {head: 'At least one of apiVersion, kind and name was changed', other: changed.map(([field, before, after]) => `${field}: ${String(before)} → ${String(after)}: it must stay as it was`)};
}

/** The JSON merge patch (RFC 7386) that turns `from` into `to`: changed and added fields, removed ones as null, lists whole. */
export function mergePatch(from: Record<string, unknown>, to: Record<string, unknown>): Record<string, unknown> {
	const patch: Record<string, unknown> = {};
	for (const key of Object.keys(from)) {
		if (!Object.hasOwn(to, key)) patch[key] = null;
	}

	for (const [key, value] of Object.entries(to)) {
		const before = from[key];
		if (isMapping(before) && isMapping(value)) {
			const inner = mergePatch(before, value);
			if (Object.keys(inner).length > 0) patch[key] = inner;
		} else if (!Object.hasOwn(from, key) || !sameJson(before, value)) {
			patch[key] = value;
		}
	}

	return patch;
}

export type PatchOperation = {op: 'add' | 'replace' | 'test'; path: string; value: unknown} | {op: 'remove'; path: string};

/** A JSON Pointer segment (RFC 6901): annotation keys hold '/'. */
function pointerSegment(key: string | number): string {
	return String(key).replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * The JSON Patch (RFC 6902) that turns `from` into `to`, down to the changed
 * leaf: one container's image is one operation, where a merge patch sends the
 * whole list of containers. A list whose length changed is replaced whole
 * (indices would shift under the operations); an edit is pinned to the
 * resourceVersion it read, so the server's list is the one the user saw,
 * unless the user chose to save over a newer version.
 */
export function jsonPatch(from: unknown, to: unknown, path = ''): PatchOperation[] {
	if (sameJson(from, to)) return [];
	if (isMapping(from) && isMapping(to)) {
		const operations: PatchOperation[] = [];
		for (const key of Object.keys(from)) if (!Object.hasOwn(to, key)) operations.push({op: 'remove', path: `${path}/${pointerSegment(key)}`});
		for (const [key, value] of Object.entries(to)) {
			const at = `${path}/${pointerSegment(key)}`;
			if (Object.hasOwn(from, key)) operations.push(...jsonPatch(from[key], value, at));
			else operations.push({op: 'add', path: at, value});
		}
		return operations;
	}
	if (Array.isArray(from) && Array.isArray(to) && from.length === to.length) {
		return from.flatMap((item, index): PatchOperation[] => {
			const at = `${path}/${index}`;
			const inner = jsonPatch(item, to[index], at);
			if (inner.length === 0 || inner[0]!.path === at) return inner;
			// An edit saved over someone else's change lands at an index: a test
			// first (the container's name, else the element) makes the server
			// refuse it if their change moved another element there.
			const named = isMapping(item) && typeof item['name'] === 'string';
			return [{op: 'test', path: named ? `${at}/name` : at, value: named ? item['name'] : item}, ...inner];
		});
	}
	return [{op: 'replace', path, value: to}];
}

/** A merge patch's leaves as dotted paths ("spec.replicas", "metadata.labels.app"), to name what changed. */
export function patchPaths(patch: Record<string, unknown>, prefix = ''): string[] {
	return Object.entries(patch).flatMap(([key, value]) => (isMapping(value) && Object.keys(value).length > 0 ? patchPaths(value, `${prefix}${key}.`) : [`${prefix}${key}`]));
}
