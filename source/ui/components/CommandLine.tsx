// The `:` line, where the message line is: what is typed, then either why the
// last Enter was refused (with the closest names) or what Tab would complete.
import {Box} from 'ink';
import {completeCommandLine, type CommandLineContext} from '../../model/commandLine.js';
import type {TextFieldState} from '../state/textField.js';
import {fit} from '../text.js';
import {Line, seg} from './Line.js';
import {TextFieldView} from './TextFieldView.js';

interface CommandLineProps {
	field: TextFieldState;
	error?: string;
	suggestions?: readonly string[];
	waiting?: boolean;
	context: CommandLineContext & {namespaces?: readonly string[]};
	width: number;
}

export function CommandLine({field, error, suggestions, waiting = false, context, width}: CommandLineProps) {
	const fieldWidth = Math.max(12, Math.min(40, Math.floor(width / 3)));
	const rest = Math.max(0, width - 2 - fieldWidth);
	let after;
	if (error) {
		const closest = suggestions && suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : '';
		after = seg(fit(` ✖ ${error}${closest}`, rest), 'status.error');
	} else if (waiting) {
		after = seg(fit(`  opens once the server's kinds are discovered…`, rest), 'text.muted');
	} else if (!context.resources && !field.value.startsWith('ctx') && !field.value.startsWith('ns')) {
		after = seg(fit("  discovering the server's kinds…", rest), 'text.muted');
	} else {
		const candidates = field.value ? completeCommandLine(field.value, context).slice(0, 8) : [];
		const text = candidates.length > 0 ? `  ${candidates.join('  ')}  (tab completes)` : '  enter open · tab complete · esc cancel';
		after = seg(fit(text, rest), 'text.muted');
	}

	return (
		<Box flexDirection="row" width={width}>
			<Line width={2} segments={[seg(': ', 'key', {bold: true})]} />
			<TextFieldView field={field} width={fieldWidth} />
			<Line width={rest} segments={[after]} />
		</Box>
	);
}
