// The three kinds of prompt the modules are built from (one text field, a
// form, a pick-one list), with the keys each answers to for help.
import type {Key} from 'ink';
import type {Validation} from '../../model/index.js';
import type {PromptKey} from '../commandTypes.js';
import {editForm, type FormState} from '../state/form.js';
import {editText, type TextFieldState} from '../state/textField.js';
import type {Prompt} from '../state/uiState.js';
import type {Controller} from './context.js';

export const submitKeys: PromptKey = {keys: 'enter / esc', description: 'Submit the prompt (values are validated first) / cancel it'};
export const formKeys: PromptKey = {keys: 'tab / ↓ / ↑', description: 'Next / previous field (requests and probes forms)'};
/** The y/n questions (undo, delete): y goes ahead, n or esc does nothing. */
export const yesNoKeys: PromptKey = {keys: 'y / n', description: 'Answer a y/n question: undo, delete (esc is no)'};
export const listKeys: PromptKey = {keys: '↑ ↓ (k j)', description: 'Choose in a list (deployments, containers); scroll (w)'};
/** What textField's editor does in every field. */
export const fieldKeys: readonly PromptKey[] = [
	{keys: 'ctrl-u / ctrl-w', description: 'Clear the field / delete the word before the cursor'},
	{keys: '← → home end ctrl-a ctrl-e', description: 'Move the cursor'},
];

/** The one-line prompts: edit, Esc cancels, Enter validates and either shows why not or runs the edit. */
export function singleField<P extends Prompt & {field: TextFieldState; error?: string}, T>(ctx: Controller, prompt: P, input: string, key: Key, validate: (text: string) => Validation<T>, submit: (value: T) => void): void {
	const result = editText(prompt.field, input, key);
	if (result.kind === 'cancel') {
		ctx.store.dispatch({type: 'closePrompt'});
	} else if (result.kind === 'edit') {
		ctx.store.dispatch({type: 'updatePrompt', prompt: {...prompt, field: result.field} as P});
	} else if (result.kind === 'submit') {
		const value = validate(prompt.field.value);
		if (!value.ok) {
			ctx.store.dispatch({type: 'updatePrompt', prompt: {...prompt, error: value.error} as P});
			return;
		}

		ctx.store.dispatch({type: 'closePrompt'});
		submit(value.value);
	}
}

/** The forms: tab and arrows move between fields, Esc cancels, Enter submits (which validates every field). */
export function form<F extends string, P extends Prompt & FormState<F>>(ctx: Controller, prompt: P, order: readonly F[], input: string, key: Key, submit: () => void): void {
	const result = editForm<F>(prompt, order, input, key);
	if (result.kind === 'cancel') {
		ctx.store.dispatch({type: 'closePrompt'});
	} else if (result.kind === 'edit') {
		// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc needs it: a spread of a generic P does not narrow back to P
		ctx.store.dispatch({type: 'updatePrompt', prompt: {...prompt, ...result.form} as P});
	} else if (result.kind === 'submit') {
		submit();
	}
}

/** The pick-one lists: ↑↓ (k j) move, Esc cancels, Enter picks. */
export function pickOne<P extends Prompt & {index: number; names: readonly string[]}>(ctx: Controller, prompt: P, input: string, key: Key, pick: (name: string) => void): void {
	if (key.escape) {
		ctx.store.dispatch({type: 'closePrompt'});
	} else if (key.return) {
		const name = prompt.names[prompt.index];
		ctx.store.dispatch({type: 'closePrompt'});
		if (name !== undefined) {
			pick(name);
		}
	} else if (key.upArrow || input === 'k') {
		ctx.store.dispatch({type: 'updatePrompt', prompt: {...prompt, index: Math.max(0, prompt.index - 1)} as P});
	} else if (key.downArrow || input === 'j') {
		ctx.store.dispatch({type: 'updatePrompt', prompt: {...prompt, index: Math.min(prompt.names.length - 1, prompt.index + 1)} as P});
	}
}
