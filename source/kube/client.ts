// Raw JSON over HTTPS, authenticated by @kubernetes/client-node's KubeConfig
// (client certificates, tokens) with the credential credentials.ts fetched
// once for every request (exec plugins such as `aws eks get-token`, tokenFile).
// Objects stay plain JSON values: no per-object deserialization, and
// timestamps stay RFC 3339 strings. Pods and Events, the big collections, can
// be listed and watched in protobuf instead (protobuf/): the API server
// encodes it about three times faster than JSON, and it is read straight into
// the fields the store keeps. Any other answer (a server or proxy that only
// speaks JSON) is read as JSON.
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type {KubeConfig} from '@kubernetes/client-node';
import {ApiError, networkError, statusError, withIdentity} from './errors.js';
import type {Credential, Credentials} from './credentials.js';
import {ListSplitter} from './listStream.js';
import {decodeBody, ProtobufListReader, ProtobufWatchReader, protobufType, type ObjectDecoder} from './protobuf/stream.js';
import {trace, tracing} from '../trace.js';

export interface RequestOptions {
	body?: unknown;
	contentType?: string;
	timeoutMs?: number;
	/** The Accept header (default JSON). */
	accept?: string;
	/** Abandons the request (it rejects). */
	signal?: AbortSignal;
	/** A keep-alive agent for a request repeated every few seconds (the health probes); ignored behind a proxy. */
	agent?: https.Agent;
}

export interface ListOptions {
	timeoutMs?: number;
	/** Ask for protobuf and read each item with this; items then arrive already decoded. */
	protobuf?: ObjectDecoder;
	/** Parse a JSON body while it arrives (for big collections) rather than once at its end. */
	incremental?: boolean;
	/** Items as they are parsed, in order, a network chunk's worth at a time: JSON objects, or what protobuf decoded. */
	onItems(items: any[], decoded: boolean): void;
	/** Abandons the request: the promise rejects and no more items arrive. */
	signal?: AbortSignal;
	/** The Accept header (default JSON); a Table answer (as=Table) hands over its rows as the items. */
	accept?: string;
}

/** What a LIST (or one page of it) answered besides its items. */
export interface ListAnswer {
	resourceVersion: string;
	/** The token for the next page, when the list was asked for with a limit and has more. */
	continue?: string;
	/** How many items the pages after this one hold, when the server says (not with a label selector). */
	remainingItemCount?: number;
	head?: Record<string, unknown>;
}

export interface WatchHandlers {
	/** Aborted before the credential arrives, the watch is never opened. */
	signal?: AbortSignal;
	/** As for ListOptions.protobuf. */
	protobuf?: ObjectDecoder;
	/** As for ListOptions.accept. */
	accept?: string;
	onEvent(event: {type: string; object: any}, decoded: boolean): void;
	onEnd(error?: ApiError): void;
}

const preferProtobuf = `${protobufType}, application/json`;

function isProtobuf(response: http.IncomingMessage): boolean {
	return (response.headers['content-type'] ?? '').startsWith(protobufType);
}

/** A meta.k8s.io Table's items are its `rows` (and its content-type is plain application/json). */
const tableKeys = ['items', 'rows'];

/** An error response's body: a Status in either encoding, or text for the message. */
function errorBody(response: http.IncomingMessage, chunks: Buffer[]): unknown {
	const bytes = Buffer.concat(chunks);
	try {
		return isProtobuf(response) ? decodeBody(bytes) : JSON.parse(bytes.toString());
	} catch {
		return bytes.toString();
	}
}

/** A 401 to a plugin's credential, which was dropped so the request can be tried once more. */
class RefusedCredential extends Error {
	constructor(readonly refusal: ApiError) {
		super(refusal.message);
	}
}

export class KubeClient {
	readonly server: string;
	/** The TLS context for the kubeconfig's CA and client certificate, and what it was made of. */
	private tlsContext: {material: string; context: tls.SecureContext} | undefined;
	/** Every request's connection pool (see keepConnections). */
	private readonly agent = new https.Agent({keepAlive: true});
	private stopped = false;
	private readonly identity: {context: string; user: string; server: string};

	/** The deadline of a request (--request-timeout): 0 = none; a request's own shorter one still applies. */
	private readonly requestTimeoutMs: number;

	constructor(
		kubeConfig: KubeConfig,
		/** Shared by every request; the view reads from it whether requests wait on a plugin. */
		readonly credentials: Credentials,
		options: {requestTimeoutMs?: number} = {},
	) {
		this.server = kubeConfig.getCurrentCluster()?.server ?? '';
		this.identity = {context: kubeConfig.getCurrentContext(), user: kubeConfig.getCurrentUser()?.name ?? '', server: this.server};
		this.requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
	}

	/** Kills a credential plugin still running; nothing is sent from now on. */
	stop(): void {
		this.stopped = true;
		this.credentials.stop();
		this.agent.destroy();
	}

	/**
	 * Options for one request, once its credential is there. A deadline
	 * (epoch ms) or an abort that comes first refuses it: nothing is sent late.
	 */
	private async options(method: string, timeoutMs?: number, accept = 'application/json', wait: {deadline?: number; signal?: AbortSignal} = {}): Promise<{options: https.RequestOptions; credential: Credential}> {
		const credential = await this.credentials.get(wait.deadline, wait.signal);
		if (this.stopped || wait.signal?.aborted) throw new ApiError('k8slab is stopping; the request was not sent', 0, 'Stopped');
		// The credential came in the same moment the deadline passed: late is late.
		if (wait.deadline !== undefined && Date.now() >= wait.deadline) throw new ApiError('the request ran out of time waiting for credentials, so nothing was sent', 0, 'CredentialTimeout');
		const options: https.RequestOptions = {method, headers: {accept}, timeout: timeoutMs};
		try {
			// Runs no plugin: the credential's config carries a token or certificate, or an auth-provider's own.
			await credential.config.applyToHTTPSOptions(options);
		} catch (error) {
			throw new ApiError(`could not get credentials for ${this.server}: ${(error as Error).message}`, 401, 'Unauthorized');
		}
		this.shareTlsContext(options);
		this.keepConnections(options);
		return {options, credential};
	}

	/** A refusal from the server, naming who was refused; a 401 also drops a plugin's credential so the next request fetches a new one. */
	private refused(status: number, body: unknown, what: string, credential: Credential): ApiError {
		const error = statusError(status, body, what);
		if (status === 401) this.credentials.rejected(credential);
		return withIdentity(error, this.identity);
	}

	/**
	 * Each connection would otherwise parse the CA, certificate and key into a
	 * TLS context of its own: five at start-up and one per watch, 1.5-3.5 ms each on
	 * the thread reading the pods LIST. Requests whose material is the same (an
	 * exec plugin may rotate a client certificate) share one context. A proxy's
	 * agent, or TLS options beyond these, keep Node's own handling.
	 */
	private shareTlsContext(options: https.RequestOptions): void {
		if (options.agent !== undefined && (options.agent as object).constructor !== https.Agent) return;
		if (options.pfx !== undefined || options.passphrase !== undefined || options.ciphers !== undefined || options.secureProtocol !== undefined || options.crl !== undefined) return;
		// eslint-disable-next-line @typescript-eslint/no-base-to-string -- PEM strings or Buffers from the kubeconfig; String() of a Buffer is its text
		const text = (value: unknown) => (value === undefined ? '' : Array.isArray(value) ? value.map(String).join('\u0000') : String(value));
		const material = `${text(options.ca)}\u0001${text(options.cert)}\u0001${text(options.key)}`;
		if (this.tlsContext?.material !== material) {
			try {
				this.tlsContext = {material, context: tls.createSecureContext({ca: options.ca, cert: options.cert, key: options.key})};
			} catch {
				// A malformed certificate or key: the connection reports it, as it did before.
				this.tlsContext = undefined;
				return;
			}
		}
		(options as tls.ConnectionOptions).secureContext = this.tlsContext.context;
	}

	/**
	 * client-node gives each request an agent of its own, without keep-alive: every
	 * request was a TLS handshake (19 in a live view's first 3 s, each watch a new
	 * connection beside the LIST that came before it). One keep-alive agent lets a watch
	 * take its LIST's connection, and later requests the idle ones; the TLS options stay
	 * on the request, where the agent reads them (and pools by them). A proxy's agent is kept.
	 */
	private keepConnections(options: https.RequestOptions): void {
		if ((options.agent as object | undefined)?.constructor === https.Agent) options.agent = this.agent;
	}

	async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
		// Infinity when --request-timeout 0 and the request sets none of its own.
		const deadline = Date.now() + Math.min(options.timeoutMs ?? Infinity, this.requestTimeoutMs || Infinity);
		try {
			return await this.send<T>(method, path, options, deadline);
		} catch (error) {
			// A 401 sends nothing through, so one more try with the plugin's fresh credential is safe, within the same deadline.
			if (error instanceof RefusedCredential) {
				if (Date.now() < deadline) return this.send<T>(method, path, options, deadline);
				throw error.refusal;
			}
			throw error;
		}
	}

	private async send<T>(method: string, path: string, options: RequestOptions, deadline: number): Promise<T> {
		// The wait for credentials counts against the request's deadline.
		const {options: requestOptions, credential} = await this.options(method, undefined, options.accept, {deadline: Number.isFinite(deadline) ? deadline : undefined});
		const timeoutMs = Math.max(1, deadline - Date.now());
		if (options.signal) requestOptions.signal = options.signal;
		if (options.agent && (requestOptions.agent as object | undefined)?.constructor === https.Agent) requestOptions.agent = options.agent;
		const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
		// With its length: Node sends a DELETE's body without one (no chunking for DELETE), and the server never sees it (a delete's preconditions).
		if (payload) requestOptions.headers = {...requestOptions.headers, 'content-type': options.contentType ?? 'application/json', 'content-length': Buffer.byteLength(payload)};
		const url = new URL(path, this.server);
		return new Promise<T>((resolvePromise, rejectPromise) => {
			// A deadline of our own: the socket's idle timeout fired twice (6 s for a
			// 3 s timeout) before Node gave up on a server stuck in the TLS handshake.
			const timer = Number.isFinite(timeoutMs) ? setTimeout(() => request.destroy(Object.assign(new Error('timeout'), {code: 'ETIMEDOUT'})), timeoutMs) : undefined;
			const resolve = (value: T) => {
				clearTimeout(timer);
				resolvePromise(value);
			};
			const reject = (error: unknown) => {
				clearTimeout(timer);
				rejectPromise(error);
			};
			const request = transport(url).request(url, requestOptions, response => {
				const chunks: Buffer[] = [];
				response.on('data', chunk => chunks.push(chunk));
				response.on('error', error => reject(networkError(error, this.server)));
				response.on('end', () => {
					const text = Buffer.concat(chunks).toString();
					let body: unknown = text;
					try {
						body = JSON.parse(text);
					} catch {
						// not JSON: keep the text for the error message
					}
					const status = response.statusCode ?? 0;
					if (status === 401 && this.credentials.rejected(credential)) {
						reject(new RefusedCredential(withIdentity(statusError(status, body, `${method} ${url.pathname}`), this.identity)));
					} else if (status >= 400) reject(this.refused(status, body, `${method} ${url.pathname}`, credential));
					else resolve(body as T);
				});
			});
			request.on('error', error => reject(networkError(error, this.server)));
			if (payload) request.write(payload);
			request.end();
		});
	}

	/**
	 * GETs a collection and hands over its items while the body arrives
	 * (ListSplitter), so parsing overlaps the transfer. Resolves with the
	 * list's resourceVersion once the last item is in, and the rest of the body
	 * (a Table's columnDefinitions) as `head`.
	 */
	async list(path: string, options: ListOptions): Promise<ListAnswer> {
		const {options: requestOptions, credential} = await this.options('GET', options.timeoutMs ?? 60_000, options.protobuf ? preferProtobuf : options.accept, {signal: options.signal});
		if (options.signal) requestOptions.signal = options.signal;
		const url = new URL(path, this.server);
		return new Promise((resolve, reject) => {
			const request = transport(url).request(url, requestOptions, response => {
				if (tracing) trace(`list ${path} answered`);
				const status = response.statusCode ?? 0;
				const failed = status >= 400;
				const splitter =
					options.protobuf && isProtobuf(response)
						? new ProtobufListReader(options.protobuf, items => options.onItems(items, true))
						: new ListSplitter(
								items => {
									if (!failed) options.onItems(items, false);
								},
								{whole: !options.incremental, keys: options.accept ? tableKeys : undefined},
							);
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => {
					if (failed) chunks.push(chunk);
					else {
						try {
							splitter.push(chunk);
						} catch (error) {
							request.destroy();
							reject(new ApiError(`GET ${url.pathname}: the API server sent a list that could not be read (${(error as Error).message})`, 0));
						}
					}
				});
				response.on('error', error => reject(networkError(error, this.server)));
				response.on('aborted', () => reject(new ApiError(`GET ${url.pathname} was cut`, 0)));
				response.on('end', () => {
					if (tracing) trace(`list ${path} body ended`);
					if (failed) {
						reject(this.refused(status, errorBody(response, chunks), `GET ${url.pathname}`, credential));
						return;
					}
					try {
						const {metadata} = splitter.end();
						resolve({
							resourceVersion: metadata.resourceVersion ?? '',
							continue: metadata.continue || undefined,
							remainingItemCount: metadata.remainingItemCount,
							head: splitter instanceof ListSplitter ? splitter.head : undefined,
						});
					} catch (error) {
						reject(new ApiError(`GET ${url.pathname}: the API server sent a list that could not be read (${(error as Error).message})`, 0));
					}
				});
			});
			request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), {code: 'ETIMEDOUT'})));
			request.on('error', error => reject(networkError(error, this.server)));
			request.end();
		});
	}

	/**
	 * Opens a watch stream. Events arrive one JSON line at a time; `onEnd`
	 * fires exactly once, with an error unless the server closed cleanly.
	 * Returns a function that aborts the watch.
	 */
	async watch(path: string, handlers: WatchHandlers): Promise<() => void> {
		const accept = handlers.protobuf ? preferProtobuf : handlers.accept;
		const what = {refused: 'watch', cut: 'the watch on'};
		return this.longGet(path, accept, handlers.signal, what, handlers.onEnd, (response, request, end, ended) => {
			if (handlers.protobuf && isProtobuf(response)) {
				const frames = new ProtobufWatchReader(handlers.protobuf, event => {
					if (!ended()) handlers.onEvent(event, true);
				});
				response.on('data', (chunk: Buffer) => {
					if (ended()) return;
					try {
						frames.push(chunk);
					} catch (error) {
						end(new ApiError(`the API server sent a watch event that could not be read (${(error as Error).message})`, 0));
						request.destroy();
					}
				});
			} else {
				this.readJsonWatch(response, request, handlers, end);
			}
		});
	}

	/**
	 * GETs a body that keeps coming (a followed log): each chunk as it arrives,
	 * then `onEnd` exactly once, with an error unless the server closed
	 * cleanly. A refusal (400, 403…) ends it with the server's Status message.
	 * Returns a function that aborts it.
	 */
	async stream(path: string, handlers: {signal?: AbortSignal; onData(chunk: Buffer): void; onEnd(error?: ApiError): void}): Promise<() => void> {
		return this.longGet(path, '*/*', handlers.signal, {refused: 'GET', cut: 'the stream of'}, handlers.onEnd, (response, _request, _end, ended) => {
			response.on('data', (chunk: Buffer) => {
				if (!ended()) handlers.onData(chunk);
			});
		});
	}

	/**
	 * A GET whose body keeps coming (a watch, a followed log): `read` takes the
	 * body; a refusal, the body's end, a network error or a cut connection end
	 * it, `onEnd` once. Returns a function that aborts it.
	 */
	private async longGet(
		path: string,
		accept: string | undefined,
		signal: AbortSignal | undefined,
		what: {refused: string; cut: string},
		onEnd: (error?: ApiError) => void,
		read: (response: http.IncomingMessage, request: http.ClientRequest, end: (error?: ApiError) => void, ended: () => boolean) => void,
	): Promise<() => void> {
		const {options: requestOptions, credential} = await this.options('GET', undefined, accept, {signal});
		const url = new URL(path, this.server);
		let ended = false;
		const end = (error?: ApiError) => {
			if (ended) return;
			ended = true;
			onEnd(error);
		};
		const request = transport(url).request(url, requestOptions, response => {
			const status = response.statusCode ?? 0;
			if (status >= 400) {
				const chunks: Buffer[] = [];
				response.on('data', chunk => chunks.push(chunk));
				response.on('end', () => end(this.refused(status, errorBody(response, chunks), `${what.refused} ${url.pathname}`, credential)));
				return;
			}
			read(response, request, end, () => ended);
			response.on('end', () => end());
			response.on('error', error => end(networkError(error, this.server)));
			response.on('aborted', () => end(new ApiError(`${what.cut} ${url.pathname} was cut`, 0)));
		});
		request.on('error', error => end(networkError(error, this.server)));
		request.end();
		return () => {
			ended = true;
			request.destroy();
		};
	}

	/** Watch events in JSON: one per line. */
	private readJsonWatch(response: http.IncomingMessage, request: http.ClientRequest, handlers: WatchHandlers, end: (error?: ApiError) => void): void {
		let buffered = '';
		response.setEncoding('utf8');
		response.on('data', (chunk: string) => {
			buffered += chunk;
			let newline = buffered.indexOf('\n');
			while (newline >= 0) {
				const line = buffered.slice(0, newline);
				buffered = buffered.slice(newline + 1);
				if (line.trim()) {
					let event: {type: string; object: any} | undefined;
					try {
						event = JSON.parse(line);
					} catch {
						end(new ApiError('the API server sent a watch event that is not JSON', 0));
						request.destroy();
						return;
					}
					if (event) handlers.onEvent(event, false);
				}
				newline = buffered.indexOf('\n');
			}
		});
	}
}

function transport(url: URL): typeof https | typeof http {
	return url.protocol === 'http:' ? http : https;
}
