// `r`: a container's cpu/memory requests and limits on the lab's Deployment.
import {resourceChanges, resourceFormValues} from '../../model/containerEdits.js';
import {validateQuantity} from '../../model/index.js';
import type {Container, Deployment} from '../../model/types.js';
import {errorLines, Field, hint} from '../components/promptParts.js';
import {TextFieldView} from '../components/TextFieldView.js';
import {withErrors} from '../state/form.js';
import {textField, type TextFieldState} from '../state/textField.js';
import {resourceFields, type Prompt, type ResourceField} from '../state/uiState.js';
import {chooseContainer, submitContainerEdit} from './containerEdit.js';
import type {ActionContext} from './context.js';
import type {CommandModule, PromptModule, PromptOf} from './module.js';
import {fieldKeys, form, formKeys, submitKeys} from './prompts.js';
import {deploymentRef} from './run.js';

export {kinds} from './containerEdit.js';

const fieldResource: Record<ResourceField, 'cpu' | 'memory'> = {cpuRequest: 'cpu', memoryRequest: 'memory', cpuLimit: 'cpu', memoryLimit: 'memory'};

const fieldLabels: Record<ResourceField, string> = {
	cpuRequest: 'cpu request',
	memoryRequest: 'memory request',
	cpuLimit: 'cpu limit',
	memoryLimit: 'memory limit',
};

export function promptFor(deployment: Deployment, container: Container): Prompt {
	const values = resourceFormValues(container);
	const fields = Object.fromEntries(resourceFields.map(field => [field, textField(values[field])])) as Record<ResourceField, TextFieldState>;
	return {kind: 'resources', ref: deploymentRef(deployment), container: container.name, seen: container, fields, errors: {}, focus: 'cpuRequest'};
}

export const command: CommandModule<'resources'> = {
	command: {id: 'resources', keys: [{input: 'r'}], label: 'requests', description: "Set a container's cpu/memory requests and limits (asks which, if several)", scope: 'global', mutates: true, footer: 3},
	open(ctx, {label}) {
		chooseContainer(ctx, label, 'resources', promptFor);
	},
};

function submit(ctx: ActionContext, prompt: PromptOf<'resources'>): void {
	const errors: Partial<Record<ResourceField, string>> = {};
	const values = {} as Record<ResourceField, string>;
	for (const field of resourceFields) {
		const result = validateQuantity(prompt.fields[field].value, fieldResource[field], {allowEmpty: true});
		if (result.ok) {
			values[field] = result.value ?? '';
		} else {
			errors[field] = result.error;
		}
	}

	const invalid = withErrors(prompt, resourceFields, errors);
	if (invalid) {
		ctx.store.dispatch({type: 'updatePrompt', prompt: {...prompt, ...invalid}});
		return;
	}

	// A value sets its field, '' removes it; fields left as they were are not sent.
	submitContainerEdit(ctx, prompt, 'resources', resourceChanges(prompt.seen, values), `setting requests/limits of ${prompt.ref.name} (container ${prompt.container})…`);
}

export const prompt: PromptModule<'resources'> = {
	kind: 'resources',
	keys: [submitKeys, formKeys, ...fieldKeys],
	handle(ctx, prompt, input, key) {
		form(ctx, prompt, resourceFields, input, key, () => {
			submit(ctx, prompt);
		});
	},
	view(prompt, inner) {
		const fieldWidth = Math.min(24, inner - 18);
		const lines = resourceFields.map(field => {
			const focused = prompt.focus === field;
			return (
				<Field key={field} label={`${focused ? '›' : ' '} ${fieldLabels[field]}`} labelWidth={18} fieldWidth={fieldWidth} width={inner}>
					<TextFieldView field={prompt.fields[field]} width={fieldWidth} focused={focused} />
				</Field>
			);
		});
		for (const field of resourceFields) {
			const error = prompt.errors[field];
			if (error) {
				lines.push(...errorLines(`${fieldLabels[field]}: ${error}`, inner, field));
			}
		}

		lines.push(hint('tab/↓ next field · empty = none · enter apply · esc cancel', inner));
		return {title: `Requests and limits · deployment/${prompt.ref.name} · container ${prompt.container}`, lines};
	},
};
