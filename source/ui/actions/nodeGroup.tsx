// `n`: the sandbox's node group's desired size (other clusters have no such edit).
import {validateNodeGroupSize} from '../../model/index.js';
import {singleFieldLines} from '../components/promptParts.js';
import {textField} from '../state/textField.js';
import type {CommandModule, PromptModule} from './module.js';
import {fieldKeys, singleField, submitKeys} from './prompts.js';
import {notice, runAction} from './run.js';

export const command: CommandModule<'nodeGroup'> = {
	command: {
		id: 'nodeGroup',
		keys: [{input: 'n'}],
		label: 'nodes',
		description: "Set the node group's desired size (adds or drains worker nodes)",
		scope: 'global',
		mutates: true,
		footer: 8,
		requires: {
			action: 'setNodeGroupSize',
			unavailable: "only the sandbox's node group can be resized from k8slab; on EKS set the node group's Desired size in the AWS console (or eksctl scale nodegroup)",
			note: 'sandbox only',
		},
	},
	open(ctx) {
		const {nodes} = ctx.view();
		ctx.store.dispatch({type: 'openPrompt', prompt: {kind: 'nodeGroup', seen: nodes.length, field: textField(String(nodes.length))}});
	},
};

export const prompt: PromptModule<'nodeGroup'> = {
	kind: 'nodeGroup',
	keys: [submitKeys, ...fieldKeys],
	handle(ctx, prompt, input, key) {
		singleField(ctx, prompt, input, key, validateNodeGroupSize, nodes => {
			const {actions} = ctx;
			const {setNodeGroupSize} = actions;
			if (nodes === prompt.seen) {
				notice(ctx, 'info', `nothing changed: the node group is at ${nodes} nodes as shown; nothing was sent`);
			} else if (setNodeGroupSize) {
				runAction(ctx, `setting the node group's desired size to ${nodes} (nodes join or drain)…`, async () => setNodeGroupSize.call(actions, {seen: prompt.seen, next: nodes}));
			}
		});
	},
	view: (prompt, inner) => ({
		title: "Node group's desired size",
		lines: singleFieldLines('worker nodes', prompt.field, prompt.error, 'enter resize (new nodes join Ready; removed ones are drained) · esc cancel', inner),
	}),
};
