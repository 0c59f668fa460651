// Where each pane goes for a terminal size. Computed, not measured, so a
// frame is laid out in one pass and snapshot mode gets the same picture.

export interface PaneBox {
	width: number;
	height: number;
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

/** The panes of one band, left to right, and the band's height. */
export interface Band {
	height: number;
	panes: ReadonlyArray<{id: string; width: number}>;
}

export interface Frame {
	/** Root height: one less than the terminal, or Ink redraws the whole screen each frame and flickers (ink#450). */
	height: number;
	bodyHeight: number;
	bands: readonly Band[];
	panes: Readonly<Record<string, PaneBox>>;
}

/**
 * The lab's bands: the top (pods) takes 38% of the body, the middle 34%, the
 * bottom the rest; panes in a band share its width. A band with no panes
 * gives its lines to the top.
 */
export function layout(columns: number, rows: number, panes: ReadonlyArray<{id: string; band: 'top' | 'middle' | 'bottom'}>, zoomed?: string): Frame {
	const height = Math.max(chromeLines + 3, rows - 1);
	const bodyHeight = height - chromeLines;
	const zoomedPane = zoomed === undefined ? undefined : panes.find(pane => pane.id === zoomed);
	if (zoomedPane) {
		return {height, bodyHeight, bands: [{height: bodyHeight, panes: [{id: zoomedPane.id, width: columns}]}], panes: {[zoomedPane.id]: {width: columns, height: bodyHeight}}};
	}

	const inBand = (band: 'top' | 'middle' | 'bottom') => panes.filter(pane => pane.band === band);
	let top = Math.max(4, Math.round(bodyHeight * 0.38));
	let middle = inBand('middle').length > 0 ? Math.max(4, Math.round(bodyHeight * 0.34)) : 0;
	let bottom = bodyHeight - top - middle;
	// Tiny terminals: keep every pane at least a title and one row, taking from the biggest.
	while (bottom < 3 && (top > 4 || middle > 4)) {
		if (top >= middle) {
			top--;
		} else {
			middle--;
		}

		bottom++;
	}

	// Below three lines a pane is only borders: leave the bottom out (z still shows it) and give the top the room.
	const withBottom = bottom >= 3 && inBand('bottom').length > 0;
	const bands: Band[] = [];
	const boxes: Record<string, PaneBox> = {};
	const add = (band: 'top' | 'middle' | 'bottom', bandHeight: number) => {
		const members = inBand(band);
		if (members.length === 0 || bandHeight <= 0) return;
		const share = Math.floor(columns / members.length);
		const laid = members.map((pane, index) => ({id: pane.id, width: index === members.length - 1 ? columns - share * (members.length - 1) : share}));
		for (const pane of laid) boxes[pane.id] = {width: pane.width, height: bandHeight};
		bands.push({height: bandHeight, panes: laid});
	};
	add('top', withBottom ? top : top + bottom);
	add('middle', middle);
	if (withBottom) add('bottom', bottom);
	return {height, bodyHeight, bands, panes: boxes};
}
