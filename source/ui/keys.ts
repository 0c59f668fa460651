// Every key the view answers to, declared once. The input handler, the footer
// and the help overlay are all generated from this table, so a key cannot be
// bound without also being documented.
import type {Key} from 'ink';
import type {LabActions} from '../model/actions.js';

export type CommandId =
	| 'focusNext'
	| 'focusPrevious'
	| 'up'
	| 'down'
	| 'pageUp'
	| 'pageDown'
	| 'top'
	| 'bottom'
	| 'zoom'
	| 'toggleNamespaces'
	| 'filter'
	| 'pickDeployment'
	| 'scale'
	| 'resources'
	| 'renameContainer'
	| 'undo'
	| 'revisionDetails'
	| 'setImage'
	| 'probes'
	| 'nodeGroup'
	| 'help'
	| 'commandLine'
	| 'back'
	| 'quit';

/** global: anywhere; pane: acts on the focused pane's rows. */
export type Scope = 'global' | 'pane' | 'edit';

type NamedKey = 'tab' | 'return' | 'escape' | 'upArrow' | 'downArrow' | 'pageUp' | 'pageDown' | 'home' | 'end';

export interface KeyBinding {
	/** Printable input as Ink reports it ('s', 'G', '?'); for ctrl bindings, the letter. */
	input?: string;
	key?: NamedKey;
	ctrl?: boolean;
	shift?: boolean;
}

export interface Command {
	id: CommandId;
	keys: readonly KeyBinding[];
	/** Short word for the footer. */
	label: string;
	/** Sentence for the help overlay. */
	description: string;
	scope: Scope;
	/** Changes the cluster; disabled by --readonly. */
	mutates?: boolean;
	/** Position in the footer, most useful first so a narrow terminal keeps them (the rest are only in help). */
	footer?: number;
	/** An edit not every cluster offers: without it the key is left out of the footer and explains itself. */
	requires?: {action: OptionalAction; unavailable: string; /** Where it is offered, for help and the README (e.g. 'sandbox only'). */ note?: string};
}

/** The LabActions a cluster may not have. */
export type OptionalAction = {[K in keyof LabActions]-?: undefined extends LabActions[K] ? K : never}[keyof LabActions];


export const commands: readonly Command[] = [
	{id: 'focusNext', keys: [{key: 'tab'}], label: 'pane', description: 'Focus the next pane', scope: 'global', footer: 12},
	{id: 'focusPrevious', keys: [{key: 'tab', shift: true}], label: 'prev pane', description: 'Focus the previous pane', scope: 'global'},
	{id: 'up', keys: [{key: 'upArrow'}, {input: 'k'}], label: 'up', description: 'Move the selection up', scope: 'pane'},
	{id: 'down', keys: [{key: 'downArrow'}, {input: 'j'}], label: 'down', description: 'Move the selection down', scope: 'pane'},
	{id: 'pageUp', keys: [{key: 'pageUp'}, {input: 'b', ctrl: true}], label: 'page up', description: 'Move the selection up a page', scope: 'pane'},
	{id: 'pageDown', keys: [{key: 'pageDown'}, {input: 'f', ctrl: true}], label: 'page down', description: 'Move the selection down a page', scope: 'pane'},
	{id: 'top', keys: [{input: 'g'}, {key: 'home'}], label: 'top', description: 'Jump to the first row', scope: 'pane'},
	{id: 'bottom', keys: [{input: 'G'}, {key: 'end'}], label: 'bottom', description: 'Jump to the last row', scope: 'pane'},
	{
		id: 'revisionDetails',
		keys: [{key: 'return'}],
		label: 'details',
		description: "In the rollout pane's history: the selected revision's pod template (kubectl rollout history --revision=N)",
		scope: 'pane',
	},
	{id: 'zoom', keys: [{input: 'z'}], label: 'zoom', description: 'Show the focused pane full-screen (toggle)', scope: 'global'},
	{id: 'toggleNamespaces', keys: [{input: 'a'}], label: 'all ns', description: 'Toggle pods and events between all namespaces and the focused namespace', scope: 'global'},
	{id: 'filter', keys: [{input: '/'}], label: 'filter', description: 'Filter pods and events (Enter keeps, Esc clears)', scope: 'global', footer: 10},
	{id: 'pickDeployment', keys: [{input: 'd'}], label: 'deploy', description: 'Pick the deployment shown in the rollout pane', scope: 'global', footer: 9},
	{id: 'scale', keys: [{input: 's'}], label: 'scale', description: 'Scale the deployment (spec.replicas)', scope: 'global', mutates: true, footer: 2},
	{id: 'resources', keys: [{input: 'r'}], label: 'requests', description: "Set a container's cpu/memory requests and limits (asks which, if several)", scope: 'global', mutates: true, footer: 3},
	{id: 'renameContainer', keys: [{input: 'c'}], label: 'rename', description: 'Rename a container, rolling out a new revision (asks which, if several)', scope: 'global', mutates: true, footer: 4},
	{id: 'undo', keys: [{input: 'u'}], label: 'undo', description: 'Roll back to the previous revision, or to the one selected in the history', scope: 'global', mutates: true, footer: 5},
	{id: 'probes', keys: [{input: 'p'}], label: 'probes', description: "Set a container's liveness and readiness probes (httpGet path, port, timings)", scope: 'global', mutates: true, footer: 6},
	{id: 'setImage', keys: [{input: 'i'}], label: 'image', description: "Set a container's image, rolling out a new revision", scope: 'global', mutates: true, footer: 7},
	{
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
	{
		id: 'commandLine',
		keys: [{input: ':'}],
		label: 'command',
		description: 'Open any kind by name (:svc, :deploy, :crd), :ns NAME, :ctx NAME',
		scope: 'global',
	},
	{id: 'back', keys: [{key: 'escape'}], label: 'back', description: 'Back to the lab view (from a kind opened with :)', scope: 'global'},
	{id: 'help', keys: [{input: '?'}], label: 'help', description: 'Show or hide this help', scope: 'global', footer: 1},
	{id: 'quit', keys: [{input: 'q'}, {input: 'c', ctrl: true}], label: 'quit', description: 'Quit k8slab', scope: 'global', footer: 14},
];

/** Keys inside text fields and prompts. Documented in help; handled by the field editor. */
export const editingKeys: ReadonlyArray<{keys: string; description: string}> = [
	{keys: 'enter / esc', description: 'Submit the prompt (values are validated first) / cancel it'},
	{keys: 'tab / ↓ / ↑', description: 'Next / previous field (requests and probes forms)'},
	{keys: '↑ ↓ (k j)', description: 'Choose in a list (deployments, containers)'},
	{keys: 'ctrl-r', description: 'Copy the liveness probe into the readiness probe (probes form)'},
	{keys: 'tab', description: 'Complete a kind, context or namespace name (: command line)'},
	{keys: 'ctrl-u / ctrl-w', description: 'Clear the field / delete the word before the cursor'},
	{keys: '← → home end ctrl-a ctrl-e', description: 'Move the cursor'},
];

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
	return command.keys.map(formatBinding).join('/');
}

function matches(binding: KeyBinding, input: string, key: Key): boolean {
	if ((binding.ctrl ?? false) !== key.ctrl) {
		return false;
	}

	if (binding.key) {
		// Ink reports the rest of an escape sequence it does not know ('[B' of a stray arrow) as escape too: only a lone Esc is Esc.
		return key[binding.key] && (binding.shift ?? false) === key.shift && (binding.key !== 'escape' || input === '');
	}

	// Ink reports Escape and Alt-x with meta; a plain letter binding must not fire for them.
	return binding.input === input && !key.meta;
}

const matchers = commands.flatMap(command => command.keys.map(binding => ({command, binding})));

export function matchCommand(input: string, key: Key): Command | undefined {
	return matchers.find(({binding}) => matches(binding, input, key))?.command;
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
