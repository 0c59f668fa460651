// A one-line input: the value with a block caret, scrolled so the caret stays visible.
import {Text} from 'ink';
import type {TextFieldState} from '../state/textField.js';
import {tokenStyle, useTheme} from '../theme.js';

interface TextFieldViewProps {
	field: TextFieldState;
	width: number;
	focused?: boolean;
}

export function TextFieldView({field, width, focused = true}: TextFieldViewProps) {
	const theme = useTheme();
	const chars = [...field.value];
	const room = Math.max(1, width - 1);
	const start = Math.max(0, field.cursor - room + 1);
	const before = chars.slice(start, field.cursor).join('');
	const atCursor = chars[field.cursor] ?? ' ';
	const after = chars.slice(field.cursor + 1, start + room).join('');
	const used = [...before].length + 1 + [...after].length;
	const style = tokenStyle(theme, 'text.primary');
	return (
		<Text wrap="truncate" {...style} underline={!focused}>
			{before}
			{focused ? <Text inverse>{atCursor}</Text> : atCursor}
			{after}
			{' '.repeat(Math.max(0, width - used))}
		</Text>
	);
}
