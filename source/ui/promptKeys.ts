// Keys while a prompt is open: the prompt gets every key, so global keys
// never fire while typing. Values are validated here, before anything is sent.
import type {Key} from 'ink';
import {validateContainerName, validateQuantity, validateReplicas} from '../model/index.js';
import {openContainerPrompt, runAction, type Controller} from './controller.js';
import {editText} from './state/textField.js';
import {resourceFields, type Prompt, type ResourceField} from './state/uiState.js';

const fieldResource: Record<ResourceField, 'cpu' | 'memory'> = {cpuRequest: 'cpu', memoryRequest: 'memory', cpuLimit: 'cpu', memoryLimit: 'memory'};

function submitResources(ctx: Controller, prompt: Extract<Prompt, {kind: 'resources'}>): void {
	const errors: Partial<Record<ResourceField, string>> = {};
	const values: Partial<Record<ResourceField, string>> = {};
	for (const field of resourceFields) {
		const result = validateQuantity(prompt.fields[field].value, fieldResource[field], {allowEmpty: true});
		if (result.ok) {
			values[field] = result.value ?? '';
		} else {
			errors[field] = result.error;
		}
	}

	const firstError = resourceFields.find(field => errors[field] !== undefined);
	if (firstError) {
		ctx.store.dispatch({type: 'updatePrompt', prompt: {...prompt, errors, focus: firstError}});
		return;
	}

	ctx.store.dispatch({type: 'closePrompt'});
	// Every field is sent: a value sets it, '' removes it.
	runAction(ctx, `setting requests/limits of ${prompt.ref.name} (container ${prompt.container})…`, async () =>
		ctx.actions.setResources(prompt.ref, prompt.container, {
			cpuRequest: values.cpuRequest ?? '',
			memoryRequest: values.memoryRequest ?? '',
			cpuLimit: values.cpuLimit ?? '',
			memoryLimit: values.memoryLimit ?? '',
		}),
	);
}

export function handlePrompt(ctx: Controller, prompt: Prompt, input: string, key: Key): void {
	const {store} = ctx;
	switch (prompt.kind) {
		case 'help': {
			if (key.escape || input === '?' || input === 'q' || key.return) {
				store.dispatch({type: 'closePrompt'});
			}

			return;
		}

		case 'filter': {
			const result = editText(prompt.field, input, key);
			if (result.kind === 'submit') {
				store.dispatch({type: 'closePrompt'});
			} else if (result.kind === 'cancel') {
				store.dispatch({type: 'closePrompt'});
				store.dispatch({type: 'setFilter', filter: ''});
			} else if (result.kind === 'edit') {
				store.dispatch({type: 'updatePrompt', prompt: {...prompt, field: result.field}});
				store.dispatch({type: 'setFilter', filter: result.field.value});
			}

			return;
		}

		case 'deployments': {
			if (key.escape) {
				store.dispatch({type: 'closePrompt'});
			} else if (key.return) {
				const name = prompt.names[prompt.index];
				store.dispatch({type: 'closePrompt'});
				if (name !== undefined) {
					store.dispatch({type: 'pickDeployment', name});
				}
			} else if (key.upArrow || input === 'k') {
				store.dispatch({type: 'updatePrompt', prompt: {...prompt, index: Math.max(0, prompt.index - 1)}});
			} else if (key.downArrow || input === 'j') {
				store.dispatch({type: 'updatePrompt', prompt: {...prompt, index: Math.min(prompt.names.length - 1, prompt.index + 1)}});
			}

			return;
		}

		case 'containers': {
			if (key.escape) {
				store.dispatch({type: 'closePrompt'});
			} else if (key.return) {
				const name = prompt.names[prompt.index];
				const {deployment} = ctx.view();
				store.dispatch({type: 'closePrompt'});
				// The Deployment shown may have changed while the list was open: only act on the one it was opened for.
				if (name !== undefined && deployment?.metadata.name === prompt.ref.name && (deployment.metadata.namespace ?? '') === prompt.ref.namespace) {
					openContainerPrompt(ctx, deployment, prompt.action, name);
				} else {
					store.dispatch({type: 'notice', message: {tone: 'warning', text: `deployment/${prompt.ref.name} is no longer shown`}});
				}
			} else if (key.upArrow || input === 'k') {
				store.dispatch({type: 'updatePrompt', prompt: {...prompt, index: Math.max(0, prompt.index - 1)}});
			} else if (key.downArrow || input === 'j') {
				store.dispatch({type: 'updatePrompt', prompt: {...prompt, index: Math.min(prompt.names.length - 1, prompt.index + 1)}});
			}

			return;
		}

		case 'undo': {
			if (input === 'y' || input === 'Y') {
				store.dispatch({type: 'closePrompt'});
				const revision = prompt.shownRevision === undefined ? '' : ` to revision ${prompt.shownRevision}`;
				runAction(ctx, `rolling back ${prompt.ref.name}${revision}…`, async () => ctx.actions.undo(prompt.ref, prompt.toRevision));
			} else if (input === 'n' || input === 'N' || key.escape) {
				store.dispatch({type: 'closePrompt'});
			}

			return;
		}

		case 'scale': {
			const result = editText(prompt.field, input, key);
			if (result.kind === 'cancel') {
				store.dispatch({type: 'closePrompt'});
			} else if (result.kind === 'edit') {
				store.dispatch({type: 'updatePrompt', prompt: {...prompt, field: result.field}});
			} else if (result.kind === 'submit') {
				const replicas = validateReplicas(prompt.field.value);
				if (!replicas.ok) {
					store.dispatch({type: 'updatePrompt', prompt: {...prompt, error: replicas.error}});
					return;
				}

				store.dispatch({type: 'closePrompt'});
				runAction(ctx, `scaling ${prompt.ref.name} to ${replicas.value}…`, async () => ctx.actions.scale(prompt.ref, replicas.value));
			}

			return;
		}

		case 'rename': {
			const result = editText(prompt.field, input, key);
			if (result.kind === 'cancel') {
				store.dispatch({type: 'closePrompt'});
			} else if (result.kind === 'edit') {
				store.dispatch({type: 'updatePrompt', prompt: {...prompt, field: result.field}});
			} else if (result.kind === 'submit') {
				const name = validateContainerName(prompt.field.value, prompt.others);
				if (!name.ok) {
					store.dispatch({type: 'updatePrompt', prompt: {...prompt, error: name.error}});
					return;
				}

				store.dispatch({type: 'closePrompt'});
				runAction(ctx, `renaming container ${prompt.from} of ${prompt.ref.name} to ${name.value}…`, async () => ctx.actions.renameContainer(prompt.ref, prompt.from, name.value));
			}

			return;
		}

		case 'resources': {
			const step = (direction: 1 | -1) => {
				const index = resourceFields.indexOf(prompt.focus);
				const focus = resourceFields[(index + direction + resourceFields.length) % resourceFields.length] ?? 'cpuRequest';
				store.dispatch({type: 'updatePrompt', prompt: {...prompt, focus}});
			};

			if (key.tab || key.downArrow || key.upArrow) {
				step(key.upArrow || (key.tab && key.shift) ? -1 : 1);
				return;
			}

			const result = editText(prompt.fields[prompt.focus], input, key);
			if (result.kind === 'cancel') {
				store.dispatch({type: 'closePrompt'});
			} else if (result.kind === 'edit') {
				store.dispatch({type: 'updatePrompt', prompt: {...prompt, fields: {...prompt.fields, [prompt.focus]: result.field}}});
			} else if (result.kind === 'submit') {
				submitResources(ctx, prompt);
			}

			return;
		}

		default: {
			const _exhaustive: never = prompt;
			return _exhaustive;
		}
	}
}
