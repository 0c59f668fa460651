// The focused Deployment's rollout: counts, strategy, `kubectl rollout
// status` and `kubectl rollout history` side by side, which is what parts 3
// and 4 of the lab keep switching between.
import {Box} from 'ink';
import {memo, type ReactElement} from 'react';
import type {ResourceSync} from '../../model/cluster.js';
import {formatAge} from '../../model/age.js';
import {probeSummary} from '../../model/probes.js';
import {overSurge, stepText, type RolloutSteps} from '../../model/rolloutSteps.js';
import {endpointCountsText, type DeploymentService} from '../../model/services.js';
import type {Deployment} from '../../model/types.js';
import type {RevisionRow, RolloutView} from '../../model/view.js';
import {barSegments} from '../components/bar.js';
import {Line, seg, type Segment} from '../components/Line.js';
import {Pane} from '../components/Pane.js';
import {headerSegments, rowSegments} from '../components/table.js';
import {useRowWindow} from '../hooks/useRowWindow.js';
import {layoutColumns, shortImage, width as textWidth, wrap, type Column} from '../text.js';
import {blockedLines, missingNamespaceText, staleMarker} from './paneStatus.js';
import {scrollHint} from './PodsPane.js';

// Narrow (80x24), the image goes last: it is how a bad revision is found in the history.
type RevisionColumn = 'revision' | 'containers' | 'image' | 'cpu' | 'memory' | 'cause' | 'replicas';

const columns: ReadonlyArray<Column<RevisionColumn>> = [
	{key: 'revision', header: 'REVISION', width: 8},
	{key: 'containers', header: 'CONTAINERS', width: 10, flex: true, min: 9},
	{key: 'image', header: 'IMAGE', width: 60, flex: true, min: 11, dropPriority: 4, shorten: shortImage},
	{key: 'cpu', header: 'CPU', width: 5, align: 'right', dropPriority: 2},
	{key: 'memory', header: 'MEM', width: 5, align: 'right', dropPriority: 2},
	{key: 'cause', header: 'CHANGE-CAUSE', width: 40, flex: true, min: 8, dropPriority: 1},
	{key: 'replicas', header: 'REPLICAS', width: 8, align: 'right'},
];

// Side by side with the nodes pane, kubectl's REVISION header costs a column the image needs.
const narrowColumns = columns.map(column => (column.key === 'revision' ? {...column, header: 'REV', width: 4} : column));

export interface RolloutPaneProps {
	rollout?: RolloutView;
	deployment?: Deployment;
	/** The Services that select its pods, with their endpoints. */
	services?: readonly DeploymentService[];
	/** How the controller scaled its ReplicaSets, shown in the room the history leaves. */
	steps?: RolloutSteps;
	/** The clock, for the steps' ages. */
	now?: number;
	/** Namespace searched, for the "no deployment" message. */
	namespace: string;
	/** It does not exist. */
	namespaceMissing?: boolean;
	selected: number;
	width: number;
	height: number;
	focused: boolean;
	sync?: ResourceSync;
	/** The replica sets' watch: the history comes from them. */
	historySync?: ResourceSync;
}

/** "RollingUpdate: max surge 1, max unavailable 1 (25%/25%)": resolved counts first, the spec's values after. */
export function strategyLine(rollout: RolloutView, deployment?: Deployment): string {
	const {strategy} = rollout;
	if (strategy.type !== 'RollingUpdate') {
		return strategy.type === 'Recreate' ? 'Recreate: all old pods are stopped before new ones start' : strategy.description;
	}

	const rolling = deployment?.spec?.strategy?.rollingUpdate;
	const surge = String(rolling?.maxSurge ?? '25%');
	const unavailable = String(rolling?.maxUnavailable ?? '25%');
	return `RollingUpdate: max surge ${strategy.maxSurge ?? '?'}, max unavailable ${strategy.maxUnavailable ?? '?'} (${surge}/${unavailable})`;
}

function joined(values: readonly string[]): string {
	const distinct = values.filter(Boolean);
	return distinct.length > 0 ? distinct.join(',') : '-';
}

function revisionCells(row: RevisionRow): Record<RevisionColumn, Segment> {
	const token = row.current ? 'status.ok' : 'text.primary';
	return {
		revision: seg(`${row.current ? '●' : ' '} ${row.revision}`, token, {bold: row.current}),
		containers: seg(joined(row.containers.map(c => c.name)), token),
		image: seg(joined(row.containers.map(c => c.image)), 'text.muted'),
		cpu: seg(joined(row.containers.map(c => c.cpuRequest)), 'text.primary'),
		memory: seg(joined(row.containers.map(c => c.memoryRequest)), 'text.primary'),
		cause: seg(row.changeCause, 'text.muted'),
		replicas: seg(`${row.readyReplicas}/${row.replicas}`, row.replicas > 0 && row.readyReplicas < row.replicas ? 'status.warning' : 'text.primary'),
	};
}

/** The template's probes, as lab part 2 sets them: per container when there are several. */
function probeSegments(deployment: Deployment | undefined): Segment[] {
	const containers = deployment?.spec?.template?.spec?.containers ?? [];
	const several = containers.length > 1;
	return containers.flatMap((container, index) => [
		...(index > 0 ? [seg(' │ ', 'text.muted')] : []),
		...(several ? [seg(`${container.name}: `, 'text.primary')] : []),
		seg(probeSummary(container), container.livenessProbe || container.readinessProbe ? 'text.primary' : 'text.muted'),
	]);
}

/** "· svc/todoapi 3 ready, 1 not ready": where the Service sends traffic, and which pods it holds back (lab part 2). */
export function serviceSegments(services: readonly DeploymentService[]): Segment[] {
	return services.flatMap(service => [
		seg(' · ', 'text.muted'),
		seg(`svc/${service.name} `, 'text.primary'),
		seg(endpointCountsText(service.counts), service.counts.notReady > 0 || service.counts.ready === 0 ? 'status.warning' : 'status.ok', {bold: service.counts.notReady > 0}),
	]);
}

/** A heading and the newest steps that fit, oldest of them first, as `kubectl get events` lists ScalingReplicaSet. */
function stepLines(steps: RolloutSteps, room: number, inner: number, now: number): ReactElement[] {
	const shown = steps.steps.slice(-(room - 1));
	const lines = [<Line key="steps-head" width={inner} segments={[seg(`Steps: the ReplicaSets scaled (${shown.length} of ${steps.steps.length}, newest last)`, 'text.muted', {bold: true})]} />];
	shown.forEach((step, index) => {
		const age = step.atMs === undefined ? '     ·' : formatAge(now - step.atMs).padStart(6);
		const token = overSurge(step) ? 'status.warning' : step.merged ? 'text.muted' : 'text.primary';
		lines.push(<Line key={`step-${index}`} width={inner} segments={[seg(`${age} `, 'text.muted'), seg(stepText(step), token)]} />);
	});
	return lines;
}

function statusToken(rollout: RolloutView) {
	if (rollout.status.error) {
		return 'status.error' as const;
	}

	return rollout.status.done ? ('status.ok' as const) : ('status.progress' as const);
}

// Memoized: a keypress in one pane re-renders only that pane.
export const RolloutPane = memo(function RolloutPane({rollout, deployment, services = [], steps, now = Date.now(), namespace, namespaceMissing, selected, width, height, focused, sync, historySync}: RolloutPaneProps) {
	const inner = width - 2;
	const blocked = blockedLines(sync, 'deployments', rollout !== undefined, inner, height - 2);
	const title: Segment[] = [seg('Rollout', 'text.title', {bold: true})];
	const lines: ReactElement[] = [];
	let history: RevisionRow[] = [];
	let capacity = 0;
	if (blocked) {
		lines.push(...blocked.map((segments, index) => <Line key={`blocked-${index}`} segments={segments} width={inner} />));
	} else if (rollout) {
		title.push(seg(` deployment/${rollout.name}`, 'accent'), ...serviceSegments(services));
		if (rollout.paused) {
			title.push(seg(' · ', 'text.muted'), seg('paused', 'status.warning', {bold: true}));
		}

		const token = statusToken(rollout);
		const counts = (
			<Line
				key="counts"
				width={inner}
				segments={[
					seg('desired ', 'text.muted'),
					seg(String(rollout.desired), 'text.primary', {bold: true}),
					seg('  updated ', 'text.muted'),
					seg(String(rollout.updated), rollout.updated < rollout.desired ? 'status.progress' : 'text.primary', {bold: true}),
					seg('  ready ', 'text.muted'),
					seg(String(rollout.ready), rollout.ready < rollout.desired ? 'status.warning' : 'text.primary', {bold: true}),
					seg('  available ', 'text.muted'),
					seg(String(rollout.available), rollout.available < rollout.desired ? 'status.warning' : 'text.primary', {bold: true}),
				]}
			/>
		);
		const strategy = <Line key="strategy" width={inner} segments={[seg(strategyLine(rollout, deployment), 'text.muted')]} />;
		const probes = <Line key="probes" width={inner} segments={probeSegments(deployment)} />;
		const percentText = ` ${Math.round(rollout.progress * 100)}%`;
		const bar = (
			<Line
				key="bar"
				width={inner}
				segments={[...barSegments(rollout.progress, Math.max(4, Math.min(40, inner - percentText.length)), {fullToken: 'status.ok', fillToken: rollout.status.error ? 'status.error' : 'bar.filled'}), seg(percentText, token, {bold: true})]}
			/>
		);
		const statusText = rollout.status.error ?? rollout.status.message;
		const statusLines = wrap(statusText, inner, 2).map((text, index) => <Line key={`status-${index}`} width={inner} segments={[seg(text, token)]} />);
		// On one line, kubectl's "Waiting for deployment … to finish:" preamble would push out the numbers.
		const oneLine = <Line key="status-short" width={inner} segments={[seg(textWidth(statusText) > inner ? statusText.replace(/^Waiting for deployment "[^"]*" rollout to finish: /, '') : statusText, token)]} />;
		// A short pane keeps the counts and the status, then gives the history
		// at least two rows before the bar, the second status line and the strategy.
		const room = height - 2;
		const historyWant = rollout.revisions.length > 0 ? 1 + Math.min(2, rollout.revisions.length) : 1;
		const budget = Math.max(2, room - historyWant);
		const wanted = [statusLines.length > 1 ? 'status2' : undefined, 'bar', 'strategy', 'probes'].filter(Boolean);
		const optional = new Set(wanted.slice(0, Math.max(0, budget - 2)));
		lines.push(counts);
		if (optional.has('strategy')) {
			lines.push(strategy);
		}

		if (optional.has('probes')) {
			lines.push(probes);
		}

		if (optional.has('bar')) {
			lines.push(bar);
		}

		lines.push(...(optional.has('status2') ? statusLines : [oneLine]));
		history = rollout.revisions;
		capacity = Math.max(0, height - 2 - lines.length - 1);
		// The room the history does not need (a zoomed pane, a short history) shows the latest steps.
		const spare = capacity - history.length - 1;
		if (steps && steps.steps.length > 0 && spare >= 2) {
			lines.push(...stepLines(steps, spare, inner, now));
			capacity = Math.max(0, height - 2 - lines.length - 1);
		}
	} else if (sync?.state === 'connecting') {
		lines.push(<Line key="loading" width={inner} segments={[seg('loading deployments…', 'text.muted')]} />);
	} else if (namespace && namespaceMissing) {
		lines.push(<Line key="none" width={inner} segments={[seg(missingNamespaceText(namespace), 'status.warning')]} />);
	} else {
		lines.push(<Line key="none" width={inner} segments={[seg(`No deployments in ${namespace || 'any namespace'}`, 'text.muted')]} />);
	}

	// Without replica sets the status still shows; only the history gives way to the reason.
	const historyBlocked = rollout && !blocked ? blockedLines(historySync, 'replica sets', history.length > 0, inner, Math.max(1, capacity + 1)) : undefined;
	if (historyBlocked) {
		history = [];
		lines.push(...historyBlocked.map((segments, index) => <Line key={`history-blocked-${index}`} segments={segments} width={inner} />));
	}

	const window = useRowWindow(history.length, selected, capacity);
	const laidOut = layoutColumns(inner >= 80 ? columns : narrowColumns, inner);
	if (rollout && !blocked && !historyBlocked && capacity > 0) {
		lines.push(<Line key="history-header" width={inner} segments={headerSegments(laidOut)} />);
		for (let index = window.offset; index < window.end; index++) {
			const row = history[index];
			if (!row) {
				continue;
			}

			const cells = revisionCells(row);
			const segments = rowSegments(laidOut, cells);
			lines.push(<Line key={`revision-${index}-${row.revision}`} width={inner} segments={segments} selected={focused && index === selected} />);
		}

		if (history.length === 0) {
			lines.push(<Line key="no-history" width={inner} segments={[seg('No rollout history found.', 'text.muted')]} />);
		}
	}

	return (
		<Pane title={[...title, ...staleMarker(sync?.state === 'synced' ? historySync : sync), ...scrollHint(window.offset, window.end, history.length)]} width={width} height={height} focused={focused}>
			<Box flexDirection="column">{lines}</Box>
		</Pane>
	);
});
