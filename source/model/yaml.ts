// An object as `kubectl get -o yaml` prints it (keys sorted), with
// managedFields left out unless asked for, and a Secret's values masked
// unless the user asked to see them: a value on screen is a value in a
// screenshot, a recording or a shared terminal.
import yaml from 'js-yaml';

export interface YamlOptions {
	/** The object is a Secret (by the resource it was read from; the object's own kind may be missing). */
	secret: boolean;
	managedFields: boolean;
	/** Show a Secret's data and stringData values. */
	reveal: boolean;
}

const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';

/** What a masked value says instead: how big it is, never what it is. */
export function maskedValue(value: unknown, base64: boolean): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
	const bytes = base64 ? Buffer.from(text, 'base64').length : Buffer.byteLength(text);
	return `<hidden: ${bytes} bytes>`;
}

export function objectYaml(object: any, options: YamlOptions): string {
	const copy = structuredClone(object ?? {});
	if (!options.managedFields && copy.metadata) delete copy.metadata.managedFields;
	if ((options.secret || copy.kind === 'Secret') && !options.reveal) {
		for (const [field, base64] of [
			['data', true],
			['stringData', false],
		] as const) {
			const values = copy[field];
			if (values && typeof values === 'object') for (const key of Object.keys(values)) values[key] = maskedValue(values[key], base64);
		}
		// kubectl apply keeps the whole applied Secret, values and all, in this annotation.
		const annotations = copy.metadata?.annotations;
		if (annotations?.[lastApplied] !== undefined) annotations[lastApplied] = maskedValue(annotations[lastApplied], false);
	}
	// As kubectl writes it: list items at their key's indentation, strings in double quotes.
	return yaml.dump(copy, {sortKeys: true, lineWidth: -1, noRefs: true, noArrayIndent: true, quotingType: '"'});
}
