// `:ctx` alone: pick the kubeconfig context to switch to.
import {seg} from '../components/Line.js';
import {hint, listLines} from '../components/promptParts.js';
import type {PromptModule} from './module.js';
import {listKeys, pickOne, submitKeys} from './prompts.js';
import {switchTo} from './run.js';

export const prompt: PromptModule<'contexts'> = {
	kind: 'contexts',
	keys: [submitKeys, listKeys],
	handle(ctx, prompt, input, key) {
		pickOne(ctx, prompt, input, key, name => {
			if (name !== ctx.view().context) switchTo(ctx, {context: name});
		});
	},
	view: (prompt, inner, areaHeight) => ({
		title: 'Context to switch to',
		lines: [...listLines(prompt.names, prompt.index, inner, areaHeight, name => [seg(name, 'text.primary')]), hint('↑↓ choose · enter switch (the view reconnects) · esc cancel', inner)],
	}),
};
