// Any kind in the server's own columns: the meta.k8s.io Table form that
// `kubectl get` asks for. The informer keeps one TableRow per object; this
// derives what a pane draws from them, as `kubectl get` (-A) prints it.
import {formatAge, toMillis} from './age.js';
import {oneLine} from './text.js';

/** A Table's column, as the server describes it (priority 0: the default view; 1: -o wide). */
export interface TableColumnDefinition {
	name: string;
	type: string;
	format?: string;
	description?: string;
	priority: number;
}

/** The metadata a Table row carries (PartialObjectMetadata), kept small. */
export interface RowMetadata {
	/** The object's uid, or namespace/name for an object without one. */
	uid: string;
	name: string;
	namespace?: string;
	resourceVersion?: string;
	creationTimestamp?: string;
	deletionTimestamp?: string;
}

/** One object as a Table row: its metadata hoisted, so the informer keys and versions it like any object. */
export interface TableRow {
	metadata: RowMetadata;
	cells: readonly unknown[];
}

function slimMetadata(metadata: any): RowMetadata {
	const name = String(metadata?.name ?? '');
	const namespace = typeof metadata?.namespace === 'string' ? metadata.namespace : undefined;
	// A few kinds are computed, not stored (componentstatuses): no uid, so the name keys the row.
	const uid = typeof metadata?.uid === 'string' && metadata.uid ? metadata.uid : name ? `${namespace ?? ''}/${name}` : '';
	const kept: RowMetadata = {uid, name};
	if (namespace !== undefined) kept.namespace = namespace;
	if (typeof metadata?.resourceVersion === 'string') kept.resourceVersion = metadata.resourceVersion;
	if (typeof metadata?.creationTimestamp === 'string') kept.creationTimestamp = metadata.creationTimestamp;
	if (typeof metadata?.deletionTimestamp === 'string') kept.deletionTimestamp = metadata.deletionTimestamp;
	return kept;
}

/**
 * A row of a Table as the server sent it ({cells, object}), or a whole object
 * from a server that answered a plain list instead (shown as NAME and AGE, see
 * fallbackColumns). Labels, annotations and managedFields are dropped.
 */
export function tableRowOf(raw: any): TableRow {
	if (Array.isArray(raw?.cells)) return {metadata: slimMetadata(raw.object?.metadata), cells: raw.cells};
	const metadata = slimMetadata(raw?.metadata);
	return {metadata, cells: [metadata.name, metadata.creationTimestamp ?? '']};
}

/** A kind with a hand-made row: its objects in a namespace ('' = all) as rows, each with the cells it gives. */
export function objectRows<T extends {metadata?: {namespace?: string}}>(objects: Iterable<T>, namespace: string, cells: (object: T) => unknown[]): TableRow[] {
	const rows: TableRow[] = [];
	for (const object of objects) if (!namespace || object.metadata?.namespace === namespace) rows.push(tableRowOf({cells: cells(object), object}));
	return rows;
}

const isAge = (column: TableColumnDefinition | undefined) => column?.name.toLowerCase() === 'age';

/**
 * True when an updated row shows nothing new: same cells but for the server's
 * AGE text (recomputed here anyway) and not newly terminating. A Lease renewed
 * every few seconds, or a label added, then does not redraw the screen.
 */
export function sameRow(columns: readonly TableColumnDefinition[], previous: TableRow, next: TableRow): boolean {
	if (previous.metadata.deletionTimestamp !== next.metadata.deletionTimestamp || previous.cells.length !== next.cells.length) return false;
	return previous.cells.every((cell, index) => isAge(columns[index]) || cell === next.cells[index] || JSON.stringify(cell) === JSON.stringify(next.cells[index]));
}

/** Columns for objects that came without a Table. */
export const fallbackColumns: readonly TableColumnDefinition[] = [
	{name: 'Name', type: 'string', format: 'name', priority: 0},
	{name: 'Age', type: 'date', priority: 0},
];

/** Reads columnDefinitions from a Table body (or its head); undefined when it is not a Table. */
export function columnsOf(table: unknown): TableColumnDefinition[] | undefined {
	const body = table as {kind?: unknown; columnDefinitions?: unknown} | undefined;
	if (!Array.isArray(body?.columnDefinitions)) return undefined;
	return body.columnDefinitions.map((column: any) => ({
		name: String(column?.name ?? ''),
		type: String(column?.type ?? 'string'),
		...(typeof column?.format === 'string' ? {format: column.format} : {}),
		...(typeof column?.description === 'string' ? {description: column.description} : {}),
		priority: Number(column?.priority ?? 0),
	}));
}

/** A column as a pane shows it: the header in kubectl's upper case, and where its cell comes from. */
export interface DisplayColumn {
	header: string;
	/** Index into TableRow.cells; -1 for the NAMESPACE column added for all namespaces. */
	cell: number;
	/** 'age': recomputed from creationTimestamp each frame; 'number': right-aligned. */
	kind: 'namespace' | 'name' | 'age' | 'number' | 'text';
}

export interface DisplayRow {
	uid: string;
	namespace: string;
	name: string;
	/** One line per column, in the order of the columns (AGE as of the view's `now`: see liveCells). */
	cells: string[];
	/** metadata.creationTimestamp in ms, for AGE. */
	createdMs: number | undefined;
	/** Being deleted (metadata.deletionTimestamp set). */
	terminating: boolean;
}

export interface TableView {
	columns: DisplayColumn[];
	rows: DisplayRow[];
	/** Rows before the filter. */
	total: number;
}

export interface TableViewOptions {
	/** True when listing across namespaces of a namespaced kind: a NAMESPACE column comes first, as with `kubectl get -A`. */
	allNamespaces: boolean;
	/** For the AGE cells; a pane redraws them for its visible rows with liveCells. */
	now: number;
	/** Keeps rows with this substring in any cell but the age (case-insensitive), like the `/` filter. */
	filter?: string;
	/** Include the priority > 0 columns (`-o wide`). */
	wide?: boolean;
}

/** The columns kubectl shows by default (priority 0), with NAMESPACE first for -A. */
export function displayColumns(definitions: readonly TableColumnDefinition[], {allNamespaces, wide = false}: {allNamespaces: boolean; wide?: boolean}): DisplayColumn[] {
	const columns: DisplayColumn[] = allNamespaces ? [{header: 'NAMESPACE', cell: -1, kind: 'namespace'}] : [];
	definitions.forEach((definition, index) => {
		if (definition.priority > 0 && !wide) return;
		const kind: DisplayColumn['kind'] =
			definition.format === 'name' || (index === 0 && definition.name === 'Name') ? 'name' : definition.name.toLowerCase() === 'age' ? 'age' : definition.type === 'integer' || definition.type === 'number' ? 'number' : 'text';
		columns.push({header: definition.name.toUpperCase(), cell: index, kind});
	});
	return columns;
}

/** A cell as kubectl prints it: strings as they are, numbers in decimal, lists joined, nothing as "<none>"… on one line. */
export function cellText(value: unknown): string {
	if (value === null || value === undefined) return '<none>';
	if (typeof value === 'string') return oneLine(value);
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return oneLine(value.map(cellText).join(','));
	return oneLine(JSON.stringify(value));
}

/**
 * The cells with AGE as of `now`. A pane calls this for the rows it draws, so
 * the clock ticking costs the visible rows, not a new view of every row.
 */
export function liveCells(row: DisplayRow, columns: readonly DisplayColumn[], now: number): string[] {
	if (row.createdMs === undefined) return row.cells;
	const created = row.createdMs;
	return row.cells.map((cell, index) => (columns[index]?.kind === 'age' ? formatAge(now - created) : cell));
}

function compareRows(a: DisplayRow, b: DisplayRow): number {
	if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
	return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * The rows a pane draws: sorted by namespace then name, AGE live from the
 * object's creationTimestamp (the server's text is frozen at LIST time), cells
 * on one line each. Control characters are left for the pane's text fitting
 * (ui/text.ts), which makes them visible.
 */
export function tableView(definitions: readonly TableColumnDefinition[], rows: Iterable<TableRow>, options: TableViewOptions): TableView {
	const columns = displayColumns(definitions, options);
	const needle = options.filter?.toLowerCase() ?? '';
	const shown: DisplayRow[] = [];
	let total = 0;
	for (const row of rows) {
		total++;
		const namespace = row.metadata.namespace ?? '';
		const createdMs = toMillis(row.metadata.creationTimestamp);
		const cells = columns.map(column => {
			if (column.kind === 'namespace') return namespace;
			if (column.kind === 'age' && createdMs !== undefined) return formatAge(options.now - createdMs);
			return cellText(row.cells[column.cell]);
		});
		// Not the age: a filter should not let rows come and go as time passes.
		if (needle && !cells.some((cell, index) => columns[index]!.kind !== 'age' && cell.toLowerCase().includes(needle))) continue;
		shown.push({uid: row.metadata.uid, namespace, name: row.metadata.name, cells, createdMs, terminating: row.metadata.deletionTimestamp !== undefined});
	}
	shown.sort(compareRows);
	return {columns, rows: shown, total};
}
