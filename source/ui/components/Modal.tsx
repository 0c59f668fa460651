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
	return (
		<Box
			position="absolute"
			marginTop={Math.max(0, Math.floor((areaHeight - boxHeight) / 2))}
			marginLeft={Math.max(0, Math.floor((areaWidth - boxWidth) / 2))}
			width={boxWidth}
			height={boxHeight}
			flexDirection="column"
			borderStyle={theme.colorless ? 'double' : 'round'}
			borderColor={border.color}
			overflow="hidden"
		>
			<Line fill width={boxWidth - 2} segments={[seg(` ${title}`, 'text.title', {bold: true})]} />
			<Box flexDirection="column" height={boxHeight - 3} overflow="hidden">
				{children}
			</Box>
		</Box>
	);
}
