// Keys while a prompt is open: the prompt gets every key, so global keys
// never fire while typing. Values are validated here, before anything is sent.
import type {Key} from 'ink';
import type {ContainerAction, DeploymentRef} from '../model/actions.js';
import {imageChange, probeChanges, renameChange, resourceChanges, type ProbeKind} from '../model/containerEdits.js';
import type {FieldChange} from '../model/fieldChanges.js';
import type {ProbeValue} from '../model/validate.js';
import type {Container} from '../model/types.js';
import {validateContainerName, validateHttpProbe, validateImage, validateNodeGroupSize, validateQuantity, validateReplicas, type ProbeInput, type Validation} from '../model/index.js';
import {openContainerPrompt, runAction, switchTo, type Controller} from './controller.js';
import {commonPrefix, completeCommandLine, parseCommandLine} from '../model/commandLine.js';
import {editForm, withErrors, type FormState} from './state/form.js';
import {editText, type TextFieldState} from './state/textField.js';
import {probeFields, probeInputs, probeKinds, resourceFields, type ProbeField, type Prompt, type ResourceField} from './state/uiState.js';

type PromptOf<K extends Prompt['kind']> = Extract<Prompt, {kind: K}>;

const fieldResource: Record<ResourceField, 'cpu' | 'memory'> = {cpuRequest: 'cpu', memoryRequest: 'memory', cpuLimit: 'cpu', memoryLimit: 'memory'};

function notice(ctx: Controller, tone: 'info' | 'warning', text: string): void {
	ctx.store.dispatch({type: 'notice', message: {tone, text}});
}

/** Sends only what the user changed, guarded by what the prompt showed; an unchanged prompt sends nothing and says so. */
function submitContainerEdit(ctx: Controller, prompt: {ref: DeploymentRef; seen: Container}, action: ContainerAction, changes: FieldChange[], doing: string): void {
	ctx.store.dispatch({type: 'closePrompt'});
	if (changes.length === 0) {
		notice(ctx, 'info', `nothing changed: ${unchangedWords[action]} of ${prompt.ref.name} (container ${prompt.seen.name}) are as they were; nothing was sent`);
		return;
	}

	runAction(ctx, doing, async () => ctx.actions.editContainer(prompt.ref, {action, container: prompt.seen.name, changes}));
}

const unchangedWords: Record<ContainerAction, string> = {resources: 'the requests and limits', probes: 'the probes', image: 'the image', rename: 'the container name'};

function submitResources(ctx: Controller, prompt: PromptOf<'resources'>): void {
	const errors: Partial<Record<ResourceField, string>> = {};
	const values = {} as Record<ResourceField, string>;
	for (const field of resourceFields) {
		const result = validateQuantity(prompt.fields[field].value, fieldResource[field], {allowEmpty: true});
		if (result.ok) {
			values[field] = result.value ?? '';
		} else {
			errors[field] = result.error;
		}
	}

	const invalid = withErrors(prompt, resourceFields, errors);
	if (invalid) {
		ctx.store.dispatch({type: 'updatePrompt', prompt: {...prompt, ...invalid}});
		return;
	}

	// A value sets its field, '' removes it; fields left as they were are not sent.
	submitContainerEdit(ctx, prompt, 'resources', resourceChanges(prompt.seen, values), `setting requests/limits of ${prompt.ref.name} (container ${prompt.container})…`);
}

function probeInput(prompt: PromptOf<'probes'>, kind: (typeof probeKinds)[number]): ProbeInput {
	return Object.fromEntries(probeInputs.map(input => [input, prompt.fields[`${kind}.${input}`].value])) as unknown as ProbeInput;
}

function submitProbes(ctx: Controller, prompt: PromptOf<'probes'>): void {
	const errors: Partial<Record<ProbeField, string>> = {};
	const probes: Partial<Record<ProbeKind, ProbeValue>> = {};
	for (const kind of probeKinds) {
		const result = validateHttpProbe(probeInput(prompt, kind), prompt.ports);
		for (const [input, error] of Object.entries(result.errors)) {
			errors[`${kind}.${input as keyof ProbeInput}`] = error;
		}

		if (result.value) {
			probes[kind] = result.value;
		}
	}

	const invalid = withErrors(prompt, probeFields, errors);
	if (invalid) {
		ctx.store.dispatch({type: 'updatePrompt', prompt: {...prompt, ...invalid}});
		return;
	}

	// An empty path removes that probe; a probe left as it was is not sent.
	submitContainerEdit(ctx, prompt, 'probes', probeChanges(prompt.seen, probes), `setting the probes of ${prompt.ref.name} (container ${prompt.container})…`);
}

/** Lab part 2: "for now we'll just copy our liveness probe as a readiness probe". */
function copyLivenessToReadiness(prompt: PromptOf<'probes'>): PromptOf<'probes'> {
	const fields = {...prompt.fields};
	for (const input of probeInputs) {
		const {value} = prompt.fields[`liveness.${input}`];
		fields[`readiness.${input}`] = {value, cursor: value.length};
	}

	return {...prompt, fields, focus: 'readiness.path'};
}

/** The one-line prompts: edit, Esc cancels, Enter validates and either shows why not or runs the edit. */
function singleField<P extends Prompt & {field: TextFieldState; error?: string}, T>(
	ctx: Controller,
	prompt: P,
	input: string,
	key: Key,
	validate: (text: string) => Validation<T>,
	submit: (value: T) => void,
): void {
	const result = editText(prompt.field, input, key);
	if (result.kind === 'cancel') {
		ctx.store.dispatch({type: 'closePrompt'});
	} else if (result.kind === 'edit') {
		ctx.store.dispatch({type: 'updatePrompt', prompt: {...prompt, field: result.field} as P});
	} else if (result.kind === 'submit') {
		const value = validate(prompt.field.value);
		if (!value.ok) {
			ctx.store.dispatch({type: 'updatePrompt', prompt: {...prompt, error: value.error} as P});
			return;
		}

		ctx.store.dispatch({type: 'closePrompt'});
		submit(value.value);
	}
}

/** The forms: tab and arrows move between fields, Esc cancels, Enter submits (which validates every field). */
function form<F extends string, P extends Prompt & FormState<F>>(ctx: Controller, prompt: P, order: readonly F[], input: string, key: Key, submit: () => void): void {
	const result = editForm<F>(prompt, order, input, key);
	if (result.kind === 'cancel') {
		ctx.store.dispatch({type: 'closePrompt'});
	} else if (result.kind === 'edit') {
		ctx.store.dispatch({type: 'updatePrompt', prompt: {...prompt, ...result.form} as P});
	} else if (result.kind === 'submit') {
		submit();
	}
}

/** The pick-one lists: ↑↓ (k j) move, Esc cancels, Enter picks. */
function pickOne<P extends Prompt & {index: number; names: readonly string[]}>(ctx: Controller, prompt: P, input: string, key: Key, pick: (name: string) => void): void {
	if (key.escape) {
		ctx.store.dispatch({type: 'closePrompt'});
	} else if (key.return) {
		const name = prompt.names[prompt.index];
		ctx.store.dispatch({type: 'closePrompt'});
		if (name !== undefined) {
			pick(name);
		}
	} else if (key.upArrow || input === 'k') {
		ctx.store.dispatch({type: 'updatePrompt', prompt: {...prompt, index: Math.max(0, prompt.index - 1)} as P});
	} else if (key.downArrow || input === 'j') {
		ctx.store.dispatch({type: 'updatePrompt', prompt: {...prompt, index: Math.min(prompt.names.length - 1, prompt.index + 1)} as P});
	}
}

/** Enter on the `:` line: a view to open, a namespace or context to switch to, or why not (the line stays open to fix it). */
function runCommandLine(ctx: Controller, prompt: PromptOf<'command'>): void {
	const view = ctx.view();
	const command = parseCommandLine(prompt.field.value, {resources: view.resources, contexts: view.contexts});
	const close = () => ctx.store.dispatch({type: 'closePrompt'});
	switch (command.kind) {
		case 'lab': {
			close();
			ctx.store.dispatch({type: 'showMain', main: {kind: 'lab'}});
			return;
		}

		case 'resource': {
			close();
			ctx.store.dispatch({type: 'showMain', main: {kind: 'resource', resource: command.resource, command: prompt.field.value.trim().replace(/^:/, '')}});
			return;
		}

		case 'namespace': {
			close();
			if (command.name) switchTo(ctx, {namespace: command.name});
			return;
		}

		case 'context': {
			if (command.name) {
				close();
				switchTo(ctx, {context: command.name});
				return;
			}

			// `:ctx` alone asks which; nothing changes until one is picked.
			const names = view.contexts;
			ctx.store.dispatch({type: 'openPrompt', prompt: {kind: 'contexts', names, index: Math.max(0, names.indexOf(view.context))}});
			return;
		}

		case 'quit': {
			close();
			ctx.exit();
			return;
		}

		case 'help': {
			ctx.store.dispatch({type: 'openPrompt', prompt: {kind: 'help'}});
			return;
		}

		case 'error': {
			ctx.store.dispatch({type: 'updatePrompt', prompt: {...prompt, error: command.message, suggestions: command.suggestions}});
			return;
		}

		default: {
			const _exhaustive: never = command;
			return _exhaustive;
		}
	}
}

/** Tab on the `:` line: the common part of what matches, or the only match. */
function completeLine(ctx: Controller, prompt: PromptOf<'command'>): void {
	const view = ctx.view();
	const candidates = completeCommandLine(prompt.field.value, {resources: view.resources, contexts: view.contexts, namespaces: view.namespaces});
	const filled = candidates.length === 1 ? candidates[0]! : commonPrefix(candidates);
	if (filled.length > prompt.field.value.replace(/^:/, '').length) {
		ctx.store.dispatch({type: 'updatePrompt', prompt: {...prompt, field: {value: filled, cursor: filled.length}, error: undefined, suggestions: undefined}});
	}
}

export function handlePrompt(ctx: Controller, prompt: Prompt, input: string, key: Key): void {
	const {store, actions} = ctx;
	switch (prompt.kind) {
		case 'command': {
			if (key.tab) {
				completeLine(ctx, prompt);
				return;
			}

			const result = editText(prompt.field, input, key);
			if (result.kind === 'cancel') {
				store.dispatch({type: 'closePrompt'});
			} else if (result.kind === 'submit') {
				runCommandLine(ctx, prompt);
			} else if (result.kind === 'edit') {
				store.dispatch({type: 'updatePrompt', prompt: {...prompt, field: result.field, error: undefined, suggestions: undefined}});
			}

			return;
		}

		case 'contexts': {
			pickOne(ctx, prompt, input, key, name => {
				if (name !== ctx.view().context) switchTo(ctx, {context: name});
			});
			return;
		}

		case 'help': {
			if (key.escape || input === '?' || input === 'q' || key.return) {
				store.dispatch({type: 'closePrompt'});
			}

			return;
		}

		case 'filter': {
			const result = editText(prompt.field, input, key);
			if (result.kind === 'submit') {
				store.dispatch({type: 'closePrompt'});
			} else if (result.kind === 'cancel') {
				store.dispatch({type: 'closePrompt'});
				store.dispatch({type: 'setFilter', filter: ''});
			} else if (result.kind === 'edit') {
				store.dispatch({type: 'updatePrompt', prompt: {...prompt, field: result.field}});
				store.dispatch({type: 'setFilter', filter: result.field.value});
			}

			return;
		}

		case 'deployments': {
			pickOne(ctx, prompt, input, key, name => {
				store.dispatch({type: 'pickDeployment', name});
			});
			return;
		}

		case 'containers': {
			pickOne(ctx, prompt, input, key, name => {
				const {deployment} = ctx.view();
				// The Deployment shown may have changed while the list was open: only act on the one it was opened for.
				if (deployment?.metadata.name === prompt.ref.name && (deployment.metadata.namespace ?? '') === prompt.ref.namespace) {
					openContainerPrompt(ctx, deployment, prompt.action, name);
				} else {
					store.dispatch({type: 'notice', message: {tone: 'warning', text: `deployment/${prompt.ref.name} is no longer shown`}});
				}
			});
			return;
		}

		case 'undo': {
			if (input === 'y' || input === 'Y') {
				store.dispatch({type: 'closePrompt'});
				runAction(ctx, `rolling back ${prompt.ref.name} to revision ${prompt.toRevision}…`, async () => actions.undo(prompt.ref, {toRevision: prompt.toRevision, seenTemplate: prompt.seenTemplate}));
			} else if (input === 'n' || input === 'N' || key.escape) {
				store.dispatch({type: 'closePrompt'});
			}

			return;
		}

		case 'revision': {
			if (input === 'u') {
				store.dispatch({type: 'closePrompt'});
				const {template, ref} = prompt;
				if (ctx.readonly) {
					store.dispatch({type: 'notice', message: {tone: 'warning', text: 'read-only mode: undo is disabled'}});
				} else if (template.current) {
					store.dispatch({type: 'notice', message: {tone: 'info', text: `revision ${template.revision} is the current one: nothing to undo to`}});
				} else {
					const {deployment} = ctx.view();
					store.dispatch({type: 'openPrompt', prompt: {kind: 'undo', ref, toRevision: template.revision, previous: false, seenTemplate: deployment?.spec?.template}});
				}
			} else if (key.escape || key.return || input === 'q') {
				store.dispatch({type: 'closePrompt'});
			}

			return;
		}

		case 'scale': {
			singleField(ctx, prompt, input, key, validateReplicas, replicas => {
				if (replicas === prompt.seen) {
					notice(ctx, 'info', `nothing changed: ${prompt.ref.name} is at ${replicas} replicas as shown; nothing was sent`);
					return;
				}

				runAction(ctx, `scaling ${prompt.ref.name} to ${replicas}…`, async () => actions.scale(prompt.ref, {seen: prompt.seen, next: replicas}));
			});
			return;
		}

		case 'rename': {
			singleField(ctx, prompt, input, key, text => validateContainerName(text, prompt.others), name => {
				submitContainerEdit(ctx, prompt, 'rename', renameChange(prompt.seen, name), `renaming container ${prompt.from} of ${prompt.ref.name} to ${name}…`);
			});
			return;
		}

		case 'image': {
			singleField(ctx, prompt, input, key, validateImage, image => {
				submitContainerEdit(ctx, prompt, 'image', imageChange(prompt.seen, image), `setting the image of ${prompt.ref.name} (container ${prompt.container}) to ${image}…`);
			});
			return;
		}

		case 'nodeGroup': {
			singleField(ctx, prompt, input, key, validateNodeGroupSize, nodes => {
				const {setNodeGroupSize} = actions;
				if (nodes === prompt.seen) {
					notice(ctx, 'info', `nothing changed: the node group is at ${nodes} nodes as shown; nothing was sent`);
				} else if (setNodeGroupSize) {
					runAction(ctx, `setting the node group's desired size to ${nodes} (nodes join or drain)…`, async () => setNodeGroupSize.call(actions, {seen: prompt.seen, next: nodes}));
				}
			});
			return;
		}

		case 'resources': {
			form(ctx, prompt, resourceFields, input, key, () => {
				submitResources(ctx, prompt);
			});
			return;
		}

		case 'probes': {
			if (key.ctrl && input === 'r') {
				store.dispatch({type: 'updatePrompt', prompt: copyLivenessToReadiness(prompt)});
				return;
			}

			form(ctx, prompt, probeFields, input, key, () => {
				submitProbes(ctx, prompt);
			});
			return;
		}

		default: {
			const _exhaustive: never = prompt;
			return _exhaustive;
		}
	}
}
