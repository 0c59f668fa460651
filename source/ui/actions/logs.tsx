// `l`: the selected pod's log, full-screen (kubectl logs -f), and every key
// inside that view: scrolling (which pauses following), the container picker,
// the previous container (--previous), wrap, timestamps and search.
import type {Key} from 'ink';
import {seg} from '../components/Line.js';
import {hint, listLines} from '../components/promptParts.js';
import type {ViewKey} from '../commandTypes.js';
import {matchesBinding} from '../keyMatch.js';
import {scrolled} from '../state/logView.js';
import {editText, textField} from '../state/textField.js';
import type {LogsView} from '../state/uiState.js';
import type {ActionContext} from './context.js';
import type {CommandModule, PromptModule} from './module.js';
import {listKeys, pickOne, submitKeys} from './prompts.js';
import {notice} from './run.js';

export const command: CommandModule<'logs'> = {
	command: {id: 'logs', keys: [{input: 'l'}], label: 'logs', description: "The selected pod's log, followed (kubectl logs -f); in the pods pane or :pods", scope: 'pane', footer: 10},
	open(ctx) {
		const view = ctx.view();
		const ref = view.selectedObject();
		if (!ref || ref.resource.group !== '' || ref.resource.resource !== 'pods') {
			notice(ctx, 'warning', 'l shows a pod\u2019s log: select a pod in the pods pane (or in :pods)');
			return;
		}

		const containers = view.podContainers(ref.namespace, ref.name) ?? [];
		const state = ctx.store.getState();
		// Full-screen views take every key themselves: logs open from the panes only.
		if (state.main.kind === 'logs' || state.main.kind === 'inspect') return;
		const main: LogsView = {
			kind: 'logs',
			pod: {namespace: ref.namespace, name: ref.name},
			// The first app container, as kubectl picks without -c; the server names the choices if it is unknown.
			container: containers[0] ?? '',
			containers,
			previous: false,
			wrap: false,
			timestamps: false,
			back: {main: state.main, focus: state.focus, zoomed: state.zoomed},
		};
		ctx.store.dispatch({type: 'setMain', main});
	},
};

type LogKeyId = 'lineUp' | 'lineDown' | 'pageUp' | 'pageDown' | 'oldest' | 'follow' | 'container' | 'previous' | 'wrap' | 'timestamps' | 'search' | 'olderMatch' | 'newerMatch' | 'close';

/** The logs view's keys, in the order help lists them. */
export const viewKeys: ReadonlyArray<ViewKey<LogKeyId>> = [
	{id: 'lineUp', keys: [{key: 'upArrow'}, {input: 'k'}], description: 'Scroll up a line (pauses following)'},
	{id: 'lineDown', keys: [{key: 'downArrow'}, {input: 'j'}], description: 'Scroll down a line (following again at the end)'},
	{id: 'pageUp', keys: [{key: 'pageUp'}, {input: 'b', ctrl: true}], description: 'Scroll up a page (pauses following)'},
	{id: 'pageDown', keys: [{key: 'pageDown'}, {input: 'f', ctrl: true}], description: 'Scroll down a page'},
	{id: 'oldest', keys: [{input: 'g'}, {key: 'home'}], description: 'The oldest line kept'},
	{id: 'follow', keys: [{input: 'G'}, {key: 'end'}], description: 'Follow the newest lines again'},
	{id: 'container', keys: [{input: 'c'}], description: 'Pick the container (pods with several)'},
	{id: 'previous', keys: [{input: 'p'}], description: "The previous container's log (kubectl logs --previous), or back to the current one"},
	{id: 'wrap', keys: [{input: 'w'}], description: 'Wrap long lines (toggle)'},
	{id: 'timestamps', keys: [{input: 't'}], description: "Show each line's time (toggle)"},
	{id: 'search', keys: [{input: '/'}], description: 'Search; Enter shows the newest match'},
	{id: 'olderMatch', keys: [{input: 'n'}], description: 'The next match up (older)'},
	{id: 'newerMatch', keys: [{input: 'N'}], description: 'The next match down (newer)'},
	{id: 'close', keys: [{key: 'escape'}], description: 'Clear the search, else back to where l was pressed'},
];

const bindings = (...ids: LogKeyId[]) => ids.flatMap(id => viewKeys.find(entry => entry.id === id)?.keys ?? []);

/** For help and the README: related keys on one line, so the help still fits a 40-line terminal. */
export const view = {
	title: 'In the logs view',
	keys: [
		{keys: bindings('lineUp', 'lineDown'), label: 'scroll', description: 'Scroll a line (up pauses following; down to the end follows again)'},
		{keys: bindings('pageUp', 'pageDown'), label: 'page', description: 'Scroll a page'},
		{keys: bindings('oldest', 'follow'), label: 'oldest/follow', description: 'The oldest line kept / follow the newest lines again'},
		{keys: bindings('container'), label: 'container', description: viewKeys.find(entry => entry.id === 'container')!.description},
		{keys: bindings('previous'), label: 'previous', description: viewKeys.find(entry => entry.id === 'previous')!.description},
		{keys: bindings('wrap', 'timestamps'), label: 'wrap/time', description: "Wrap long lines / show each line's time (toggles)"},
		{keys: bindings('search', 'olderMatch', 'newerMatch'), label: 'search', description: 'Search (Enter shows the newest match) / the next match up (older) / down (newer)'},
		{keys: bindings('close'), label: 'back', description: viewKeys.find(entry => entry.id === 'close')!.description},
	],
};

function update(ctx: ActionContext, main: LogsView): void {
	ctx.store.dispatch({type: 'setMain', main});
}

/** Shows the match nearest `from` in `direction`, keeping the current one when there is no other. */
function jumpToMatch(ctx: ActionContext, main: LogsView, from: number, direction: 1 | -1): void {
	const logs = ctx.view().logs;
	const needle = main.search?.field.value ?? '';
	if (!logs || !needle) return;
	const match = logs.buffer.find(needle, from, direction);
	if (match === undefined) {
		notice(ctx, 'info', `no ${direction < 0 ? 'older' : 'newer'} line matches \u201c${needle}\u201d in the last ${logs.buffer.size.toLocaleString('en-US')} lines`);
		return;
	}
	// A couple of lines of context above the match.
	update(ctx, {...main, match, top: Math.max(logs.buffer.first, match - 2)});
}

function typeSearch(ctx: ActionContext, main: LogsView, search: NonNullable<LogsView['search']>, input: string, key: Key): void {
	const result = editText(search.field, input, key);
	if (result.kind === 'cancel') {
		update(ctx, {...main, search: undefined, match: undefined});
	} else if (result.kind === 'edit') {
		update(ctx, {...main, search: {field: result.field, typing: true}});
	} else if (result.kind === 'submit') {
		const typed = {...main, search: search.field.value ? {field: search.field, typing: false} : undefined};
		update(ctx, typed);
		const logs = ctx.view().logs;
		if (logs && search.field.value) jumpToMatch(ctx, typed, logs.buffer.end - 1, -1);
	}
}

/** A key while the logs view shows; false when it is not one of the view's (the controller then offers it to quit and help only). */
export function handleViewKey(ctx: ActionContext, main: LogsView, input: string, key: Key): boolean {
	if (main.search?.typing) {
		typeSearch(ctx, main, main.search, input, key);
		return true;
	}

	const id = viewKeys.find(entry => entry.keys.some(binding => matchesBinding(binding, input, key)))?.id;
	if (!id) return false;
	const logs = ctx.view().logs;
	const scroll = (lines: number) => {
		if (logs) update(ctx, {...main, top: scrolled(logs.buffer, {...logs.window, top: main.top}, lines)});
	};
	const page = Math.max(1, (logs?.window.height ?? 2) - 1);
	switch (id) {
		case 'lineUp':
			scroll(-1);
			break;
		case 'lineDown':
			scroll(1);
			break;
		case 'pageUp':
			scroll(-page);
			break;
		case 'pageDown':
			scroll(page);
			break;
		case 'oldest':
			if (logs) update(ctx, {...main, top: logs.buffer.first});
			break;
		case 'follow':
			update(ctx, {...main, top: undefined});
			break;
		case 'container':
			if (main.containers.length < 2) notice(ctx, 'info', `pod ${main.pod.name} has ${main.containers.length === 1 ? `one container, ${main.containers[0]}` : 'no container known here'}`);
			else ctx.store.dispatch({type: 'openPrompt', prompt: {kind: 'logContainers', names: main.containers, index: Math.max(0, main.containers.indexOf(main.container))}});
			break;
		case 'previous':
			update(ctx, {...main, previous: !main.previous, top: undefined, match: undefined});
			break;
		case 'wrap':
			update(ctx, {...main, wrap: !main.wrap});
			break;
		case 'timestamps':
			update(ctx, {...main, timestamps: !main.timestamps});
			break;
		case 'search':
			update(ctx, {...main, search: {field: textField(main.search?.field.value ?? ''), typing: true}});
			break;
		case 'olderMatch':
			jumpToMatch(ctx, main, (main.match ?? logs?.buffer.end ?? 0) - 1, -1);
			break;
		case 'newerMatch':
			jumpToMatch(ctx, main, (main.match ?? logs?.buffer.end ?? 0) + 1, 1);
			break;
		case 'close':
			if (main.search) update(ctx, {...main, search: undefined, match: undefined});
			else ctx.store.dispatch({type: 'setMain', main: main.back.main, focus: main.back.focus, zoomed: main.back.zoomed});
			break;
		default: {
			const _exhaustive: never = id;
			return _exhaustive;
		}
	}
	return true;
}

export const prompt: PromptModule<'logContainers'> = {
	kind: 'logContainers',
	keys: [submitKeys, listKeys],
	handle(ctx, prompt, input, key) {
		pickOne(ctx, prompt, input, key, name => {
			const {main} = ctx.store.getState();
			if (main.kind === 'logs' && main.container !== name) update(ctx, {...main, container: name, top: undefined, match: undefined});
		});
	},
	view: (prompt, inner, areaHeight) => ({
		title: 'Container to show the log of',
		lines: [...listLines(prompt.names, prompt.index, inner, areaHeight, name => [seg(name, 'text.primary')]), hint('↑↓ choose · enter show · esc cancel', inner)],
	}),
};
