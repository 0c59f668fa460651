// What an undo would change, for its prompt: the target revision's template
// against the current one, field by field as a learner thinks of them (the
// image, the container's name, requests, probes), each "current → target".
import {describeProbe} from './probes.js';
import type {Container, PodTemplateSpec, Probe} from './types.js';

type Quantity = string | number | undefined;

function quantity(value: Quantity): string {
	return value === undefined || value === '' ? 'none' : String(value);
}

function probe(value: Probe | undefined): string {
	return value ? describeProbe(value, {short: true}) : 'none';
}

function containerLines(current: Container, target: Container, prefix: string): string[] {
	const lines: string[] = [];
	if (current.name !== target.name) lines.push(`container ${current.name} → ${target.name}`);
	if ((current.image ?? '') !== (target.image ?? '')) lines.push(`${prefix}image ${current.image ?? 'none'} → ${target.image ?? 'none'}`);
	for (const resource of ['cpu', 'memory'] as const) {
		const from = quantity(current.resources?.requests?.[resource]);
		const to = quantity(target.resources?.requests?.[resource]);
		if (from !== to) lines.push(`${prefix}${resource} request ${from} → ${to}`);
	}
	for (const [label, key] of [
		['liveness', 'livenessProbe'],
		['readiness', 'readinessProbe'],
	] as const) {
		const from = probe(current[key]);
		const to = probe(target[key]);
		if (from !== to) lines.push(`${prefix}${label} ${from} → ${to}`);
	}
	return lines;
}

/**
 * One line per difference, "current → target"; empty when undo would change
 * none of these (kubectl then says "skipped rollback"). Containers pair up by
 * position, so a rename reads as one container renamed.
 */
export function revisionDiff(targetTemplate: PodTemplateSpec | undefined, currentTemplate: PodTemplateSpec | undefined): string[] {
	const target = targetTemplate?.spec?.containers ?? [];
	const current = currentTemplate?.spec?.containers ?? [];
	const many = Math.max(target.length, current.length) > 1;
	const lines: string[] = [];
	for (let i = 0; i < Math.max(target.length, current.length); i++) {
		const from = current[i];
		const to = target[i];
		if (from && to) lines.push(...containerLines(from, to, many ? `${to.name}: ` : ''));
		else if (to) lines.push(`container ${to.name} added (image ${to.image ?? 'none'})`);
		else if (from) lines.push(`container ${from.name} removed`);
	}
	return lines;
}
