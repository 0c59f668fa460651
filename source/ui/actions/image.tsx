// `i`: set a container's image on the lab's Deployment (a new revision rolls out).
import {imageChange} from '../../model/containerEdits.js';
import {validateImage} from '../../model/index.js';
import type {Container, Deployment} from '../../model/types.js';
import {singleFieldLines} from '../components/promptParts.js';
import {textField} from '../state/textField.js';
import type {Prompt} from '../state/uiState.js';
import {chooseContainer, submitContainerEdit} from './containerEdit.js';
import type {CommandModule, PromptModule} from './module.js';
import {fieldKeys, singleField, submitKeys} from './prompts.js';
import {deploymentRef} from './run.js';

export {kinds} from './containerEdit.js';

export function promptFor(deployment: Deployment, container: Container): Prompt {
	return {kind: 'image', ref: deploymentRef(deployment), container: container.name, seen: container, field: textField(container.image ?? '')};
}

export const command: CommandModule<'setImage'> = {
	command: {id: 'setImage', keys: [{input: 'i'}], label: 'image', description: "Set a container's image, rolling out a new revision", scope: 'global', mutates: true, footer: 7},
	open(ctx, {label}) {
		chooseContainer(ctx, label, 'image', promptFor);
	},
};

export const prompt: PromptModule<'image'> = {
	kind: 'image',
	keys: [submitKeys, ...fieldKeys],
	handle(ctx, prompt, input, key) {
		singleField(ctx, prompt, input, key, validateImage, image => {
			submitContainerEdit(ctx, prompt, 'image', imageChange(prompt.seen, image), `setting the image of ${prompt.ref.name} (container ${prompt.container}) to ${image}…`);
		});
	},
	// Image references (registry/path:tag) are long.
	maxWidth: 100,
	view: (prompt, inner) => ({
		title: `Set image · deployment/${prompt.ref.name} · container ${prompt.container}`,
		lines: singleFieldLines('image', prompt.field, prompt.error, 'enter set image (rolls out a new revision) · esc cancel', inner),
	}),
};
