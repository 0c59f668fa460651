// `/`: filter pods and events as you type (App draws the line, not a modal).
import {textField, editText} from '../state/textField.js';
import type {CommandModule, PromptModule} from './module.js';
import {fieldKeys, submitKeys} from './prompts.js';

export const command: CommandModule<'filter'> = {
	command: {id: 'filter', keys: [{input: '/'}], label: 'filter', description: 'Filter pods and events (Enter keeps, Esc clears)', scope: 'global'},
	open(ctx) {
		ctx.store.dispatch({type: 'openPrompt', prompt: {kind: 'filter', field: textField(ctx.store.getState().filter)}});
	},
};

export const prompt: PromptModule<'filter'> = {
	kind: 'filter',
	keys: [submitKeys, ...fieldKeys],
	handle({store}, prompt, input, key) {
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
	},
};
