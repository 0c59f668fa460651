// Key hints, generated from the key table so they cannot drift from what the keys do.
import {memo} from 'react';
import {commands, formatBinding} from '../keys.js';
import {Line, seg, type Segment} from './Line.js';

export function footerSegments(readonly: boolean): Segment[] {
	const segments: Segment[] = [];
	const shown = commands.filter(command => command.footer !== undefined).sort((a, b) => (a.footer ?? 0) - (b.footer ?? 0));
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
export const Footer = memo(function Footer({readonly, width}: {readonly: boolean; width: number}) {
	return <Line width={width} segments={footerSegments(readonly)} />;
});
