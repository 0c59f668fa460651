import {Box} from 'ink';
import type {TextFieldState} from '../state/textField.js';
import {Line, seg} from './Line.js';
import {TextFieldView} from './TextFieldView.js';

const hintText = '  enter keep · esc clear';

export function FilterLine({field, width}: {field: TextFieldState; width: number}) {
	const fieldWidth = Math.max(8, width - 2 - hintText.length);
	return (
		<Box flexDirection="row" width={width}>
			<Line width={2} segments={[seg('/ ', 'key', {bold: true})]} />
			<TextFieldView field={field} width={fieldWidth} />
			<Line width={Math.max(0, width - 2 - fieldWidth)} segments={[seg(hintText, 'text.muted')]} />
		</Box>
	);
}
