// One screen line made of styled segments. Rows are drawn as a single Text
// with nested spans, which keeps the number of Ink nodes per row small.
import {Text} from 'ink';
import type {Token} from '../../../themes/index.js';
import {selectionStyle, tokenStyle, useTheme, type TextStyle} from '../theme.js';
import {fit, width as cellWidth} from '../text.js';

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
	// Adjacent segments that look the same are drawn as one span: Ink re-parses
	// every escape sequence on every frame, so fewer spans is a faster frame.
	const spans: Array<{style: TextStyle; text: string}> = [];
	for (const segment of segments) {
		if (remaining <= 0) {
			break;
		}

		const text = fit(segment.text, remaining, {pad: false});
		if (text === '') {
			continue;
		}

		remaining -= cellWidth(text);
		const base = segment.token ? tokenStyle(theme, segment.token) : {};
		const style: TextStyle = {...base, bold: segment.bold ?? base.bold, dimColor: selected ? undefined : (segment.dim ?? base.dimColor), ...selection};
		const last = spans.at(-1);
		// Unstyled spaces join the span before them, whatever its style.
		if (last && (sameStyle(last.style, style) || (text.trim() === '' && !style.backgroundColor && !style.inverse && !last.style.backgroundColor && !last.style.inverse))) {
			last.text += text;
		} else {
			spans.push({style, text});
		}
	}

	// Padding the selected row to the full width makes the selection a bar, as in k9s.
	if ((selected || fill) && remaining > 0) {
		spans.push({style: selection ?? {}, text: ' '.repeat(remaining)});
	}

	return (
		<Text wrap="truncate">
			{spans.map(({style, text}, index) => (
				<Text key={index} {...style}>
					{text}
				</Text>
			))}
		</Text>
	);
}

function sameStyle(a: TextStyle, b: TextStyle): boolean {
	return a.color === b.color && a.backgroundColor === b.backgroundColor && Boolean(a.bold) === Boolean(b.bold) && Boolean(a.dimColor) === Boolean(b.dimColor) && Boolean(a.inverse) === Boolean(b.inverse);
}
