// Describe output compared as kubectl prints it, field by field: the fields of a
// line are separated by two spaces or more, and an age (which moves with the
// clock) compares equal to any other age.

/** A line's fields (kubectl separates them by two spaces or more), an age field replaced by AGE. */
export function fields(text: string): string[][] {
	const age = /^(<unknown>|\d+[smhdy](\d+[smh])?)( \(x\d+ over (\d+[smhdy](\d+[smh])?)\))?$/;
	return text
		.trimEnd()
		.split('\n')
		.map(line =>
			line
				.trim()
				.split(/ {2,}/)
				.map(field => (age.test(field.trim()) ? 'AGE' : field.trim())),
		);
}
