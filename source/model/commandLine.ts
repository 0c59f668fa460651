// What a line typed after `:` means, as k9s reads it: a kind to show
// (`:svc`, `:deploy`, `:crd`), `:ns NAME` to switch namespace, `:ctx NAME`
// to switch context, `:pods` (or `:lab`) for the lab's own view, `:q` to
// quit. Nothing typed here is ever a single-key action.
import {closestNames, completeKind, editDistance, resolveKind, type ApiResource} from './kinds.js';

export type CommandLine =
	| {kind: 'lab'}
	| {kind: 'resource'; resource: ApiResource}
	| {kind: 'namespace'; name?: string}
	| {kind: 'context'; name?: string}
	| {kind: 'quit'}
	| {kind: 'help'}
	| {kind: 'error'; message: string; suggestions: string[]}
	| {kind: 'discovering'};

/** The words of the command line itself, beside the kinds discovery lists. */
const verbs: Readonly<Record<string, 'lab' | 'namespace' | 'context' | 'quit' | 'help'>> = {
	lab: 'lab',
	pods: 'lab',
	pod: 'lab',
	po: 'lab',
	ns: 'namespace',
	namespace: 'namespace',
	namespaces: 'namespace',
	ctx: 'context',
	context: 'context',
	contexts: 'context',
	q: 'quit',
	quit: 'quit',
	'q!': 'quit',
	help: 'help',
	'?': 'help',
};

export interface CommandLineContext {
	/** From discovery; undefined while it is still under way. */
	resources?: readonly ApiResource[];
	contexts: readonly string[];
}

function closest(candidates: readonly string[], typed: string, limit = 3): string[] {
	return candidates
		.map(name => ({name, distance: editDistance(name, typed)}))
		.filter(({name, distance}) => distance <= Math.max(2, Math.floor(typed.length / 3)) || name.startsWith(typed))
		.sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
		.slice(0, limit)
		.map(({name}) => name);
}

export function parseCommandLine(text: string, context: CommandLineContext): CommandLine {
	const [word = '', ...rest] = text.trim().replace(/^:/, '').split(/\s+/).filter(Boolean);
	const argument = rest.join(' ') || undefined;
	const lower = word.toLowerCase();
	if (lower === '') return {kind: 'lab'};
	const verb = verbs[lower];
	if (verb === 'namespace') {
		// `:ns` alone lists the namespaces (a kind like any other); with a name, switches to it.
		if (!argument) {
			const resource = context.resources?.find(r => r.resource === 'namespaces' && r.group === '');
			return resource ? {kind: 'resource', resource} : {kind: 'namespace'};
		}
		return {kind: 'namespace', name: argument};
	}
	if (verb === 'context') {
		if (!argument) return {kind: 'context'};
		if (context.contexts.includes(argument)) return {kind: 'context', name: argument};
		const suggestions = closest(context.contexts, argument);
		return {kind: 'error', message: `no context "${argument}" in the kubeconfig`, suggestions};
	}
	if (verb && !argument) return {kind: verb};
	// Not an error: the line waits for discovery and then opens it (actions/commandLine.ts).
	if (!context.resources) return {kind: 'discovering'};
	const resolved = resolveKind(context.resources, word);
	if (resolved.resource) return {kind: 'resource', resource: resolved.resource};
	return {kind: 'error', message: resolved.error, suggestions: resolved.suggestions.length > 0 ? resolved.suggestions : closestNames(context.resources, word)};
}

/** Candidates for what is typed so far: verbs and kinds for the first word, context names after `ctx`. */
export function completeCommandLine(text: string, context: CommandLineContext & {namespaces?: readonly string[]}): string[] {
	const typed = text.replace(/^:/, '');
	const words = typed.split(/\s+/);
	if (words.length > 1) {
		const verb = verbs[words[0]!.toLowerCase()];
		const prefix = words.slice(1).join(' ');
		const names = verb === 'context' ? context.contexts : verb === 'namespace' ? (context.namespaces ?? []) : [];
		return names.filter(name => name.startsWith(prefix)).map(name => `${words[0]} ${name}`);
	}
	const prefix = words[0]!.toLowerCase();
	const own = Object.keys(verbs).filter(verb => verb.startsWith(prefix) && /^[a-z]/.test(verb));
	const kinds = context.resources ? completeKind(context.resources, prefix) : [];
	return [...new Set([...own, ...kinds])].sort((a, b) => a.length - b.length || a.localeCompare(b));
}

/** The longest text every candidate starts with: what Tab can fill in without choosing. */
export function commonPrefix(candidates: readonly string[]): string {
	if (candidates.length === 0) return '';
	let prefix = candidates[0]!;
	for (const candidate of candidates) while (!candidate.startsWith(prefix)) prefix = prefix.slice(0, -1);
	return prefix;
}
