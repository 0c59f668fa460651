// Each command's --help, with the flag lines made from the flag table so the
// help cannot list a flag the parser refuses, or miss one it takes.
import {sandboxUsage} from '../sandbox/command.js';
import {commandFlags, flagSpecs, type CommandName, type FlagName, type FlagSpec} from './flags.js';

function flagLines(names: readonly FlagName[]): string {
	const rows = names.map(name => {
		const spec: FlagSpec = flagSpecs[name];
		const left = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.value ? ` ${spec.value}` : ''}`;
		return [left, spec.help] as const;
	});
	const width = Math.max(...rows.map(([left]) => left.length)) + 2;
	return rows.map(([left, help]) => `  ${left.padEnd(width)}${help}`).join('\n');
}

const exitCodes = `Exit codes
  0 ok, 1 error (kubeconfig, connection, sandbox), 2 wrong usage (flags, arguments),
  3 snapshot incomplete (a pane was forbidden or could not be listed), 130 interrupted`;

const mainHelp = () => `k8slab: a live split-pane view of a Kubernetes cluster for doing a lab

Usage
  k8slab [flags]                  the live view of your current kubeconfig context
  k8slab --sandbox                start the built-in sandbox if needed and open the view on it
  k8slab snapshot [flags]         render the view once to stdout and exit
  k8slab lab [flags]              the live view with the lab's steps (L) open, checked off from the cluster
  k8slab sandbox VERB             manage the sandbox: up, down, status, build, nodes N, kubeconfig, stop/start COMPONENT,
                                  fail-readiness/recover-readiness POD
  k8slab completion bash|zsh|fish print a shell completion script

Flags
${flagLines(commandFlags.view)}

Examples
  k8slab --sandbox
  k8slab lab --sandbox
  k8slab --context my-eks-cluster -n default -d todoapi
  k8slab snapshot --sandbox --width 120 --height 40
  source <(k8slab completion bash)

${exitCodes}
Each command has --help.`;

const snapshotHelp = () => `Usage
  k8slab snapshot [flags]         render the view once to stdout and exit (colour only on a terminal)

Flags
${flagLines(commandFlags.snapshot)}

${exitCodes}`;

const labHelp = () => `Usage
  k8slab lab [flags]              the live view with the lab's steps open (as L does), each checked off from the
                                  cluster's state as you do it; Esc closes them, L opens them again

Flags
${flagLines(commandFlags.lab)}

Examples
  k8slab lab --sandbox
  k8slab lab --context my-eks-cluster

${exitCodes}`;

function sandboxHelp(verb: string | undefined): string {
	const line = verb === undefined ? undefined : sandboxUsage.split('\n').find(l => l.startsWith(`  $ k8slab sandbox ${verb} `));
	const usage = line ? `Usage\n${line}` : sandboxUsage;
	return `${usage}

Flags
${flagLines(commandFlags.sandbox)}`;
}

const completionHelp = () => `Usage
  k8slab completion bash|zsh|fish  print a script that completes k8slab's commands, flags, kubeconfig
                                   contexts and (when the cluster answers) namespaces and deployments

Install
  bash  echo 'source <(k8slab completion bash)' >> ~/.bashrc
  zsh   echo 'source <(k8slab completion zsh)' >> ~/.zshrc     (after compinit)
  fish  k8slab completion fish > ~/.config/fish/completions/k8slab.fish`;

export function helpText(command: CommandName, args: readonly string[] = []): string {
	switch (command) {
		case 'view':
			return mainHelp();
		case 'snapshot':
			return snapshotHelp();
		case 'lab':
			return labHelp();
		case 'sandbox':
			return sandboxHelp(args[0]);
		case 'completion':
			return completionHelp();
	}
}
