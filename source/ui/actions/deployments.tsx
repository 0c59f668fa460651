// `d`: pick the Deployment the rollout pane follows.
import {seg} from '../components/Line.js';
import {hint, listLines} from '../components/promptParts.js';
import type {CommandModule, PromptModule} from './module.js';
import {listKeys, pickOne, submitKeys} from './prompts.js';
import {notice} from './run.js';

export const command: CommandModule<'pickDeployment'> = {
	command: {id: 'pickDeployment', keys: [{input: 'd'}], label: 'deploy', description: 'Pick the deployment shown in the rollout pane', scope: 'global', footer: 9},
	open(ctx) {
		const view = ctx.view();
		if (view.deploymentNames.length === 0) {
			notice(ctx, 'warning', `no deployments in ${view.namespace || 'any namespace'}`, 'noDeployments');
			return;
		}

		const current = view.deployment?.metadata.name;
		ctx.store.dispatch({type: 'openPrompt', prompt: {kind: 'deployments', names: view.deploymentNames, index: Math.max(0, current ? view.deploymentNames.indexOf(current) : 0)}});
	},
};

export const prompt: PromptModule<'deployments'> = {
	kind: 'deployments',
	keys: [submitKeys, listKeys],
	handle(ctx, prompt, input, key) {
		pickOne(ctx, prompt, input, key, name => {
			ctx.store.dispatch({type: 'pickDeployment', name});
		});
	},
	view: (prompt, inner, areaHeight) => ({
		title: 'Deployment to follow',
		lines: [...listLines(prompt.names, prompt.index, inner, areaHeight, name => [seg(name, 'text.primary')]), hint('↑↓ choose · enter follow · esc cancel', inner)],
	}),
};
