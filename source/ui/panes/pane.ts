// A pane, declared once: where the lab layout puts it, the rows it selects
// among (and their keys), how many fit its box, and how it draws. The layout,
// focus order, selection, paging and rendering iterate over the declarations.
import type {ReactElement} from 'react';
import type {ClusterSnapshot, ResourceSync} from '../../model/cluster.js';
import type {ApiResource} from '../../model/kinds.js';
import type {ObjectRef} from '../../model/objectRef.js';
import type {TableView} from '../../model/table.js';
import type {RolloutSteps} from '../../model/rolloutSteps.js';
import type {SortOrder} from '../../model/sortRows.js';
import type {DeploymentService, ServiceEndpoints} from '../../model/services.js';
import type {Deployment} from '../../model/types.js';
import type {CapacitySummary, EventRow, NodeRow, PodRow, RevisionRow, RolloutView} from '../../model/view.js';
import type {Why} from '../../model/why.js';

/** A kind opened with `:`, as the top pane shows it. */
export interface KindView {
	resource: ApiResource;
	table: TableView;
	sync: ResourceSync;
	/** The namespace watched; '' across all of them (or a cluster-scoped kind). */
	namespace: string;
}

/** What the App derives once per frame from the snapshot; each pane reads what it shows. */
export interface PaneFrame {
	snapshot: ClusterSnapshot;
	pods: readonly PodRow[];
	events: readonly EventRow[];
	nodes: readonly NodeRow[];
	summary: CapacitySummary;
	deployment?: Deployment;
	rollout?: RolloutView;
	revisions: readonly RevisionRow[];
	/** How the focused Deployment's controller scaled its ReplicaSets. */
	steps?: RolloutSteps;
	/** The focused Deployment's Services, with their endpoints. */
	services: readonly DeploymentService[];
	/** Pods a Service holds back (not ready), by uid: why, in a line. */
	outOfService: ReadonlyMap<string, string>;
	/** Each pod's endpoint state in the Services that select it. */
	endpoints: ServiceEndpoints;
	main?: KindView;
	/** The focused namespace, and the one pods and events show (undefined: all). */
	namespace: string;
	shownNamespace?: string;
	namespaceMissing: boolean;
	filter: string;
	/** The top pane's column sort, for its title. */
	sort?: SortOrder;
	now: number;
}

export interface PaneBoxProps {
	selected: number;
	width: number;
	height: number;
	focused: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the pane list mixes row types; with `unknown` no pane's row callbacks would fit it
export interface PaneDeclaration<Row = any> {
	id: string;
	/** The lab layout's bands, top to bottom; panes in one band share its width. */
	band: 'top' | 'middle' | 'bottom';
	/** Lines of the box that are not rows (borders, header, summaries). */
	chromeLines: number;
	/** Lines one row takes (a node is two: its name line and its bars). */
	linesPerRow?: number;
	rows(frame: PaneFrame): readonly Row[];
	rowKey(row: Row): string;
	/** Where the selection is until the user moves it (default: the first row). */
	initialIndex?(rows: readonly Row[]): number;
	/** When this changes between frames, a pick goes back to the initial row (a row picked before it changed is stale). */
	resetWhen?(frame: PaneFrame): unknown;
	/** The API object a row stands for: what describe, YAML, logs, edit and delete act on. */
	objectOf?(row: Row, frame: PaneFrame): ObjectRef | undefined;
	/** `w`: why the row's object is as it is (a pod cannot run, a rollout does not go on, a node is full); absent where there is nothing to explain. */
	why?(row: Row, frame: PaneFrame): Why | undefined;
	render(frame: PaneFrame, box: PaneBoxProps): ReactElement;
}

/** Rows a box has room for: what a page-down moves. */
export function pageSizeOf(pane: PaneDeclaration, height: number): number {
	return Math.max(1, Math.floor((height - pane.chromeLines) / (pane.linesPerRow ?? 1)));
}
