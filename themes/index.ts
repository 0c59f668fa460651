import {defaultPalette} from './default.js';
import {lightPalette} from './light.js';
import {monoPalette} from './mono.js';
import type {Palette, Theme} from './tokens.js';

export {tokens, type Palette, type Theme, type Token} from './tokens.js';

const palettes: Readonly<Record<string, Palette>> = {
	default: defaultPalette,
	light: lightPalette,
	mono: monoPalette,
};

export const themeNames: readonly string[] = Object.keys(palettes);

function themeOf(name: string, palette: Palette): Theme {
	return {name, palette, colorless: name === 'mono'};
}

/**
 * The theme to draw with. NO_COLOR (any non-empty value, per no-color.org)
 * wins over the requested name, but an unknown name is still an error so a
 * typo in a flag is never silently ignored.
 */
export function resolveTheme(name?: string, env: NodeJS.ProcessEnv = process.env): Theme {
	const requested = name ?? 'default';
	const palette = palettes[requested];
	if (!palette) {
		throw new Error(`unknown theme "${requested}"; valid themes are: ${themeNames.join(', ')}`);
	}

	if (env['NO_COLOR']) {
		return themeOf('mono', monoPalette);
	}

	return themeOf(requested, palette);
}
