// Node capacity the way `kubectl describe node` reports it under "Allocated
// resources", for every node at once: pod slots (the limit that strands the
// fifth todoapi replica in part 4), then cpu and memory requests.
import {Box} from 'ink';
import {memo, type ReactElement} from 'react';
import type {ResourceSync} from '../../model/cluster.js';
import {formatCpuMilli, formatMemoryBytes} from '../../model/index.js';
import type {CapacitySummary, NodeRow} from '../../model/view.js';
import {barSegments, percent, ratio} from '../components/bar.js';
import {Line, seg, type Segment} from '../components/Line.js';
import {Pane} from '../components/Pane.js';
import {useRowWindow} from '../hooks/useRowWindow.js';
import {fit, shortHost, width as textWidth, wrap} from '../text.js';
import {blockedLines, staleMarker} from './paneStatus.js';
import {scrollHint} from './PodsPane.js';

export interface NodesPaneProps {
	rows: readonly NodeRow[];
	summary: CapacitySummary;
	selected: number;
	width: number;
	height: number;
	focused: boolean;
	sync?: ResourceSync;
}

interface Gauge {
	label: string;
	used: number;
	total: number;
	/** "4/4", "650m/1930m 34%". */
	value: string;
}

function gauges(row: NodeRow): {pods: Gauge; cpu: Gauge; memory: Gauge} {
	return {
		pods: {label: 'pods', used: row.podsUsed, total: row.podsAllocatable, value: `${row.podsUsed}/${row.podsAllocatable}`},
		cpu: {
			label: 'cpu',
			used: row.cpuRequestedMilli,
			total: row.cpuAllocatableMilli,
			value: `${formatCpuMilli(row.cpuRequestedMilli)}/${formatCpuMilli(row.cpuAllocatableMilli)} ${percent(row.cpuRequestedMilli, row.cpuAllocatableMilli)}`,
		},
		memory: {
			label: 'mem',
			used: row.memoryRequestedBytes,
			total: row.memoryAllocatableBytes,
			value: `${formatMemoryBytes(row.memoryRequestedBytes)}/${formatMemoryBytes(row.memoryAllocatableBytes)} ${percent(row.memoryRequestedBytes, row.memoryAllocatableBytes)}`,
		},
	};
}

function gaugeSegments(gauge: Gauge, barWidth: number, valueWidth: number): Segment[] {
	return [seg(`${gauge.label} `, 'text.muted'), ...barSegments(ratio(gauge.used, gauge.total), barWidth), seg(` ${fit(gauge.value, valueWidth)}`, gauge.total > 0 && gauge.used >= gauge.total ? 'status.warning' : 'text.primary')];
}

function statusWord(row: NodeRow): string {
	return `${row.ready ? 'Ready' : 'NotReady'}${row.unschedulable ? ',SchedulingDisabled' : ''}`;
}

/** Lines per node: one when wide, else two (with percentages only when narrow). */
export function nodeLayout(inner: number): 1 | 2 {
	// One line needs the three gauges (~91 cells), status and type, and a readable name.
	return inner >= 135 ? 1 : 2;
}

const podsValueWidth = 7;
const cpuValueWidth = 15;
const memoryValueWidth = 17;

function nodeLines(row: NodeRow, inner: number, mode: 1 | 2): Segment[][] {
	const {pods, cpu, memory} = gauges(row);
	const status = seg(fit(statusWord(row), 8), row.ready && !row.unschedulable ? 'status.ok' : 'status.error', {bold: !row.ready});
	const kind = seg(fit(row.instanceType || '-', 10), 'text.muted');
	const dot = seg(row.ready ? '● ' : '✖ ', row.ready ? 'status.ok' : 'status.error');
	if (mode === 1) {
		const bar = 10;
		const gaugesWidth = 3 * (5 + bar + 1) + podsValueWidth + cpuValueWidth + memoryValueWidth + 4;
		const nameWidth = Math.min(46, Math.max(12, inner - 2 - 9 - 11 - gaugesWidth - 2));
		return [
			[
				dot,
				seg(fit(shortHost(row.name, nameWidth), nameWidth), 'text.primary'),
				seg(' '),
				status,
				seg(' '),
				kind,
				seg('  '),
				...gaugeSegments(pods, bar, podsValueWidth),
				seg('  '),
				...gaugeSegments(cpu, bar, cpuValueWidth),
				seg('  '),
				...gaugeSegments(memory, bar, memoryValueWidth),
			],
		];
	}

	// Narrower: the name line carries the pod slots, the next line cpu and memory.
	const podsBar = Math.max(3, Math.min(8, pods.total));
	const podsWidth = 5 + podsBar + 1 + Math.max(3, textWidth(pods.value));
	const showKind = inner >= 50;
	// Narrow: a Ready node's green dot says Ready; only a problem is spelled out.
	const showStatus = showKind || !row.ready || row.unschedulable;
	// EKS names run to ~45 cells; wider than that only pushes the gauges away.
	const nameWidth = Math.min(46, Math.max(8, inner - 2 - (showStatus ? 9 : 0) - (showKind ? 11 : 0) - podsWidth - 1));
	const first = [dot, seg(fit(shortHost(row.name, nameWidth), nameWidth), 'text.primary'), ...(showStatus ? [seg(' '), status] : []), ...(showKind ? [seg(' '), kind] : []), seg(' '), ...gaugeSegments(pods, podsBar, textWidth(pods.value))];
	const full = inner - 2 - 2 - (4 + 1 + cpuValueWidth) - (4 + 1 + memoryValueWidth) >= 6;
	if (full) {
		const bar = Math.min(20, Math.floor((inner - 2 - 2 - (4 + 1 + cpuValueWidth) - (4 + 1 + memoryValueWidth)) / 2));
		return [first, [seg('  '), ...gaugeSegments(cpu, bar, cpuValueWidth), seg('  '), ...gaugeSegments(memory, bar, memoryValueWidth)]];
	}

	// Too narrow for the quantities: percentages, which is what comparing nodes needs.
	const bar = Math.max(3, Math.floor((inner - 2 - 2 - 2 * (4 + 1 + 4)) / 2));
	const percentOnly = (gauge: Gauge): Gauge => ({...gauge, value: percent(gauge.used, gauge.total)});
	return [first, [seg('  '), ...gaugeSegments(percentOnly(cpu), bar, 4), seg('  '), ...gaugeSegments(percentOnly(memory), bar, 4)]];
}

// Memoized: a keypress in one pane re-renders only that pane.
export const NodesPane = memo(function NodesPane({rows, summary, selected, width, height, focused, sync}: NodesPaneProps) {
	const inner = width - 2;
	const mode = nodeLayout(inner);
	const blocked = blockedLines(sync, 'nodes', rows.length > 0, inner, height - 2);
	// A short pane keeps room for nodes: the summary gets one line (truncated) instead of two.
	const summaryLines = blocked ? [] : wrap(summary.message, inner, height - 2 >= 8 ? 2 : 1);
	const capacity = Math.max(0, height - 2 - summaryLines.length);
	const window = useRowWindow(rows.length, selected, capacity, () => mode);
	const title: Segment[] = [
		seg('Nodes', 'text.title', {bold: true}),
		seg(` ${rows.length}`, 'text.primary'),
		seg(' · ', 'text.muted'),
		seg(`${summary.readyNodes} Ready`, summary.readyNodes < summary.nodes ? 'status.warning' : 'status.ok'),
		seg(' · ', 'text.muted'),
		seg(`pods ${summary.podsUsed}/${summary.podsAllocatable}`, summary.full && summary.nodes > 0 ? 'status.warning' : 'text.primary', {bold: summary.full}),
	];
	const lines: ReactElement[] = [];
	if (blocked) {
		lines.push(...blocked.map((segments, index) => <Line key={`blocked-${index}`} segments={segments} width={inner} />));
	} else {
		for (let index = window.offset; index < window.end; index++) {
			const row = rows[index];
			if (!row) {
				continue;
			}

			for (const [lineIndex, segments] of nodeLines(row, inner, mode).entries()) {
				lines.push(<Line key={`${index}:${row.name}:${lineIndex}`} segments={segments} width={inner} selected={focused && index === selected && lineIndex === 0} />);
			}
		}
	}

	const summaryToken = summary.full ? 'status.warning' : 'text.muted';
	return (
		<Pane title={[...title, ...staleMarker(sync), ...scrollHint(window.offset, window.end, rows.length)]} width={width} height={height} focused={focused}>
			<Box flexDirection="column" flexGrow={1}>
				{lines}
			</Box>
			{summaryLines.map((text, index) => (
				<Line key={`summary-${index}`} segments={[seg(text, summaryToken, {bold: summary.full})]} width={inner} />
			))}
		</Pane>
	);
});
