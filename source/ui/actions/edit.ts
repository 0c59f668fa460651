// `e`: edit the selected object, of any kind, in the user's editor, as kubectl
// edit does: the object as YAML under kubectl's header, the view suspended
// while the editor runs, then nothing sent for an unchanged file, and the file
// reopened with the error at its top for a YAML error, an invalid object or a
// change someone else made meanwhile. An editor that fails discards the edit.
import type {ApiObject, EditReason} from '../../model/actions.js';
import {editableObject, editFileText, identityChange, objectYaml, readSavedEdit, stripComments} from '../../model/editFile.js';
import {objectLabel, type ObjectRef} from '../../model/objectRef.js';
import type {Message} from '../state/uiState.js';
import type {Controller, ObjectEditor} from './context.js';
import type {CommandModule} from './module.js';
import {errorMessage, notice} from './run.js';

/** The views with an edit under way: a second `e` meanwhile would open a second editor after the first. */
const editing = new WeakSet<object>();

export const command: CommandModule<'editObject'> = {
	command: {id: 'editObject', keys: [{input: 'e'}], label: 'edit', description: 'Edit the selected object as YAML in $KUBE_EDITOR, $VISUAL or $EDITOR (else vi), as kubectl edit', scope: 'pane', mutates: true},
	open(ctx) {
		const ref = ctx.view().selectedObject();
		if (!ref) {
			notice(ctx, 'warning', 'nothing selected to edit');
			return;
		}

		const {editor} = ctx;
		if (!editor) {
			notice(ctx, 'warning', 'editing needs a terminal to run the editor in');
			return;
		}

		if (editing.has(ctx.store)) {
			notice(ctx, 'warning', 'an edit is already under way');
			return;
		}

		editing.add(ctx.store);
		void editSession(ctx, editor, ref).finally(() => editing.delete(ctx.store));
	},
};

/** The message line for one edit: what it is doing now, then how it ended (a newer action's message is not overwritten). */
function progress(ctx: Controller): {doing(text: string): void; done(message: Message): void} {
	const seq = ctx.store.getState().actionSeq + 1;
	return {
		doing: text => ctx.store.dispatch({type: 'actionStarted', seq, text}),
		done: message => ctx.store.dispatch({type: 'actionSettled', seq, message}),
	};
}

async function editSession(ctx: Controller, editor: ObjectEditor, ref: ObjectRef): Promise<void> {
	const label = objectLabel(ref);
	const status = progress(ctx);
	status.doing(`reading ${label}…`);
	let object: ApiObject;
	try {
		object = await ctx.actions.readForEdit(ref);
	} catch (error) {
		status.done({tone: 'error', text: errorMessage(error)});
		return;
	}

	const original = editFileText(objectYaml(editableObject(object)));
	const name = `${ref.resource.kind.toLowerCase()}-${ref.name}.yaml`;
	let file = original;
	let previous: string | undefined;
	// The versions of the object the file has been offered (after a conflict, the current one), by resourceVersion.
	const versions = new Map([[object.metadata?.resourceVersion, object]]);
	for (;;) {
		status.doing(`editing ${label} in the editor…`);
		const result = editor.edit(file, name);
		if (result.kind === 'failed') {
			status.done({tone: 'warning', text: `${result.message}: the edit of ${label} was discarded, nothing was sent`});
			return;
		}

		const saved = readSavedEdit(original, result.text, previous);
		if (saved.kind === 'cancelled') {
			status.done({tone: 'info', text: `${saved.message} (${label}: nothing was sent)`});
			return;
		}

		let reason: EditReason | undefined = saved.kind === 'reopen' ? saved.reason : identityChange(object, saved.object);
		if (saved.kind === 'edited' && !reason) {
			status.doing(`saving your edit of ${label}…`);
			try {
				const base = versions.get(saved.object.metadata?.resourceVersion);
				const outcome = await ctx.actions.applyEdit(ref, object, saved.object, base === object ? undefined : base);
				if (outcome.kind === 'applied') {
					status.done({tone: 'success', text: outcome.message});
					return;
				}

				reason = outcome.reason;
				if (outcome.current) versions.set(outcome.current.metadata?.resourceVersion, outcome.current);
			} catch (error) {
				status.done({tone: 'error', text: errorMessage(error)});
				return;
			}
		}

		if (!reason) return;
		// As kubectl: the user's text kept, under a fresh header that says what went wrong.
		previous = result.text;
		file = editFileText(stripComments(result.text), [reason]);
	}
}
