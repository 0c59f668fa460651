import {createContext, useContext} from 'react';
import type {Theme, Token} from '../../themes/index.js';
import {resolveTheme} from '../../themes/index.js';

export const ThemeContext = createContext<Theme>(resolveTheme('default', {}));

export function useTheme(): Theme {
	return useContext(ThemeContext);
}

export interface TextStyle {
	color?: string;
	backgroundColor?: string;
	bold?: boolean;
	dimColor?: boolean;
	inverse?: boolean;
}

/**
 * How a token looks. Without colour, meaning moves to weight: muted text is
 * dim, warnings and errors are bold, so a Pending pod still stands out.
 */
export function tokenStyle(theme: Theme, token: Token): TextStyle {
	if (!theme.colorless) {
		return {color: theme.palette[token]};
	}

	switch (token) {
		case 'text.muted':
		case 'bar.empty':
		case 'border.default': {
			return {dimColor: true};
		}

		case 'status.warning':
		case 'status.error':
		case 'bar.full':
		case 'text.title':
		case 'key': {
			return {bold: true};
		}

		default: {
			return {};
		}
	}
}

export function selectionStyle(theme: Theme): TextStyle {
	return theme.colorless ? {inverse: true} : {backgroundColor: theme.palette.selection, color: theme.palette['selection.text']};
}
