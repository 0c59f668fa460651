// What an action module is handed: the store, the frame's data and the edits.
// Here rather than in controller.ts so modules and the controller both import
// it and neither imports the other.
import type {LabActions} from '../../model/actions.js';
import type {RevisionTemplate} from '../../model/index.js';
import type {ApiResource} from '../../model/kinds.js';
import type {ObjectRef} from '../../model/objectRef.js';
import type {DisplayColumn, DisplayRow} from '../../model/table.js';
import type {Deployment, PodTemplateSpec} from '../../model/types.js';
import type {Why} from '../../model/why.js';
import type {NodeRow, PodRow, RevisionRow, RolloutView} from '../../model/view.js';
import type {PaneDeclaration} from '../panes/pane.js';
import type {InspectFrame} from '../views/inspectKeys.js';
import type {LogBuffer} from '../state/logBuffer.js';
import type {LogWindow} from '../state/logView.js';
import type {Store} from '../state/store.js';
import type {PaneId, UiAction, UiState} from '../state/uiState.js';

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
	/** The pod template of one of the shown Deployment's revisions, as shown and as the API has it. */
	revisionTemplate: (revision: number) => RevisionTemplate | undefined;
	revisionPodTemplate: (revision: number) => PodTemplateSpec | undefined;
	/** The rows of a kind opened with `:`, when the top pane shows one. */
	main?: {resource: ApiResource; rows: readonly DisplayRow[]; columns: readonly DisplayColumn[]};
	/** The kubeconfig's contexts, for `:ctx`, and the one in use. */
	contexts: readonly string[];
	context: string;
	/** The server's kinds, once discovery has answered. */
	resources?: readonly ApiResource[];
	/** Namespaces seen so far, to complete `:ns`. */
	namespaces: readonly string[];
	/** Starts discovery if it has not run (the `:` line needs the server's kinds). */
	discover: () => void;
	/** `w`: why the focused pane's selection is as it is (its pane's `why`); undefined where the pane explains nothing. */
	explainSelected: () => Why | undefined;
	/** Reconnects to another context or namespace; absent where the view cannot (a snapshot). */
	switchTo?: (target: {context?: string; namespace?: string}) => void;
	/** How the help overlay scrolls at this terminal size: lines a page, and the last first line. */
	helpScroll: {page: number; maxOffset: number};
	/** The API object under the focused pane's selection (a pod, a node, the rollout's Deployment, a row of a kind opened with `:`). */
	selectedObject: () => ObjectRef | undefined;
	/** The inspect view's lines (as text, for search) and page height, while it is open. */
	inspect?: InspectFrame;
	/** A pod's containers (init containers too), when the pods watch has it. */
	podContainers: (namespace: string, name: string) => readonly string[] | undefined;
	/** While the logs view shows: the lines kept and the rows they are drawn in. */
	logs?: {buffer: LogBuffer; window: LogWindow};
}

/** What the user's editor gave back: the saved file, or why there is none (it could not start, or exited non-zero). */
export type EditorResult = {kind: 'saved'; text: string} | {kind: 'failed'; message: string};

/** Runs $EDITOR on a file, as kubectl edit does, with the terminal handed to it meanwhile. */
export interface ObjectEditor {
	/** Blocks until the editor exits; `name` names the file (its extension tells the editor it is YAML). */
	edit(text: string, name: string): EditorResult;
}

export interface Controller {
	store: Store<UiState, UiAction>;
	view: () => FrameView;
	actions: LabActions;
	readonly: boolean;
	exit: () => void;
	/** Absent where there is no terminal to hand over (a snapshot, component tests). */
	editor?: ObjectEditor;
}

export interface ActionContext extends Controller {
	/** The index of the selected row in a pane, resolved by the controller (which owns selection). */
	selected: (pane: PaneId) => number;
}
