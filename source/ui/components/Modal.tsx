// A box drawn over the panes. Ink has no z-order, so every line is padded to
// the full width and the box comes last in the tree to overwrite what is under it.
import {Box} from 'ink';
import type {ReactNode} from 'react';
import {tokenStyle, useTheme} from '../theme.js';
import {Line, seg} from './Line.js';

interface ModalProps {
	title: string;
	/** Space the modal is centred in. */
	areaWidth: number;
	areaHeight: number;
	width: number;
	/** Content lines, without the border. */
	height: number;
	children: ReactNode;
}

export function Modal({title, areaWidth, areaHeight, width, height, children}: ModalProps) {
	const theme = useTheme();
	const border = tokenStyle(theme, 'border.focused');
	const boxWidth = Math.min(width, areaWidth);
	const boxHeight = Math.min(height + 3, areaHeight);
	// The rows the box is on are blanked out to the panes' outer borders. Ink
	// composes an overlay cell by cell, and a wide character (CJK, emoji)
	// beneath, cut in half by the box's edge, would still take both its cells
	// and push the rest of the row one cell out of line; the outer border
	// columns never hold one, so the blank band stops there and keeps them.
	const band = boxWidth <= areaWidth - 2 ? 1 : 0;
	const left = Math.max(0, Math.floor((areaWidth - boxWidth) / 2) - band);
	const right = Math.max(0, areaWidth - 2 * band - left - boxWidth);
	const blank = (size: number) =>
		size > 0 ? (
			<Box flexDirection="column" width={size} height={boxHeight}>
				{Array.from({length: boxHeight}, (_, index) => (
					<Line key={index} fill width={size} segments={[]} />
				))}
			</Box>
		) : null;
	return (
		<Box position="absolute" marginTop={Math.max(0, Math.floor((areaHeight - boxHeight) / 2))} marginLeft={band} width={areaWidth - 2 * band} height={boxHeight} flexDirection="row" overflow="hidden">
			{blank(left)}
			<Box width={boxWidth} height={boxHeight} flexDirection="column" borderStyle={theme.colorless ? 'double' : 'round'} borderColor={border.color} overflow="hidden">
				<Line fill width={boxWidth - 2} segments={[seg(` ${title}`, 'text.title', {bold: true})]} />
				<Box flexDirection="column" height={boxHeight - 3} overflow="hidden">
					{children}
				</Box>
			</Box>
			{blank(right)}
		</Box>
	);
}
