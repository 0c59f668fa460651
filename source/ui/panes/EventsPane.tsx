// Events, newest first, like `kubectl get events --sort-by=.lastTimestamp`
// turned upside down. Warnings are coloured; only visible rows are drawn.
import {Box} from 'ink';
import {memo, useMemo, type ReactElement} from 'react';
import type {ResourceSync} from '../../model/cluster.js';
import {formatAge} from '../../model/index.js';
import type {EventRow} from '../../model/view.js';
import {Line, seg, type Segment} from '../components/Line.js';
import {Pane} from '../components/Pane.js';
import {headerSegments, rowSegments} from '../components/table.js';
import {useRowWindow} from '../hooks/useRowWindow.js';
import {layoutColumns, type Column} from '../text.js';
import {blockedLines, missingNamespaceText, staleMarker} from './paneStatus.js';
import {scrollHint} from './PodsPane.js';

type EventColumn = 'namespace' | 'type' | 'reason' | 'object' | 'message' | 'count' | 'age';

const columns: ReadonlyArray<Column<EventColumn>> = [
	{key: 'namespace', header: 'NAMESPACE', width: 12, dropPriority: 1},
	{key: 'type', header: 'TYPE', width: 7},
	{key: 'reason', header: 'REASON', width: 17, dropPriority: 3},
	{key: 'object', header: 'OBJECT', width: 30, flex: true, min: 14},
	{key: 'message', header: 'MESSAGE', width: 60, flex: true, min: 20},
	{key: 'count', header: 'COUNT', width: 5, align: 'right', dropPriority: 2},
	{key: 'age', header: 'AGE', width: 5, align: 'right'},
];

export interface EventsPaneProps {
	rows: readonly EventRow[];
	selected: number;
	width: number;
	height: number;
	focused: boolean;
	namespace?: string;
	/** The namespace shown does not exist. */
	namespaceMissing?: boolean;
	filter: string;
	sync?: ResourceSync;
	now: number;
}

function cells(row: EventRow, now: number): Record<EventColumn, Segment> {
	const token = row.warning ? 'status.warning' : 'text.primary';
	return {
		namespace: seg(row.namespace, 'text.muted'),
		type: seg(row.type, row.warning ? 'status.warning' : 'text.muted', {bold: row.warning}),
		reason: seg(row.reason, token, {bold: row.warning}),
		object: seg(row.object, 'text.primary'),
		message: seg(row.message, row.warning ? 'status.warning' : 'text.muted'),
		count: seg(String(row.count), 'text.muted'),
		age: seg(row.lastSeenMs > 0 ? formatAge(now - row.lastSeenMs) : '<unknown>', 'text.muted'),
	};
}

// Memoized: a keypress in one pane re-renders only that pane.
export const EventsPane = memo(function EventsPane({rows, selected, width, height, focused, namespace, namespaceMissing, filter, sync, now}: EventsPaneProps) {
	const inner = width - 2;
	const laidOut = useMemo(() => layoutColumns(namespace === undefined ? columns : columns.filter(c => c.key !== 'namespace'), inner), [inner, namespace]);
	const capacity = Math.max(0, height - 3);
	const window = useRowWindow(rows.length, selected, capacity);
	const warnings = useMemo(() => rows.reduce((sum, row) => sum + (row.warning ? 1 : 0), 0), [rows]);
	const blocked = blockedLines(sync, 'events', rows.length > 0, inner, height - 3);
	const title: Segment[] = [seg('Events', 'text.title', {bold: true}), seg(` (${namespace ?? 'all'}) `, 'accent'), seg(String(rows.length), 'text.primary')];
	if (warnings > 0) {
		title.push(seg(' · ', 'text.muted'), seg(`${warnings} Warning`, 'status.warning', {bold: true}));
	}

	if (filter) {
		title.push(seg(' · ', 'text.muted'), seg(`/${filter}`, 'accent'));
	}

	const header = headerSegments(laidOut);
	const lines: ReactElement[] = [];
	if (blocked) {
		lines.push(...blocked.map((segments, index) => <Line key={`blocked-${index}`} segments={segments} width={inner} />));
	} else if (rows.length === 0) {
		const missing = !filter && namespace && namespaceMissing;
		lines.push(<Line key="empty" segments={[seg(filter ? `No events match /${filter}` : missing ? missingNamespaceText(namespace) : 'No events', missing ? 'status.warning' : 'text.muted')]} width={inner} />);
	} else {
		for (let index = window.offset; index < window.end; index++) {
			const row = rows[index];
			if (!row) {
				continue;
			}

			const rowCells = cells(row, now);
			const segments = rowSegments(laidOut, rowCells);
			lines.push(<Line key={row.uid} segments={segments} width={inner} selected={focused && index === selected} />);
		}
	}

	return (
		<Pane title={[...title, ...staleMarker(sync), ...scrollHint(window.offset, window.end, rows.length)]} width={width} height={height} focused={focused}>
			<Line segments={header} width={inner} />
			<Box flexDirection="column">{lines}</Box>
		</Pane>
	);
});
