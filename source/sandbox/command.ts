// `k8slab sandbox …`: the sandbox's command line.
import fs from 'node:fs';
import path from 'node:path';
import {execCredential} from './kubeconfig.js';
import {sandboxDir} from './paths.js';
import {kubeconfigPath, readState, sandboxStatus, setNodeCount, startComponent, startSandbox, stopAll, stopComponent, SandboxError} from './sandbox.js';
import {componentNames, type ComponentName} from './versions.js';
import {ensureBinaries, type BuildProgress} from './build.js';

export const sandboxUsage = `Usage
  $ k8slab sandbox build                        build the control plane from the Go module proxy (once; cached)
  $ k8slab sandbox up [--dir DIR] [--nodes N]   start the sandbox (idempotent) and wait until it is ready
  $ k8slab sandbox down [--dir DIR]             stop every process and free every port
  $ k8slab sandbox status [--dir DIR]           show what is running
  $ k8slab sandbox nodes N [--dir DIR]          change the number of worker nodes (the node group's desired size)
  $ k8slab sandbox kubeconfig [--dir DIR]       print the kubeconfig path
  $ k8slab sandbox stop COMPONENT [--dir DIR]   stop one component, to see how things cope (${componentNames.join(', ')})
  $ k8slab sandbox start COMPONENT [--dir DIR]  start it again
  $ k8slab sandbox fail-readiness POD [--dir DIR]     one running pod ([NS/]POD) fails its readiness probe: out of its Services, not restarted
  $ k8slab sandbox recover-readiness POD [--dir DIR]  it passes its readiness probe again: back in its Services

The sandbox dir defaults to $K8SLAB_SANDBOX_DIR or ~/.k8slab/sandbox.`;

export interface SandboxFlags {
	dir?: string;
	nodes?: number;
}

/** A progress line that rewrites itself on a terminal and prints milestones elsewhere. */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): BuildProgress {
	let lastPlain = 0;
	return (line, final) => {
		if (stream.isTTY) {
			stream.write(`\r\u001B[2K${line}${final ? '\n' : ''}`);
		} else if (final || Date.now() - lastPlain > 30_000) {
			lastPlain = Date.now();
			stream.write(line + '\n');
		}
	};
}

function componentArg(value: string | undefined): ComponentName {
	const name = value === 'apiserver' ? 'kube-apiserver' : value === 'controller-manager' ? 'kube-controller-manager' : value === 'scheduler' ? 'kube-scheduler' : value;
	if (!name || !(componentNames as readonly string[]).includes(name)) {
		throw new SandboxError(`name a component: ${componentNames.join(', ')} (or apiserver, controller-manager, scheduler)`);
	}
	return name as ComponentName;
}

/** Runs a sandbox subcommand; returns the exit code. Errors are printed as one clear line. */
export async function runSandboxCommand(args: string[], flags: SandboxFlags, out = process.stdout): Promise<number> {
	const dir = sandboxDir(flags.dir);
	const [verb, operand] = args;
	switch (verb) {
		case 'up': {
			const sandbox = await startSandbox({dir, nodes: flags.nodes, progress: progressPrinter()});
			out.write(`kubeconfig: ${sandbox.kubeconfigPath}\nexport KUBECONFIG=${sandbox.kubeconfigPath}\n`);
			return 0;
		}
		case 'build': {
			const dir = await ensureBinaries(progressPrinter());
			out.write(`binaries in ${dir}\n`);
			return 0;
		}
		case 'down': {
			await stopAll(dir);
			out.write(`sandbox in ${dir} stopped\n`);
			return 0;
		}
		case 'status': {
			const {state, components} = sandboxStatus(dir);
			out.write(`sandbox: ${dir}\n`);
			out.write(state ? `server: ${state.server}\nnodes: ${state.nodes}\nkubeconfig: ${kubeconfigPath(dir)}\n` : 'not started\n');
			for (const component of components) out.write(`  ${component.running ? '●' : '○'} ${component.name.padEnd(24)} ${component.running ? 'running' : 'stopped'}\n`);
			return state && components.every(c => c.running) ? 0 : 3;
		}
		case 'nodes': {
			const count = Number(operand);
			if (!Number.isInteger(count) || count < 1 || count > 50) throw new SandboxError(`nodes takes a whole number from 1 to 50, not "${operand ?? ''}"`);
			const {added, removed} = await setNodeCount(dir, count);
			out.write(`worker nodes: ${count}${added.length ? ` (added ${added.join(', ')})` : ''}${removed.length ? ` (removed ${removed.join(', ')})` : ''}\n`);
			return 0;
		}
		case 'kubeconfig': {
			if (!readState(dir)) throw new SandboxError(`no sandbox is running in ${dir}; start one with "k8slab sandbox up"`);
			out.write(kubeconfigPath(dir) + '\n');
			return 0;
		}
		case 'stop': {
			const name = componentArg(operand);
			out.write((await stopComponent(dir, name)) ? `${name} stopped\n` : `${name} was not running\n`);
			return 0;
		}
		case 'start': {
			const name = componentArg(operand);
			await startComponent(dir, name);
			out.write(`${name} running\n`);
			return 0;
		}
		case 'fail-readiness':
		case 'recover-readiness': {
			const {setReadinessFailure} = await import('./readiness.js');
			const change = await setReadinessFailure(dir, operand, verb === 'fail-readiness');
			out.write(`${change.text}\n${change.kubectl ? `The same with kubectl: ${change.kubectl}\n` : ''}`);
			return 0;
		}
		case 'podlogs': {
			// Started by `up` in the background: writes the simulated containers' logs (not for users to run).
			const {runPodLogWriter} = await import('./podLogWriter.js');
			await runPodLogWriter(dir);
			return 0;
		}
		case 'credential': {
			// The exec credential plugin of the kubeconfig's lab-eks user, like `aws eks get-token`.
			const token = fs.readFileSync(path.join(dir, 'pki', 'eks-token'), 'utf8').trim();
			out.write(execCredential(token) + '\n');
			return 0;
		}
		default:
			throw new SandboxError(verb ? `unknown sandbox command "${verb}"\n\n${sandboxUsage}` : sandboxUsage);
	}
}
