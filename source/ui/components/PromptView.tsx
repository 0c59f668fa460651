// The modal prompts: scale, requests, probes, image, rename, undo, node group size, pick a deployment or container.
import {Box} from 'ink';
import type {ReactElement} from 'react';
import type {TextFieldState} from '../state/textField.js';
import type {ContainerAction, Prompt, ProbeField, ResourceField} from '../state/uiState.js';
import {probeInputs, probeKinds, resourceFields} from '../state/uiState.js';
import {fit, shortImage, width as textWidth, wrap} from '../text.js';
import {Line, seg} from './Line.js';
import {Modal} from './Modal.js';
import {RevisionTable, revisionTableHeight} from './RevisionTable.js';
import {TextFieldView} from './TextFieldView.js';

const fieldLabels: Record<ResourceField, string> = {
	cpuRequest: 'cpu request',
	memoryRequest: 'memory request',
	cpuLimit: 'cpu limit',
	memoryLimit: 'memory limit',
};

const probeInputLabels: Record<(typeof probeInputs)[number], string> = {
	path: 'path',
	port: 'port',
	initialDelaySeconds: 'initial delay (s)',
	periodSeconds: 'period (s)',
	failureThreshold: 'failure threshold',
};

function probeFieldLabel(field: ProbeField): string {
	const [kind = '', input = 'path'] = field.split('.') as [string, keyof typeof probeInputLabels];
	return `${kind} ${probeInputLabels[input]}`;
}

const containerActionTitles: Record<ContainerAction, {title: string; verb: string}> = {
	resources: {title: 'Requests and limits', verb: 'edit requests'},
	rename: {title: 'Rename container', verb: 'rename'},
	image: {title: 'Set image', verb: 'set image'},
	probes: {title: 'Liveness and readiness probes', verb: 'edit probes'},
};

interface PromptViewProps {
	prompt: Exclude<Prompt, {kind: 'help'} | {kind: 'filter'} | {kind: 'command'}>;
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

function hint(text: string, width: number, key = 'hint'): ReactElement {
	return <Line key={key} fill width={width} segments={[seg(` ${text}`, 'text.muted')]} />;
}

/** A one-field prompt: the field, why the last Enter was refused, and what the keys do. */
function singleFieldLines(label: string, field: TextFieldState, error: string | undefined, hintText: string, inner: number): ReactElement[] {
	return [
		<Field key="field" label={label} labelWidth={16} fieldWidth={inner - 16} width={inner}>
			<TextFieldView field={field} width={inner - 16} />
		</Field>,
		...errorLines(error, inner),
		hint(hintText, inner),
	];
}

/** Liveness and readiness side by side, one row per setting, so copying one to the other reads at a glance. */
function probeLines(prompt: Extract<Prompt, {kind: 'probes'}>, inner: number): ReactElement[] {
	const labelWidth = 22;
	const gap = 2;
	const columnWidth = Math.max(6, Math.floor((inner - labelWidth) / 2) - gap);
	const lines: ReactElement[] = [
		<Line
			key="heads"
			fill
			width={inner}
			segments={[seg(' '.repeat(labelWidth)), seg(fit('liveness (httpGet)', columnWidth + gap), 'accent', {bold: true}), seg('readiness (httpGet)', 'accent', {bold: true})]}
		/>,
	];
	for (const input of probeInputs) {
		const focusedRow = prompt.focus.endsWith(`.${input}`);
		lines.push(
			<Box key={input} flexDirection="row">
				<Line width={labelWidth} fill segments={[seg(focusedRow ? ' › ' : '   ', 'accent', {bold: true}), seg(fit(probeInputLabels[input], labelWidth - 3), 'text.muted')]} />
				{probeKinds.map(kind => (
					<Box key={kind} flexDirection="row" width={columnWidth + gap} flexShrink={0}>
						<Box width={columnWidth} flexShrink={0}>
							<TextFieldView field={prompt.fields[`${kind}.${input}`]} width={columnWidth} focused={prompt.focus === `${kind}.${input}`} />
						</Box>
						<Line width={gap} fill segments={[]} />
					</Box>
				))}
				<Line width={Math.max(0, inner - labelWidth - 2 * (columnWidth + gap))} fill segments={[]} />
			</Box>,
		);
	}

	for (const kind of probeKinds) {
		const handler = prompt.replaces[kind];
		if (handler) {
			lines.push(<Line key={`replaces-${kind}`} fill width={inner} segments={[seg(` ${kind} is a ${handler} probe now: a path replaces it, an empty path removes it`, 'status.warning')]} />);
		}
	}

	for (const [field, error] of Object.entries(prompt.errors) as Array<[ProbeField, string | undefined]>) {
		lines.push(...errorLines(error && `${probeFieldLabel(field)}: ${error}`, inner, field));
	}

	lines.push(hint('empty path = no probe · empty number = the API default', inner, 'hint-values'), hint('ctrl-r copy liveness to readiness · ↓ next · enter apply · esc cancel', inner));
	return lines;
}

export function PromptView({prompt, areaWidth, areaHeight}: PromptViewProps) {
	// Image references (registry/path:tag) and probe descriptions are long: those get more room.
	const width = Math.min(areaWidth, prompt.kind === 'image' || prompt.kind === 'revision' ? 100 : 72);
	const inner = width - 2;
	const lines: ReactElement[] = [];
	// Elements that draw more than one line (the revision table) add their extra lines here.
	let extraHeight = 0;
	let title: string;
	switch (prompt.kind) {
		case 'scale': {
			title = `Scale ${(prompt.ref.resource?.kind ?? 'Deployment').toLowerCase()}/${prompt.ref.name}`;
			lines.push(...singleFieldLines('replicas', prompt.field, prompt.error, 'enter scale · esc cancel', inner));
			break;
		}

		case 'image': {
			title = `Set image · deployment/${prompt.ref.name} · container ${prompt.container}`;
			lines.push(...singleFieldLines('image', prompt.field, prompt.error, 'enter set image (rolls out a new revision) · esc cancel', inner));
			break;
		}

		case 'nodeGroup': {
			title = "Node group's desired size";
			lines.push(...singleFieldLines('worker nodes', prompt.field, prompt.error, 'enter resize (new nodes join Ready; removed ones are drained) · esc cancel', inner));
			break;
		}

		case 'probes': {
			title = `Probes · deployment/${prompt.ref.name} · container ${prompt.container}`;
			lines.push(...probeLines(prompt, inner));
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
			lines.push(...singleFieldLines('container name', prompt.field, prompt.error, 'enter rename (rolls out a new revision) · esc cancel', inner));
			break;
		}

		case 'undo': {
			title = 'Undo rollout';
			const target = `revision ${prompt.toRevision}`;
			lines.push(
				<Line key="question" fill width={inner} segments={[seg(` Undo ${prompt.ref.name} to ${target}? `, 'text.primary', {bold: true}), seg('(y/n)', 'key', {bold: true})]} />,
				hint('y undo · n or esc cancel', inner),
			);
			break;
		}

		case 'containers': {
			title = `${containerActionTitles[prompt.action].title} · deployment/${prompt.ref.name} · which container?`;
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

			lines.push(hint(`↑↓ choose · enter ${containerActionTitles[prompt.action].verb} · esc cancel`, inner));
			break;
		}

		case 'revision': {
			const {template} = prompt;
			title = `deployment.apps/${prompt.ref.name} with revision #${template.revision}${template.current ? ' (current)' : ''}`;
			// On a short terminal the labels give way, so the table and the keys stay on screen.
			const roomForLabels = areaHeight >= revisionTableHeight(template) + 3 + 3;
			lines.push(
				<Line key="cause" fill width={inner} segments={[seg(' change-cause ', 'text.muted'), seg(template.changeCause, 'text.primary')]} />,
				...(roomForLabels
					? [<Line key="labels" fill width={inner} segments={[seg(' replica set ', 'text.muted'), seg(template.replicaSetName, 'text.primary'), seg('  labels ', 'text.muted'), seg(template.labels, 'text.primary')]} />]
					: []),
				<RevisionTable key="table" template={template} width={inner} />,
				hint(template.current ? 'esc or enter close' : `u undo to revision ${template.revision} · esc or enter close`, inner),
			);
			extraHeight = revisionTableHeight(template) - 1;
			break;
		}

		case 'deployments':
		case 'contexts': {
			title = prompt.kind === 'deployments' ? 'Deployment to follow' : 'Context to switch to';
			const room = Math.max(1, Math.min(prompt.names.length, areaHeight - 5));
			const start = Math.max(0, Math.min(prompt.index - room + 1, prompt.names.length - room));
			for (const [offset, name] of prompt.names.slice(start, start + room).entries()) {
				const index = start + offset;
				lines.push(<Line key={`${index}:${name}`} fill width={inner} selected={index === prompt.index} segments={[seg(index === prompt.index ? ' › ' : '   ', 'accent', {bold: true}), seg(name, 'text.primary')]} />);
			}

			lines.push(hint(prompt.kind === 'deployments' ? '↑↓ choose · enter follow · esc cancel' : '↑↓ choose · enter switch (the view reconnects) · esc cancel', inner));
			break;
		}

		default: {
			const _exhaustive: never = prompt;
			return _exhaustive;
		}
	}

	return (
		<Modal title={title} areaWidth={areaWidth} areaHeight={areaHeight} width={width} height={lines.length + extraHeight}>
			{lines}
		</Modal>
	);
}
