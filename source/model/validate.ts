// Checks run on what a person types into a prompt, before anything is sent.
// Messages are shown verbatim, so they say what is wrong and what would do.
import {hasFraction, parseQuantity} from './quantity.js';

export type Validation<T> = {ok: true; value: T} | {ok: false; error: string};

export const maxReplicas = 1000;

function quote(text: string): string {
	return JSON.stringify(text);
}

export function validateReplicas(text: string): Validation<number> {
	const trimmed = (text ?? '').trim();
	if (/^\d+$/.test(trimmed)) {
		const value = Number(trimmed);
		if (value <= maxReplicas) return {ok: true, value};
	}
	return {ok: false, error: `replicas must be a whole number from 0 to ${maxReplicas}, not ${quote(trimmed)}`};
}

const examples = {cpu: '250m or 0.5', memory: '128Mi or 1Gi'} as const;
const int64Max = 2 ** 63 - 1;
const largest = {
	cpu: {value: int64Max / 1000, words: 'in millicores as a 64-bit number, at most 9223372036854775807m'},
	memory: {value: int64Max, words: 'in bytes as a 64-bit number, at most 8Ei'},
} as const;

/**
 * A request or limit as typed. The value is the trimmed text ('' for "no
 * request" when allowEmpty), ready to send as the quantity.
 */
export function validateQuantity(text: string, resource: 'cpu' | 'memory', opts: {allowEmpty?: boolean} = {}): Validation<string> {
	const trimmed = (text ?? '').trim();
	if (trimmed === '') {
		if (opts.allowEmpty) return {ok: true, value: ''};
		return {ok: false, error: `a ${resource} quantity is required (try ${examples[resource]})`};
	}
	const value = parseQuantity(trimmed);
	if (value === undefined) {
		return {ok: false, error: `${quote(trimmed)} is not a valid ${resource} quantity (try ${examples[resource]})`};
	}
	if (value < 0) {
		return {ok: false, error: `${resource} must not be negative, not ${quote(trimmed)} (try ${examples[resource]})`};
	}
	// Kubernetes counts cpu in millicores and memory in bytes as 64-bit integers; the
	// API accepts a bigger quantity but the scheduler and the kubelet cannot use it.
	if (value > largest[resource].value) {
		return {ok: false, error: `${quote(trimmed)} is too large: Kubernetes counts ${resource} ${largest[resource].words} (try ${examples[resource]})`};
	}
	// "128m" is a valid quantity but means 0.128 bytes: nearly always meant as 128Mi.
	if (resource === 'memory' && hasFraction(trimmed)) {
		return {ok: false, error: `${quote(trimmed)} is a fraction of a byte; memory is written like ${examples.memory}`};
	}
	return {ok: true, value: trimmed};
}

const maxLabelLength = 63;
const dns1123LabelPattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
// Kubernetes' own wording (apimachinery validation.IsDNS1123Label).
const dns1123LabelMessage =
	"a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/** A container name: a DNS-1123 label, not already used by another container in the pod. */
export function validateContainerName(text: string, otherNames: readonly string[] = []): Validation<string> {
	const name = (text ?? '').trim();
	if (name === '') return {ok: false, error: 'container name must not be empty'};
	if (name.length > maxLabelLength) {
		return {ok: false, error: `${quote(name)} is not a valid container name: must be no more than ${maxLabelLength} characters`};
	}
	if (!dns1123LabelPattern.test(name)) {
		return {ok: false, error: `${quote(name)} is not a valid container name: ${dns1123LabelMessage}`};
	}
	if (otherNames.includes(name)) {
		return {ok: false, error: `another container in this pod is already named ${quote(name)}`};
	}
	return {ok: true, value: name};
}

// The reference grammar of distribution/reference (what the kubelet parses
// before pulling): [registry[:port]/]path[:tag][@digest], path in lowercase.
const imageReferencePattern =
	/^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::\d+)?\/)?[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*(?::\w[\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$/;

/**
 * An image reference as `kubectl set image` takes it. A misspelled but
 * well-formed name is accepted (lab part 5 is about what happens then);
 * only text no registry could ever resolve is refused.
 */
export function validateImage(text: string): Validation<string> {
	const image = (text ?? '').trim();
	if (image === '') return {ok: false, error: 'image must not be empty (e.g. todoapi:1.0 or public.ecr.aws/nginx/nginx:1.27)'};
	if (/\s/.test(image)) return {ok: false, error: `${quote(image)} is not a valid image reference: it contains spaces`};
	if (!imageReferencePattern.test(image)) {
		const hint = /[A-Z]/.test(image.split('/').slice(-1)[0] ?? '') ? 'repository names must be lowercase' : 'expected [registry/]name[:tag][@digest], e.g. todoapi:1.0';
		return {ok: false, error: `${quote(image)} is not a valid image reference: ${hint}`};
	}
	return {ok: true, value: image};
}

export const maxNodeGroupSize = 50;

/** The node group's desired size (the sandbox's worker nodes). */
export function validateNodeGroupSize(text: string): Validation<number> {
	const trimmed = (text ?? '').trim();
	if (/^\d+$/.test(trimmed)) {
		const value = Number(trimmed);
		if (value >= 1 && value <= maxNodeGroupSize) return {ok: true, value};
	}
	return {ok: false, error: `desired size must be a whole number from 1 to ${maxNodeGroupSize}, not ${quote(trimmed)}`};
}

/** A container port as a probe names it: by number, or by the name of one of the container's ports. */
export interface NamedPort {
	name?: string;
	containerPort: number;
}

export interface ProbeInput {
	path: string;
	port: string;
	initialDelaySeconds: string;
	periodSeconds: string;
	failureThreshold: string;
}

export interface ProbeValue {
	path: string;
	port: number | string;
	initialDelaySeconds?: number;
	periodSeconds?: number;
	failureThreshold?: number;
}

export type ProbeErrors = Partial<Record<keyof ProbeInput, string>>;

const maxProbeSeconds = 3600;

/** '' leaves the API's default; otherwise a whole number in range. */
function optionalWholeNumber(text: string, what: string, min: number, errors: ProbeErrors, field: keyof ProbeInput): number | undefined {
	const trimmed = text.trim();
	if (trimmed === '') return undefined;
	if (/^\d+$/.test(trimmed) && Number(trimmed) >= min && Number(trimmed) <= maxProbeSeconds) return Number(trimmed);
	errors[field] = `${what} must be a whole number from ${min} to ${maxProbeSeconds}, or empty for the default, not ${quote(trimmed)}`;
	return undefined;
}

function portsList(ports: readonly NamedPort[]): string {
	return ports.length === 0 ? 'it declares none' : `it has ${ports.map(p => (p.name ? `${p.name} (${p.containerPort})` : String(p.containerPort))).join(', ')}`;
}

/**
 * An httpGet probe as typed in the form. An empty path means no probe
 * (value undefined, no errors); a named port must be one the container declares.
 */
export function validateHttpProbe(input: ProbeInput, ports: readonly NamedPort[] = []): {value?: ProbeValue; errors: ProbeErrors} {
	const errors: ProbeErrors = {};
	const path = input.path.trim();
	if (path === '') return {errors};
	if (!path.startsWith('/') || /\s/.test(path)) errors.path = `path must start with / and have no spaces (e.g. / or /healthz), not ${quote(path)}`;
	const portText = input.port.trim();
	let port: number | string = portText;
	if (/^\d+$/.test(portText)) {
		port = Number(portText);
		if (port < 1 || port > 65_535) errors.port = `port must be from 1 to 65535, not ${portText}`;
	} else if (portText === '') {
		errors.port = `a port is required (${portsList(ports)})`;
	} else if (!ports.some(p => p.name === portText)) {
		errors.port = `the container has no port named ${quote(portText)}; ${portsList(ports)}`;
	}
	const initialDelaySeconds = optionalWholeNumber(input.initialDelaySeconds, 'initial delay', 0, errors, 'initialDelaySeconds');
	const periodSeconds = optionalWholeNumber(input.periodSeconds, 'period', 1, errors, 'periodSeconds');
	const failureThreshold = optionalWholeNumber(input.failureThreshold, 'failure threshold', 1, errors, 'failureThreshold');
	if (Object.keys(errors).length > 0) return {errors};
	// Unset numbers are left out, so the API applies its defaults.
	const value: ProbeValue = {path, port};
	if (initialDelaySeconds !== undefined) value.initialDelaySeconds = initialDelaySeconds;
	if (periodSeconds !== undefined) value.periodSeconds = periodSeconds;
	if (failureThreshold !== undefined) value.failureThreshold = failureThreshold;
	return {value, errors};
}
