// Every action module, by the key it owns and by the prompt kind it handles.
// The typed maps make a missing module a compile error; keys.ts, the
// controller and PromptView look modules up here instead of switching on ids.
import type {Key} from 'ink';
import type {ActionId, CommandId, PromptKey} from '../commandTypes.js';
import type {Prompt} from '../state/uiState.js';
import * as commandLine from './commandLine.js';
import * as containers from './containers.js';
import type {ActionContext} from './context.js';
import * as contexts from './contexts.js';
import * as deleteObject from './delete.js';
import * as editObject from './edit.js';
import * as filter from './filter.js';
import * as help from './help.js';
import * as labProgress from './labProgress.js';
import * as image from './image.js';
import * as inspect from './inspect.js';
import {inspectKeyDocs} from '../views/inspectKeys.js';
import * as logs from './logs.js';
import type {CommandModule, PromptKind, PromptLayout, PromptModule} from './module.js';
import * as nodeGroup from './nodeGroup.js';
import * as probes from './probes.js';
import * as readiness from './readiness.js';
import {fieldKeys} from './prompts.js';
import * as rename from './rename.js';
import * as resources from './resources.js';
import * as revision from './revision.js';
import * as scale from './scale.js';
import * as sort from './sort.js';
import * as undo from './undo.js';
import * as why from './why.js';

export const commandModules: {readonly [Id in ActionId]: CommandModule<Id>} = {
	revisionDetails: revision.command,
	filter: filter.command,
	sort: sort.command,
	describe: inspect.describe,
	yaml: inspect.yaml,
	scale: scale.command,
	resources: resources.command,
	renameContainer: rename.command,
	undo: undo.command,
	probes: probes.command,
	setImage: image.command,
	nodeGroup: nodeGroup.command,
	readiness: readiness.command,
	commandLine: commandLine.command,
	labProgress: labProgress.command,
	help: help.command,
	why: why.command,
	editObject: editObject.command,
	deleteObject: deleteObject.command,
	logs: logs.command,
};

// In the order help lists their keys.
export const promptModules: {readonly [K in PromptKind]: PromptModule<K>} = {
	resources: resources.prompt,
	containers: containers.prompt,
	probes: probes.prompt,
	command: commandLine.prompt,
	undo: undo.prompt,
	revision: revision.prompt,
	delete: deleteObject.prompt,
	scale: scale.prompt,
	rename: rename.prompt,
	image: image.prompt,
	nodeGroup: nodeGroup.prompt,
	readiness: readiness.prompt,
	filter: filter.prompt,
	contexts: contexts.prompt,
	labProgress: labProgress.prompt,
	logContainers: logs.prompt,
	help: help.prompt,
	why: why.prompt,
};

/** The full-screen views with keys of their own, for help and the README. */
export const viewModules = {logs: logs.view};

export function isActionId(id: CommandId): id is ActionId {
	return Object.hasOwn(commandModules, id);
}

function moduleFor(prompt: Prompt): PromptModule<PromptKind> {
	// Indexed by the prompt's own kind, so the module takes this prompt.
	return promptModules[prompt.kind] as PromptModule<PromptKind>;
}

export function handlePrompt(ctx: ActionContext, prompt: Prompt, input: string, key: Key): void {
	moduleFor(prompt).handle(ctx, prompt, input, key);
}

/** The modal for a prompt, and its widest; undefined for the prompts App draws itself. */
export function promptLayout(prompt: Prompt, areaWidth: number, areaHeight: number): (PromptLayout & {width: number}) | undefined {
	const module = moduleFor(prompt);
	const width = Math.min(areaWidth, module.maxWidth ?? 72);
	const layout = module.view?.(prompt, width - 2, areaHeight);
	return layout && {...layout, width};
}

/** The keys inside prompts, each once; the field editor's keys, common to every field, come last. */
export const promptKeys: readonly PromptKey[] = (() => {
	const unique = [...new Set([...Object.values(promptModules).flatMap(module => module.keys), ...inspectKeyDocs])];
	return [...unique.filter(row => !fieldKeys.includes(row)), ...fieldKeys];
})();
