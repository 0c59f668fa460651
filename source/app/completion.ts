// Shell completion. The scripts only pass the words typed so far to the
// hidden `k8slab __complete WORD... CURRENT`, which answers one candidate a
// line: the flag table, the sandbox's verbs, the kubeconfig's contexts and,
// when the cluster answers quickly, its namespaces and deployments.
import {componentNames} from '../sandbox/versions.js';
import {themeNames} from '../../themes/index.js';
import {commandFlags, commandNames, flagSpecs, sandboxVerbs, shells, type CommandName, type FlagName, type FlagSpec} from './flags.js';

/** How long a namespace or deployment lookup may take before completion goes on without it. */
export const lookupTimeoutMs = 2000;

export function completionScript(shell: (typeof shells)[number]): string {
	switch (shell) {
		case 'bash':
			// The line is split here rather than taken from COMP_WORDS, which bash cuts at every "=".
			return `# k8slab completion for bash: source <(k8slab completion bash)
_k8slab() {
    local line=\${COMP_LINE:0:COMP_POINT}
    local -a words
    read -r -a words <<< "$line"
    [[ -z $line || $line == *[[:space:]] ]] && words+=("")
    local cur=\${words[\${#words[@]}-1]}
    local IFS=$'\\n'
    local -a candidates=($(k8slab __complete "\${words[@]:1}" 2>/dev/null))
    # bash replaces only the part of the word after its last "=".
    if [[ $cur == *=* && $COMP_WORDBREAKS == *=* ]]; then
        candidates=("\${candidates[@]#"\${cur%=*}="}")
    fi
    COMPREPLY=("\${candidates[@]}")
}
complete -o default -F _k8slab k8slab
`;
		case 'zsh':
			return `#compdef k8slab
# k8slab completion for zsh: source <(k8slab completion zsh), after compinit
_k8slab() {
    local -a candidates
    candidates=(\${(f)"$(k8slab __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)"})
    if (( \${#candidates} )); then
        compadd -- "\${candidates[@]}"
    else
        _files
    fi
}
if [[ "\${funcstack[1]}" == _k8slab ]]; then
    _k8slab "$@"
else
    compdef _k8slab k8slab
fi
`;
		case 'fish':
			return `# k8slab completion for fish: k8slab completion fish > ~/.config/fish/completions/k8slab.fish
function __k8slab_complete
    set -l words (commandline -opc)
    set -l current (commandline -ct)
    set -l candidates (k8slab __complete $words[2..-1] "$current" 2>/dev/null)
    if test (count $candidates) -gt 0
        printf '%s\\n' $candidates
    else
        __fish_complete_path "$current"
    end
end
complete -c k8slab -f -a '(__k8slab_complete)'
`;
	}
}

/** What the words before the current one say: the command, its arguments, and the flags given. */
interface Typed {
	command: CommandName;
	args: string[];
	flags: Map<string, string | true>;
	/** A flag that is still waiting for its value (the current word is that value). */
	pending?: FlagName;
}

const byShort = new Map(Object.entries(flagSpecs).flatMap(([name, spec]: [string, FlagSpec]) => (spec.short ? [[spec.short, name as FlagName]] : [])));

function flagNamed(word: string): FlagName | undefined {
	const name = word.startsWith('--') ? word.slice(2) : word.length === 2 ? byShort.get(word[1]!) : undefined;
	return name !== undefined && name in flagSpecs ? (name as FlagName) : undefined;
}

function read(words: readonly string[]): Typed {
	const typed: Typed = {command: 'view', args: [], flags: new Map()};
	let positionals = 0;
	for (const word of words) {
		if (typed.pending) {
			typed.flags.set(typed.pending, word);
			typed.pending = undefined;
			continue;
		}
		if (word.startsWith('-') && word !== '-') {
			const equals = word.indexOf('=');
			const name = flagNamed(equals === -1 ? word : word.slice(0, equals));
			if (!name) continue;
			if (equals !== -1) typed.flags.set(name, word.slice(equals + 1));
			else if (flagSpecs[name].kind === 'string') typed.pending = name;
			else typed.flags.set(name, true);
			continue;
		}
		if (positionals++ === 0 && (commandNames as readonly string[]).includes(word)) typed.command = word as CommandName;
		else typed.args.push(word);
	}
	return typed;
}

async function clusterNames(typed: Typed, what: 'namespaces' | 'deployments'): Promise<string[]> {
	const text = (name: string) => {
		const value = typed.flags.get(name);
		return typeof value === 'string' ? value : undefined;
	};
	let kubeconfig = text('kubeconfig');
	if (!kubeconfig && typed.flags.has('sandbox')) {
		const [{sandboxDir}, {kubeconfigPath, readState}] = await Promise.all([import('../sandbox/paths.js'), import('../sandbox/sandbox.js')]);
		const dir = sandboxDir(text('dir'));
		if (!readState(dir)) return [];
		kubeconfig = kubeconfigPath(dir);
	}
	const {connect, resolveConfig} = await import('../kube/config.js');
	const config = resolveConfig({kubeconfig, context: text('context'), namespace: text('namespace')});
	const {client} = connect(config, {execTimeoutMs: lookupTimeoutMs});
	const path = what === 'namespaces' ? '/api/v1/namespaces' : `/apis/apps/v1/namespaces/${encodeURIComponent(config.namespace)}/deployments`;
	try {
		const list = await client.request<{items?: Array<{metadata?: {name?: string}}>}>('GET', path, {timeoutMs: lookupTimeoutMs});
		return (list.items ?? []).flatMap(item => (item.metadata?.name ? [item.metadata.name] : []));
	} finally {
		client.stop();
	}
}

async function contextNames(typed: Typed): Promise<string[]> {
	const kubeconfig = typed.flags.get('kubeconfig');
	const {resolveConfig} = await import('../kube/config.js');
	const config = resolveConfig({kubeconfig: typeof kubeconfig === 'string' ? kubeconfig : undefined});
	return config.kubeConfig.getContexts().map(context => context.name);
}

async function valuesOf(flag: FlagName, typed: Typed): Promise<string[]> {
	switch (flag) {
		case 'context':
			return contextNames(typed);
		case 'namespace':
			return clusterNames(typed, 'namespaces');
		case 'deployment':
			return clusterNames(typed, 'deployments');
		case 'theme':
			return [...themeNames];
		case 'request-timeout':
			return ['0', '5s', '30s', '1m'];
		default:
			// Paths (--kubeconfig, --dir) are the shell's own file completion; numbers have nothing to offer.
			return [];
	}
}

/** The candidates for the last word, given every word after `k8slab`. */
export async function completions(words: readonly string[]): Promise<string[]> {
	const current = words.at(-1) ?? '';
	const typed = read(words.slice(0, -1));
	const matching = (candidates: readonly string[]) => candidates.filter(candidate => candidate.startsWith(current));
	// A lookup that fails (no kubeconfig, cluster down, RBAC) just offers nothing.
	const values = (flag: FlagName) => valuesOf(flag, typed).catch(() => [] as string[]);
	if (typed.pending) return matching(await values(typed.pending));
	const allowed: readonly FlagName[] = commandFlags[typed.command];
	if (current.startsWith('--') && current.includes('=')) {
		const name = flagNamed(current.slice(0, current.indexOf('=')));
		if (!name || !allowed.includes(name)) return [];
		return matching((await values(name)).map(value => `--${name}=${value}`));
	}
	if (current.startsWith('-')) return matching(allowed.filter(name => name !== 'help' || current.startsWith('--h')).map(name => `--${name}`));
	switch (typed.command) {
		case 'view':
			return typed.args.length === 0 ? matching(commandNames) : [];
		case 'sandbox': {
			const [verb] = typed.args;
			if (verb === undefined) return matching(sandboxVerbs);
			return (verb === 'stop' || verb === 'start') && typed.args.length === 1 ? matching(componentNames) : [];
		}
		case 'completion':
			return typed.args.length === 0 ? matching(shells) : [];
		case 'snapshot':
		case 'lab':
			return [];
	}
}
