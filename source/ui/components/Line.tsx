// One screen line made of styled segments. Rows are drawn as a single Text
// with nested spans, which keeps the number of Ink nodes per row small.
import {Text} from 'ink';
import type {Token} from '../../../themes/index.js';
import {selectionStyle, tokenStyle, useTheme} from '../theme.js';
import {fit} from '../text.js';

export interface Segment {
	text: string;
	token?: Token;
	bold?: boolean;
	dim?: boolean;
}

export function seg(text: string, token?: Token, extra: Omit<Segment, 'text' | 'token'> = {}): Segment {
	return {text, token, ...extra};
}

interface LineProps {
	segments: readonly Segment[];
	width: number;
	selected?: boolean;
	/** Pad to the full width, so the line hides whatever is drawn beneath it (modals). */
	fill?: boolean;
}

export function Line({segments, width, selected = false, fill = false}: LineProps) {
	const theme = useTheme();
	const selection = selected ? selectionStyle(theme) : undefined;
	let remaining = width;
	const spans: Array<{segment: Segment; text: string}> = [];
	for (const segment of segments) {
		if (remaining <= 0) {
			break;
		}

		const text = fit(segment.text, remaining, {pad: false});
		remaining -= visibleWidth(text);
		spans.push({segment, text});
	}

	// Padding the selected row to the full width makes the selection a bar, as in k9s.
	const padding = (selected || fill) && remaining > 0 ? ' '.repeat(remaining) : '';
	return (
		<Text wrap="truncate">
			{spans.map(({segment, text}, index) => {
				const style = segment.token ? tokenStyle(theme, segment.token) : {};
				return (
					// eslint-disable-next-line react/no-array-index-key
					<Text key={index} {...style} bold={segment.bold ?? style.bold} dimColor={selected ? false : (segment.dim ?? style.dimColor)} {...selection}>
						{text}
					</Text>
				);
			})}
			{padding ? <Text {...selection}>{padding}</Text> : null}
		</Text>
	);
}

function visibleWidth(text: string): number {
	return [...text].length;
}
