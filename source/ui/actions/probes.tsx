// `p`: a container's liveness and readiness probes (httpGet) on the lab's Deployment.
import {Box} from 'ink';
import type {ReactElement} from 'react';
import {containerPorts, otherProbeHandler, probeChanges, probeFormValues, type ProbeKind} from '../../model/containerEdits.js';
import {validateHttpProbe, type ProbeInput} from '../../model/index.js';
import type {ProbeValue} from '../../model/validate.js';
import type {Container, Deployment} from '../../model/types.js';
import {Line, seg} from '../components/Line.js';
import {errorLines, hint} from '../components/promptParts.js';
import {TextFieldView} from '../components/TextFieldView.js';
import {withErrors} from '../state/form.js';
import {textField, type TextFieldState} from '../state/textField.js';
import {probeFields, probeInputs, probeKinds, type ProbeField, type Prompt} from '../state/uiState.js';
import {fit} from '../text.js';
import {chooseContainer, submitContainerEdit} from './containerEdit.js';
import type {ActionContext} from './context.js';
import type {CommandModule, PromptModule, PromptOf} from './module.js';
import {fieldKeys, form, formKeys, submitKeys} from './prompts.js';
import {deploymentRef} from './run.js';

export {kinds} from './containerEdit.js';

type ProbesPrompt = PromptOf<'probes'>;

const inputLabels: Record<(typeof probeInputs)[number], string> = {
	path: 'path',
	port: 'port',
	initialDelaySeconds: 'initial delay (s)',
	periodSeconds: 'period (s)',
	failureThreshold: 'failure threshold',
};

/** The form, prefilled from the container (probeFormValues): an httpGet probe's values as they are, else an empty path and the first port. */
export function promptFor(deployment: Deployment, container: Container): Prompt {
	const values = probeFormValues(container);
	const fields = {} as Record<ProbeField, TextFieldState>;
	const replaces: Partial<Record<ProbeKind, string>> = {};
	for (const kind of probeKinds) {
		const other = otherProbeHandler(container[`${kind}Probe`]);
		if (other) replaces[kind] = other;
		for (const input of probeInputs) fields[`${kind}.${input}`] = textField(values[kind][input]);
	}

	return {kind: 'probes', ref: deploymentRef(deployment), container: container.name, seen: container, ports: containerPorts(container), replaces, fields, errors: {}, focus: probeFields[0]!};
}

export const command: CommandModule<'probes'> = {
	command: {id: 'probes', keys: [{input: 'p'}], label: 'probes', description: "Set a container's liveness and readiness probes (httpGet path, port, timings)", scope: 'global', mutates: true, footer: 6},
	open(ctx, {label}) {
		chooseContainer(ctx, label, 'probes', promptFor);
	},
};

function probeInput(prompt: ProbesPrompt, kind: ProbeKind): ProbeInput {
	return Object.fromEntries(probeInputs.map(input => [input, prompt.fields[`${kind}.${input}`].value])) as unknown as ProbeInput;
}

function submit(ctx: ActionContext, prompt: ProbesPrompt): void {
	const errors: Partial<Record<ProbeField, string>> = {};
	const probes: Partial<Record<ProbeKind, ProbeValue>> = {};
	for (const kind of probeKinds) {
		const result = validateHttpProbe(probeInput(prompt, kind), prompt.ports);
		for (const [input, error] of Object.entries(result.errors)) {
			errors[`${kind}.${input as keyof ProbeInput}`] = error;
		}

		if (result.value) {
			probes[kind] = result.value;
		}
	}

	const invalid = withErrors(prompt, probeFields, errors);
	if (invalid) {
		ctx.store.dispatch({type: 'updatePrompt', prompt: {...prompt, ...invalid}});
		return;
	}

	// An empty path removes that probe; a probe left as it was is not sent.
	submitContainerEdit(ctx, prompt, 'probes', probeChanges(prompt.seen, probes), `setting the probes of ${prompt.ref.name} (container ${prompt.container})…`);
}

/** Lab part 2: "for now we'll just copy our liveness probe as a readiness probe". */
function copyLivenessToReadiness(prompt: ProbesPrompt): ProbesPrompt {
	const fields = {...prompt.fields};
	for (const input of probeInputs) {
		const {value} = prompt.fields[`liveness.${input}`];
		fields[`readiness.${input}`] = {value, cursor: value.length};
	}

	return {...prompt, fields, focus: 'readiness.path'};
}

function fieldLabel(field: ProbeField): string {
	const [kind = '', input = 'path'] = field.split('.') as [string, keyof typeof inputLabels];
	return `${kind} ${inputLabels[input]}`;
}

/** Liveness and readiness side by side, one row per setting, so copying one to the other reads at a glance. */
function probeLines(prompt: ProbesPrompt, inner: number): ReactElement[] {
	const labelWidth = 22;
	const gap = 2;
	const columnWidth = Math.max(6, Math.floor((inner - labelWidth) / 2) - gap);
	const lines: ReactElement[] = [
		<Line key="heads" fill width={inner} segments={[seg(' '.repeat(labelWidth)), seg(fit('liveness (httpGet)', columnWidth + gap), 'accent', {bold: true}), seg('readiness (httpGet)', 'accent', {bold: true})]} />,
	];
	for (const input of probeInputs) {
		const focusedRow = prompt.focus.endsWith(`.${input}`);
		lines.push(
			<Box key={input} flexDirection="row">
				<Line width={labelWidth} fill segments={[seg(focusedRow ? ' › ' : '   ', 'accent', {bold: true}), seg(fit(inputLabels[input], labelWidth - 3), 'text.muted')]} />
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
		lines.push(...errorLines(error && `${fieldLabel(field)}: ${error}`, inner, field));
	}

	lines.push(hint('empty path = no probe · empty number = the API default', inner, 'hint-values'), hint('ctrl-r copy liveness to readiness · ↓ next · enter apply · esc cancel', inner));
	return lines;
}

export const prompt: PromptModule<'probes'> = {
	kind: 'probes',
	keys: [submitKeys, formKeys, {keys: 'ctrl-r', description: 'Copy the liveness probe into the readiness probe (probes form)'}, ...fieldKeys],
	handle(ctx, prompt, input, key) {
		if (key.ctrl && input === 'r') {
			ctx.store.dispatch({type: 'updatePrompt', prompt: copyLivenessToReadiness(prompt)});
			return;
		}

		form(ctx, prompt, probeFields, input, key, () => {
			submit(ctx, prompt);
		});
	},
	view: (prompt, inner) => ({title: `Probes · deployment/${prompt.ref.name} · container ${prompt.container}`, lines: probeLines(prompt, inner)}),
};
