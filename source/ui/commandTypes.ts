// The shape of a key table entry. Separate from keys.ts so the action modules
// can declare their entries without importing the table that collects them.
import type {LabActions} from '../model/actions.js';

/** Keys the controller handles itself: moving around the view. */
export type NavigationId = 'focusNext' | 'focusPrevious' | 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom' | 'zoom' | 'toggleNamespaces' | 'back' | 'quit';

/** Keys an action module in source/ui/actions handles. */
export type ActionId =
	| 'filter'
	| 'sort'
	| 'describe'
	| 'yaml'
	| 'scale'
	| 'resources'
	| 'renameContainer'
	| 'undo'
	| 'revisionDetails'
	| 'setImage'
	| 'probes'
	| 'nodeGroup'
	| 'readiness'
	| 'help'
	| 'commandLine'
	| 'labProgress'
	| 'why'
	| 'editObject'
	| 'deleteObject'
	| 'logs';

export type CommandId = NavigationId | ActionId;

/** global: anywhere; pane: acts on the focused pane's rows. */
export type Scope = 'global' | 'pane' | 'edit';

export type NamedKey = 'tab' | 'return' | 'escape' | 'upArrow' | 'downArrow' | 'pageUp' | 'pageDown' | 'home' | 'end';

export interface KeyBinding {
	/** Printable input as Ink reports it ('s', 'G', '?'); for ctrl bindings, the letter. */
	input?: string;
	key?: NamedKey;
	ctrl?: boolean;
	shift?: boolean;
}

export interface Command<Id extends CommandId = CommandId> {
	id: Id;
	keys: readonly KeyBinding[];
	/** Short word for the footer. */
	label: string;
	/** Sentence for the help overlay. */
	description: string;
	scope: Scope;
	/** How help and the README write the keys, where joining them with '/' would be too wide (the sort keys). */
	keysShown?: string;
	/** Changes the cluster; disabled by --readonly. */
	mutates?: boolean;
	/** Position in the footer, most useful first so a narrow terminal keeps them (the rest are only in help). */
	footer?: number;
	/** An edit not every cluster offers: without it the key is left out of the footer and explains itself. */
	requires?: {action: OptionalAction; unavailable: string; /** Where it is offered, for help and the README (e.g. 'sandbox only'). */ note?: string};
}

/** The LabActions a cluster may not have. */
export type OptionalAction = {[K in keyof LabActions]-?: undefined extends LabActions[K] ? K : never}[keyof LabActions];

/** A key inside a full-screen view (the logs view): matched from its bindings, documented from its description. */
export interface ViewKey<Id extends string = string> {
	id: Id;
	keys: readonly KeyBinding[];
	description: string;
}

/** A key inside a prompt, as help and the README list it. */
export interface PromptKey {
	keys: string;
	description: string;
}
