// Enter, by pane: in the rollout pane's history, one revision's pod template
// (`u` from there undoes to it); on a row of a kind opened with `:`, follow it;
// on an event, or on a Pending pod's reason, the whole message.
import type {ApiResource} from '../../model/kinds.js';
import type {DisplayRow} from '../../model/table.js';
import {Line, seg} from '../components/Line.js';
import {hint} from '../components/promptParts.js';
import {RevisionTable, revisionTableHeight} from '../components/RevisionTable.js';
import type {Controller} from './context.js';
import type {CommandModule, PromptModule} from './module.js';
import {deploymentRef, notice, switchTo} from './run.js';
import {askUndo} from './undo.js';
import {inspect} from './inspect.js';

export const command: CommandModule<'revisionDetails'> = {
	command: {
		id: 'revisionDetails',
		keys: [{key: 'return'}],
		label: 'details',
		description: "A history revision's pod template (rollout history --revision=N); an event's or a Pending pod's whole message; follow a :deploy row",
		scope: 'pane',
	},
	open(ctx) {
		const view = ctx.view();
		const state = ctx.store.getState();
		if (view.main && state.focus === 'pods') {
			openRow(ctx, view.main.resource, view.main.rows[ctx.selected('pods')]);
			return;
		}

		if (state.focus === 'events' || (state.focus === 'pods' && view.pods[ctx.selected('pods')]?.pendingReason)) {
			const target = view.selectedObject();
			if (target) {
				inspect(ctx, 'message', target);
				return;
			}
		}

		const row = state.focus === 'rollout' && view.revisions.length > 0 ? view.revisions[ctx.selected('rollout')] : undefined;
		const template = row && view.deployment ? view.revisionTemplate(row.revision) : undefined;
		if (!template || !view.deployment) {
			notice(ctx, 'info', "enter shows a revision (in the rollout pane), an event or a Pending pod's whole message; d describes, y shows the YAML");
			return;
		}

		ctx.store.dispatch({type: 'openPrompt', prompt: {kind: 'revision', ref: deploymentRef(view.deployment), template}});
	},
};

/** Enter on a row of a kind opened with `:`: a Deployment is followed in the rollout pane, a Namespace is switched to. */
function openRow(ctx: Controller, resource: ApiResource, row: DisplayRow | undefined): void {
	if (!row) {
		return;
	}

	if (resource.group === 'apps' && resource.resource === 'deployments') {
		if (row.namespace !== ctx.view().namespace) {
			notice(ctx, 'info', `deployment ${row.namespace}/${row.name} is in another namespace: :ns ${row.namespace} first`);
			return;
		}

		ctx.store.dispatch({type: 'pickDeployment', name: row.name});
		ctx.store.dispatch({type: 'showMain', main: {kind: 'lab'}});
		return;
	}

	if (resource.group === '' && resource.resource === 'namespaces') {
		switchTo(ctx, {namespace: row.name});
		return;
	}

	notice(ctx, 'info', 'enter follows a deployment (:deploy) or switches to a namespace (:ns); esc goes back to the lab view');
}

export const prompt: PromptModule<'revision'> = {
	kind: 'revision',
	keys: [{keys: 'u', description: 'Undo to the revision shown (revision details)'}],
	handle(ctx, prompt, input, key) {
		if (input === 'u') {
			ctx.store.dispatch({type: 'closePrompt'});
			const {template, ref} = prompt;
			if (ctx.readonly) {
				notice(ctx, 'warning', 'read-only mode: undo is disabled');
			} else if (template.current) {
				notice(ctx, 'info', `revision ${template.revision} is the current one: nothing to undo to`);
			} else {
				askUndo(ctx, ref, template.revision, false, ctx.view().deployment?.spec?.template);
			}
		} else if (key.escape || key.return || input === 'q') {
			ctx.store.dispatch({type: 'closePrompt'});
		}
	},
	// Probe descriptions in the template table are long.
	maxWidth: 100,
	view(prompt, inner, areaHeight) {
		const {template} = prompt;
		// On a short terminal the labels give way, so the table and the keys stay on screen.
		const roomForLabels = areaHeight >= revisionTableHeight(template) + 3 + 3;
		return {
			title: `deployment.apps/${prompt.ref.name} with revision #${template.revision}${template.current ? ' (current)' : ''}`,
			lines: [
				<Line key="cause" fill width={inner} segments={[seg(' change-cause ', 'text.muted'), seg(template.changeCause, 'text.primary')]} />,
				...(roomForLabels
					? [<Line key="labels" fill width={inner} segments={[seg(' replica set ', 'text.muted'), seg(template.replicaSetName, 'text.primary'), seg('  labels ', 'text.muted'), seg(template.labels, 'text.primary')]} />]
					: []),
				<RevisionTable key="table" template={template} width={inner} />,
				hint(template.current ? 'esc or enter close' : `u undo to revision ${template.revision} · esc or enter close`, inner),
			],
			extraHeight: revisionTableHeight(template) - 1,
		};
	},
};
