// kubectl's generic describer, for every kind without a describer of its
// own: the object's fields, sorted, under labels made from their names. And
// the Secret describer, which gives only the size of each value.
import {writeAnnotations, writeEvents, writeLabels, type Loose} from './common.js';
import {DescribeWriter} from './tabwriter.js';

const acronyms = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

function characterClass(character: string): number {
	if (/\p{Ll}/u.test(character)) return 1;
	if (/\p{Lu}/u.test(character)) return 2;
	if (/\p{Nd}/u.test(character)) return 3;
	return 4;
}

/** fatih/camelcase.Split: runs of one character class, an upper-case run giving its last letter to a following lower-case run. */
function camelSplit(text: string): string[] {
	const runs: string[][] = [];
	let last = 0;
	for (const character of text) {
		const kind = characterClass(character);
		if (kind === last) runs.at(-1)!.push(character);
		else runs.push([character]);
		last = kind;
	}
	for (let index = 0; index < runs.length - 1; index++) {
		const run = runs[index]!;
		const next = runs[index + 1]!;
		if (characterClass(run[0]!) === 2 && characterClass(next[0]!) === 1 && run.length > 1) {
			next.unshift(run.pop()!);
		}
	}
	return runs.filter(run => run.length > 0).map(run => run.join(''));
}

/** smartLabelFor: "creationTimestamp" → "Creation Timestamp", "uid" → "UID"; a name with other characters as it is. */
export function smartLabel(field: string): string {
	if (/[^\p{L}-]/u.test(field)) return field;
	return camelSplit(field)
		.filter(part => part !== '_')
		.map(part => (acronyms.has(part.toUpperCase()) ? part.toUpperCase() : part.charAt(0).toUpperCase() + part.slice(1)))
		.join(' ');
}

/** Go's %v of a JSON scalar. */
function goValue(value: unknown): string {
	if (value === null || value === undefined) return '<nil>';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return JSON.stringify(value);
}

const skipped = new Set(['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);

function writeContent(w: DescribeWriter, level: number, content: Loose, prefix: string): void {
	for (const field of Object.keys(content).sort()) {
		const value = content[field];
		const path = `${prefix}.${field}`;
		if (skipped.has(path)) continue;
		if (Array.isArray(value)) {
			w.write(level, `${smartLabel(field)}:\n`);
			for (const child of value) {
				if (child && typeof child === 'object' && !Array.isArray(child)) writeContent(w, level + 1, child, path);
				else w.write(level + 1, `${goValue(child)}\n`);
			}
		} else if (value && typeof value === 'object') {
			w.write(level, `${smartLabel(field)}:\n`);
			writeContent(w, level + 1, value, path);
		} else {
			w.write(level, `${smartLabel(field)}:\t${goValue(value)}\n`);
		}
	}
}

export function describeGeneric(object: Loose, events: readonly Loose[] | undefined, now: number): string {
	const w = new DescribeWriter();
	w.write(0, `Name:\t${object.metadata?.name ?? ''}\n`);
	w.write(0, `Namespace:\t${object.metadata?.namespace ?? ''}\n`);
	writeLabels(w, 'Labels', object.metadata?.labels);
	writeAnnotations(w, 'Annotations', object.metadata?.annotations);
	writeContent(w, 0, object, '');
	writeEvents(w, events, now);
	return w.toString();
}

/** A Secret's values are never shown: only how many bytes each holds. kubectl lists no events for it. */
export function describeSecret(secret: Loose): string {
	const w = new DescribeWriter();
	w.write(0, `Name:\t${secret.metadata?.name ?? ''}\n`);
	w.write(0, `Namespace:\t${secret.metadata?.namespace ?? ''}\n`);
	writeLabels(w, 'Labels', secret.metadata?.labels);
	writeAnnotations(w, 'Annotations', secret.metadata?.annotations);
	w.write(0, `\nType:\t${secret.type ?? ''}\n\nData\n====\n`);
	const data: Record<string, string> = secret.data ?? {};
	for (const key of Object.keys(data).sort()) w.write(0, `${key}:\t${Buffer.from(String(data[key]), 'base64').length} bytes\n`);
	return w.toString();
}
