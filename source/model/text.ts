// Text from the API shown in one terminal row.

// Every character a terminal or the Unicode standard treats as a line break.
const lineBreaks = /\s*[\r\n\v\f\u0085\u2028\u2029]+\s*/g;

/** Trimmed, with line breaks (and the spaces around them) folded into one space. */
export function oneLine(text: string): string {
	return text.trim().replace(lineBreaks, ' ');
}
