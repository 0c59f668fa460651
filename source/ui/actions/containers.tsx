// The container picker the four container edits open when the pod template
// has several: Enter opens the chosen container's edit.
import type {ContainerAction} from '../../model/actions.js';
import {seg} from '../components/Line.js';
import {hint, listLines} from '../components/promptParts.js';
import {fit, shortImage, width as textWidth} from '../text.js';
import {openContainerPrompt, type ContainerPrompt} from './containerEdit.js';
import * as image from './image.js';
import type {PromptModule} from './module.js';
import * as probes from './probes.js';
import {listKeys, pickOne, submitKeys} from './prompts.js';
import * as rename from './rename.js';
import * as resources from './resources.js';

const edits: Record<ContainerAction, {promptFor: ContainerPrompt; title: string; verb: string}> = {
	resources: {promptFor: resources.promptFor, title: 'Requests and limits', verb: 'edit requests'},
	rename: {promptFor: rename.promptFor, title: 'Rename container', verb: 'rename'},
	image: {promptFor: image.promptFor, title: 'Set image', verb: 'set image'},
	probes: {promptFor: probes.promptFor, title: 'Liveness and readiness probes', verb: 'edit probes'},
};

export const prompt: PromptModule<'containers'> = {
	kind: 'containers',
	keys: [submitKeys, listKeys],
	handle(ctx, prompt, input, key) {
		pickOne(ctx, prompt, input, key, name => {
			const {deployment} = ctx.view();
			// The Deployment shown may have changed while the list was open: only act on the one it was opened for.
			if (deployment?.metadata.name === prompt.ref.name && (deployment.metadata.namespace ?? '') === prompt.ref.namespace) {
				openContainerPrompt(ctx, deployment, name, edits[prompt.action].promptFor);
			} else {
				ctx.store.dispatch({type: 'notice', message: {tone: 'warning', text: `deployment/${prompt.ref.name} is no longer shown`}});
			}
		});
	},
	view(prompt, inner, areaHeight) {
		const nameWidth = Math.min(24, Math.max(...prompt.names.map(name => textWidth(name))) + 2);
		const requestsWidth = Math.max(...prompt.choices.map(choice => textWidth(choice.requests))) + 2;
		const imageWidth = Math.max(1, inner - 3 - nameWidth - requestsWidth);
		const lines = listLines(prompt.names, prompt.index, inner, areaHeight, (name, index) => [
			seg(fit(name, nameWidth), 'text.primary', {bold: true}),
			seg(fit(prompt.choices[index]?.requests ?? '', requestsWidth), 'text.primary'),
			seg(shortImage(prompt.choices[index]?.image ?? '', imageWidth), 'text.muted'),
		]);
		lines.push(hint(`↑↓ choose · enter ${edits[prompt.action].verb} · esc cancel`, inner));
		return {title: `${edits[prompt.action].title} · deployment/${prompt.ref.name} · which container?`, lines};
	},
};
