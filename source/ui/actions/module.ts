// The interface every action module implements, like k9s's extenders: a key
// table entry and what the key does, and the prompt it opens with its keys,
// their documentation and its view. The registry maps both to modules.
import type {Key} from 'ink';
import type {ReactElement} from 'react';
import type {ActionId, Command, PromptKey} from '../commandTypes.js';
import type {Prompt} from '../state/uiState.js';
import type {ActionContext} from './context.js';

export type PromptKind = Prompt['kind'];
export type PromptOf<K extends PromptKind> = Extract<Prompt, {kind: K}>;

/** A prompt drawn as a modal: its title and lines. */
export interface PromptLayout {
	title: string;
	lines: ReactElement[];
	/** Lines drawn by elements that take more than one (the revision table). */
	extraHeight?: number;
}

export interface PromptModule<K extends PromptKind> {
	kind: K;
	/** Every key while the prompt is open: global keys never fire while typing. */
	handle(ctx: ActionContext, prompt: PromptOf<K>, input: string, key: Key): void;
	/** For help and the README. */
	keys: readonly PromptKey[];
	/** Drawn as a modal by PromptView; absent where App draws the prompt itself (help, filter, `:` line). */
	view?(prompt: PromptOf<K>, inner: number, areaHeight: number): PromptLayout;
	/** The modal's widest, when the default (72) is too narrow for what it shows. */
	maxWidth?: number;
}

export interface CommandModule<Id extends ActionId = ActionId> {
	command: Command<Id>;
	/** The key was pressed (read-only and availability already checked): check what it needs, then open its prompt. `input` is the key, for a command bound to several. */
	open(ctx: ActionContext, command: Command, input: string): void;
}
