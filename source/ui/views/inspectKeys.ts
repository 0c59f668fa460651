// The keys of the full-screen inspect view (describe, YAML, messages),
// declared once: the view's handler matches these bindings, and help and the
// README list them (through the registry's promptKeys).
import type {Key} from 'ink';
import type {KeyBinding, PromptKey} from '../commandTypes.js';

/** What the view's key handler needs of the frame: the lines as text (for search) and a page's height. */
export interface InspectFrame {
	lines: readonly string[];
	pageSize: number;
}

export type InspectKeyId = 'lineDown' | 'lineUp' | 'pageDown' | 'pageUp' | 'first' | 'last' | 'search' | 'nextMatch' | 'previousMatch' | 'managedFields' | 'reveal' | 'close';

interface InspectKey {
	id: InspectKeyId;
	bindings: readonly KeyBinding[];
}

export const inspectKeys: readonly InspectKey[] = [
	{id: 'lineDown', bindings: [{key: 'downArrow'}, {input: 'j'}]},
	{id: 'lineUp', bindings: [{key: 'upArrow'}, {input: 'k'}]},
	{id: 'pageDown', bindings: [{key: 'pageDown'}, {input: 'f', ctrl: true}, {input: ' '}]},
	{id: 'pageUp', bindings: [{key: 'pageUp'}, {input: 'b', ctrl: true}]},
	{id: 'first', bindings: [{input: 'g'}, {key: 'home'}]},
	{id: 'last', bindings: [{input: 'G'}, {key: 'end'}]},
	{id: 'search', bindings: [{input: '/'}]},
	{id: 'nextMatch', bindings: [{input: 'n'}]},
	{id: 'previousMatch', bindings: [{input: 'N'}]},
	{id: 'managedFields', bindings: [{input: 'm'}]},
	{id: 'reveal', bindings: [{input: 'x'}]},
	{id: 'close', bindings: [{key: 'escape'}, {input: 'q'}]},
];

/** For help and the README, a row per group of keys; every id is in one (checked below). */
const docs = [
	{ids: ['lineDown', 'lineUp', 'pageDown', 'pageUp', 'first', 'last'], keys: 'j k ↑ ↓ pgup pgdn space g G', description: 'Describe/YAML view: scroll a line, a page, to either end'},
	{ids: ['search', 'nextMatch', 'previousMatch'], keys: '/ then n N', description: 'Describe/YAML view: search, then the next / previous match'},
	{ids: ['managedFields'], keys: 'm', description: 'YAML view: show or hide managedFields'},
	{ids: ['reveal'], keys: 'x', description: 'YAML view of a Secret: show its values (asks y/n first)'},
	{ids: ['close'], keys: 'esc / q', description: 'Describe/YAML view: back, the selection kept'},
] as const satisfies ReadonlyArray<{ids: readonly InspectKeyId[]} & PromptKey>;
// A key left out of the docs would work but not be documented: make that a compile error.
const documented: Exclude<InspectKeyId, (typeof docs)[number]['ids'][number]> extends never ? true : never = true;

function matches(binding: KeyBinding, input: string, key: Key): boolean {
	if ((binding.ctrl ?? false) !== key.ctrl) return false;
	if (binding.key) return key[binding.key] && (binding.key !== 'escape' || input === '');
	return binding.input === input && !key.meta;
}

export function matchInspectKey(input: string, key: Key): InspectKeyId | undefined {
	return inspectKeys.find(each => each.bindings.some(binding => matches(binding, input, key)))?.id;
}

export const inspectKeyDocs: readonly PromptKey[] = documented && docs.map(({keys, description}) => ({keys, description}));
