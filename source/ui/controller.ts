// Keys in, state changes and API edits out. A key is looked up in the key
// table; prompts get keys first so global keys never fire while typing.
// Edits go to LabActions and nothing is changed locally: the watch redraws.
import type {Key} from 'ink';
import {scalableKinds, type LabActions, type DeploymentRef} from '../model/actions.js';
import {containerPorts, otherProbeHandler, probeFormValues, resourceFormValues} from '../model/containerEdits.js';
import type {Container, Deployment} from '../model/types.js';
import type {RevisionTemplate} from '../model/index.js';
import type {ApiResource} from '../model/kinds.js';
import type {DisplayRow} from '../model/table.js';
import type {NodeRow, PodRow, RevisionRow, RolloutView} from '../model/view.js';
import {isAvailable, matchCommand, type Command} from './keys.js';
import {characterKeypress, splitKeypresses} from './keypress.js';
import type {Store} from './state/store.js';
import {textField} from './state/textField.js';
import {handlePrompt} from './promptKeys.js';
import {selectedIndex} from './state/selection.js';
import type {PaneDeclaration} from './panes/pane.js';
import {clampIndex} from './state/window.js';
import {probeFields, probeInputs, probeKinds, resourceFields, type ContainerAction, type Message, type MessageSituation, type PaneId, type ProbeField, type ProbeKind, type Prompt, type ResourceField, type UiAction, type UiState} from './state/uiState.js';
import type {TextFieldState} from './state/textField.js';

/** What the handler needs to know about the current frame. */
export interface FrameView {
	/** The terminal is below the minimum size and shows only a message: only quitting works. */
	tooSmall: boolean;
	/** The panes, in focus order, with the rows each selects among and how many fit a page. */
	panes: readonly PaneDeclaration[];
	rows: Readonly<Record<PaneId, readonly unknown[]>>;
	pageSize: Readonly<Record<PaneId, number>>;
	pods: readonly PodRow[];
	nodes: readonly NodeRow[];
	revisions: readonly RevisionRow[];
	deployment?: Deployment;
	rollout?: RolloutView;
	deploymentNames: readonly string[];
	namespace: string;
	/** The pod template of one of the shown Deployment's revisions. */
	revisionTemplate: (revision: number) => RevisionTemplate | undefined;
	/** The rows of a kind opened with `:`, when the top pane shows one. */
	main?: {resource: ApiResource; rows: readonly DisplayRow[]};
	/** The kubeconfig's contexts, for `:ctx`, and the one in use. */
	contexts: readonly string[];
	context: string;
	/** The server's kinds, once discovery has answered. */
	resources?: readonly ApiResource[];
	/** Namespaces seen so far, to complete `:ns`. */
	namespaces: readonly string[];
	/** Starts discovery if it has not run (the `:` line needs the server's kinds). */
	discover: () => void;
	/** Reconnects to another context or namespace; absent where the view cannot (a snapshot). */
	switchTo?: (target: {context?: string; namespace?: string}) => void;
}

export interface Controller {
	store: Store<UiState, UiAction>;
	view: () => FrameView;
	actions: LabActions;
	readonly: boolean;
	exit: () => void;
}

/** The selected row's index in a pane, as the last frame laid its rows out. */
export function selectedIn(view: FrameView, state: UiState, paneId: PaneId): number {
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

function notice(ctx: Controller, tone: Message['tone'], text: string, situation?: MessageSituation): void {
	ctx.store.dispatch({type: 'notice', message: situation ? {tone, text, while: situation} : {tone, text}});
}

function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** Run an edit: show what is happening, then the API's answer (or its error, which stays). */
export function runAction(ctx: Controller, text: string, start: () => Promise<string>): void {
	const seq = ctx.store.getState().actionSeq + 1;
	ctx.store.dispatch({type: 'actionStarted', seq, text});
	let promise: Promise<string>;
	try {
		promise = start();
	} catch (error) {
		promise = Promise.reject(error);
	}

	promise.then(
		message => {
			ctx.store.dispatch({type: 'actionSettled', seq, message: {tone: 'success', text: message}});
		},
		(error: unknown) => {
			ctx.store.dispatch({type: 'actionSettled', seq, message: {tone: 'error', text: errorMessage(error)}});
		},
	);
}

function deploymentRef(deployment: Deployment): DeploymentRef {
	return {namespace: deployment.metadata.namespace ?? '', name: deployment.metadata.name ?? ''};
}

function templateContainers(deployment: Deployment) {
	return deployment.spec?.template?.spec?.containers ?? [];
}

/**
 * The probes form, prefilled from the container (probeFormValues): an httpGet
 * probe's values as they are, else an empty path and the first port.
 */
function probesPrompt(deployment: Deployment, container: Container): Extract<Prompt, {kind: 'probes'}> {
	const values = probeFormValues(container);
	const fields = {} as Record<ProbeField, TextFieldState>;
	const replaces: Partial<Record<ProbeKind, string>> = {};
	for (const kind of probeKinds) {
		const other = otherProbeHandler(container[`${kind}Probe`]);
		if (other) replaces[kind] = other;
		for (const input of probeInputs) fields[`${kind}.${input}`] = textField(values[kind][input]);
	}

	return {kind: 'probes', ref: deploymentRef(deployment), container: container.name, seen: container, ports: containerPorts(container), replaces, fields, errors: {}, focus: probeFields[0]!};
}

/** Open the prompt or form for one container of the Deployment's template. */
export function openContainerPrompt(ctx: Controller, deployment: Deployment, action: ContainerAction, name: string): void {
	const containers = templateContainers(deployment);
	const container = containers.find(c => c.name === name);
	if (!container) {
		notice(ctx, 'warning', `deployment/${deployment.metadata.name ?? ''} has no container ${name}`);
		return;
	}

	const ref = deploymentRef(deployment);
	switch (action) {
		case 'rename': {
			ctx.store.dispatch({type: 'openPrompt', prompt: {kind: 'rename', ref, from: name, seen: container, others: containers.map(c => c.name).filter(other => other !== name), field: textField(name)}});
			return;
		}

		case 'image': {
			ctx.store.dispatch({type: 'openPrompt', prompt: {kind: 'image', ref, container: name, seen: container, field: textField(container.image ?? '')}});
			return;
		}

		case 'probes': {
			ctx.store.dispatch({type: 'openPrompt', prompt: probesPrompt(deployment, container)});
			return;
		}

		case 'resources': {
			const values = resourceFormValues(container);
			const fields = Object.fromEntries(resourceFields.map(field => [field, textField(values[field])])) as Record<ResourceField, TextFieldState>;
			ctx.store.dispatch({type: 'openPrompt', prompt: {kind: 'resources', ref, container: name, seen: container, fields, errors: {}, focus: 'cpuRequest'}});
			return;
		}

		default: {
			const _exhaustive: never = action;
			return _exhaustive;
		}
	}
}

/** `r`, `c`, `i` and `p`: straight to the prompt for a single container, else ask which one first. */
function chooseContainer(ctx: Controller, deployment: Deployment, action: ContainerAction): void {
	const containers = templateContainers(deployment);
	const names = containers.map(c => c.name);
	const [only] = names;
	if (only === undefined) {
		notice(ctx, 'warning', `deployment/${deployment.metadata.name ?? ''} has no containers`);
		return;
	}

	if (names.length === 1) {
		openContainerPrompt(ctx, deployment, action, only);
		return;
	}

	const choices = containers.map(c => {
		const {cpuRequest, memoryRequest} = resourceFormValues(c);
		return {image: c.image ?? '', requests: `cpu ${cpuRequest || '-'} mem ${memoryRequest || '-'}`};
	});
	ctx.store.dispatch({type: 'openPrompt', prompt: {kind: 'containers', ref: deploymentRef(deployment), action, names, choices, index: 0}});
}

/** The revision `u` offers: the one selected in the focused history, else the previous one. */
function undoTarget(state: UiState, view: FrameView): {toRevision: number; previous: boolean} | undefined {
	const {revisions} = view;
	if (state.focus === 'rollout' && state.selection['rollout']?.key !== undefined) {
		const selected = revisions[selectedIn(view, state, 'rollout')];
		if (selected && !selected.current) {
			return {toRevision: selected.revision, previous: false};
		}
	}

	const current = revisions.find(row => row.current);
	const previous = revisions.find(row => !row.current && (current === undefined || row.revision < current.revision));
	return previous ? {toRevision: previous.revision, previous: true} : undefined;
}

const containerActions = {resources: 'resources', renameContainer: 'rename', setImage: 'image', probes: 'probes'} as const satisfies Record<string, ContainerAction>;

function openCommand(ctx: Controller, command: Command): void {
	const {store} = ctx;
	const state = store.getState();
	const view = ctx.view();
	if (command.mutates && ctx.readonly) {
		notice(ctx, 'warning', `read-only mode: ${command.label} is disabled`);
		return;
	}

	if (!isAvailable(command, ctx.actions)) {
		notice(ctx, 'warning', command.requires?.unavailable ?? `${command.label} is not available here`);
		return;
	}

	const needDeployment = (): Deployment | undefined => {
		if (!view.deployment) {
			notice(ctx, 'warning', `no deployment in ${view.namespace || 'any namespace'} to ${command.label}`, 'noDeployment');
		}

		return view.deployment;
	};

	switch (command.id) {
		case 'focusNext':
		case 'focusPrevious': {
			store.dispatch({type: 'focus', direction: command.id === 'focusNext' ? 1 : -1});
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

		case 'filter': {
			store.dispatch({type: 'openPrompt', prompt: {kind: 'filter', field: textField(state.filter)}});
			return;
		}

		case 'pickDeployment': {
			if (view.deploymentNames.length === 0) {
				notice(ctx, 'warning', `no deployments in ${view.namespace || 'any namespace'}`, 'noDeployments');
				return;
			}

			const current = view.deployment?.metadata.name;
			store.dispatch({type: 'openPrompt', prompt: {kind: 'deployments', names: view.deploymentNames, index: Math.max(0, current ? view.deploymentNames.indexOf(current) : 0)}});
			return;
		}

		case 'help': {
			store.dispatch({type: 'openPrompt', prompt: {kind: 'help'}});
			return;
		}

		case 'commandLine': {
			view.discover();
			store.dispatch({type: 'openPrompt', prompt: {kind: 'command', field: textField('')}});
			return;
		}

		case 'back': {
			if (state.main.kind !== 'lab') {
				store.dispatch({type: 'showMain', main: {kind: 'lab'}});
			}

			return;
		}

		case 'quit': {
			ctx.exit();
			return;
		}

		case 'scale': {
			if (view.main && state.focus === 'pods') {
				scaleRow(ctx, view.main.resource, view.main.rows[selectedIn(view, state, 'pods')]);
				return;
			}

			const deployment = needDeployment();
			if (deployment) {
				store.dispatch({type: 'openPrompt', prompt: {kind: 'scale', ref: deploymentRef(deployment), seen: deployment.spec?.replicas ?? 1, field: textField(String(deployment.spec?.replicas ?? 1))}});
			}

			return;
		}

		case 'resources':
		case 'renameContainer':
		case 'setImage':
		case 'probes': {
			const deployment = needDeployment();
			if (deployment) {
				chooseContainer(ctx, deployment, containerActions[command.id]);
			}

			return;
		}

		case 'revisionDetails': {
			if (view.main && state.focus === 'pods') {
				openRow(ctx, view.main.resource, view.main.rows[selectedIn(view, state, 'pods')]);
				return;
			}

			const row = state.focus === 'rollout' && view.revisions.length > 0 ? view.revisions[selectedIn(view, state, 'rollout')] : undefined;
			const template = row && view.deployment ? view.revisionTemplate(row.revision) : undefined;
			if (!template || !view.deployment) {
				notice(ctx, 'info', 'enter shows a revision: tab to the rollout pane and pick one in the history');
				return;
			}

			store.dispatch({type: 'openPrompt', prompt: {kind: 'revision', ref: deploymentRef(view.deployment), template}});
			return;
		}

		case 'nodeGroup': {
			store.dispatch({type: 'openPrompt', prompt: {kind: 'nodeGroup', seen: view.nodes.length, field: textField(String(view.nodes.length))}});
			return;
		}

		case 'undo': {
			const deployment = needDeployment();
			if (!deployment) {
				return;
			}

			const name = deployment.metadata.name ?? '';
			if (deployment.spec?.paused === true) {
				// kubectl's refusal, before asking y/n for something that cannot happen.
				notice(ctx, 'warning', `you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${name}' and try again`);
				return;
			}

			const target = undoTarget(state, view);
			if (!target) {
				notice(ctx, 'warning', `deployment/${name} has no previous revision to undo to`, 'noPreviousRevision');
				return;
			}

			store.dispatch({type: 'openPrompt', prompt: {kind: 'undo', ref: deploymentRef(deployment), ...target, seenTemplate: deployment.spec?.template}});
			return;
		}

		default: {
			const _exhaustive: never = command.id;
			return _exhaustive;
		}
	}
}

/** `s` on a row of a kind opened with `:`: any kind with a scale subresource, read first so the prompt shows its replicas. */
function scaleRow(ctx: Controller, resource: ApiResource, row: DisplayRow | undefined): void {
	if (!scalableKinds.some(kind => kind.group === resource.group && kind.plural === resource.resource)) {
		notice(ctx, 'warning', `${resource.resource} cannot be scaled; s scales ${scalableKinds.map(kind => kind.plural).join(', ')}`);
		return;
	}

	const {readReplicas} = ctx.actions;
	if (!row || !readReplicas) {
		return;
	}

	const target = {namespace: row.namespace, name: row.name, resource: {group: resource.group, version: resource.version, plural: resource.resource, kind: resource.kind}};
	readReplicas.call(ctx.actions, target).then(
		replicas => {
			ctx.store.dispatch({type: 'openPrompt', prompt: {kind: 'scale', ref: target, seen: replicas, field: textField(String(replicas))}});
		},
		(error: unknown) => {
			notice(ctx, 'error', errorMessage(error));
		},
	);
}

/** Enter on a row of a kind opened with `:`: a Deployment is followed in the rollout pane, a Namespace is switched to. */
function openRow(ctx: Controller, resource: ApiResource, row: DisplayRow | undefined): void {
	if (!row) {
		return;
	}

	if (resource.group === 'apps' && resource.resource === 'deployments') {
		const view = ctx.view();
		if (row.namespace !== view.namespace) {
			notice(ctx, 'info', `deployment ${row.namespace}/${row.name} is in another namespace: :ns ${row.namespace} first`);
			return;
		}

		ctx.store.dispatch({type: 'pickDeployment', name: row.name});
		ctx.store.dispatch({type: 'showMain', main: {kind: 'lab'}});
		return;
	}

	if (resource.group === '' && resource.resource === 'namespaces') {
		switchTo(ctx, {namespace: row.name});
		return;
	}

	notice(ctx, 'info', 'enter follows a deployment (:deploy) or switches to a namespace (:ns); esc goes back to the lab view');
}

export function switchTo(ctx: Controller, target: {context?: string; namespace?: string}): void {
	const {switchTo: reconnect} = ctx.view();
	if (!reconnect) {
		notice(ctx, 'warning', 'switching is not possible here');
		return;
	}

	try {
		reconnect(target);
	} catch (error) {
		// A context the kubeconfig does not have, or one that cannot be resolved: the view stays as it was.
		notice(ctx, 'error', errorMessage(error));
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

	const {prompt} = ctx.store.getState();
	if (prompt) {
		handlePrompt(ctx, prompt, input, key);
		return;
	}

	const command = matchCommand(input, key);
	if (command) {
		openCommand(ctx, command);
	}
}

/** Prompts with a text field take pasted text as one insert; the others read it key by key. */
function takesText(prompt: Prompt | undefined): boolean {
	return prompt !== undefined && ('field' in prompt || 'fields' in prompt);
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
				if (takesText(ctx.store.getState().prompt)) {
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
