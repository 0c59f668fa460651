// Where each pane goes for a terminal size. Computed, not measured, so a
// frame is laid out in one pass and snapshot mode gets the same picture.
import type {PaneId} from './state/uiState.js';

export interface PaneBox {
	width: number;
	height: number;
}

export interface Frame {
	/** Root height: one less than the terminal, or Ink redraws the whole screen each frame and flickers (ink#450). */
	height: number;
	bodyHeight: number;
	panes: Partial<Record<PaneId, PaneBox>>;
}

/** Status line, message line, footer. */
const chromeLines = 3;

/**
 * The smallest terminal the panes are laid out in. Below 18 rows the nodes
 * pane has no line left for a node beside its summary; below 60 columns the
 * node and rollout panes, side by side, cut every value short.
 */
export const minimumSize = {columns: 60, rows: 18} as const;

export function fitsMinimum(columns: number, rows: number): boolean {
	return columns >= minimumSize.columns && rows >= minimumSize.rows;
}

export function layout(columns: number, rows: number, zoomed?: PaneId): Frame {
	const height = Math.max(chromeLines + 3, rows - 1);
	const bodyHeight = height - chromeLines;
	if (zoomed) {
		return {height, bodyHeight, panes: {[zoomed]: {width: columns, height: bodyHeight}}};
	}

	let pods = Math.max(4, Math.round(bodyHeight * 0.38));
	let middle = Math.max(4, Math.round(bodyHeight * 0.34));
	let events = bodyHeight - pods - middle;
	// Tiny terminals: keep every pane at least a title and one row, taking from the biggest.
	while (events < 3 && (pods > 4 || middle > 4)) {
		if (pods >= middle) {
			pods--;
		} else {
			middle--;
		}

		events++;
	}

	const nodesWidth = Math.floor(columns / 2);
	// Below three lines a pane is only borders: leave events out (z still shows it) and give pods the room.
	const withEvents = events >= 3;
	return {
		height,
		bodyHeight,
		panes: {
			pods: {width: columns, height: withEvents ? pods : pods + events},
			nodes: {width: nodesWidth, height: middle},
			rollout: {width: columns - nodesWidth, height: middle},
			...(withEvents ? {events: {width: columns, height: events}} : {}),
		},
	};
}
