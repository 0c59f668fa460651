// `?`: the help overlay (App draws it from the key table).
import type {CommandModule, PromptModule} from './module.js';

export const command: CommandModule<'help'> = {
	command: {id: 'help', keys: [{input: '?'}], label: 'help', description: 'Show or hide this help', scope: 'global', footer: 1},
	open(ctx) {
		ctx.store.dispatch({type: 'openPrompt', prompt: {kind: 'help', offset: 0}});
	},
};

export const prompt: PromptModule<'help'> = {
	kind: 'help',
	// Its closing keys are in its title.
	keys: [{keys: '↑ ↓ (k j) pgup pgdn g G', description: 'Scroll the help, when it is taller than the terminal'}],
	handle({store, view}, prompt, input, key) {
		if (key.escape || input === '?' || input === 'q' || key.return) {
			store.dispatch({type: 'closePrompt'});
			return;
		}

		const {page, maxOffset} = view().helpScroll;
		const to = (offset: number) => {
			store.dispatch({type: 'updatePrompt', prompt: {...prompt, offset: Math.max(0, Math.min(maxOffset, offset))}});
		};

		if (key.upArrow || input === 'k') to(prompt.offset - 1);
		else if (key.downArrow || input === 'j') to(prompt.offset + 1);
		else if (key.pageUp || (key.ctrl && input === 'b')) to(prompt.offset - page);
		else if (key.pageDown || (key.ctrl && input === 'f') || input === ' ') to(prompt.offset + page);
		else if (key.home || input === 'g') to(0);
		else if (key.end || input === 'G') to(maxOffset);
	},
};
