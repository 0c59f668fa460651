// `L`: the lab's steps, checked off from the cluster (App draws it live from the snapshot).
import type {CommandModule, PromptModule} from './module.js';

export const command: CommandModule<'labProgress'> = {
	command: {id: 'labProgress', keys: [{input: 'L'}], label: 'lab', description: "The lab's steps (parts 2–5), checked off from the cluster's state, with the key for each", scope: 'global'},
	open(ctx) {
		ctx.store.dispatch({type: 'openPrompt', prompt: {kind: 'labProgress'}});
	},
};

export const prompt: PromptModule<'labProgress'> = {
	kind: 'labProgress',
	// Its closing keys are in its title.
	keys: [],
	handle({store}, _prompt, input, key) {
		if (key.escape || input === 'L' || input === 'q' || key.return) store.dispatch({type: 'closePrompt'});
	},
};
