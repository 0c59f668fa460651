// `d` and `y`: the selected object (a pod, a node, the rollout's Deployment,
// an event, a row of a kind opened with `:`) described as kubectl describe
// prints it, or as YAML, full-screen and live (source/ui/views).
import type {Controller} from './context.js';
import type {CommandModule} from './module.js';
import {notice} from './run.js';
import type {InspectMode, InspectView} from '../state/uiState.js';
import type {ObjectRef} from '../../model/objectRef.js';

/** Opens the inspect view on `target`; Esc comes back to the view as it was. */
export function inspect(ctx: Controller, mode: InspectMode, target: ObjectRef): void {
	const {main} = ctx.store.getState();
	// The logs view takes every key itself: describe is never opened over it.
	if (main.kind === 'logs') return;
	const back = main.kind === 'inspect' ? main.back : main;
	const view: InspectView = {kind: 'inspect', mode, target, back, top: 0, managedFields: false, reveal: false};
	ctx.store.dispatch({type: 'inspect', main: view});
}

function openSelected(ctx: Controller, mode: InspectMode): void {
	const target = ctx.view().selectedObject();
	if (!target) {
		notice(ctx, 'info', `nothing selected to ${mode === 'yaml' ? 'show as YAML' : 'describe'}: pick a row first`);
		return;
	}
	inspect(ctx, mode, target);
}

export const describe: CommandModule<'describe'> = {
	command: {id: 'describe', keys: [{input: 'd'}], label: 'describe', description: 'Describe the selected object as kubectl describe does (live)', scope: 'pane', footer: 9},
	open: ctx => openSelected(ctx, 'describe'),
};

export const yaml: CommandModule<'yaml'> = {
	command: {id: 'yaml', keys: [{input: 'y'}], label: 'yaml', description: "The selected object's YAML, as kubectl get -o yaml (live; Secret values masked)", scope: 'pane'},
	open: ctx => openSelected(ctx, 'yaml'),
};
