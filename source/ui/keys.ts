// Every key the view answers to, declared once: moving around here, the rest
// by the action modules in ./actions. The input handler, the footer, the help
// overlay and the README are all generated from this table, so a key cannot be
// bound without also being documented.
import type {Key} from 'ink';
import type {LabActions} from '../model/actions.js';
import {commandModules, promptKeys, viewModules} from './actions/registry.js';
import type {Command, CommandId, KeyBinding, NamedKey, NavigationId, PromptKey} from './commandTypes.js';
import {matchesBinding} from './keyMatch.js';

export type {ActionId, Command, CommandId, KeyBinding, NavigationId, OptionalAction, PromptKey, Scope} from './commandTypes.js';

/** The keys the controller handles itself; the rest are declared by the action modules. */
const navigation: {readonly [Id in NavigationId]: Command<Id>} = {
	focusNext: {id: 'focusNext', keys: [{key: 'tab'}], label: 'pane', description: 'Focus the next pane', scope: 'global'},
	focusPrevious: {id: 'focusPrevious', keys: [{key: 'tab', shift: true}], label: 'prev pane', description: 'Focus the previous pane', scope: 'global'},
	up: {id: 'up', keys: [{key: 'upArrow'}, {input: 'k'}], label: 'up', description: 'Move the selection up', scope: 'pane'},
	down: {id: 'down', keys: [{key: 'downArrow'}, {input: 'j'}], label: 'down', description: 'Move the selection down', scope: 'pane'},
	pageUp: {id: 'pageUp', keys: [{key: 'pageUp'}, {input: 'b', ctrl: true}], label: 'page up', description: 'Move the selection up a page', scope: 'pane'},
	pageDown: {id: 'pageDown', keys: [{key: 'pageDown'}, {input: 'f', ctrl: true}], label: 'page down', description: 'Move the selection down a page', scope: 'pane'},
	top: {id: 'top', keys: [{input: 'g'}, {key: 'home'}], label: 'top', description: 'Jump to the first row', scope: 'pane'},
	bottom: {id: 'bottom', keys: [{input: 'G'}, {key: 'end'}], label: 'bottom', description: 'Jump to the last row', scope: 'pane'},
	zoom: {id: 'zoom', keys: [{input: 'z'}], label: 'zoom', description: 'Show the focused pane full-screen (toggle)', scope: 'global'},
	toggleNamespaces: {id: 'toggleNamespaces', keys: [{input: 'a'}], label: 'all ns', description: 'Toggle pods and events between all namespaces and the focused namespace', scope: 'global'},
	back: {id: 'back', keys: [{key: 'escape'}], label: 'back', description: 'Back to the lab view (from a kind opened with :)', scope: 'global'},
	quit: {id: 'quit', keys: [{input: 'q'}, {input: 'c', ctrl: true}], label: 'quit', description: 'Quit k8slab', scope: 'global', footer: 12},
};

/** The order help and the README list the keys in; every id appears once (checked below). */
const order = [
	'focusNext',
	'focusPrevious',
	'up',
	'down',
	'pageUp',
	'pageDown',
	'top',
	'bottom',
	'revisionDetails',
	'why',
	'zoom',
	'toggleNamespaces',
	'logs',
	'filter',
	'sort',
	'describe',
	'yaml',
	'scale',
	'resources',
	'renameContainer',
	'undo',
	'probes',
	'setImage',
	'nodeGroup',
	'readiness',
	'editObject',
	'deleteObject',
	'commandLine',
	'labProgress',
	'back',
	'help',
	'quit',
] as const satisfies readonly CommandId[];
// A command left out of `order` would be bound but not documented: make that a compile error.
const complete: Exclude<CommandId, (typeof order)[number]> extends never ? true : never = true;

function isNavigation(id: CommandId): id is NavigationId {
	return id in navigation;
}

export const commands: readonly Command[] = complete && order.map(id => (isNavigation(id) ? navigation[id] : commandModules[id].command));

/** Keys inside text fields and prompts, collected from the modules that handle them. Documented in help and the README. */
export const editingKeys: readonly PromptKey[] = promptKeys;

const keyNames: Record<NamedKey, string> = {
	tab: 'tab',
	return: 'enter',
	escape: 'esc',
	upArrow: '↑',
	downArrow: '↓',
	pageUp: 'pgup',
	pageDown: 'pgdn',
	home: 'home',
	end: 'end',
};

export function formatBinding(binding: KeyBinding): string {
	const base = binding.key ? keyNames[binding.key] : (binding.input ?? '');
	return `${binding.ctrl ? 'ctrl-' : ''}${binding.shift ? 'shift-' : ''}${base}`;
}

export function formatKeys(command: Command): string {
	return command.keysShown ?? command.keys.map(formatBinding).join('/');
}

const matchers = commands.flatMap(command => command.keys.map(binding => ({command, binding})));

export function matchCommand(input: string, key: Key): Command | undefined {
	return matchers.find(({binding}) => matchesBinding(binding, input, key))?.command;
}

export function commandById(id: CommandId): Command {
	const command = commands.find(c => c.id === id);
	if (!command) {
		throw new Error(`no command ${id}`);
	}

	return command;
}

/** Whether the cluster behind `actions` offers what the command needs. */
export function isAvailable(command: Command, actions: LabActions): boolean {
	return command.requires === undefined || actions[command.requires.action] !== undefined;
}

/** Keys inside the full-screen views (the logs view), each view's under its title. Documented in help and the README. */
export const viewKeys: ReadonlyArray<{id: keyof typeof viewModules; title: string; keys: ReadonlyArray<PromptKey & {label: string; first?: KeyBinding}>}> = Object.entries(viewModules).map(([id, view]) => ({
	id: id as keyof typeof viewModules,
	title: view.title,
	keys: view.keys.map(entry => ({keys: entry.keys.map(formatBinding).join(' '), description: entry.description, label: entry.label, first: entry.keys[0]})),
}));
