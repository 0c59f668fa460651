// `c`: rename a container of the lab's Deployment (a new revision rolls out).
import {renameChange} from '../../model/containerEdits.js';
import {validateContainerName} from '../../model/index.js';
import type {Container, Deployment} from '../../model/types.js';
import {singleFieldLines} from '../components/promptParts.js';
import {textField} from '../state/textField.js';
import type {Prompt} from '../state/uiState.js';
import {chooseContainer, submitContainerEdit, templateContainers} from './containerEdit.js';
import type {CommandModule, PromptModule} from './module.js';
import {fieldKeys, singleField, submitKeys} from './prompts.js';
import {deploymentRef} from './run.js';

export {kinds} from './containerEdit.js';

export function promptFor(deployment: Deployment, container: Container): Prompt {
	const others = templateContainers(deployment)
		.map(c => c.name)
		.filter(other => other !== container.name);
	return {kind: 'rename', ref: deploymentRef(deployment), from: container.name, seen: container, others, field: textField(container.name)};
}

export const command: CommandModule<'renameContainer'> = {
	command: {id: 'renameContainer', keys: [{input: 'c'}], label: 'rename', description: 'Rename a container, rolling out a new revision (asks which, if several)', scope: 'global', mutates: true, footer: 4},
	open(ctx, {label}) {
		chooseContainer(ctx, label, 'rename', promptFor);
	},
};

export const prompt: PromptModule<'rename'> = {
	kind: 'rename',
	keys: [submitKeys, ...fieldKeys],
	handle(ctx, prompt, input, key) {
		singleField(
			ctx,
			prompt,
			input,
			key,
			text => validateContainerName(text, prompt.others),
			name => {
				submitContainerEdit(ctx, prompt, 'rename', renameChange(prompt.seen, name), `renaming container ${prompt.from} of ${prompt.ref.name} to ${name}…`);
			},
		);
	},
	view: (prompt, inner) => ({
		title: `Rename container ${prompt.from} · deployment/${prompt.ref.name}`,
		lines: singleFieldLines('container name', prompt.field, prompt.error, 'enter rename (rolls out a new revision) · esc cancel', inner),
	}),
};
