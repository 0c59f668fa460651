// Shown instead of the panes when the terminal is too small for them: a
// clear sentence beats a layout whose every cell is cut short.
import {Box} from 'ink';
import {minimumSize} from '../layout.js';
import {wrap} from '../text.js';
import {Line, seg} from './Line.js';

export function tooSmallMessage(columns: number, rows: number): string {
	return `k8slab needs at least ${minimumSize.columns}×${minimumSize.rows} (this terminal is ${columns}×${rows}) — enlarge it or press q to quit`;
}

export function TooSmall({columns, rows}: {columns: number; rows: number}) {
	// One line less than the terminal, as for the full view (ink#450).
	const height = Math.max(1, rows - 1);
	const lines = wrap(tooSmallMessage(columns, rows), columns, height);
	return (
		<Box flexDirection="column" width={columns} height={height} justifyContent="center" alignItems="center" overflowY="hidden">
			{lines.map((text, index) => (
				<Line key={index} width={columns} segments={[seg(text, 'status.warning', {bold: true})]} />
			))}
		</Box>
	);
}
