// Pods, kubectl-get-pods style. Only the rows that fit are rendered; a
// Pending pod takes a second, dim line with the scheduler's reason, because
// that reason is the whole point of parts 3 and 4 of the lab; a reason too
// long for one line wraps onto a third when the pane has room for it.
import {Box} from 'ink';
import {memo, useMemo, type ReactElement} from 'react';
import type {ResourceSync} from '../../model/cluster.js';
import {formatAge, podCounts} from '../../model/index.js';
import {sortLabel, type SortOrder} from '../../model/sortRows.js';
import type {PodRow} from '../../model/view.js';
import type {Token} from '../../../themes/index.js';
import {Line, seg, type Segment} from '../components/Line.js';
import {Pane} from '../components/Pane.js';
import {headerSegments, rowSegments} from '../components/table.js';
import {useRowWindow} from '../hooks/useRowWindow.js';
import {layoutColumns, shortHost, width, wrap, type Column} from '../text.js';
import {blockedLines, countSegments, missingNamespaceText, staleMarker} from './paneStatus.js';

type PodColumn = 'namespace' | 'name' | 'ready' | 'status' | 'restarts' | 'cpu' | 'memory' | 'node' | 'age';

const columns: ReadonlyArray<Column<PodColumn>> = [
	{key: 'namespace', header: 'NAMESPACE', width: 13, dropPriority: 3},
	{key: 'name', header: 'NAME', width: 30, flex: true, min: 16},
	{key: 'ready', header: 'READY', width: 5},
	{key: 'status', header: 'STATUS', width: 17},
	{key: 'restarts', header: 'RESTARTS', width: 8, align: 'right', dropPriority: 4},
	{key: 'cpu', header: 'CPU REQ', width: 7, align: 'right', dropPriority: 2},
	{key: 'memory', header: 'MEM REQ', width: 7, align: 'right', dropPriority: 2},
	{key: 'node', header: 'NODE', width: 44, flex: true, min: 10, dropPriority: 1, shorten: shortHost},
	{key: 'age', header: 'AGE', width: 5, align: 'right'},
];

export const severityToken: Record<PodRow['severity'], Token> = {
	ok: 'status.ok',
	progress: 'status.progress',
	warning: 'status.warning',
	error: 'status.error',
};

export interface PodsPaneProps {
	rows: readonly PodRow[];
	/** Pods a Service holds back (not ready), by uid: a second line says so. */
	outOfService?: ReadonlyMap<string, string>;
	selected: number;
	width: number;
	height: number;
	focused: boolean;
	/** The namespace shown, or undefined for all namespaces. */
	namespace?: string;
	/** The namespace shown does not exist. */
	namespaceMissing?: boolean;
	filter: string;
	sync?: ResourceSync;
	now: number;
	sort?: SortOrder;
}

const noNotes: ReadonlyMap<string, string> = new Map();

/** "· by AGE ↑" in a title, for a pane sorted other than by namespace/name. */
export function sortSegments(sort: SortOrder | undefined): Segment[] {
	return sort ? [seg(' · ', 'text.muted'), seg(`by ${sortLabel(sort)}`, 'accent')] : [];
}

export function podsTitle(rows: readonly PodRow[], namespace: string | undefined, filter: string, sync?: ResourceSync, sort?: SortOrder): Segment[] {
	const {pending, failing} = podCounts(rows);
	const title: Segment[] = [seg('Pods', 'text.title', {bold: true}), seg(` (${namespace ?? 'all'}) `, 'accent'), ...countSegments(rows.length, sync)];
	if (pending > 0) {
		title.push(seg(' · ', 'text.muted'), seg(`${pending} Pending`, 'status.warning', {bold: true}));
	}

	if (failing > 0) {
		title.push(seg(' · ', 'text.muted'), seg(`${failing} failing`, 'status.error', {bold: true}));
	}

	if (filter) {
		title.push(seg(' · ', 'text.muted'), seg(`/${filter}`, 'accent'));
	}

	title.push(...sortSegments(sort));
	return title;
}

function cells(row: PodRow, now: number): Record<PodColumn, Segment> {
	return {
		namespace: seg(row.namespace, 'text.muted'),
		name: seg(row.name, 'text.primary'),
		ready: seg(row.ready, 'text.primary'),
		status: seg(row.status, severityToken[row.severity], {bold: row.severity !== 'ok'}),
		restarts: seg(String(row.restarts), row.restarts > 0 ? 'status.warning' : 'text.primary'),
		cpu: seg(row.cpuRequest || '-', row.cpuRequest ? 'text.primary' : 'text.muted'),
		memory: seg(row.memoryRequest || '-', row.memoryRequest ? 'text.primary' : 'text.muted'),
		node: seg(row.node || '<none>', row.node ? 'text.muted' : 'status.warning'),
		age: seg(formatAge(now - row.createdMs), 'text.muted'),
	};
}

// Memoized: a keypress in one pane re-renders only that pane.
export const PodsPane = memo(function PodsPane({rows, outOfService = noNotes, selected, width, height, focused, namespace, namespaceMissing, filter, sync, now, sort}: PodsPaneProps) {
	const inner = width - 2;
	const laidOut = useMemo(() => layoutColumns(namespace === undefined ? columns : columns.filter(c => c.key !== 'namespace'), inner), [inner, namespace]);
	const capacity = Math.max(0, height - 3);
	const noteOf = (row: PodRow | undefined) => (row ? (row.pendingReason ?? outOfService.get(row.uid)) : undefined);
	const reasonLinesOf = useMemo(() => pendingReasonLines(inner, capacity), [inner, capacity]);
	const heightOf = (index: number) => 1 + reasonLinesOf(noteOf(rows[index])).length;
	const window = useRowWindow(rows.length, selected, capacity, heightOf);
	const title = useMemo(() => podsTitle(rows, namespace, filter, sync, sort), [rows, namespace, filter, sync, sort]);
	const blocked = blockedLines(sync, 'pods', rows.length > 0, inner, height - 3);

	const header = headerSegments(laidOut);
	const lines: ReactElement[] = [];
	if (blocked) {
		lines.push(...blocked.map((segments, index) => <Line key={`blocked-${index}`} segments={segments} width={inner} />));
	} else if (rows.length === 0) {
		const empty = filter ? `No pods match /${filter}` : namespace && namespaceMissing ? missingNamespaceText(namespace) : `No pods${namespace ? ` in ${namespace}` : ''}`;
		lines.push(<Line key="empty" segments={[seg(empty, namespaceMissing && !filter ? 'status.warning' : 'text.muted')]} width={inner} />);
	} else {
		for (let index = window.offset; index < window.end; index++) {
			const row = rows[index];
			if (!row) {
				continue;
			}

			const rowCells = cells(row, now);
			const segments = rowSegments(laidOut, rowCells);
			const isSelected = focused && index === selected;
			lines.push(<Line key={row.uid} segments={segments} width={inner} selected={isSelected} />);
			for (const [line, text] of reasonLinesOf(noteOf(row)).entries()) {
				lines.push(<Line key={`${row.uid}-reason-${line}`} segments={[seg(line === 0 ? '  ↳ ' : '    ', 'text.muted'), seg(text, 'status.warning', {dim: false})]} width={inner} />);
			}
		}
	}

	return (
		<Pane title={[...title, ...staleMarker(sync), ...scrollHint(window.offset, window.end, rows.length)]} width={width} height={height} focused={focused}>
			<Line segments={header} width={inner} />
			<Box flexDirection="column">{lines}</Box>
		</Pane>
	);
});

/** Below this many lines of rows, a reason keeps to one line, so a short pane still shows several pods. */
const roomToWrap = 8;

/**
 * The lines under a Pending pod: its reason, cut to one line, or wrapped onto two
 * when the pane is tall enough; none for a pod with no reason. Rows take
 * 1 + this many lines, which is what the row window pages by.
 */
export function pendingReasonLines(inner: number, capacity: number): (reason: string | undefined) => string[] {
	const size = Math.max(1, inner - 4);
	const lines = capacity >= roomToWrap ? 2 : 1;
	const cache = new Map<string, string[]>();
	return reason => {
		if (!reason) return [];
		let wrapped = cache.get(reason);
		if (!wrapped) {
			wrapped = lines === 1 || width(reason) <= size ? [reason] : wrap(reason, size, lines);
			cache.set(reason, wrapped);
		}
		return wrapped;
	};
}

/** "12-20 of 5000" when the list does not fit, so a long list never looks complete. */
export function scrollHint(offset: number, end: number, count: number): Segment[] {
	if (count === 0 || end <= offset || (offset === 0 && end >= count)) {
		return [];
	}

	return [seg(` · ${offset + 1}-${end} of ${count}`, 'text.muted')];
}
