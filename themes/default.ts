import type {Palette} from './tokens.js';

// Dark terminals: bright foregrounds, a slate selection bar (k9s-like).
export const defaultPalette: Palette = {
	// The terminal's own foreground: fits the user's palette, and unstyled text is cheaper to draw every frame.
	'text.primary': undefined,
	'text.muted': '#7b8496',
	'text.title': '#8fbcff',
	'border.focused': '#5fafff',
	'border.default': '#4c566a',
	'status.ok': '#8fd18f',
	'status.progress': '#6cb6ff',
	'status.warning': '#f0c060',
	'status.error': '#ff6b6b',
	'bar.filled': '#6cb6ff',
	'bar.empty': '#3b4252',
	'bar.full': '#ff6b6b',
	selection: '#2e4a6b',
	'selection.text': '#ffffff',
	accent: '#c792ea',
	key: '#f0c060',
};
