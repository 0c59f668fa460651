import type {Palette} from './tokens.js';

// Light terminals: dark, saturated foregrounds that keep contrast on white.
export const lightPalette: Palette = {
	'text.primary': undefined,
	'text.muted': '#6e7781',
	'text.title': '#0550ae',
	'border.focused': '#0969da',
	'border.default': '#afb8c1',
	'status.ok': '#1a7f37',
	'status.progress': '#0969da',
	'status.warning': '#9a6700',
	'status.error': '#cf222e',
	'bar.filled': '#0969da',
	'bar.empty': '#d0d7de',
	'bar.full': '#cf222e',
	selection: '#ddf4ff',
	'selection.text': '#0a3069',
	accent: '#8250df',
	key: '#953800',
};
