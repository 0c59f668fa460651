// A bordered pane whose title sits in the top border, as in k9s. Ink cannot
// put text in a border, so the top edge is drawn as a line of its own.
import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {tokenStyle, useTheme} from '../theme.js';
import {fit, width as textWidth} from '../text.js';
import type {Segment} from './Line.js';

interface PaneProps {
	title: readonly Segment[];
	width: number;
	height: number;
	focused: boolean;
	children: ReactNode;
}

export function Pane({title, width, height, focused, children}: PaneProps) {
	const theme = useTheme();
	const borderToken = focused ? 'border.focused' : 'border.default';
	const border = tokenStyle(theme, borderToken);
	const titleWidth = title.reduce((sum, segment) => sum + textWidth(segment.text), 0);
	const room = Math.max(0, width - 5);
	// Always through clip: it also makes control characters in names visible.
	const shown = clip(title, room);
	const used = Math.min(titleWidth, room);
	const rest = Math.max(0, width - 5 - used);
	// The focused pane gets a heavy border as well as the focus colour, so focus
	// shows without colour too (NO_COLOR, plain-text snapshots).
	const heavy = focused;
	const edge = heavy ? {left: '┏━ ', line: '━', right: '┓'} : {left: '╭─ ', line: '─', right: '╮'};
	return (
		<Box flexDirection="column" width={width} height={height} flexShrink={0}>
			<Text wrap="truncate">
				<Text {...border} bold={focused}>
					{edge.left}
				</Text>
				{shown.map((segment, index) => {
					const style = segment.token ? tokenStyle(theme, segment.token) : {};
					return (
						<Text key={index} {...style} bold={segment.bold ?? (focused || style.bold)} inverse={theme.colorless && focused && index === 0} dimColor={segment.dim ?? style.dimColor}>
							{segment.text}
						</Text>
					);
				})}
				<Text {...border} bold={focused}>{` ${edge.line.repeat(rest)}${edge.right}`}</Text>
			</Text>
			<Box
				// Ink applies only changed style keys on update, and a new borderStyle alone
				// brings back the top border turned off here; a fresh node gets all styles.
				key={heavy ? 'heavy' : 'light'}
				flexDirection="column"
				width={width}
				height={height - 1}
				borderStyle={heavy ? 'bold' : 'round'}
				borderTop={false}
				borderColor={border.color}
				borderDimColor={border.dimColor}
				// Vertical clipping only: it is a cheap slice of lines, while horizontal
				// clipping re-parses every line each frame. Lines are already cut to width.
				overflowY="hidden"
			>
				{children}
			</Box>
		</Box>
	);
}

function clip(segments: readonly Segment[], room: number): Segment[] {
	const result: Segment[] = [];
	let left = room;
	for (const segment of segments) {
		if (left <= 0) {
			break;
		}

		const text = fit(segment.text, left, {pad: false});
		result.push({...segment, text});
		left -= textWidth(text);
	}

	return result;
}
