// One run of an exec credential plugin, with client-go's rules for what goes
// in (KUBERNETES_EXEC_INFO, interactiveMode) and what must come out (an
// ExecCredential of the configured apiVersion). Unlike client-go it has a
// deadline, gets no keyboard and no terminal, and its stderr is kept for the
// error message rather than passed through.
import {spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type {Cluster} from '@kubernetes/client-node/dist/config_types.js';
import {ApiError, pluginOutput} from './errors.js';

/** users[].user.exec as written in the kubeconfig. */
export interface ExecConfig {
	apiVersion?: string;
	command?: string;
	args?: string[];
	env?: Array<{name?: string; value?: string}>;
	interactiveMode?: string;
	provideClusterInfo?: boolean;
	installHint?: string;
}

/** What a plugin answered: a token, a client certificate and key (PEM), or both; and when they expire. */
export interface ExecResult {
	token?: string;
	cert?: string;
	key?: string;
	expiresAt?: number;
}

export interface PluginRun {
	result: Promise<ExecResult>;
	/** Kills the plugin and fails the run with this error. */
	cancel(error: ApiError): void;
}

export interface PluginContext {
	context: string;
	user: string;
	timeoutMs: number;
	/** spec.cluster for provideClusterInfo. */
	cluster(): Record<string, unknown>;
}

const apiVersions = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];
const maxStdout = 1024 * 1024;
const keptStderr = 16 * 1024;

export function pluginError(message: string): ApiError {
	return new ApiError(message, 401, 'Unauthorized');
}

/** The command line the user recognises: the program's name and its arguments, never its environment. */
export function commandLabel(exec: {command?: string; args?: string[]}): string {
	const words = [path.basename(exec.command ?? ''), ...(exec.args ?? [])].map(word => word.replace(/[\u0000-\u001F\u007F-\u009F]/g, ''));
	const label = words.join(' ');
	return label.length > 60 ? `${label.slice(0, 59)}…` : label;
}

/** spec.cluster as client-go fills it for provideClusterInfo: the CA always as data, the cluster's exec extension as config. */
export function execCluster(cluster: Cluster | null, extension: unknown): Record<string, unknown> {
	let ca: string | undefined;
	try {
		ca = cluster?.caFile ? fs.readFileSync(cluster.caFile).toString('base64') : cluster?.caData || undefined;
	} catch {
		ca = undefined;
	}
	const info: Record<string, unknown> = {server: cluster?.server ?? ''};
	if (cluster?.tlsServerName) info['tls-server-name'] = cluster.tlsServerName;
	if (cluster?.skipTLSVerify) info['insecure-skip-tls-verify'] = true;
	if (ca) info['certificate-authority-data'] = ca;
	if (cluster?.proxyUrl) info['proxy-url'] = cluster.proxyUrl;
	if (extension !== undefined) info['config'] = extension;
	return info;
}

/** client-go's interactiveMode rules, for a process whose keyboard belongs to the view. */
function refusal(exec: ExecConfig, context: PluginContext, label: string): string | undefined {
	const apiVersion = exec.apiVersion ?? '';
	if (!exec.command) return `the exec plugin of user ${context.user} names no command`;
	if (!apiVersions.includes(apiVersion)) return `exec plugin of user ${context.user}: invalid apiVersion "${apiVersion}" (k8slab reads ${apiVersions.join(' and ')})`;
	// v1 must say; v1beta1 defaults to IfAvailable.
	const mode = exec.interactiveMode || (apiVersion.endsWith('/v1') ? '' : 'IfAvailable');
	if (!mode) return `interactiveMode must be specified for ${context.user} to use exec authentication plugin`;
	if (mode === 'Always') {
		return `exec plugin ${label} cannot support interactive mode: standard input is unavailable (k8slab's view reads the keyboard); log in with the plugin or kubectl in a shell first, or set interactiveMode: IfAvailable`;
	}
	if (mode !== 'Never' && mode !== 'IfAvailable') return `exec plugin ${label} cannot support interactive mode: unknown interactiveMode: "${mode}"`;
	return undefined;
}

export function startPlugin(exec: ExecConfig, context: PluginContext): PluginRun {
	const label = commandLabel(exec);
	const refused = refusal(exec, context, label);
	if (refused) return {result: Promise.reject(pluginError(refused)), cancel: () => undefined};
	const apiVersion = exec.apiVersion!;
	const env: NodeJS.ProcessEnv = {...process.env};
	for (const variable of exec.env ?? []) if (variable?.name) env[variable.name] = variable.value ?? '';
	env['KUBERNETES_EXEC_INFO'] = JSON.stringify({
		kind: 'ExecCredential',
		apiVersion,
		spec: {...(exec.provideClusterInfo ? {cluster: context.cluster()} : {}), interactive: false},
	});
	const failure = (detail: string) => pluginError(`could not get credentials from ${label} (context ${context.context}, user ${context.user}): ${detail}`);
	let cancel: (error: ApiError) => void = () => undefined;
	const result = new Promise<ExecResult>((resolve, reject) => {
		let child: ChildProcess;
		try {
			// Its own session and process group: a deadline or stop() ends whatever it started too, and
			// with no controlling terminal it cannot prompt over the view; it fails instead.
			child = spawn(exec.command!, exec.args ?? [], {env, stdio: ['ignore', 'pipe', 'pipe'], detached: true});
		} catch (error) {
			reject(failure(`it could not be started (${(error as NodeJS.ErrnoException).code ?? 'error'})`));
			return;
		}
		const stdout: Buffer[] = [];
		let stdoutBytes = 0;
		let stderr = '';
		let settled = false;
		const finish = (error: ApiError | undefined, value?: ExecResult) => {
			if (settled) return;
			settled = true;
			clearTimeout(deadline);
			child.stdout?.destroy();
			child.stderr?.destroy();
			child.unref();
			if (error) reject(error);
			else resolve(value!);
		};
		cancel = error => {
			killGroup(child);
			finish(error);
		};
		const deadline = setTimeout(() => {
			killGroup(child);
			const said = pluginOutput(stderr);
			finish(failure(`it gave no credential within ${Math.round(context.timeoutMs / 1000)}s and was stopped${said ? `; it said: ${said}` : ''}`));
		}, context.timeoutMs);
		deadline.unref?.();
		child.stdout!.on('data', (chunk: Buffer) => {
			stdoutBytes += chunk.length;
			if (stdoutBytes <= maxStdout) stdout.push(chunk);
			else cancel(failure('it printed more than 1 MB'));
		});
		child.stderr!.setEncoding('utf8');
		child.stderr!.on('data', (chunk: string) => {
			stderr = (stderr + chunk).slice(-keptStderr);
		});
		child.on('error', (error: NodeJS.ErrnoException) => {
			const hint = exec.installHint ? `; ${pluginOutput(exec.installHint)}` : '';
			finish(failure(error.code === 'ENOENT' ? `executable ${exec.command} not found${hint}` : `it could not be started (${error.code ?? error.message})`));
		});
		child.on('close', (code, signal) => {
			const said = pluginOutput(stderr);
			if (code !== 0) return finish(failure(`it ${signal ? `was killed by ${signal}` : `failed with exit code ${code}`}${said ? `: ${said}` : ''}`));
			try {
				finish(undefined, parse(Buffer.concat(stdout).toString('utf8'), apiVersion));
			} catch (error) {
				finish(failure((error as Error).message));
			}
		});
	});
	return {result, cancel: error => cancel(error)};
}

/** Reads an ExecCredential with client-go's checks. Messages never quote what was printed: it may hold the token. */
function parse(text: string, apiVersion: string): ExecResult {
	let output: any;
	try {
		output = JSON.parse(text);
	} catch {
		throw new Error('what it printed is not an ExecCredential (not JSON)');
	}
	if (output?.kind !== 'ExecCredential') throw new Error('what it printed is not an ExecCredential');
	if (output.apiVersion !== apiVersion) throw new Error(`exec plugin is configured to use API version ${apiVersion}, plugin returned version ${String(output.apiVersion).slice(0, 80)}`);
	const status = output.status;
	if (!status || typeof status !== 'object') throw new Error("exec plugin didn't return a status field");
	const nonEmpty = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
	const result: ExecResult = {token: nonEmpty(status.token), cert: nonEmpty(status.clientCertificateData), key: nonEmpty(status.clientKeyData)};
	if (!result.token && !result.cert && !result.key) throw new Error("exec plugin didn't return a token or cert/key pair");
	if (!result.cert !== !result.key) throw new Error('exec plugin returned only certificate or key, not both');
	if (status.expirationTimestamp) {
		result.expiresAt = Date.parse(status.expirationTimestamp);
		if (Number.isNaN(result.expiresAt)) throw new Error('its expirationTimestamp is not a time');
	}
	return result;
}

function killGroup(child: ChildProcess): void {
	try {
		if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
	} catch {
		try {
			child.kill('SIGKILL');
		} catch {
			// already gone
		}
	}
}
