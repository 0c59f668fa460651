// What the view remembers between frames. Cluster data is not here: it comes
// from the snapshot. Side effects (API edits) run outside the reducer and
// report back with actionStarted/actionSettled.
import type {ContainerAction, DeploymentRef, ScaleTarget} from '../../model/actions.js';
import {probeKinds, resourceKeys, type ProbeKind} from '../../model/containerEdits.js';
import type {NamedPort, ProbeInput, RevisionTemplate} from '../../model/index.js';
import type {ApiResource} from '../../model/kinds.js';
import type {ObjectRef} from '../../model/objectRef.js';
import type {Container, PodTemplateSpec} from '../../model/types.js';
import type {Why} from '../../model/why.js';
import {nextSortOrder, type SortColumn, type SortOrder} from '../../model/sortRows.js';
import type {FormState} from './form.js';
import type {TextFieldState} from './textField.js';
import {labPanes} from '../panes/index.js';

/** A pane's id, from its declaration (source/ui/panes). */
export type PaneId = string;

/** The selected row of a pane: by key (uid, node name, revision) so it survives updates; index is the fallback when that row goes away. */
export interface Selection {
	key?: string;
	index: number;
}

export const resourceFields = resourceKeys;
export type ResourceField = (typeof resourceFields)[number];

export {probeKinds, type ContainerAction, type ProbeKind};
export const probeInputs = ['path', 'port', 'initialDelaySeconds', 'periodSeconds', 'failureThreshold'] as const satisfies ReadonlyArray<keyof ProbeInput>;
export type ProbeField = `${ProbeKind}.${(typeof probeInputs)[number]}`;
/** Tab order: the liveness probe's fields, then the readiness probe's. */
export const probeFields: readonly ProbeField[] = probeKinds.flatMap(kind => probeInputs.map(input => `${kind}.${input}` as const));

/** What the top pane shows: the lab's pods, or a kind opened from the `:` command line; or, full-screen, one object inspected. */
export type MainView = {kind: 'lab'} | {kind: 'resource'; resource: ApiResource; /** As typed, for the breadcrumb. */ command: string} | InspectView | LogsView;

/** describe: kubectl describe's text; yaml: the object as YAML; message: an event's (or a Pending pod's) whole message. */
export type InspectMode = 'describe' | 'yaml' | 'message';

/** One object shown full-screen (source/ui/views), live; Esc goes back to `back`, where the selection was kept. */
export interface InspectView {
	kind: 'inspect';
	mode: InspectMode;
	target: ObjectRef;
	back: Exclude<MainView, InspectView | LogsView>;
	/** The first line shown. */
	top: number;
	/** `/` in the view: what is being typed, and the last search made (n and N go on with it). */
	search?: TextFieldState;
	query?: string;
	/** YAML: managedFields shown; a Secret's values shown (after a y/n question, which `confirm` is). */
	managedFields: boolean;
	reveal: boolean;
	confirm?: 'reveal';
}

/** A pod's log, full-screen (`l`); Esc goes back to `back` with its selection as it was. */
export interface LogsView {
	kind: 'logs';
	pod: {namespace: string; name: string};
	container: string;
	/** The pod's containers (init containers too), for the picker. */
	containers: readonly string[];
	/** The previous container's log (kubectl logs --previous). */
	previous: boolean;
	wrap: boolean;
	timestamps: boolean;
	/** Undefined while following the end; else the stream position (seq) of the top line. */
	top?: number;
	/** `/`: the text searched for, and whether it is still being typed. */
	search?: {field: TextFieldState; typing: boolean};
	/** The seq of the match shown. */
	match?: number;
	back: {main: Exclude<MainView, LogsView | InspectView>; focus: PaneId; zoomed: boolean};
}

export type Prompt =
	/** `offset`: the first line shown, when the help is taller than the terminal. */
	| {kind: 'help'; offset: number}
	/** The lab's steps, checked off live (App draws it from the snapshot). */
	| {kind: 'labProgress'}
	| {kind: 'filter'; field: TextFieldState}
	/** The `:` command line: what it typed, and why the last Enter was refused. */
	| {kind: 'command'; field: TextFieldState; error?: string; suggestions?: readonly string[]; /** Enter was pressed before discovery answered: it opens once it does. */ waiting?: boolean}
	| {kind: 'contexts'; names: readonly string[]; index: number}
	/** Which container of the pod the logs view shows. */
	| {kind: 'logContainers'; names: readonly string[]; index: number}
	/** Which container `r` or `c` acts on, when the pod template has several. */
	| {kind: 'containers'; ref: DeploymentRef; action: ContainerAction; names: readonly string[]; choices: readonly ContainerChoice[]; index: number}
	/** `seen`: what the prompt showed when it opened; the edit is sent only if the cluster still has it. */
	| {kind: 'scale'; ref: ScaleTarget; seen: number; field: TextFieldState; error?: string}
	| ({kind: 'resources'; ref: DeploymentRef; container: string; seen: Container} & FormState<ResourceField>)
	| ({
			kind: 'probes';
			ref: DeploymentRef;
			container: string;
			seen: Container;
			/** The container's ports, so a probe can name one. */
			ports: readonly NamedPort[];
			/** A probe of another kind (exec, tcpSocket, grpc) that a path would replace. */
			replaces: Readonly<Partial<Record<ProbeKind, string>>>;
	  } & FormState<ProbeField>)
	| {kind: 'rename'; ref: DeploymentRef; from: string; seen: Container; others: readonly string[]; field: TextFieldState; error?: string}
	| {kind: 'image'; ref: DeploymentRef; container: string; seen: Container; field: TextFieldState; error?: string}
	| {kind: 'nodeGroup'; seen: number; field: TextFieldState; error?: string}
	/** `previous`: the revision was chosen as "the previous one", not picked in the history. */
	| {kind: 'undo'; ref: DeploymentRef; toRevision: number; previous: boolean; seenTemplate?: PodTemplateSpec; /** What the target revision changes against the template now: "image a → b". */ changes?: readonly string[]}
	/** One revision's pod template, read-only; `u` from here undoes to it. */
	| {kind: 'revision'; ref: DeploymentRef; template: RevisionTemplate}
	/** `w`: why a pod cannot run, read-only; scrolled by `offset` lines. */
	| {kind: 'why'; why: Why; offset: number}
	/** Ctrl-D's y/n question; the ref carries the uid the row showed, so only that object is deleted. */
	| {kind: 'delete'; ref: ObjectRef}
	/** `F` on the sandbox: the pod whose app is told to fail, or pass, its readiness probe. */
	| {kind: 'readiness'; ref: ObjectRef};

/** What tells containers apart at a glance. */
export interface ContainerChoice {
	image: string;
	/** "cpu 100m mem 64Mi", '-' where not set. */
	requests: string;
}

export interface Message {
	tone: 'info' | 'pending' | 'success' | 'warning' | 'error';
	text: string;
	/** A message about the cluster's state is shown only while that state lasts. */
	while?: MessageSituation;
}

/** What a message says about the cluster, so it can go when that stops being true. */
export type MessageSituation = 'noDeployment' | 'noDeployments' | 'noPreviousRevision';

export function messageHolds(message: Message, view: {deployment?: unknown; deploymentNames: readonly string[]; revisions: ReadonlyArray<{current: boolean}>}): boolean {
	switch (message.while) {
		case undefined:
			return true;
		case 'noDeployment':
			return view.deployment === undefined;
		case 'noDeployments':
			return view.deploymentNames.length === 0;
		case 'noPreviousRevision':
			return !view.revisions.some(row => !row.current);
		default: {
			const _exhaustive: never = message.while;
			return _exhaustive;
		}
	}
}

export interface UiState {
	focus: PaneId;
	zoomed: boolean;
	allNamespaces: boolean;
	filter: string;
	/** The top pane's column sort (k9s's Shift-N, Shift-A…); undefined: namespace/name, as the API server lists. */
	sort?: SortOrder;
	/** Each pane's selected row; a pane not in here is on its first row (or its declared initial one). */
	selection: Readonly<Record<PaneId, Selection>>;
	/** The panes in focus order: tab and shift-tab cycle through them. */
	paneOrder: readonly PaneId[];
	/** The deployment the user picked (Enter in `:deploy`); undefined follows the CLI flag / first one. */
	deployment?: string;
	main: MainView;
	prompt?: Prompt;
	message?: Message;
	/** Numbers the edits so that a slow, superseded reply cannot overwrite a newer one. */
	actionSeq: number;
}

export type UiAction =
	| {type: 'focus'; direction: 1 | -1}
	| {type: 'toggleZoom'}
	| {type: 'toggleAllNamespaces'}
	| {type: 'select'; pane: PaneId; selection: Selection}
	| {type: 'openPrompt'; prompt: Prompt}
	| {type: 'updatePrompt'; prompt: Prompt}
	| {type: 'closePrompt'}
	| {type: 'setFilter'; filter: string}
	| {type: 'sortBy'; column: SortColumn}
	| {type: 'pickDeployment'; name: string}
	| {type: 'showMain'; main: MainView}
	/** Opens, updates or leaves the inspect view: the panes keep their focus and selection. */
	| {type: 'inspect'; main: MainView}
	/** Another main view, or the same one changed, keeping selections (the logs view and back from it). */
	| {type: 'setMain'; main: MainView; focus?: PaneId; zoomed?: boolean}
	| {type: 'notice'; message: Message}
	| {type: 'actionStarted'; seq: number; text: string}
	| {type: 'actionSettled'; seq: number; message: Message};

export function initialUiState(options: {deployment?: string; allNamespaces?: boolean; main?: MainView; panes?: ReadonlyArray<{id: PaneId}>; prompt?: Prompt} = {}): UiState {
	const paneOrder = (options.panes ?? labPanes).map(pane => pane.id);
	return {
		focus: paneOrder[0] ?? 'pods',
		paneOrder,
		zoomed: false,
		allNamespaces: options.allNamespaces ?? true,
		filter: '',
		selection: {},
		deployment: options.deployment,
		main: options.main ?? {kind: 'lab'},
		actionSeq: 0,
		...(options.prompt ? {prompt: options.prompt} : {}),
	};
}

export function uiReducer(state: UiState, action: UiAction): UiState {
	switch (action.type) {
		case 'focus': {
			const {paneOrder} = state;
			const index = paneOrder.indexOf(state.focus);
			const next = paneOrder[(index + action.direction + paneOrder.length) % paneOrder.length] ?? state.focus;
			return {...state, focus: next};
		}

		case 'toggleZoom': {
			return {...state, zoomed: !state.zoomed};
		}

		case 'toggleAllNamespaces': {
			return {...state, allNamespaces: !state.allNamespaces};
		}

		case 'select': {
			return {...state, selection: {...state.selection, [action.pane]: action.selection}};
		}

		case 'openPrompt':
		case 'updatePrompt': {
			return {...state, prompt: action.prompt};
		}

		case 'closePrompt': {
			return {...state, prompt: undefined};
		}

		case 'setFilter': {
			return {...state, filter: action.filter};
		}

		case 'sortBy': {
			return {...state, sort: nextSortOrder(state.sort, action.column)};
		}

		case 'pickDeployment': {
			// A different deployment has a different history: drop the old selection.
			return {...state, deployment: action.name, selection: {...state.selection, rollout: {index: 0}}};
		}

		case 'showMain': {
			// Other rows in the top pane: its selection starts over, and it takes the focus.
			const top = state.paneOrder[0] ?? state.focus;
			// Another kind has other columns: its rows start in the server's order.
			return {...state, main: action.main, focus: top, zoomed: false, sort: undefined, selection: {...state.selection, [top]: {index: 0}}};
		}

		case 'inspect': {
			return {...state, main: action.main};
		}

		case 'setMain': {
			return {...state, main: action.main, focus: action.focus ?? state.focus, zoomed: action.zoomed ?? state.zoomed};
		}

		case 'notice': {
			return {...state, message: action.message};
		}

		case 'actionStarted': {
			return {...state, actionSeq: action.seq, message: {tone: 'pending', text: action.text}};
		}

		case 'actionSettled': {
			if (action.seq !== state.actionSeq) {
				return state;
			}

			return {...state, message: action.message};
		}

		default: {
			const _exhaustive: never = action;
			return _exhaustive;
		}
	}
}
