// `?`: the help overlay (App draws it from the key table).
import type {CommandModule, PromptModule} from './module.js';

export const command: CommandModule<'help'> = {
	command: {id: 'help', keys: [{input: '?'}], label: 'help', description: 'Show or hide this help', scope: 'global', footer: 1},
	open(ctx) {
		ctx.store.dispatch({type: 'openPrompt', prompt: {kind: 'help'}});
	},
};

export const prompt: PromptModule<'help'> = {
	kind: 'help',
	// Its closing keys are in its title; nothing else to list.
	keys: [],
	handle({store}, _prompt, input, key) {
		if (key.escape || input === '?' || input === 'q' || key.return) {
			store.dispatch({type: 'closePrompt'});
		}
	},
};
