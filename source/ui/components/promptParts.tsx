// The pieces the prompts' modals are made of, shared by the action modules' views.
import {Box} from 'ink';
import type {ReactElement} from 'react';
import type {TextFieldState} from '../state/textField.js';
import {fit, wrap} from '../text.js';
import {Line, seg, type Segment} from './Line.js';
import {TextFieldView} from './TextFieldView.js';

export function Field({label, labelWidth, fieldWidth, width, children}: {label: string; labelWidth: number; fieldWidth: number; width: number; children: ReactElement}) {
	return (
		<Box flexDirection="row">
			<Line width={labelWidth} fill segments={[seg(` ${fit(label, labelWidth - 1)}`, 'text.muted')]} />
			{children}
			{/* Blank out the rest of the row: the modal must cover what is beneath it. */}
			<Line width={Math.max(0, width - labelWidth - fieldWidth)} fill segments={[]} />
		</Box>
	);
}

export function errorLines(error: string | undefined, width: number, keyPrefix = 'error'): ReactElement[] {
	if (!error) {
		return [];
	}

	return wrap(error, width - 3, 3).map((text, index) => <Line key={`${keyPrefix}-${index}`} fill width={width} segments={[seg(index === 0 ? ' ✖ ' : '   ', 'status.error'), seg(text, 'status.error')]} />);
}

export function hint(text: string, width: number, key = 'hint'): ReactElement {
	return <Line key={key} fill width={width} segments={[seg(` ${text}`, 'text.muted')]} />;
}

/** A one-field prompt: the field, why the last Enter was refused, and what the keys do. */
export function singleFieldLines(label: string, field: TextFieldState, error: string | undefined, hintText: string, inner: number): ReactElement[] {
	return [
		<Field key="field" label={label} labelWidth={16} fieldWidth={inner - 16} width={inner}>
			<TextFieldView field={field} width={inner - 16} />
		</Field>,
		...errorLines(error, inner),
		hint(hintText, inner),
	];
}

/** A pick-one list scrolled to keep the chosen row in view: `row` draws one entry after the marker. */
export function listLines(names: readonly string[], index: number, inner: number, areaHeight: number, row: (name: string, index: number) => Segment[]): ReactElement[] {
	const room = Math.max(1, Math.min(names.length, areaHeight - 5));
	const start = Math.max(0, Math.min(index - room + 1, names.length - room));
	return names.slice(start, start + room).map((name, offset) => {
		const at = start + offset;
		return <Line key={`${at}:${name}`} fill width={inner} selected={at === index} segments={[seg(at === index ? ' › ' : '   ', 'accent', {bold: true}), ...row(name, at)]} />;
	});
}
