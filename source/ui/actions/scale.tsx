// `s`: scale the lab's Deployment, or the selected row of a kind opened with
// `:` when that kind has a scale subresource (its replicas read first).
import {scalableKinds} from '../../model/actions.js';
import type {ApiResource} from '../../model/kinds.js';
import type {DisplayRow} from '../../model/table.js';
import {validateReplicas} from '../../model/index.js';
import {singleFieldLines} from '../components/promptParts.js';
import {textField} from '../state/textField.js';
import type {ActionContext, Controller} from './context.js';
import type {CommandModule, PromptModule} from './module.js';
import {fieldKeys, singleField, submitKeys} from './prompts.js';
import {deploymentRef, errorMessage, needDeployment, notice, runAction} from './run.js';

/** The kinds `s` applies to on a kind's rows; on the lab view, the Deployment. */
export const kinds = scalableKinds;

export const command: CommandModule<'scale'> = {
	command: {id: 'scale', keys: [{input: 's'}], label: 'scale', description: 'Scale the deployment (spec.replicas)', scope: 'global', mutates: true, footer: 2},
	open(ctx, {label}) {
		const view = ctx.view();
		const state = ctx.store.getState();
		if (view.main && state.focus === 'pods') {
			scaleRow(ctx, view.main.resource, view.main.rows[ctx.selected('pods')]);
			return;
		}

		const deployment = needDeployment(ctx, label);
		if (deployment) {
			const replicas = deployment.spec?.replicas ?? 1;
			ctx.store.dispatch({type: 'openPrompt', prompt: {kind: 'scale', ref: deploymentRef(deployment), seen: replicas, field: textField(String(replicas))}});
		}
	},
};

/** A row of a kind opened with `:`: any kind with a scale subresource, read first so the prompt shows its replicas. */
function scaleRow(ctx: Controller, resource: ApiResource, row: DisplayRow | undefined): void {
	if (!kinds.some(kind => kind.group === resource.group && kind.plural === resource.resource)) {
		notice(ctx, 'warning', `${resource.resource} cannot be scaled; s scales ${kinds.map(kind => kind.plural).join(', ')}`);
		return;
	}

	const {readReplicas} = ctx.actions;
	if (!row || !readReplicas) {
		return;
	}

	const target = {namespace: row.namespace, name: row.name, resource: {group: resource.group, version: resource.version, plural: resource.resource, kind: resource.kind}};
	readReplicas.call(ctx.actions, target).then(
		replicas => {
			ctx.store.dispatch({type: 'openPrompt', prompt: {kind: 'scale', ref: target, seen: replicas, field: textField(String(replicas))}});
		},
		(error: unknown) => {
			notice(ctx, 'error', errorMessage(error));
		},
	);
}

export const prompt: PromptModule<'scale'> = {
	kind: 'scale',
	keys: [submitKeys, ...fieldKeys],
	handle(ctx: ActionContext, prompt, input, key) {
		singleField(ctx, prompt, input, key, validateReplicas, replicas => {
			if (replicas === prompt.seen) {
				notice(ctx, 'info', `nothing changed: ${prompt.ref.name} is at ${replicas} replicas as shown; nothing was sent`);
				return;
			}

			runAction(ctx, `scaling ${prompt.ref.name} to ${replicas}…`, async () => ctx.actions.scale(prompt.ref, {seen: prompt.seen, next: replicas}));
		});
	},
	view: (prompt, inner) => ({
		title: `Scale ${(prompt.ref.resource?.kind ?? 'Deployment').toLowerCase()}/${prompt.ref.name}`,
		lines: singleFieldLines('replicas', prompt.field, prompt.error, 'enter scale · esc cancel', inner),
	}),
};
