// Errors from the API, worded for the place the user is looking. A message
// here never carries a token, key or certificate.

export interface StatusCause {
	field?: string;
	message?: string;
}

export class ApiError extends Error {
	constructor(
		message: string,
		/** HTTP status; 0 when the server could not be reached. */
		readonly status: number,
		/** The Status reason (Forbidden, Conflict, NotFound, Invalid, Expired…). */
		readonly reason = '',
		/** The Status's details.causes: each invalid field of a 422, as kubectl edit lists them. */
		readonly causes: readonly StatusCause[] = [],
	) {
		super(message);
		this.name = 'ApiError';
	}

	get forbidden(): boolean {
		return this.status === 403;
	}

	/** 410 Gone, or an in-stream ERROR saying the resource version is too old. */
	get expired(): boolean {
		return this.status === 410 || this.reason === 'Expired' || this.reason === 'Gone';
	}
}

/** Builds an ApiError from a metav1.Status body (or anything else the server sent). */
export function statusError(status: number, body: unknown, what: string): ApiError {
	const statusBody = (typeof body === 'object' && body !== null ? body : {}) as {message?: unknown; reason?: unknown; details?: {causes?: unknown}};
	const serverMessage = typeof statusBody.message === 'string' && statusBody.message ? statusBody.message : undefined;
	const reason = typeof statusBody.reason === 'string' ? statusBody.reason : '';
	const checks = typeof body === 'string' ? failingChecks(body) : [];
	const fallback = checks.length > 0 ? `${checks.join(', ')} failed` : typeof body === 'string' && body.trim() && body.length < 300 ? body.trim() : `HTTP ${status}`;
	const causes = Array.isArray(statusBody.details?.causes) ? (statusBody.details.causes as unknown[]).filter((cause): cause is StatusCause => typeof cause === 'object' && cause !== null) : [];
	return new ApiError(serverMessage ?? `${what}: ${fallback}`, status, reason, causes);
}

/** The failing checks of a health endpoint's answer (/readyz lists each as "[-]etcd failed: reason withheld"). */
export function failingChecks(text: string): string[] {
	return [...text.matchAll(/^\[-\](\S+) failed/gm)].map(match => match[1]!);
}

/** Network-level failures, worded as what the user can check. */
export function networkError(error: unknown, server: string): ApiError {
	const code = (error as NodeJS.ErrnoException)?.code ?? '';
	const detail = (error as Error)?.message ?? String(error);
	const words: Record<string, string> = {
		ECONNREFUSED: `cannot reach the API server at ${server} (connection refused)`,
		ECONNRESET: `the connection to the API server at ${server} was reset`,
		ENOTFOUND: `cannot resolve the API server's host in ${server}`,
		ETIMEDOUT: `the API server at ${server} did not answer in time`,
		EHOSTUNREACH: `the API server at ${server} is unreachable`,
		DEPTH_ZERO_SELF_SIGNED_CERT: `the API server at ${server} presented a certificate the kubeconfig's CA does not trust`,
		UNABLE_TO_VERIFY_LEAF_SIGNATURE: `the API server at ${server} presented a certificate the kubeconfig's CA does not trust`,
		SELF_SIGNED_CERT_IN_CHAIN: `the API server at ${server} presented a certificate the kubeconfig's CA does not trust`,
		ERR_TLS_CERT_ALTNAME_INVALID: `the API server's certificate does not match the address ${server}`,
		CERT_HAS_EXPIRED: `the API server's certificate at ${server} has expired`,
	};
	return new ApiError(words[code] ?? `cannot reach the API server at ${server}: ${scrub(detail)}`, 0, code);
}

/** Drops anything that looks like a credential from a message. */
export function scrub(message: string): string {
	return (
		message
			.replace(/(bearer|token|password|secret)([=:\s"']+)[^\s"',;]+/gi, '$1$2[redacted]')
			.replace(/-----BEGIN [^-]+-----[\s\S]*?(-----END [^-]+-----|$)/g, '[redacted]')
			.replace(/k8s-aws-v1\.[\w-]+/g, '[redacted]')
			// JWTs (OIDC id tokens, service account tokens).
			.replace(/\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, '[redacted]')
			// Long opaque strings: mixed case and digits (base64, API keys) or long hex. Kubernetes
			// names are lower case, so a long pod name survives.
			.replace(/[A-Za-z0-9+/_=-]{24,}/g, word => ((/[A-Z]/.test(word) && /[a-z]/.test(word) && /\d/.test(word)) || /^[0-9a-f]{32,}$/i.test(word) ? '[redacted]' : word))
	);
}

/**
 * What a credential plugin wrote to stderr, fit for one line of a message:
 * escape sequences and control characters removed, token-shaped strings
 * redacted, and only its last few lines, shortened.
 */
export function pluginOutput(text: string, maxLines = 5, maxChars = 500): string {
	const lines = text
		// CSI and OSC sequences, then any other escape, then the remaining control characters.
		.replace(/\u001B\[[0-?]*[ -\/]*[@-~]/g, '')
		.replace(/\u001B\][^\u0007\u001B]*(\u0007|\u001B\\)?/g, '')
		.replace(/\u001B[@-_]?/g, '')
		.replace(/\u009B[0-?]*[ -\/]*[@-~]/g, '')
		.replace(/\r\n?/g, '\n')
		.replace(/\t/g, ' ')
		.replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, '')
		.split('\n')
		.map(line => line.trim())
		.filter(Boolean);
	let kept = scrub(lines.slice(-maxLines).join(' | '));
	if (lines.length > maxLines) kept = `… ${kept}`;
	return kept.length > maxChars ? `…${kept.slice(-(maxChars - 1))}` : kept;
}

/** Who was refused where: a 401 or 403 names the context, user and server, so the user knows which credential to fix. */
export function withIdentity(error: ApiError, who: {context: string; user: string; server: string}): ApiError {
	const identity = `context ${who.context}, user ${who.user}, server ${who.server}`;
	if (error.status === 401) {
		const said = error.message && !/^Unauthorized$/i.test(error.message.trim()) ? `: ${error.message}` : '';
		return new ApiError(`Unauthorized: ${identity}${said}`, 401, error.reason || 'Unauthorized');
	}
	if (error.status === 403) return new ApiError(`${error.message} (${identity})`, 403, error.reason || 'Forbidden');
	return error;
}

export function messageOf(error: unknown): string {
	if (error instanceof ApiError) return error.message;
	if (error instanceof Error) return scrub(error.message);
	return scrub(String(error));
}
