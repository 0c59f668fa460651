// Any kind in the server's own columns (the Table form), as `kubectl get`
// prints it: NAMESPACE first across namespaces, AGE live, a selected row, and
// only the visible rows drawn.
import {Box} from 'ink';
import {memo, useMemo, type ReactElement} from 'react';
import type {ResourceSync} from '../../model/cluster.js';
import type {SortOrder} from '../../model/sortRows.js';
import {liveCells, type DisplayColumn, type DisplayRow} from '../../model/table.js';
import {Line, seg, type Segment} from '../components/Line.js';
import {Pane} from '../components/Pane.js';
import {headerSegments, rowSegments} from '../components/table.js';
import {useRowWindow} from '../hooks/useRowWindow.js';
import {layoutColumns, width as cellWidth, type Column} from '../text.js';
import {blockedLines, staleMarker} from './paneStatus.js';
import {scrollHint, sortSegments} from './PodsPane.js';

export interface KindTablePaneProps {
	/** What the rows are, in kubectl's words: "Services", "Widgets"… */
	title: string;
	rows: readonly DisplayRow[];
	columns: readonly DisplayColumn[];
	sort?: SortOrder;
	selected: number;
	width: number;
	height: number;
	focused: boolean;
	sync?: ResourceSync;
	/** The namespace shown; undefined across all namespaces or for a cluster-scoped kind. */
	namespace?: string;
	/** A kind with no namespaces (nodes, CRDs): the title names none. */
	clusterScoped?: boolean;
	filter?: string;
	/** The clock: AGE is redrawn from it for the visible rows (default: as the rows were derived). */
	now?: number;
}

/** Widest a column gets before it shares the line as a flex column. */
const maxFixed = 30;

/**
 * Widths from the content, as kubectl sizes its columns, but fitted to the
 * pane: NAME stretches, long text columns shrink, and when the line is still
 * too narrow the rightmost ordinary columns go first, then NAMESPACE.
 */
export function kindColumns(columns: readonly DisplayColumn[], rows: readonly DisplayRow[]): Array<Column<string>> {
	const widest = columns.map(column => cellWidth(column.header));
	for (const row of rows) {
		for (let index = 0; index < columns.length; index++) {
			const size = cellWidth(row.cells[index] ?? '');
			if (size > widest[index]!) widest[index] = size;
		}
	}
	return columns.map((column, index) => {
		const key = String(index);
		const content = widest[index]!;
		switch (column.kind) {
			case 'name':
				return {key, header: column.header, width: Math.max(content, 12), flex: true, min: Math.min(content, 16)};
			case 'namespace':
				return {key, header: column.header, width: Math.min(content, 20), dropPriority: 1000};
			case 'age':
				// Room for the widest ages ("23h59m", "7d23h") so the column does not jitter as they grow.
				return {key, header: column.header, width: Math.max(content, 6), align: 'right'};
			default: {
				const dropPriority = columns.length - index;
				const align = column.kind === 'number' ? 'right' : 'left';
				return content > maxFixed ? {key, header: column.header, width: Math.min(content, 60), flex: true, min: 12, dropPriority, align} : {key, header: column.header, width: content, dropPriority, align};
			}
		}
	});
}

function rowCells(row: DisplayRow, columns: readonly DisplayColumn[], now: number | undefined): Record<string, Segment> {
	const cells: Record<string, Segment> = {};
	const texts = now === undefined ? row.cells : liveCells(row, columns, now);
	columns.forEach((column, index) => {
		const text = texts[index] ?? '';
		const token = row.terminating || column.kind === 'namespace' || column.kind === 'age' ? 'text.muted' : 'text.primary';
		cells[String(index)] = seg(text, token, {bold: column.kind === 'name' && !row.terminating});
	});
	return cells;
}

function liveMarker(sync: ResourceSync | undefined): Segment[] {
	return sync?.live === false ? [seg(' · ', 'text.muted'), seg('listed once, not live', 'status.warning', {bold: true})] : [];
}

// Memoized: a keypress elsewhere does not re-render it.
export const KindTablePane = memo(function KindTablePane({title, rows, columns, selected, width, height, focused, sync, namespace, clusterScoped = false, filter = '', now, sort}: KindTablePaneProps) {
	const inner = width - 2;
	const sized = useMemo(() => kindColumns(columns, rows), [columns, rows]);
	const laidOut = useMemo(() => layoutColumns(sized, inner), [sized, inner]);
	const capacity = Math.max(0, height - 3);
	const window = useRowWindow(rows.length, selected, capacity);
	const noun = title.toLowerCase();
	const blocked = blockedLines(sync, noun, rows.length > 0, inner, capacity);
	const heading: Segment[] = [seg(title, 'text.title', {bold: true}), seg(clusterScoped ? ' ' : ` (${namespace ?? 'all'}) `, 'accent'), seg(String(rows.length), 'text.primary')];
	if (filter) heading.push(seg(' · ', 'text.muted'), seg(`/${filter}`, 'accent'));
	heading.push(...sortSegments(sort));

	const lines: ReactElement[] = [];
	if (blocked) {
		lines.push(...blocked.map((segments, index) => <Line key={`blocked-${index}`} segments={segments} width={inner} />));
	} else if (rows.length === 0) {
		lines.push(<Line key="empty" segments={[seg(filter ? `No ${noun} match /${filter}` : `No ${noun}`, 'text.muted')]} width={inner} />);
	} else {
		for (let index = window.offset; index < window.end; index++) {
			const row = rows[index];
			if (!row) continue;
			lines.push(<Line key={row.uid} segments={rowSegments(laidOut, rowCells(row, columns, now))} width={inner} selected={focused && index === selected} />);
		}
	}

	return (
		<Pane title={[...heading, ...liveMarker(sync), ...staleMarker(sync), ...scrollHint(window.offset, window.end, rows.length)]} width={width} height={height} focused={focused}>
			{blocked ? null : <Line segments={headerSegments(laidOut)} width={inner} />}
			<Box flexDirection="column">{lines}</Box>
		</Pane>
	);
});
