// Errors from the API, worded for the place the user is looking. A message
// here never carries a token, key or certificate.

export class ApiError extends Error {
	constructor(
		message: string,
		/** HTTP status; 0 when the server could not be reached. */
		readonly status: number,
		/** The Status reason (Forbidden, Conflict, NotFound, Invalid, Expired…). */
		readonly reason = '',
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
	const statusBody = (typeof body === 'object' && body !== null ? body : {}) as {message?: unknown; reason?: unknown};
	const serverMessage = typeof statusBody.message === 'string' && statusBody.message ? statusBody.message : undefined;
	const reason = typeof statusBody.reason === 'string' ? statusBody.reason : '';
	const checks = typeof body === 'string' ? failingChecks(body) : [];
	const fallback = checks.length > 0 ? `${checks.join(', ')} failed` : typeof body === 'string' && body.trim() && body.length < 300 ? body.trim() : `HTTP ${status}`;
	return new ApiError(serverMessage ?? `${what}: ${fallback}`, status, reason);
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
	return message
		.replace(/(bearer|token|password)([=:\s]+)\S+/gi, '$1$2[redacted]')
		.replace(/-----BEGIN [^-]+-----[\s\S]*?-----END [^-]+-----/g, '[redacted]')
		.replace(/k8s-aws-v1\.[\w-]+/g, '[redacted]');
}

export function messageOf(error: unknown): string {
	if (error instanceof ApiError) return error.message;
	if (error instanceof Error) return scrub(error.message);
	return scrub(String(error));
}
