// Routing only: a key is looked up in the key table and goes to its action
// module (source/ui/actions), or moves around the view here; an open prompt
// gets every key first, through its module, so global keys never fire while
// typing. Edits go to LabActions and nothing changes locally: the watch redraws.
import type {Key} from 'ink';
import {handleViewKey} from './actions/logs.js';
import {commandModules, handlePrompt, isActionId} from './actions/registry.js';
import type {ActionContext, Controller, FrameView} from './actions/context.js';
import {notice} from './actions/run.js';
import type {ActionId, Command} from './commandTypes.js';
import {isAvailable, matchCommand} from './keys.js';
import {characterKeypress, splitKeypresses} from './keypress.js';
import {selectedIndex} from './state/selection.js';
import {runWaitingCommandLine} from './actions/commandLine.js';
import {handleInspect} from './views/inspect.js';
import {clampIndex} from './state/window.js';
import type {PaneId, Prompt, UiState} from './state/uiState.js';

export type {Controller, FrameView} from './actions/context.js';

/** The selected row's index in a pane, as the last frame laid its rows out. */
function selectedIn(view: FrameView, state: UiState, paneId: PaneId): number {
	const pane = view.panes.find(each => each.id === paneId);
	return pane ? selectedIndex(pane, view.rows[paneId] ?? [], state.selection[paneId]) : 0;
}

function moveSelection(ctx: Controller, to: (current: number, count: number, page: number) => number): void {
	const state = ctx.store.getState();
	const {focus} = state;
	const view = ctx.view();
	const pane = view.panes.find(each => each.id === focus);
	const rows = view.rows[focus] ?? [];
	if (!pane || rows.length === 0) {
		return;
	}

	const index = clampIndex(to(selectedIn(view, state, focus), rows.length, Math.max(1, view.pageSize[focus] ?? 1)), rows.length);
	ctx.store.dispatch({type: 'select', pane: focus, selection: {key: pane.rowKey(rows[index]), index}});
}

/** The modules see the selection only through the controller, which owns it. */
function actionContext(ctx: Controller): ActionContext {
	return {...ctx, selected: pane => selectedIn(ctx.view(), ctx.store.getState(), pane)};
}

function navigate(ctx: Controller, id: Exclude<Command['id'], ActionId>): void {
	const {store} = ctx;
	switch (id) {
		case 'focusNext':
		case 'focusPrevious': {
			store.dispatch({type: 'focus', direction: id === 'focusNext' ? 1 : -1});
			return;
		}

		case 'up': {
			moveSelection(ctx, current => current - 1);
			return;
		}

		case 'down': {
			moveSelection(ctx, current => current + 1);
			return;
		}

		case 'pageUp': {
			moveSelection(ctx, (current, _count, page) => current - page);
			return;
		}

		case 'pageDown': {
			moveSelection(ctx, (current, _count, page) => current + page);
			return;
		}

		case 'top': {
			moveSelection(ctx, () => 0);
			return;
		}

		case 'bottom': {
			moveSelection(ctx, (_current, count) => count - 1);
			return;
		}

		case 'zoom': {
			store.dispatch({type: 'toggleZoom'});
			return;
		}

		case 'toggleNamespaces': {
			store.dispatch({type: 'toggleAllNamespaces'});
			return;
		}

		case 'back': {
			if (store.getState().main.kind !== 'lab') {
				store.dispatch({type: 'showMain', main: {kind: 'lab'}});
			}

			return;
		}

		case 'quit': {
			ctx.exit();
			return;
		}

		default: {
			const _exhaustive: never = id;
			return _exhaustive;
		}
	}
}

function openCommand(ctx: Controller, command: Command, input = ''): void {
	if (command.mutates && ctx.readonly) {
		notice(ctx, 'warning', `read-only mode: ${command.label} is disabled`);
		return;
	}

	if (!isAvailable(command, ctx.actions)) {
		notice(ctx, 'warning', command.requires?.unavailable ?? `${command.label} is not available here`);
		return;
	}

	const {id} = command;
	if (isActionId(id)) {
		commandModules[id].open(actionContext(ctx), command, input);
	} else {
		navigate(ctx, id);
	}
}

function handleKey(ctx: Controller, input: string, key: Key): void {
	// Ctrl-C always quits, even mid-prompt: the terminal must never be trapped.
	if (input === 'c' && key.ctrl) {
		ctx.exit();
		return;
	}

	// Nothing else is on screen to act on; q quits even with a prompt open underneath.
	if (ctx.view().tooSmall) {
		if (matchCommand(input, key)?.id === 'quit') {
			ctx.exit();
		}

		return;
	}

	const {prompt, main} = ctx.store.getState();
	if (prompt) {
		handlePrompt(actionContext(ctx), prompt, input, key);
		return;
	}

	// The inspect view is full-screen: its keys (source/ui/views/inspectKeys.ts) take over.
	const inspectFrame = ctx.view().inspect;
	if (main.kind === 'inspect' && inspectFrame) {
		handleInspect(ctx, main, inspectFrame, input, key);
		return;
	}

	const command = matchCommand(input, key);
	// A full-screen view takes its own keys; of the rest, only quit and help.
	if (main.kind === 'logs') {
		if (!handleViewKey(actionContext(ctx), main, input, key) && (command?.id === 'quit' || command?.id === 'help')) openCommand(ctx, command);
		return;
	}

	if (command) {
		openCommand(ctx, command, input);
	}
}

/** Prompts with a text field take pasted text as one insert; the others read it key by key. */
function takesText(prompt: Prompt | undefined, main: UiState['main']): boolean {
	return (prompt !== undefined && ('field' in prompt || 'fields' in prompt)) || (prompt === undefined && main.kind === 'logs' && main.search?.typing === true);
}

/** The server's kinds are known now: a `:` line waiting for them runs. */
export function discoveryAnswered(ctx: Controller): void {
	runWaitingCommandLine(actionContext(ctx));
}

/**
 * One useInput call, which may carry several keys. Each key sees the state the
 * previous one left (the store is synchronous), so `s5\r` opens the scale
 * prompt, types 5 and submits, exactly as when typed slowly.
 */
export function handleInput(ctx: Controller, input: string, key: Key): void {
	let exited = false;
	const keyCtx: Controller = {
		...ctx,
		exit() {
			exited = true;
			ctx.exit();
		},
	};
	for (const press of splitKeypresses(input, key)) {
		if (!press.text) {
			handleKey(keyCtx, press.input, press.key);
		} else {
			const characters = [...press.input];
			for (let index = 0; index < characters.length && !exited; index++) {
				if (takesText(ctx.store.getState().prompt, ctx.store.getState().main)) {
					handleKey(keyCtx, characters.slice(index).join(''), press.key);
					break;
				}

				handleKey(keyCtx, characters[index]!, characterKeypress(characters[index]!).key);
			}
		}

		// Keys after quit must not edit anything on the way out.
		if (exited) {
			return;
		}
	}
}
