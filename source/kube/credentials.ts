// What authenticates requests, fetched once and shared by all of them. An exec
// plugin (`aws eks get-token`) runs once, and again only when its credential
// expires or the server answers 401; every request that needs it meanwhile
// waits on that one run. A plugin gets a deadline (kubectl has none), never the
// keyboard (the view owns it), and what it prints to stderr reaches the user
// only sanitised, shortened and with anything token-shaped redacted.
// `tokenFile` is re-read at most once a minute, as client-go does.
import {spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {KubeConfig} from '@kubernetes/client-node/dist/config.js';
import type {User} from '@kubernetes/client-node/dist/config_types.js';
import type {CredentialWait} from '../model/cluster.js';
import {ApiError, pluginOutput} from './errors.js';

/** What the kubeconfig says about the context's user beyond what client-node reads. */
export interface CredentialSource {
	context: string;
	user: string;
	server: string;
	/** users[].user.tokenFile, made absolute. */
	tokenFile?: string;
	/** The cluster's extension "client.authentication.k8s.io/exec", handed to a plugin as spec.cluster.config. */
	execExtension?: unknown;
}

export interface CredentialOptions {
	/** How long a plugin may run before it is stopped (default 60 s). */
	execTimeoutMs?: number;
	now?: () => number;
}

/** One credential: a KubeConfig whose current user carries it and runs no plugin, so applying it costs no process. */
export interface Credential {
	readonly config: KubeConfig;
	readonly fromPlugin: boolean;
}

interface ExecConfig {
	apiVersion?: string;
	command?: string;
	args?: string[];
	env?: Array<{name?: string; value?: string}>;
	interactiveMode?: string;
	provideClusterInfo?: boolean;
	installHint?: string;
}

interface Run {
	promise: Promise<Credential>;
	startedAt: number;
	/** Kills the plugin and fails the run with this error. */
	cancel?: (error: ApiError) => void;
}

export const defaultExecTimeoutMs = 60_000;
const apiVersions = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];
/** client-go's cached file token source reads the file again after a minute. */
const tokenFileMaxAgeMs = 60_000;
/** A credential is fetched again this long before it expires (or a tenth of its life, if shorter), while it still works. */
const refreshAheadMs = 30_000;
/** A 401 re-runs the plugin at most this often: a token the server never accepts must not run it in a loop. */
const rerunOn401AfterMs = 10_000;
/** After a failed run, requests are refused with its reason for this long rather than running the plugin again at once. */
const failureHoldMs = 5_000;
const maxStdout = 1024 * 1024;
const keptStderr = 16 * 1024;

function pluginError(message: string): ApiError {
	return new ApiError(message, 401, 'Unauthorized');
}

/** The command line the user recognises: the program's name and its arguments, never its environment. */
export function commandLabel(exec: {command?: string; args?: string[]}): string {
	const words = [path.basename(exec.command ?? ''), ...(exec.args ?? [])].map(word => word.replace(/[\u0000-\u001F\u007F-\u009F]/g, ''));
	const label = words.join(' ');
	return label.length > 60 ? `${label.slice(0, 59)}…` : label;
}

/** A copy of the kubeconfig whose current user has these fields instead of a plugin. */
function withUser(kubeConfig: KubeConfig, fields: Partial<User>): KubeConfig {
	const current = kubeConfig.getCurrentUser();
	const config = new KubeConfig();
	config.loadFromOptions({
		clusters: kubeConfig.clusters,
		contexts: kubeConfig.contexts,
		users: kubeConfig.users.map(user => (user === current ? {...user, exec: undefined, ...fields} : user)),
		currentContext: kubeConfig.currentContext,
	});
	return config;
}

export class Credentials implements CredentialWait {
	private readonly exec: ExecConfig | undefined;
	private readonly label: string;
	private readonly execTimeoutMs: number;
	private readonly now: () => number;
	private current: {credential: Credential; expiresAt?: number; refreshAt?: number} | undefined;
	private running: Run | undefined;
	/** Requests waiting for the run in flight. */
	private waiters = 0;
	private lastRunAt = Number.NEGATIVE_INFINITY;
	private failure: {error: ApiError; until: number} | undefined;
	private fileToken: {token: string; readAt: number; credential: Credential} | undefined;
	private stopped = false;
	private readonly listeners = new Set<() => void>();
	/** The kubeconfig as loaded, for users without a plugin or token file: what client-node does. */
	private readonly plain: Credential;

	constructor(
		private readonly kubeConfig: KubeConfig,
		private readonly source: CredentialSource,
		options: CredentialOptions = {},
	) {
		const user = kubeConfig.getCurrentUser();
		// A token (or token file) wins over a plugin, as in client-go: the plugin is then never run.
		this.exec = user?.exec && !user.token && !source.tokenFile ? (user.exec as ExecConfig) : undefined;
		this.label = this.exec ? commandLabel(this.exec) : '';
		this.execTimeoutMs = options.execTimeoutMs ?? defaultExecTimeoutMs;
		this.now = options.now ?? Date.now;
		// A plugin beside a token must not run either: client-node would run it on every request.
		this.plain = {config: user?.exec ? withUser(kubeConfig, {}) : kubeConfig, fromPlugin: false};
	}

	waitingFor(): string | undefined {
		// A refresh ahead of expiry keeps nobody waiting, so it is not news.
		return this.running && this.waiters > 0 ? this.label : undefined;
	}

	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/**
	 * The credential for a request. With a deadline (epoch ms), a wait for a
	 * plugin that lasts past it is refused rather than answered late, so the
	 * request is never sent after its caller gave up.
	 */
	async get(deadline?: number, signal?: AbortSignal): Promise<Credential> {
		if (this.stopped) throw stoppedError();
		if (!this.exec) return this.source.tokenFile ? this.fromTokenFile(this.source.tokenFile) : this.plain;
		const current = this.current;
		if (current && !this.isExpired()) {
			if (current.refreshAt !== undefined && this.now() >= current.refreshAt && !this.running && !this.failed()) {
				// Fetched ahead while the old one still works; a failure shows once the old one expires.
				this.run().catch(() => undefined);
			}
			return current.credential;
		}
		const promise = this.running?.promise ?? this.run();
		this.waiters++;
		if (this.waiters === 1) this.changed();
		try {
			return await this.wait(promise, deadline, signal);
		} finally {
			this.waiters--;
			if (this.waiters === 0) this.changed();
		}
	}

	/** The server answered 401 to this credential: the next request runs the plugin again. Returns whether it will. */
	rejected(credential: Credential): boolean {
		if (!credential.fromPlugin || this.current?.credential !== credential) return false;
		if (this.now() - this.lastRunAt < rerunOn401AfterMs) return false;
		this.current = undefined;
		return true;
	}

	/** Ends any plugin run (its process group is killed) and refuses every request from now on. */
	stop(): void {
		this.stopped = true;
		this.running?.cancel?.(stoppedError());
		this.listeners.clear();
	}

	private isExpired(): boolean {
		const expiresAt = this.current?.expiresAt;
		return this.current === undefined || (expiresAt !== undefined && this.now() >= expiresAt);
	}

	private failed(): ApiError | undefined {
		if (this.failure && this.now() < this.failure.until) return this.failure.error;
		return undefined;
	}

	private changed(): void {
		for (const listener of this.listeners) listener();
	}

	private wait(promise: Promise<Credential>, deadline: number | undefined, signal: AbortSignal | undefined): Promise<Credential> {
		if (deadline === undefined && signal === undefined) return promise;
		return new Promise((resolve, reject) => {
			let timer: NodeJS.Timeout | undefined;
			const done = () => {
				clearTimeout(timer);
				signal?.removeEventListener('abort', onAbort);
			};
			const onAbort = () => {
				done();
				reject(stoppedError());
			};
			if (signal?.aborted) return onAbort();
			signal?.addEventListener('abort', onAbort, {once: true});
			if (deadline !== undefined) {
				const waitMs = Math.max(0, deadline - this.now());
				const seconds = waitMs < 10_000 ? (waitMs / 1000).toFixed(1) : String(Math.round(waitMs / 1000));
				timer = setTimeout(() => {
					done();
					reject(new ApiError(`no credentials from ${this.label} within the request's deadline (waited ${seconds}s), so nothing was sent; the plugin is still running`, 0, 'CredentialTimeout'));
				}, waitMs);
				timer.unref?.();
			}
			promise.then(
				credential => {
					done();
					resolve(credential);
				},
				(error: unknown) => {
					done();
					reject(error);
				},
			);
		});
	}

	private fromTokenFile(file: string): Credential {
		const now = this.now();
		if (this.fileToken && now - this.fileToken.readAt < tokenFileMaxAgeMs) return this.fileToken.credential;
		let token: string;
		try {
			token = fs.readFileSync(file, 'utf8').trim();
		} catch (error) {
			// A token read before keeps working until the file is back, as in client-go.
			if (this.fileToken) return this.fileToken.credential;
			throw pluginError(`the tokenFile ${file} of user ${this.source.user} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
		}
		if (!token) {
			if (this.fileToken) return this.fileToken.credential;
			throw pluginError(`the tokenFile ${file} of user ${this.source.user} is empty`);
		}
		const credential = this.fileToken?.token === token ? this.fileToken.credential : {config: withUser(this.kubeConfig, {token}), fromPlugin: false};
		this.fileToken = {token, readAt: now, credential};
		return credential;
	}

	/** Starts the one run of the plugin; everyone waiting gets its result. */
	private run(): Promise<Credential> {
		const failure = this.failed();
		if (failure) return Promise.reject(failure);
		const running: Run = {startedAt: this.now(), promise: undefined as unknown as Promise<Credential>};
		this.running = running;
		this.lastRunAt = running.startedAt;
		running.promise = this.execute(running)
			.then(
				({credential, expiresAt}) => {
					const lifetime = expiresAt === undefined ? undefined : expiresAt - this.now();
					const refreshAt = expiresAt === undefined || lifetime === undefined ? undefined : expiresAt - Math.min(refreshAheadMs, Math.max(0, lifetime) / 10);
					this.current = {credential, expiresAt, refreshAt};
					this.failure = undefined;
					return credential;
				},
				(error: unknown) => {
					const apiError = error instanceof ApiError ? error : pluginError(String(error));
					if (!this.stopped) this.failure = {error: apiError, until: this.now() + failureHoldMs};
					throw apiError;
				},
			)
			.finally(() => {
				if (this.running === running) this.running = undefined;
				this.changed();
			});
		return running.promise;
	}

	private execute(running: Run): Promise<{credential: Credential; expiresAt?: number}> {
		const exec = this.exec!;
		const who = `context ${this.source.context}, user ${this.source.user}`;
		const apiVersion = exec.apiVersion ?? '';
		if (!exec.command) return Promise.reject(pluginError(`the exec plugin of user ${this.source.user} names no command`));
		if (!apiVersions.includes(apiVersion)) return Promise.reject(pluginError(`exec plugin of user ${this.source.user}: invalid apiVersion "${apiVersion}" (k8slab reads ${apiVersions.join(' and ')})`));
		// client-go's rules: v1 must say, v1beta1 defaults to IfAvailable.
		const mode = exec.interactiveMode || (apiVersion.endsWith('/v1') ? '' : 'IfAvailable');
		if (!mode) return Promise.reject(pluginError(`interactiveMode must be specified for ${this.source.user} to use exec authentication plugin`));
		if (mode === 'Always') {
			return Promise.reject(
				pluginError(
					`exec plugin ${this.label} cannot support interactive mode: standard input is unavailable (k8slab's view reads the keyboard); log in with the plugin or kubectl in a shell first, or set interactiveMode: IfAvailable`,
				),
			);
		}
		if (mode !== 'Never' && mode !== 'IfAvailable') return Promise.reject(pluginError(`exec plugin ${this.label} cannot support interactive mode: unknown interactiveMode: "${mode}"`));
		const env: NodeJS.ProcessEnv = {...process.env};
		for (const variable of exec.env ?? []) if (variable?.name) env[variable.name] = variable.value ?? '';
		env['KUBERNETES_EXEC_INFO'] = JSON.stringify({
			kind: 'ExecCredential',
			apiVersion,
			spec: {...(exec.provideClusterInfo ? {cluster: this.execCluster()} : {}), interactive: false},
		});
		const failure = (detail: string) => pluginError(`could not get credentials from ${this.label} (${who}): ${detail}`);
		return new Promise((resolve, reject) => {
			let child: ChildProcess;
			try {
				// Its own process group, so a deadline or stop() ends whatever it started too. With no
				// controlling terminal it cannot prompt over the view; it fails instead.
				child = spawn(exec.command!, exec.args ?? [], {env, stdio: ['ignore', 'pipe', 'pipe'], detached: true});
			} catch (error) {
				reject(failure(`it could not be started (${(error as NodeJS.ErrnoException).code ?? 'error'})`));
				return;
			}
			running.cancel = error => {
				killGroup(child, 'SIGKILL');
				finish(error);
			};
			const stdout: Buffer[] = [];
			let stdoutBytes = 0;
			let stderr = '';
			let settled = false;
			const finish = (error: ApiError | undefined, value?: {credential: Credential; expiresAt?: number}) => {
				if (settled) return;
				settled = true;
				clearTimeout(deadline);
				child.stdout?.destroy();
				child.stderr?.destroy();
				child.unref();
				if (error) reject(error);
				else resolve(value!);
			};
			const deadline = setTimeout(() => {
				killGroup(child, 'SIGKILL');
				const said = pluginOutput(stderr);
				finish(failure(`it gave no credential within ${Math.round(this.execTimeoutMs / 1000)}s and was stopped${said ? `; it said: ${said}` : ''}`));
			}, this.execTimeoutMs);
			deadline.unref?.();
			child.stdout!.on('data', (chunk: Buffer) => {
				stdoutBytes += chunk.length;
				if (stdoutBytes > maxStdout) {
					killGroup(child, 'SIGKILL');
					finish(failure('it printed more than 1 MB'));
				} else stdout.push(chunk);
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
				if (this.stopped) return finish(stoppedError());
				const said = pluginOutput(stderr);
				if (code !== 0) {
					const how = signal ? `was killed by ${signal}` : `failed with exit code ${code}`;
					return finish(failure(`it ${how}${said ? `: ${said}` : ''}`));
				}
				try {
					finish(undefined, this.parse(Buffer.concat(stdout).toString('utf8'), apiVersion));
				} catch (error) {
					finish(failure((error as Error).message));
				}
			});
		});
	}

	/** Reads an ExecCredential with client-go's checks. Messages never quote what was printed: it may hold the token. */
	private parse(text: string, apiVersion: string): {credential: Credential; expiresAt?: number} {
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
		const token = typeof status.token === 'string' ? status.token : '';
		const cert = typeof status.clientCertificateData === 'string' ? status.clientCertificateData : '';
		const key = typeof status.clientKeyData === 'string' ? status.clientKeyData : '';
		if (!token && !cert && !key) throw new Error("exec plugin didn't return a token or cert/key pair");
		if (!cert !== !key) throw new Error('exec plugin returned only certificate or key, not both');
		let expiresAt: number | undefined;
		if (status.expirationTimestamp) {
			expiresAt = Date.parse(status.expirationTimestamp);
			if (Number.isNaN(expiresAt)) throw new Error('its expirationTimestamp is not a time');
		}
		const fields: Partial<User> = cert ? {certData: Buffer.from(cert).toString('base64'), keyData: Buffer.from(key).toString('base64'), certFile: undefined, keyFile: undefined} : {};
		if (token) Object.assign(fields, {token});
		return {credential: {config: withUser(this.kubeConfig, fields), fromPlugin: true}, expiresAt};
	}

	/** spec.cluster as client-go fills it for provideClusterInfo: the CA always as data. */
	private execCluster(): Record<string, unknown> {
		const cluster = this.kubeConfig.getCurrentCluster();
		let ca: string | undefined;
		try {
			ca = cluster?.caFile ? fs.readFileSync(cluster.caFile).toString('base64') : cluster?.caData || undefined;
		} catch {
			ca = undefined;
		}
		const info: Record<string, unknown> = {server: cluster?.server ?? this.source.server};
		if (cluster?.tlsServerName) info['tls-server-name'] = cluster.tlsServerName;
		if (cluster?.skipTLSVerify) info['insecure-skip-tls-verify'] = true;
		if (ca) info['certificate-authority-data'] = ca;
		if (cluster?.proxyUrl) info['proxy-url'] = cluster.proxyUrl;
		if (this.source.execExtension !== undefined) info['config'] = this.source.execExtension;
		return info;
	}
}

function stoppedError(): ApiError {
	return new ApiError('k8slab is stopping; the request was not sent', 0, 'Stopped');
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	try {
		if (child.pid !== undefined) process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			// already gone
		}
	}
}
