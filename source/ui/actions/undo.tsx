// `u`: roll the lab's Deployment back to the previous revision, or to the one
// selected in the rollout pane's history, after a y/n question.
import type {DeploymentRef} from '../../model/actions.js';
import {revisionDiff} from '../../model/revisionDiff.js';
import type {PodTemplateSpec} from '../../model/types.js';
import {undoTargetRevision} from '../../model/undoTarget.js';
import {Line, seg} from '../components/Line.js';
import {hint} from '../components/promptParts.js';
import type {ActionContext, Controller} from './context.js';
import type {CommandModule, PromptModule} from './module.js';
import {yesNoKeys} from './prompts.js';
import {deploymentRef, needDeployment, notice, runAction} from './run.js';

export {kinds} from './containerEdit.js';

/**
 * The revision `u` offers: the one picked in the focused history, else the
 * previous one. A pick is dropped when a new revision rolls out (the rollout
 * pane resets its selection then), so `u` never undoes onto a stale row.
 */
function undoTarget(ctx: ActionContext): {toRevision: number; previous: boolean} | undefined {
	const state = ctx.store.getState();
	const {revisions} = ctx.view();
	const current = revisions.find(row => row.current)?.revision;
	const picked = state.focus === 'rollout' && state.selection['rollout']?.key !== undefined ? revisions[ctx.selected('rollout')] : undefined;
	return undoTargetRevision(revisions, picked && current !== undefined ? {revision: picked.revision, currentWhenPicked: current} : undefined);
}

/** Ask y/n before undoing to `toRevision`, saying what it would change; `seenTemplate` pins the undo to the template shown now. */
export function askUndo(ctx: Controller, ref: DeploymentRef, toRevision: number, previous: boolean, seenTemplate: PodTemplateSpec | undefined): void {
	const changes = revisionDiff(ctx.view().revisionPodTemplate(toRevision), seenTemplate);
	ctx.store.dispatch({type: 'openPrompt', prompt: {kind: 'undo', ref, toRevision, previous, seenTemplate, changes}});
}

export const command: CommandModule<'undo'> = {
	command: {id: 'undo', keys: [{input: 'u'}], label: 'undo', description: 'Roll back to the previous revision, or to the one selected in the history', scope: 'global', mutates: true, footer: 5},
	open(ctx, {label}) {
		const deployment = needDeployment(ctx, label);
		if (!deployment) {
			return;
		}

		const name = deployment.metadata.name ?? '';
		if (deployment.spec?.paused === true) {
			// kubectl's refusal, before asking y/n for something that cannot happen.
			notice(ctx, 'warning', `you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${name}' and try again`);
			return;
		}

		const target = undoTarget(ctx);
		if (!target) {
			notice(ctx, 'warning', `deployment/${name} has no previous revision to undo to`, 'noPreviousRevision');
			return;
		}

		askUndo(ctx, deploymentRef(deployment), target.toRevision, target.previous, deployment.spec?.template);
	},
};

export const prompt: PromptModule<'undo'> = {
	kind: 'undo',
	keys: [yesNoKeys],
	handle(ctx, prompt, input, key) {
		if (input === 'y' || input === 'Y') {
			ctx.store.dispatch({type: 'closePrompt'});
			runAction(ctx, `rolling back ${prompt.ref.name} to revision ${prompt.toRevision}…`, async () => ctx.actions.undo(prompt.ref, {toRevision: prompt.toRevision, seenTemplate: prompt.seenTemplate}));
		} else if (input === 'n' || input === 'N' || key.escape) {
			ctx.store.dispatch({type: 'closePrompt'});
		}
	},
	view: (prompt, inner) => ({
		title: 'Undo rollout',
		lines: [
			<Line key="question" fill width={inner} segments={[seg(` Undo ${prompt.ref.name} to revision ${prompt.toRevision}? `, 'text.primary', {bold: true}), seg('(y/n)', 'key', {bold: true})]} />,
			...(prompt.changes ?? []).slice(0, 6).map((change, index) => <Line key={`change-${index}`} fill width={inner} segments={[seg(`   ${change}`, 'text.primary')]} />),
			hint('y undo · n or esc cancel', inner),
		],
	}),
};
