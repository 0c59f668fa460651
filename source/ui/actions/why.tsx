// `w`: why the selected pod cannot run, or runs without traffic (source/model/why.ts
// words it); a read-only modal that scrolls when the explanation is longer than the screen.
import type {Token} from '../../../themes/index.js';
import type {WhyLine} from '../../model/why.js';
import {Line, seg} from '../components/Line.js';
import {hint} from '../components/promptParts.js';
import {wrap} from '../text.js';
import type {CommandModule, PromptModule} from './module.js';
import {listKeys} from './prompts.js';
import {notice} from './run.js';

export const command: CommandModule<'why'> = {
	command: {
		id: 'why',
		keys: [{input: 'w'}],
		label: 'why',
		description: 'Why: the selected pod cannot run or gets no traffic, the rollout does not go on, the node is full; with the numbers behind it',
		scope: 'pane',
		footer: 11,
	},
	open(ctx) {
		const view = ctx.view();
		const why = view.explainSelected();
		if (!why) {
			const explaining = view.panes.filter(pane => pane.why).map(pane => pane.id);
			notice(ctx, 'info', `w explains the selection of the ${explaining.join(', ')} pane${explaining.length === 1 ? '' : 's'}`);
			return;
		}

		ctx.store.dispatch({type: 'openPrompt', prompt: {kind: 'why', why, offset: 0}});
	},
};

const tokens: Record<NonNullable<WhyLine['tone']>, Token> = {heading: 'text.title', ok: 'status.ok', warning: 'status.warning', error: 'status.error', muted: 'text.muted'};

/** The explanation's lines wrapped to the modal, each wrapped line keeping its tone. */
function wrapped(lines: readonly WhyLine[], inner: number): WhyLine[] {
	return lines.flatMap(line => {
		if (!line.text) return [line];
		const indent = /^ */.exec(line.text)![0];
		// Continuation lines hang under the first one's text, two further in.
		return wrap(line.text.trimStart(), inner - 3 - indent.length, 8).map((text, index) => ({...line, text: `${indent}${index === 0 ? '' : '  '}${text}`}));
	});
}

/** Rows of the modal that are not the explanation: borders, title, the hint. */
const chrome = 4;

export const prompt: PromptModule<'why'> = {
	kind: 'why',
	keys: [listKeys],
	handle(ctx, prompt, input, key) {
		if (key.upArrow || input === 'k') ctx.store.dispatch({type: 'updatePrompt', prompt: {...prompt, offset: Math.max(0, prompt.offset - 1)}});
		else if (key.downArrow || input === 'j') ctx.store.dispatch({type: 'updatePrompt', prompt: {...prompt, offset: prompt.offset + 1}});
		else if (key.escape || key.return || input === 'q' || input === 'w') ctx.store.dispatch({type: 'closePrompt'});
	},
	maxWidth: 120,
	view(prompt, inner, areaHeight) {
		const all = wrapped(prompt.why.lines, inner);
		const room = Math.max(1, areaHeight - chrome);
		const offset = Math.min(prompt.offset, Math.max(0, all.length - room));
		const shown = all.slice(offset, offset + room);
		const more = all.length > room ? ` · ${offset + 1}-${offset + shown.length} of ${all.length}, ↑ ↓ scroll` : '';
		return {
			title: `why ${prompt.why.title}`,
			lines: [
				...shown.map((line, index) => <Line key={`why-${offset + index}`} fill width={inner} segments={[seg(` ${line.text}`, line.tone ? tokens[line.tone] : 'text.primary', {bold: line.tone === 'heading'})]} />),
				hint(`esc or enter close${more}`, inner),
			],
		};
	},
};
