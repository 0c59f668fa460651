#!/usr/bin/env node
// Flags -> the sandbox command line, a snapshot, or the live view.
import meow from 'meow';

// React's development build makes every keypress 30-40% dearer; the view is
// loaded lazily below, after this is set.
process.env['NODE_ENV'] ??= 'production';

// `k8slab sandbox status | head` closes the pipe early: that is the reader's choice, not an error to report.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EPIPE') process.exit(0);
	throw error;
});

const cli = meow(
	`
  Usage
    $ k8slab [flags]                 the live lab view of your current kubeconfig context
    $ k8slab --sandbox               start the built-in sandbox if needed and open the view on it
    $ k8slab snapshot [flags]        render the view once to stdout and exit
    $ k8slab sandbox <command>       manage the sandbox (up, down, status, nodes N, kubeconfig, stop/start COMPONENT)

  Flags
    --kubeconfig PATH    kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)
    --context NAME       kubeconfig context (default: current-context)
    --namespace, -n NS   namespace to focus (default: the context's, else "default")
    --deployment, -d D   deployment to focus (default: the only one, else "todoapi", else the first)
    --theme NAME         colour theme: default, light, mono (NO_COLOR forces mono)
    --readonly           disable every key that changes the cluster
    --sandbox            use the sandbox (starts it when it is not running)
    --dir DIR            sandbox state dir (default: $K8SLAB_SANDBOX_DIR or ~/.k8slab/sandbox)
    --nodes N            worker nodes when the sandbox first starts (default 3)
    --width W, --height H  size of a snapshot (default 120x40)

  Examples
    $ k8slab --sandbox
    $ k8slab --context my-eks-cluster -n default -d todoapi
    $ k8slab snapshot --sandbox --width 120 --height 40
`,
	{
		importMeta: import.meta,
		flags: {
			kubeconfig: {type: 'string'},
			context: {type: 'string'},
			namespace: {type: 'string', shortFlag: 'n'},
			deployment: {type: 'string', shortFlag: 'd'},
			theme: {type: 'string'},
			readonly: {type: 'boolean', default: false},
			sandbox: {type: 'boolean', default: false},
			dir: {type: 'string'},
			nodes: {type: 'number'},
			width: {type: 'number'},
			height: {type: 'number'},
		},
	},
);

async function main(): Promise<number> {
	const [command, ...rest] = cli.input;
	if (command === 'sandbox') {
		const {runSandboxCommand} = await import('./source/sandbox/command.js');
		return runSandboxCommand(rest, {dir: cli.flags.dir, nodes: cli.flags.nodes});
	}
	if (command !== undefined && command !== 'snapshot') {
		process.stderr.write(`k8slab: unknown command "${command}" (see k8slab --help)\n`);
		return 2;
	}
	if (command === undefined && process.stdout.isTTY && process.stdin.isTTY) {
		// Ink draws only the last frame when CI or CONTINUOUS_INTEGRATION is set; a
		// terminal on both ends means a person is watching the live view. Removed (not
		// set to "false": chalk turns colour off whenever CI is present at all) before
		// Ink is first loaded, below, which is when it reads them.
		delete process.env['CI'];
		delete process.env['CONTINUOUS_INTEGRATION'];
	}
	const {startK8slab} = await import('./source/app/run.js');
	return startK8slab({...cli.flags, snapshot: command === 'snapshot'});
}

main().then(
	code => {
		process.exitCode = code;
	},
	(error: unknown) => {
		// One clear line, never a stack trace: errors here are the user's to act on.
		const message = error instanceof Error ? error.message : String(error);
		process.stderr.write(`k8slab: ${message}\n`);
		process.exitCode = 1;
	},
);
