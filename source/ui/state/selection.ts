// Which row of each pane is selected, resolved against the rows on screen.
// The view and the key handler both ask here, so a key handled before the
// next frame (several keys in one stdin chunk) starts from the store's
// selection, not from the one the last frame drew.
import type {PaneDeclaration} from '../panes/pane.js';
import type {Selection} from './uiState.js';
import {resolveSelection} from './window.js';

export function selectedIndex<Row>(pane: PaneDeclaration<Row>, rows: readonly Row[], selection: Selection | undefined): number {
	const chosen = selection ?? {index: 0};
	if (chosen.key === undefined && pane.initialIndex && rows.length > 0) return pane.initialIndex(rows);
	return resolveSelection(rows, row => pane.rowKey(row), chosen);
}
