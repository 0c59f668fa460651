import {tokens, type Palette, type Token} from './tokens.js';

// No colour at all: every token is the terminal default. Emphasis comes from
// bold/inverse/dim, which NO_COLOR permits.
export const monoPalette: Palette = Object.fromEntries(tokens.map((token: Token) => [token, undefined])) as Record<Token, undefined>;
