// Semantic colour tokens. Components name what a colour means, never the
// colour itself, so a palette can be swapped without touching a component.

export const tokens = [
	'text.primary',
	'text.muted',
	'text.title',
	'border.focused',
	'border.default',
	'status.ok',
	'status.progress',
	'status.warning',
	'status.error',
	'bar.filled',
	'bar.empty',
	'bar.full',
	'selection',
	'selection.text',
	'accent',
	'key',
] as const;

export type Token = (typeof tokens)[number];

/** A colour Ink understands ("#rrggbb", a named colour) or undefined for "terminal default". */
export type Palette = Readonly<Record<Token, string | undefined>>;

export interface Theme {
	name: string;
	palette: Palette;
	/**
	 * Without colour, selection and emphasis fall back to inverse and bold so
	 * that the selected row stays findable (NO_COLOR, mono).
	 */
	colorless: boolean;
}
