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
