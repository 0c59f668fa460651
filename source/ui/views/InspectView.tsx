// The full-screen inspect view: a title naming the object, only the lines
// that fit, and a last line for the search, a question, or the keys.
import {Box} from 'ink';
import {memo, type ReactElement} from 'react';
import {objectLabel} from '../../model/objectRef.js';
import {Line, seg, type Segment} from '../components/Line.js';
import {Pane} from '../components/Pane.js';
import type {InspectView as InspectState} from '../state/uiState.js';
import type {InspectLine} from './inspectText.js';
import {plainText} from './inspectText.js';
import type {Inspected} from './useInspected.js';

/** Lines of text the view has room for: the box's borders and the last line take three. */
export function inspectPageSize(height: number): number {
	return Math.max(1, height - 3);
}

/** The first line shown: the one asked for, but never past the last page. */
export function clampTop(top: number, count: number, pageSize: number): number {
	return Math.max(0, Math.min(top, count - pageSize));
}

const modeWords = {describe: 'describe', yaml: 'yaml', message: 'message'} as const;

function bottomLine(view: InspectState): Segment[] {
	if (view.search) return [seg('/', 'accent'), seg(view.search.value, 'text.primary'), seg('▏', 'accent'), seg('  enter find · esc cancel', 'text.muted')];
	if (view.confirm === 'reveal') return [seg(`Show the values of ${objectLabel(view.target)} on screen? `, 'status.warning', {bold: true}), seg('y/n', 'key')];
	const keys = view.mode === 'yaml' ? `m managedFields ${view.managedFields ? 'shown' : 'hidden'} · ${view.target.resource.kind === 'Secret' ? `x values ${view.reveal ? 'shown' : 'masked'} · ` : ''}` : '';
	const query = view.query ? `n/N next/prev "${view.query}" · ` : '';
	return [seg(`j/k scroll · / search · ${query}${keys}esc back`, 'text.muted')];
}

export interface InspectViewProps {
	view: InspectState;
	inspected: Inspected;
	lines: readonly InspectLine[];
	width: number;
	height: number;
}

export const InspectView = memo(function InspectView({view, inspected, lines, width, height}: InspectViewProps) {
	const inner = width - 2;
	const pageSize = inspectPageSize(height);
	const top = clampTop(view.top, lines.length, pageSize);
	const end = Math.min(lines.length, top + pageSize);
	const needle = view.query?.toLowerCase();
	const drawn: ReactElement[] = [];
	if (inspected.state !== 'live' && inspected.message) {
		drawn.push(<Line key="state" segments={[seg(inspected.message, inspected.state === 'loading' ? 'text.muted' : inspected.state === 'deleted' ? 'status.warning' : 'status.error', {bold: inspected.state !== 'loading'})]} width={inner} />);
	}
	for (let index = top; index < end && drawn.length < pageSize; index++) {
		const line = lines[index]!;
		drawn.push(<Line key={index} segments={line} width={inner} selected={index === top && needle !== undefined && plainText(line).toLowerCase().includes(needle)} />);
	}
	const title: Segment[] = [seg(modeWords[view.mode], 'text.title', {bold: true}), seg(' '), seg(objectLabel(view.target), 'accent')];
	if (view.target.namespace) title.push(seg(` (${view.target.namespace})`, 'text.muted'));
	if (inspected.state === 'deleted') title.push(seg(' · deleted', 'status.warning', {bold: true}));
	if (lines.length > pageSize) title.push(seg(` · ${top + 1}-${end} of ${lines.length}`, 'text.muted'));
	return (
		<Pane title={title} width={width} height={height} focused>
			<Box flexDirection="column" height={pageSize}>
				{drawn}
			</Box>
			<Line segments={bottomLine(view)} width={inner} />
		</Pane>
	);
});
