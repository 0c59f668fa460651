// `:`: open any kind by name, :ns NAME, :ctx [NAME], :q, :help (App draws the line).
import {commonPrefix, completeCommandLine, parseCommandLine} from '../../model/commandLine.js';
import {editText, textField} from '../state/textField.js';
import type {ActionContext} from './context.js';
import type {CommandModule, PromptModule, PromptOf} from './module.js';
import {fieldKeys, submitKeys} from './prompts.js';
import {switchTo} from './run.js';

type LinePrompt = PromptOf<'command'>;

export const command: CommandModule<'commandLine'> = {
	command: {id: 'commandLine', keys: [{input: ':'}], label: 'command', description: 'Open any kind by name (:svc, :deploy, :crd), :ns NAME, :ctx NAME', scope: 'global'},
	open(ctx) {
		ctx.view().discover();
		ctx.store.dispatch({type: 'openPrompt', prompt: {kind: 'command', field: textField('')}});
	},
};

/** Enter: a view to open, a namespace or context to switch to, or why not (the line stays open to fix it). */
function run(ctx: ActionContext, prompt: LinePrompt): void {
	const view = ctx.view();
	const parsed = parseCommandLine(prompt.field.value, {resources: view.resources, contexts: view.contexts});
	const close = () => ctx.store.dispatch({type: 'closePrompt'});
	switch (parsed.kind) {
		case 'lab': {
			close();
			ctx.store.dispatch({type: 'showMain', main: {kind: 'lab'}});
			return;
		}

		case 'resource': {
			close();
			ctx.store.dispatch({type: 'showMain', main: {kind: 'resource', resource: parsed.resource, command: prompt.field.value.trim().replace(/^:/, '')}});
			return;
		}

		case 'namespace': {
			close();
			if (parsed.name) switchTo(ctx, {namespace: parsed.name});
			return;
		}

		case 'context': {
			if (parsed.name) {
				close();
				switchTo(ctx, {context: parsed.name});
				return;
			}

			// `:ctx` alone asks which; nothing changes until one is picked.
			const names = view.contexts;
			ctx.store.dispatch({type: 'openPrompt', prompt: {kind: 'contexts', names, index: Math.max(0, names.indexOf(view.context))}});
			return;
		}

		case 'quit': {
			close();
			ctx.exit();
			return;
		}

		case 'help': {
			ctx.store.dispatch({type: 'openPrompt', prompt: {kind: 'help', offset: 0}});
			return;
		}

		case 'error': {
			ctx.store.dispatch({type: 'updatePrompt', prompt: {...prompt, error: parsed.message, suggestions: parsed.suggestions, waiting: undefined}});
			return;
		}

		case 'discovering': {
			ctx.store.dispatch({type: 'updatePrompt', prompt: {...prompt, error: undefined, suggestions: undefined, waiting: true}});
			return;
		}

		default: {
			const _exhaustive: never = parsed;
			return _exhaustive;
		}
	}
}

/** Discovery answered: a line whose Enter came before it is run now, as typed (:svc⏎ typed at once after starting). */
export function runWaitingCommandLine(ctx: ActionContext): void {
	const {prompt} = ctx.store.getState();
	if (prompt?.kind === 'command' && prompt.waiting) run(ctx, {...prompt, waiting: undefined});
}

/** Tab: the common part of what matches, or the only match. */
function complete(ctx: ActionContext, prompt: LinePrompt): void {
	const view = ctx.view();
	const candidates = completeCommandLine(prompt.field.value, {resources: view.resources, contexts: view.contexts, namespaces: view.namespaces});
	const filled = candidates.length === 1 ? candidates[0]! : commonPrefix(candidates);
	if (filled.length > prompt.field.value.replace(/^:/, '').length) {
		ctx.store.dispatch({type: 'updatePrompt', prompt: {...prompt, field: {value: filled, cursor: filled.length}, error: undefined, suggestions: undefined}});
	}
}

export const prompt: PromptModule<'command'> = {
	kind: 'command',
	keys: [submitKeys, {keys: 'tab', description: 'Complete a kind, context or namespace name (: command line)'}, ...fieldKeys],
	handle(ctx, prompt, input, key) {
		if (key.tab) {
			complete(ctx, prompt);
			return;
		}

		const result = editText(prompt.field, input, key);
		if (result.kind === 'cancel') {
			ctx.store.dispatch({type: 'closePrompt'});
		} else if (result.kind === 'submit') {
			run(ctx, prompt);
		} else if (result.kind === 'edit') {
			ctx.store.dispatch({type: 'updatePrompt', prompt: {...prompt, field: result.field, error: undefined, suggestions: undefined, waiting: undefined}});
		}
	},
};
