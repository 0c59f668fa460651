// What authenticates requests, fetched once and shared by all of them. An exec
// plugin (`aws eks get-token`) runs once, and again only when its credential
// expires or the server answers 401; every request that needs it meanwhile
// waits on that one run. A plugin gets a deadline (kubectl has none), never the
// keyboard (the view owns it), and what it prints to stderr reaches the user
// only sanitised, shortened and with anything token-shaped redacted.
// `tokenFile` is re-read at most once a minute, as client-go does.
import fs from 'node:fs';
import {KubeConfig} from '@kubernetes/client-node/dist/config.js';
import type {User} from '@kubernetes/client-node/dist/config_types.js';
import type {CredentialWait} from '../model/cluster.js';
import {ApiError} from './errors.js';
import {commandLabel, execCluster, pluginError, startPlugin, type ExecConfig, type ExecResult} from './execPlugin.js';

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

interface Run {
	promise: Promise<Credential>;
	startedAt: number;
	/** Kills the plugin and fails the run with this error. */
	cancel?: (error: ApiError) => void;
}

export const defaultExecTimeoutMs = 60_000;
/** client-go's cached file token source reads the file again after a minute. */
const tokenFileMaxAgeMs = 60_000;
/** A credential is fetched again this long before it expires (or a tenth of its life, if shorter), while it still works. */
const refreshAheadMs = 30_000;
/** A 401 re-runs the plugin at most this often: a token the server never accepts must not run it in a loop. */
const rerunOn401AfterMs = 10_000;
/** After a failed run, requests are refused with its reason for this long rather than running the plugin again at once. */
const failureHoldMs = 5_000;

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

	private fromPlugin({token, cert, key, expiresAt}: ExecResult): {credential: Credential; expiresAt?: number} {
		// The plugin's certificate replaces the kubeconfig's; a token alone keeps it, as in client-go.
		const fields: Partial<User> = cert && key ? {certData: Buffer.from(cert).toString('base64'), keyData: Buffer.from(key).toString('base64'), certFile: undefined, keyFile: undefined} : {};
		if (token) Object.assign(fields, {token});
		return {credential: {config: withUser(this.kubeConfig, fields), fromPlugin: true}, expiresAt};
	}

	/** Starts the one run of the plugin; everyone waiting gets its result. */
	private run(): Promise<Credential> {
		const failure = this.failed();
		if (failure) return Promise.reject(failure);
		const running: Run = {startedAt: this.now(), promise: undefined as unknown as Promise<Credential>};
		this.running = running;
		this.lastRunAt = running.startedAt;
		const plugin = startPlugin(this.exec!, {
			context: this.source.context,
			user: this.source.user,
			timeoutMs: this.execTimeoutMs,
			cluster: () => execCluster(this.kubeConfig.getCurrentCluster(), this.source.execExtension),
		});
		running.cancel = plugin.cancel;
		running.promise = plugin.result
			.then(
				result => {
					const {credential, expiresAt} = this.fromPlugin(result);
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
}

function stoppedError(): ApiError {
	return new ApiError('k8slab is stopping; the request was not sent', 0, 'Stopped');
}
