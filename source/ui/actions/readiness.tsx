// `F` on the sandbox: lab part 2's lesson on a pod that is already running. The
// selected pod's simulated app fails its readiness probe (or passes it again):
// the kubelet marks it not ready without a restart and its Services stop
// sending it traffic, which the pods pane then shows under it. Elsewhere an
// app's readiness is the app's own, so the key is the sandbox's only.
import {objectLabel} from '../../model/objectRef.js';
import {kubectlEquivalent} from '../../model/readinessSwitch.js';
import {Line, seg} from '../components/Line.js';
import {hint} from '../components/promptParts.js';
import type {PromptKey} from '../commandTypes.js';
import type {CommandModule, PromptModule} from './module.js';
import {notice, runAction} from './run.js';

const choiceKeys: PromptKey = {keys: 'f / p', description: 'Fail / pass the readiness probe (F)'};

export const command: CommandModule<'readiness'> = {
	command: {
		id: 'readiness',
		keys: [{input: 'F'}],
		label: 'unready',
		description: 'Make the selected pod fail its readiness probe (or pass it again)',
		scope: 'pane',
		mutates: true,
		requires: {
			action: 'setReadinessFailure',
			unavailable: "only the sandbox's simulated app can be told to fail its readiness probe; on a cluster make the app's readiness endpoint fail, or give the probe a path it fails with p",
			note: 'sandbox only',
		},
	},
	open(ctx) {
		const ref = ctx.view().selectedObject();
		if (ref?.resource.kind !== 'Pod') {
			notice(ctx, 'warning', 'select a running pod (pods pane) to make it fail its readiness probe');
			return;
		}
		ctx.store.dispatch({type: 'openPrompt', prompt: {kind: 'readiness', ref}});
	},
};

export const prompt: PromptModule<'readiness'> = {
	kind: 'readiness',
	keys: [choiceKeys],
	handle(ctx, prompt, input, key) {
		const {actions} = ctx;
		if ((input === 'f' || input === 'p') && actions.setReadinessFailure) {
			const fail = input === 'f';
			ctx.store.dispatch({type: 'closePrompt'});
			runAction(ctx, `${objectLabel(prompt.ref)}: its app ${fail ? 'fails' : 'passes'} the readiness probe from now on…`, async () => actions.setReadinessFailure!(prompt.ref, fail));
		} else if (key.escape || input === 'q') {
			ctx.store.dispatch({type: 'closePrompt'});
			notice(ctx, 'info', `${objectLabel(prompt.ref)} was left as it was`);
		}
	},
	view: (prompt, inner) => ({
		title: `Readiness probe (sandbox) · ${objectLabel(prompt.ref)}`,
		lines: [
			<Line key="fail" fill width={inner} segments={[seg(' f ', 'key', {bold: true}), seg('fail it: not ready after failureThreshold probes, out of its Services, not restarted', 'text.primary')]} />,
			<Line key="fail-kubectl" fill width={inner} segments={[seg(`   ${kubectlEquivalent(prompt.ref, true)}`, 'text.muted')]} />,
			<Line key="pass" fill width={inner} segments={[seg(' p ', 'key', {bold: true}), seg('pass it again: Ready at the next probe, back in its Services', 'text.primary')]} />,
			<Line key="pass-kubectl" fill width={inner} segments={[seg(`   ${kubectlEquivalent(prompt.ref, false)}`, 'text.muted')]} />,
			hint('f fail · p pass · esc leave it', inner),
		],
	}),
	// Wide enough for the kubectl commands of a Deployment's pod at 120 columns.
	maxWidth: 116,
};
