// A pod's log, full-screen: a title saying what is shown and how much is kept,
// the server's words when it refuses or the container is not running, then
// only the rows that fit, and the search line.
import {Box} from 'ink';
import {memo} from 'react';
import type {LogStreamStatus} from '../../model/logs.js';
import {Line, seg, type Segment} from '../components/Line.js';
import type {LogBuffer} from '../state/logBuffer.js';
import {logRows, type LogRow} from '../state/logView.js';
import type {LogsView as LogsMain} from '../state/uiState.js';

interface LogsViewProps {
	main: LogsMain;
	buffer: LogBuffer;
	status: LogStreamStatus;
	/** The buffer's revision when drawn: a new one redraws. */
	revision: number;
	width: number;
	height: number;
}

/** The server's words or what happened, shown under the title while the stream is not flowing. */
function problemOf(status: LogStreamStatus): string | undefined {
	return status.message && status.state !== 'streaming' ? status.message : undefined;
}

/** Rows left for log lines: less the title, the search line and the status's words. */
export function logRowsHeight(height: number, status: LogStreamStatus): number {
	return Math.max(0, height - 2 - (problemOf(status) ? 1 : 0));
}

function statusWords(main: LogsMain, status: LogStreamStatus): Segment {
	switch (status.state) {
		case 'connecting':
			return seg('connecting…', 'status.progress');
		case 'streaming':
			return main.top === undefined ? seg('following', 'status.ok') : seg('paused (G follows)', 'status.warning');
		case 'ended':
			return seg(main.previous ? 'previous container, complete' : 'ended', 'text.muted');
		case 'waiting':
			return seg('waiting for the container', 'status.warning');
		case 'retrying':
			return seg('reconnecting', 'status.warning');
		case 'failed':
			return seg('refused', 'status.error');
		default: {
			const _exhaustive: never = status.state;
			return _exhaustive;
		}
	}
}

/** The row's text with each match of `needle` (ignoring case) picked out. */
function highlighted(text: string, needle: string): Segment[] {
	if (!needle) return [seg(text, 'text.primary')];
	const lower = text.toLowerCase();
	const wanted = needle.toLowerCase();
	const segments: Segment[] = [];
	let from = 0;
	for (let at = lower.indexOf(wanted); at >= 0; at = lower.indexOf(wanted, at + wanted.length)) {
		if (at > from) segments.push(seg(text.slice(from, at), 'text.primary'));
		segments.push(seg(text.slice(at, at + wanted.length), 'accent', {bold: true}));
		from = at + wanted.length;
	}
	if (from < text.length) segments.push(seg(text.slice(from), 'text.primary'));
	return segments;
}

function rowLine(row: LogRow, index: number, width: number, needle: string, match: number | undefined) {
	const segments = row.time ? [seg(row.time, 'text.muted'), ...highlighted(row.text, needle)] : highlighted(row.text, needle);
	return <Line key={index} width={width} segments={segments} selected={match === row.seq} />;
}

export const LogsView = memo(function LogsView({main, buffer, status, width, height}: LogsViewProps) {
	const container = main.container ? ` ${main.container}` : '';
	const title: Segment[] = [
		seg('Logs ', 'text.title', {bold: true}),
		seg(`${main.pod.namespace}/${main.pod.name}`, 'accent', {bold: true}),
		seg(container, 'text.primary'),
		seg(main.previous ? ' (previous)' : '', 'status.warning', {bold: true}),
		seg(' · ', 'text.muted'),
		statusWords(main, status),
		seg(` · last ${buffer.capacity.toLocaleString('en-US')} lines (${buffer.size.toLocaleString('en-US')} kept)`, 'text.muted'),
		seg(` · wrap ${main.wrap ? 'on' : 'off'} · time ${main.timestamps ? 'on' : 'off'}`, 'text.muted'),
	];
	const problem = problemOf(status);
	const rowsHeight = logRowsHeight(height, status);
	const rows = logRows(buffer, {top: main.top, height: rowsHeight, width, wrap: main.wrap, timestamps: main.timestamps});
	const needle = main.search?.field.value ?? '';
	const search = main.search;
	const bottom: Segment[] = search
		? [seg('/', 'key', {bold: true}), seg(search.field.value, 'text.primary'), seg(search.typing ? '▏ enter: newest match · esc: cancel' : '  n older · N newer · esc clears', 'text.muted')]
		: [seg(buffer.size === 0 && !problem ? (status.state === 'connecting' ? 'asking the API server for the log…' : 'no lines yet') : '', 'text.muted')];
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			<Line width={width} segments={title} />
			{problem ? <Line width={width} segments={[seg(problem, status.state === 'failed' ? 'status.error' : 'status.warning')]} /> : null}
			{rows.map((row, index) => rowLine(row, index, width, needle, main.match))}
			{Array.from({length: Math.max(0, rowsHeight - rows.length)}, (_, index) => (
				<Line key={`blank${index}`} width={width} segments={[]} />
			))}
			<Line width={width} segments={bottom} />
		</Box>
	);
});
