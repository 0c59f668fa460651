// The command line, read strictly as kubectl reads it: a flag this command
// does not have, a flag without its value, or a value that is not one is a
// usage error (exit 2) naming the closest flag, never silently ignored.
import meow, {type AnyFlag} from 'meow';
import {themeNames} from '../../themes/index.js';

/** Wrong usage: one line on stderr and exit code 2. */
export class UsageError extends Error {}

export interface FlagSpec {
	short?: string;
	kind: 'string' | 'boolean';
	/** The placeholder shown in help, for string flags. */
	value?: string;
	help: string;
}

export const flagSpecs = {
	kubeconfig: {kind: 'string', value: 'PATH', help: 'kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)'},
	context: {kind: 'string', value: 'NAME', help: 'kubeconfig context (default: current-context)'},
	namespace: {short: 'n', kind: 'string', value: 'NS', help: `namespace to focus; pods and events start in it (default: the context's, else "default")`},
	'all-namespaces': {short: 'A', kind: 'boolean', help: 'pods and events of every namespace (the default unless -n is given)'},
	deployment: {short: 'd', kind: 'string', value: 'NAME', help: 'deployment to focus (default: the only one, else "todoapi", else the first)'},
	command: {short: 'c', kind: 'string', value: 'KIND', help: 'open on a kind in the top pane, as :KIND does (svc, deploy, cm, crd…)'},
	theme: {kind: 'string', value: 'NAME', help: `colour theme: ${themeNames.join(', ')} (NO_COLOR forces mono)`},
	readonly: {kind: 'boolean', help: 'disable every key that changes the cluster'},
	'request-timeout': {kind: 'string', value: 'T', help: 'give up on an API request after T (5s, 1m, 250ms; a bare number is seconds; 0 = no limit; default 15s)'},
	sandbox: {kind: 'boolean', help: 'use the built-in sandbox (starts it when it is not running)'},
	dir: {kind: 'string', value: 'DIR', help: 'sandbox state dir (default: $K8SLAB_SANDBOX_DIR or ~/.k8slab/sandbox)'},
	nodes: {kind: 'string', value: 'N', help: 'worker nodes when the sandbox first starts (1-50, default 3)'},
	width: {kind: 'string', value: 'W', help: 'columns of a snapshot (default 120)'},
	height: {kind: 'string', value: 'H', help: 'rows of a snapshot (default 40)'},
	help: {short: 'h', kind: 'boolean', help: 'show this help'},
	version: {short: 'v', kind: 'boolean', help: "print k8slab's version and the sandbox's component versions"},
} satisfies Record<string, FlagSpec>;

export type FlagName = keyof typeof flagSpecs;

const viewFlags: FlagName[] = ['kubeconfig', 'context', 'namespace', 'all-namespaces', 'deployment', 'command', 'theme', 'readonly', 'request-timeout', 'sandbox', 'dir', 'nodes', 'width', 'height', 'help'];

/** The commands and the flags each accepts. `__complete` is the shells' call-back and is not listed in help. */
export const commandFlags = {
	view: [...viewFlags, 'version'],
	snapshot: viewFlags,
	lab: viewFlags,
	sandbox: ['dir', 'nodes', 'help'],
	completion: ['help'],
} satisfies Record<string, FlagName[]>;

export type CommandName = keyof typeof commandFlags;
export const commandNames = ['snapshot', 'lab', 'sandbox', 'completion'] as const;
export const sandboxVerbs = ['up', 'down', 'status', 'build', 'nodes', 'kubeconfig', 'stop', 'start', 'fail-readiness', 'recover-readiness'] as const;
export const shells = ['bash', 'zsh', 'fish'] as const;

export interface Flags {
	kubeconfig?: string;
	context?: string;
	namespace?: string;
	allNamespaces?: boolean;
	deployment?: string;
	command?: string;
	theme?: string;
	readonly?: boolean;
	/** Milliseconds; 0 means no limit. */
	requestTimeoutMs?: number;
	sandbox?: boolean;
	dir?: string;
	nodes?: number;
	width?: number;
	height?: number;
	help?: boolean;
	version?: boolean;
}

export interface CommandLine {
	command: CommandName;
	/** The words after the command (the sandbox verb and its operand, the shell). */
	args: string[];
	flags: Flags;
}

/** Optimal string alignment distance: one typo (a letter missing, extra, wrong or swapped) is 1. */
export function editDistance(a: string, b: string): number {
	const d = Array.from({length: a.length + 1}, (_, i) => Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
			d[i]![j] = best;
		}
	}
	return d[a.length]![b.length]!;
}

/** The candidate a typo most likely meant: a near spelling, else the one it starts (`--all` for --all-namespaces). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
	let best: {candidate: string; distance: number} | undefined;
	for (const candidate of candidates) {
		const distance = editDistance(word, candidate);
		if (!best || distance < best.distance) best = {candidate, distance};
	}
	if (best && best.distance <= Math.max(1, Math.min(3, Math.floor(word.length / 3)))) return best.candidate;
	const started = candidates.filter(candidate => word.length >= 3 && candidate.startsWith(word));
	return started.length === 1 ? started[0] : undefined;
}

/**
 * kubectl's --request-timeout: a whole number of seconds, or a Go duration
 * (1h2m3.5s, 250ms, 10us); 0 means no limit. Milliseconds, or undefined when it is not one.
 */
export function parseTimeout(text: string): number | undefined {
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	// Go also takes micro as U+00B5 or U+03BC; escaped, because the bundle must stay ASCII.
	const units: Record<string, number> = {ns: 1e-6, us: 1e-3, '\u00b5s': 1e-3, '\u03bcs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000};
	const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)/y;
	let total = 0;
	let at = 0;
	if (text === '') return undefined;
	while (at < text.length) {
		part.lastIndex = at;
		const match = part.exec(text);
		if (!match) return undefined;
		total += Number(match[1]) * units[match[2]!]!;
		at = part.lastIndex;
	}
	return Number.isFinite(total) ? Math.ceil(total) : undefined;
}

function wholeNumber(flag: string, text: string, min: number, max: number, what: string): number {
	const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
	if (!(value >= min && value <= max)) throw new UsageError(`--${flag} takes ${what} from ${min} to ${max}, not "${text}"`);
	return value;
}

function commandHint(command: CommandName, args: string[]): string {
	const words = command === 'view' ? 'k8slab' : `k8slab ${command}${command === 'sandbox' && args[0] ? ` ${args[0]}` : ''}`;
	return `see ${words} --help`;
}

function unknownFlag(raw: string, name: string, command: CommandName, args: string[]): UsageError {
	const allowed: readonly FlagName[] = commandFlags[command];
	const where = command === 'view' ? '' : ` for k8slab ${command}`;
	if (raw.startsWith('--') && name in flagSpecs) {
		return new UsageError(`${raw} is not a flag${where} (${commandHint(command, args)})`);
	}
	const suggestion = raw.startsWith('--') ? closest(name, allowed) : undefined;
	return new UsageError(`unknown flag ${raw}${where}${suggestion ? `; did you mean --${suggestion}?` : ''} (${commandHint(command, args)})`);
}

const camelCase = (name: string) => name.replace(/-+([a-z\d])/gi, (_, letter: string) => letter.toUpperCase());

/** meow's flags (keyed in camelCase) for these names, from the table. */
function meowFlags(names: readonly FlagName[]): Record<string, AnyFlag> {
	return Object.fromEntries(
		names.map(name => {
			const spec: FlagSpec = flagSpecs[name];
			return [camelCase(name), spec.short ? {type: spec.kind, shortFlag: spec.short} : {type: spec.kind}];
		}),
	);
}

// Help, version and unknown flags are ours to answer (exit 2 with a suggestion,
// per command), so meow only parses; `pkg` spares it reading package.json.
function read(argv: readonly string[], names: readonly FlagName[]) {
	try {
		return meow({argv: [...argv], importMeta: import.meta, pkg: {name: 'k8slab'}, description: false, flags: meowFlags(names), autoHelp: false, autoVersion: false, allowUnknownFlags: true, booleanDefault: undefined});
	} catch (error) {
		// meow's own complaints (a flag given twice) are usage errors too.
		throw new UsageError((error as Error).message.replace(/`/g, ''));
	}
}

/** A flag as it was typed (meow reports each by its camelCase key), for messages. */
function typedAs(argv: readonly string[], key: string, short = key.length === 1 ? key : undefined): string {
	for (const word of argv) {
		if (word === '--') break;
		const long = /^--(no-)?([^=]+)/.exec(word);
		if (long && camelCase(long[2]!) === key) return `--${long[1] ?? ''}${long[2]}`;
		if (short && /^-[^-]/.test(word) && word.includes(short)) return `-${short}`;
	}
	return short ? `-${short}` : `--${key}`;
}

/** Reads argv (without node and the script); throws UsageError for anything it cannot take. */
export function parseCommandLine(argv: readonly string[]): CommandLine {
	// Read once with every flag to find the command (a word after an unknown flag
	// is most likely its value), then with only that command's flags, so that `-v`
	// or `--width` where they do not belong come back unknown.
	const [first, ...rest] = read(argv, Object.keys(flagSpecs) as FlagName[]).input;
	const named = first !== undefined && (commandNames as readonly string[]).includes(first);
	const command: CommandName = named ? (first as CommandName) : 'view';
	const args = named ? rest : first === undefined ? [] : [first, ...rest];

	const allowed: readonly FlagName[] = commandFlags[command];
	// meow drops the short forms of the flags it knows: any other key is unknown.
	const {flags: parsed} = read(argv, allowed);
	const unknown = Object.keys(parsed).find(key => !allowed.some(name => camelCase(name) === key));
	if (unknown !== undefined) {
		const typed = typedAs(argv, unknown);
		throw unknownFlag(typed, typed.replace(/^--?/, ''), command, args);
	}
	const values = new Map<FlagName, string | boolean>();
	for (const name of allowed) {
		const value = parsed[camelCase(name)];
		if (value === undefined) continue;
		const spec: FlagSpec = flagSpecs[name];
		const typed = typedAs(argv, camelCase(name), spec.short);
		if (spec.kind === 'boolean') {
			// yargs reads `--readonly=yes` as false rather than as a value.
			if (argv.some(word => word.startsWith(`${typed}=`))) throw new UsageError(`${typed} takes no value (${commandHint(command, args)})`);
			// meow's `--no-readonly` leaves the flag unset.
			if (value) values.set(name, true);
			continue;
		}
		// `--no-context` (meow's negation) reads as false: no value either.
		if (typeof value !== 'string' || value === '') throw new UsageError(`${typed} needs a value: ${typed} ${spec.value ?? 'VALUE'} (${commandHint(command, args)})`);
		values.set(name, value);
	}
	if (first !== undefined && !named) {
		const suggestion = closest(first, commandNames);
		throw new UsageError(`unknown command "${first}"${suggestion ? `; did you mean ${suggestion}?` : ''} (see k8slab --help)`);
	}

	const text = (name: FlagName) => values.get(name) as string | undefined;
	const flags: Flags = {
		kubeconfig: text('kubeconfig'),
		context: text('context'),
		namespace: text('namespace'),
		deployment: text('deployment'),
		command: text('command'),
		theme: text('theme'),
		dir: text('dir'),
	};
	for (const [name, key] of [
		['all-namespaces', 'allNamespaces'],
		['readonly', 'readonly'],
		['sandbox', 'sandbox'],
		['help', 'help'],
		['version', 'version'],
	] as const) {
		if (values.has(name)) flags[key] = true;
	}
	// Help is read before the values are judged: `snapshot --width x --help` still shows the help.
	if (flags.help) return {command, args, flags};

	const width = text('width');
	if (width !== undefined) flags.width = wholeNumber('width', width, 1, 10_000, 'a whole number of columns');
	const height = text('height');
	if (height !== undefined) flags.height = wholeNumber('height', height, 1, 10_000, 'a whole number of rows');
	const nodes = text('nodes');
	if (nodes !== undefined) flags.nodes = wholeNumber('nodes', nodes, 1, 50, 'a whole number of worker nodes');
	const timeout = text('request-timeout');
	if (timeout !== undefined) {
		flags.requestTimeoutMs = parseTimeout(timeout);
		if (flags.requestTimeoutMs === undefined) {
			throw new UsageError(`--request-timeout takes a whole number of seconds or a number with a unit (5s, 1m, 250ms; 0 = no limit), not "${timeout}"`);
		}
	}
	if (flags.theme !== undefined && !themeNames.includes(flags.theme)) {
		const suggestion = closest(flags.theme, themeNames);
		throw new UsageError(`unknown theme "${flags.theme}"${suggestion ? `; did you mean ${suggestion}?` : ''} (themes: ${themeNames.join(', ')})`);
	}
	if (command === 'view' && args.length > 0) throw new UsageError(`unexpected argument "${args[0]}" (see k8slab --help)`);
	if ((command === 'snapshot' || command === 'lab') && args.length > 0) throw new UsageError(`${command} takes no arguments, not "${args[0]}" (see k8slab ${command} --help)`);
	if (command === 'completion') {
		if (args.length !== 1 || !(shells as readonly string[]).includes(args[0]!)) {
			throw new UsageError(`completion needs one shell: ${shells.join(', ')}${args[0] ? `, not "${args.join(' ')}"` : ''} (see k8slab completion --help)`);
		}
	}
	if (command === 'sandbox' && args[0] !== undefined && !(sandboxVerbs as readonly string[]).includes(args[0]) && args[0] !== 'credential' && args[0] !== 'podlogs') {
		const suggestion = closest(args[0], sandboxVerbs);
		throw new UsageError(`unknown sandbox command "${args[0]}"${suggestion ? `; did you mean ${suggestion}?` : ''} (see k8slab sandbox --help)`);
	}
	return {command, args, flags};
}
