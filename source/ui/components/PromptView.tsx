// The modal prompts: scale, requests, rename, undo, pick a deployment.
import {Box} from 'ink';
import type {ReactElement} from 'react';
import type {Prompt, ResourceField} from '../state/uiState.js';
import {resourceFields} from '../state/uiState.js';
import {fit, shortImage, width as textWidth, wrap} from '../text.js';
import {Line, seg} from './Line.js';
import {Modal} from './Modal.js';
import {TextFieldView} from './TextFieldView.js';

const fieldLabels: Record<ResourceField, string> = {
	cpuRequest: 'cpu request',
	memoryRequest: 'memory request',
	cpuLimit: 'cpu limit',
	memoryLimit: 'memory limit',
};

interface PromptViewProps {
	prompt: Exclude<Prompt, {kind: 'help'} | {kind: 'filter'}>;
	areaWidth: number;
	areaHeight: number;
}

function Field({label, labelWidth, fieldWidth, width, children}: {label: string; labelWidth: number; fieldWidth: number; width: number; children: ReactElement}) {
	return (
		<Box flexDirection="row">
			<Line width={labelWidth} fill segments={[seg(` ${fit(label, labelWidth - 1)}`, 'text.muted')]} />
			{children}
			{/* Blank out the rest of the row: the modal must cover what is beneath it. */}
			<Line width={Math.max(0, width - labelWidth - fieldWidth)} fill segments={[]} />
		</Box>
	);
}

function errorLines(error: string | undefined, width: number, keyPrefix = 'error'): ReactElement[] {
	if (!error) {
		return [];
	}

	return wrap(error, width - 3, 3).map((text, index) => <Line key={`${keyPrefix}-${index}`} fill width={width} segments={[seg(index === 0 ? ' ✖ ' : '   ', 'status.error'), seg(text, 'status.error')]} />);
}

function hint(text: string, width: number): ReactElement {
	return <Line key="hint" fill width={width} segments={[seg(` ${text}`, 'text.muted')]} />;
}

export function PromptView({prompt, areaWidth, areaHeight}: PromptViewProps) {
	const width = Math.min(areaWidth, 72);
	const inner = width - 2;
	const lines: ReactElement[] = [];
	let title: string;
	switch (prompt.kind) {
		case 'scale': {
			title = `Scale deployment/${prompt.ref.name}`;
			lines.push(
				<Field key="field" label="replicas" labelWidth={16} fieldWidth={inner - 16} width={inner}>
					<TextFieldView field={prompt.field} width={inner - 16} />
				</Field>,
				...errorLines(prompt.error, inner),
				hint('enter scale · esc cancel', inner),
			);
			break;
		}

		case 'resources': {
			title = `Requests and limits · deployment/${prompt.ref.name} · container ${prompt.container}`;
			for (const field of resourceFields) {
				const focused = prompt.focus === field;
				lines.push(
					<Field key={field} label={`${focused ? '›' : ' '} ${fieldLabels[field]}`} labelWidth={18} fieldWidth={Math.min(24, inner - 18)} width={inner}>
						<TextFieldView field={prompt.fields[field]} width={Math.min(24, inner - 18)} focused={focused} />
					</Field>,
				);
			}

			for (const field of resourceFields) {
				const error = prompt.errors[field];
				if (error) {
					lines.push(...errorLines(`${fieldLabels[field]}: ${error}`, inner, field));
				}
			}

			lines.push(hint('tab/↓ next field · empty = none · enter apply · esc cancel', inner));
			break;
		}

		case 'rename': {
			title = `Rename container ${prompt.from} · deployment/${prompt.ref.name}`;
			lines.push(
				<Field key="field" label="container name" labelWidth={16} fieldWidth={inner - 16} width={inner}>
					<TextFieldView field={prompt.field} width={inner - 16} />
				</Field>,
				...errorLines(prompt.error, inner),
				hint('enter rename (rolls out a new revision) · esc cancel', inner),
			);
			break;
		}

		case 'undo': {
			title = 'Undo rollout';
			const target = prompt.shownRevision === undefined ? 'the previous revision' : `revision ${prompt.shownRevision}`;
			lines.push(
				<Line key="question" fill width={inner} segments={[seg(` Undo ${prompt.ref.name} to ${target}? `, 'text.primary', {bold: true}), seg('(y/n)', 'key', {bold: true})]} />,
				hint('y undo · n or esc cancel', inner),
			);
			break;
		}

		case 'containers': {
			title = `${prompt.action === 'resources' ? 'Requests and limits' : 'Rename container'} · deployment/${prompt.ref.name} · which container?`;
			const nameWidth = Math.min(24, Math.max(...prompt.names.map(name => textWidth(name))) + 2);
			const requestsWidth = Math.max(...prompt.choices.map(choice => textWidth(choice.requests))) + 2;
			const imageWidth = Math.max(1, inner - 3 - nameWidth - requestsWidth);
			const room = Math.max(1, Math.min(prompt.names.length, areaHeight - 5));
			const start = Math.max(0, Math.min(prompt.index - room + 1, prompt.names.length - room));
			for (const [offset, name] of prompt.names.slice(start, start + room).entries()) {
				const index = start + offset;
				lines.push(
					<Line
						key={`${index}:${name}`}
						fill
						width={inner}
						selected={index === prompt.index}
						segments={[
							seg(index === prompt.index ? ' › ' : '   ', 'accent', {bold: true}),
							seg(fit(name, nameWidth), 'text.primary', {bold: true}),
							seg(fit(prompt.choices[index]?.requests ?? '', requestsWidth), 'text.primary'),
							seg(shortImage(prompt.choices[index]?.image ?? '', imageWidth), 'text.muted'),
						]}
					/>,
				);
			}

			lines.push(hint(`↑↓ choose · enter ${prompt.action === 'resources' ? 'edit requests' : 'rename'} · esc cancel`, inner));
			break;
		}

		case 'deployments': {
			title = 'Deployment to follow';
			const room = Math.max(1, Math.min(prompt.names.length, areaHeight - 5));
			const start = Math.max(0, Math.min(prompt.index - room + 1, prompt.names.length - room));
			for (const [offset, name] of prompt.names.slice(start, start + room).entries()) {
				const index = start + offset;
				lines.push(<Line key={`${index}:${name}`} fill width={inner} selected={index === prompt.index} segments={[seg(index === prompt.index ? ' › ' : '   ', 'accent', {bold: true}), seg(name, 'text.primary')]} />);
			}

			lines.push(hint('↑↓ choose · enter follow · esc cancel', inner));
			break;
		}

		default: {
			const _exhaustive: never = prompt;
			return _exhaustive;
		}
	}

	return (
		<Modal title={title} areaWidth={areaWidth} areaHeight={areaHeight} width={width} height={lines.length}>
			{lines}
		</Modal>
	);
}
