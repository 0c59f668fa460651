// A one-line input: the value with a block caret, scrolled so the caret stays
// visible. Widths are terminal cells, so CJK and emoji scroll correctly.
import {Text} from 'ink';
import type {TextFieldState} from '../state/textField.js';
import {clean, cut, printable, tail, width as cellWidth} from '../text.js';
import {tokenStyle, useTheme} from '../theme.js';

interface TextFieldViewProps {
	field: TextFieldState;
	width: number;
	focused?: boolean;
}

const segmenter = new Intl.Segmenter();

export function TextFieldView({field, width, focused = true}: TextFieldViewProps) {
	const theme = useTheme();
	const value = clean(field.value);
	const rest = value.slice(field.cursor);
	const grapheme = segmenter.segment(rest)[Symbol.iterator]().next().value?.segment ?? '';
	const caret = printable(grapheme) || ' ';
	const caretWidth = cellWidth(caret);
	const room = Math.max(0, width - caretWidth);
	// The text before the caret keeps its end: the caret is what must stay in view.
	const before = tail(value.slice(0, field.cursor), room);
	const after = cut(rest.slice(grapheme.length), room - cellWidth(before));
	const used = cellWidth(before) + caretWidth + cellWidth(after);
	const style = tokenStyle(theme, 'text.primary');
	return (
		<Text wrap="truncate" {...style} underline={!focused}>
			{before}
			{focused ? <Text inverse>{caret}</Text> : caret}
			{after}
			{' '.repeat(Math.max(0, width - used))}
		</Text>
	);
}
