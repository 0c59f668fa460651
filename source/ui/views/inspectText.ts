// The inspect view's lines: kubectl describe's text, the YAML coloured by
// theme tokens, or a message wrapped to the width. Plain text rides along
// for search.
import {describeObject} from '../../model/describe/index.js';
import {eventDetails, pendingDetails, type MessageDetails} from '../../model/message.js';
import {objectYaml} from '../../model/yaml.js';
import {seg, type Segment} from '../components/Line.js';
import {width as cellWidth} from '../text.js';
import type {InspectView} from '../state/uiState.js';
import type {Inspected} from './useInspected.js';
import type {ObjectRef} from '../../model/objectRef.js';

function isSecretRef(ref: ObjectRef): boolean {
	return ref.resource.group === '' && ref.resource.resource === 'secrets';
}

export type InspectLine = readonly Segment[];

/** A field label at the start of a describe line ("Name:", "  Image:"), then its value. */
function describeLine(line: string): InspectLine {
	const label = /^(\s*[^\s:][^:]*:)(\s.*)?$/.exec(line);
	if (label && !line.startsWith('  ') && label[2] === undefined) return [seg(line, 'text.title', {bold: true})];
	if (label && label[1]!.length < 40) return [seg(label[1]!, 'text.muted'), seg(label[2] ?? '', /\bWarning\b/.test(label[2] ?? '') ? 'status.warning' : 'text.primary')];
	return [seg(line, /^\s+Warning\s/.test(line) ? 'status.warning' : 'text.primary')];
}

/** A YAML line: key, then a scalar coloured by type, or a list dash. */
export function yamlLine(line: string): InspectLine {
	const match = /^(\s*)(- )?(?:([^'"\s][^:]*|'[^']*'|"[^"]*"):(?= |$))?( ?)(.*)$/.exec(line);
	if (!match) return [seg(line, 'text.primary')];
	const [, indent = '', dash = '', key, space = '', value = ''] = match;
	const segments: Segment[] = [seg(indent)];
	if (dash) segments.push(seg(dash, 'text.muted'));
	if (key !== undefined) segments.push(seg(`${key}:`, 'accent'), seg(space));
	if (value) {
		const token = value.startsWith('<hidden:') || value.startsWith("'<hidden:") ? 'status.warning' : /^(true|false|null|~|-?\d+(\.\d+)?)$/.test(value) ? 'status.progress' : /^[|>][-+]?$/.test(value) ? 'text.muted' : 'text.primary';
		segments.push(seg(value, token));
	}
	return segments;
}

/** Words to lines of at most `size` cells; a word longer than a line is broken across lines. */
export function wrapText(text: string, size: number): string[] {
	const lines: string[] = [];
	for (const paragraph of text.split('\n')) {
		let current = '';
		for (const word of paragraph.split(/\s+/).filter(Boolean)) {
			let rest = word;
			while (cellWidth(rest) > size) {
				if (current) lines.push(current);
				current = '';
				const head = [...rest].slice(0, size).join('');
				lines.push(head);
				rest = rest.slice(head.length);
			}
			if (!rest) continue;
			const candidate = current ? `${current} ${rest}` : rest;
			if (cellWidth(candidate) <= size) current = candidate;
			else {
				lines.push(current);
				current = rest;
			}
		}
		lines.push(current);
	}
	return lines;
}

function messageLines(details: MessageDetails, width: number): InspectLine[] {
	const labelWidth = Math.max(...details.fields.map(([label]) => label.length)) + 2;
	return [
		...details.fields.map(([label, value]) => [seg(`${label}:`.padEnd(labelWidth), 'text.muted'), seg(value, label === 'Type' && value === 'Warning' ? 'status.warning' : 'text.primary')]),
		// A line with no text takes no row: a space keeps the gap.
		[seg(' ')],
		[seg('Message:', 'text.muted')],
		...wrapText(details.message, Math.max(10, width)).map(line => [seg(line, 'text.primary')]),
	];
}

export function inspectLines(view: Pick<InspectView, 'mode' | 'target' | 'managedFields' | 'reveal'>, inspected: Pick<Inspected, 'object' | 'related'>, width: number, now: number): InspectLine[] {
	const {object} = inspected;
	if (!object) return [];
	switch (view.mode) {
		case 'describe': {
			return describeObject(view.target, object, inspected.related, now).replace(/\n$/, '').split('\n').map(describeLine);
		}
		case 'yaml': {
			return objectYaml(object, {secret: isSecretRef(view.target), managedFields: view.managedFields, reveal: view.reveal})
				.replace(/\n$/, '')
				.split('\n')
				.map(yamlLine);
		}
		case 'message': {
			return messageLines(view.target.resource.kind === 'Event' ? eventDetails(object, now) : pendingDetails(object, inspected.related.events, now), width);
		}
		default: {
			const _exhaustive: never = view.mode;
			return _exhaustive;
		}
	}
}

export function plainText(line: InspectLine): string {
	return line.map(segment => segment.text).join('');
}
