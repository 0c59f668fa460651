// Ctrl-D: delete the selected object (kubectl delete) after a y/n question
// naming it. The delete is pinned to the uid the row showed, so a replacement
// of the same name is never the one deleted. The lab's lesson follows on its
// own: the pods pane shows the pod Terminating and its ReplicaSet's new one.
import {objectLabel} from '../../model/objectRef.js';
import {Line, seg} from '../components/Line.js';
import {hint} from '../components/promptParts.js';
import type {CommandModule, PromptModule} from './module.js';
import {yesNoKeys} from './prompts.js';
import {notice, runAction} from './run.js';

export const command: CommandModule<'deleteObject'> = {
	command: {id: 'deleteObject', keys: [{input: 'd', ctrl: true}], label: 'delete', description: 'Delete the selected object, after a y/n question (kubectl delete)', scope: 'pane', mutates: true},
	open(ctx) {
		const ref = ctx.view().selectedObject();
		if (!ref) {
			notice(ctx, 'warning', 'nothing selected to delete');
			return;
		}

		ctx.store.dispatch({type: 'openPrompt', prompt: {kind: 'delete', ref}});
	},
};

export const prompt: PromptModule<'delete'> = {
	kind: 'delete',
	keys: [yesNoKeys],
	handle(ctx, prompt, input, key) {
		if (input === 'y' || input === 'Y') {
			ctx.store.dispatch({type: 'closePrompt'});
			runAction(ctx, `deleting ${objectLabel(prompt.ref)}…`, async () => ctx.actions.deleteObject(prompt.ref));
		} else if (input === 'n' || input === 'N' || key.escape) {
			ctx.store.dispatch({type: 'closePrompt'});
			notice(ctx, 'info', `${objectLabel(prompt.ref)} was not deleted`);
		}
	},
	view: (prompt, inner) => ({
		title: 'Delete',
		lines: [
			<Line key="question" fill width={inner} segments={[seg(` delete ${objectLabel(prompt.ref)}? `, 'text.primary', {bold: true}), seg('y/n', 'key', {bold: true})]} />,
			...(prompt.ref.namespace ? [<Line key="namespace" fill width={inner} segments={[seg(`   in namespace ${prompt.ref.namespace}`, 'text.muted')]} />] : []),
			hint('y delete · n or esc keep it', inner),
		],
	}),
};
