// Key hints, generated from the key table so they cannot drift from what the keys do.
import {memo} from 'react';
import {commands, formatBinding, viewKeys, type CommandId} from '../keys.js';
import {Line, seg, type Segment} from './Line.js';

/** `unavailable`: commands this cluster does not offer (the sandbox-only node group size elsewhere); they are left out. */
export function footerSegments(readonly: boolean, unavailable: ReadonlySet<CommandId> = new Set(), view?: (typeof viewKeys)[number]['id']): Segment[] {
	const segments: Segment[] = [];
	// In a full-screen view, its own keys, then help and quit: the rest do nothing there.
	const viewed = viewKeys.find(each => each.id === view);
	if (viewed) {
		const more = commands.filter(command => command.id === 'help' || command.id === 'quit').map(command => ({first: command.keys[0], label: command.label}));
		return [...viewed.keys, ...more].flatMap(({first, label}, index) => (first ? [...(index > 0 ? [seg('  ')] : []), seg(formatBinding(first), 'key', {bold: true}), seg(` ${label}`, 'text.muted')] : []));
	}

	const shown = commands.filter(command => command.footer !== undefined && !unavailable.has(command.id)).sort((a, b) => (a.footer ?? 0) - (b.footer ?? 0));
	for (const command of shown) {
		const disabled = readonly && command.mutates;
		const first = command.keys[0];
		if (!first) {
			continue;
		}

		if (segments.length > 0) {
			segments.push(seg('  '));
		}

		segments.push(seg(formatBinding(first), disabled ? 'text.muted' : 'key', {bold: !disabled}), seg(` ${command.label}`, 'text.muted', {dim: disabled}));
	}

	return segments;
}

// Memoized: a keypress in one pane re-renders only that pane.
export const Footer = memo(function Footer({readonly, unavailable, width, view}: {readonly: boolean; unavailable: ReadonlySet<CommandId>; width: number; view?: (typeof viewKeys)[number]['id']}) {
	return <Line width={width} segments={footerSegments(readonly, unavailable, view)} />;
});
