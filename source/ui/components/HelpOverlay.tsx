// Help, generated from the key table: every bound key appears here, and
// nothing appears here that is not bound.
import {Box} from 'ink';
import type {ReactElement} from 'react';
import {commands, editingKeys, formatKeys, type Scope} from '../keys.js';
import {Line, seg, type Segment} from './Line.js';
import {Modal} from './Modal.js';

const sections: ReadonlyArray<{scope: Scope | 'edit'; title: string}> = [
	{scope: 'global', title: 'Anywhere'},
	{scope: 'pane', title: 'In the focused pane'},
	{scope: 'edit', title: 'In a prompt'},
];

export function helpLines(readonly: boolean): Segment[][] {
	const keyWidth = 16;
	const lines: Segment[][] = [];
	for (const section of sections) {
		if (lines.length > 0) {
			lines.push([]);
		}

		lines.push([seg(section.title, 'accent', {bold: true})]);
		if (section.scope === 'edit') {
			for (const entry of editingKeys) {
				lines.push([seg(`  ${entry.keys.padEnd(keyWidth)}`, 'key', {bold: true}), seg(entry.description, 'text.primary')]);
			}

			continue;
		}

		for (const command of commands.filter(c => c.scope === section.scope)) {
			const disabled = readonly && command.mutates;
			lines.push([
				seg(`  ${formatKeys(command).padEnd(keyWidth)}`, disabled ? 'text.muted' : 'key', {bold: !disabled}),
				seg(command.description, disabled ? 'text.muted' : 'text.primary'),
				...(disabled ? [seg('  (disabled: read-only)', 'status.warning')] : []),
			]);
		}
	}

	return lines;
}

interface HelpOverlayProps {
	areaWidth: number;
	areaHeight: number;
	readonly: boolean;
}

export function HelpOverlay({areaWidth, areaHeight, readonly}: HelpOverlayProps) {
	const lines = helpLines(readonly);
	const maxContent = Math.max(1, areaHeight - 3);
	// Too tall for the terminal: flow into two columns rather than hide keys.
	const columnCount = lines.length > maxContent && areaWidth >= 80 ? 2 : 1;
	const perColumn = Math.ceil(lines.length / columnCount);
	const width = Math.min(areaWidth, columnCount === 2 ? areaWidth : 100);
	const columnWidth = Math.floor((width - 2) / columnCount);
	const columns: ReactElement[] = [];
	for (let column = 0; column < columnCount; column++) {
		const slice = lines.slice(column * perColumn, (column + 1) * perColumn);
		columns.push(
			<Box key={column} flexDirection="column" width={columnWidth}>
				{slice.map((segments, index) => (
					// eslint-disable-next-line react/no-array-index-key
					<Line key={index} fill width={columnWidth} segments={segments} />
				))}
			</Box>,
		);
	}

	return (
		<Modal title="Keys  (? or esc to close)" areaWidth={areaWidth} areaHeight={areaHeight} width={width} height={Math.min(perColumn, maxContent)}>
			<Box flexDirection="row">{columns}</Box>
		</Modal>
	);
}
