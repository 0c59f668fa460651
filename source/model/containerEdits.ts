// What a container prompt shows, and the field changes its submission makes:
// only the fields whose text the user changed, each guarded by the value the
// container had when the prompt opened (see fieldChanges.ts).
import type {FieldChange} from './fieldChanges.js';
import {validateHttpProbe, type NamedPort, type ProbeInput, type ProbeValue} from './validate.js';
import type {Container, Probe} from './types.js';

export const resourceKeys = ['cpuRequest', 'memoryRequest', 'cpuLimit', 'memoryLimit'] as const;
export type ResourceKey = (typeof resourceKeys)[number];

const resourceFields: Record<ResourceKey, {path: readonly string[]; label: string}> = {
	cpuRequest: {path: ['resources', 'requests', 'cpu'], label: 'cpu request'},
	memoryRequest: {path: ['resources', 'requests', 'memory'], label: 'memory request'},
	cpuLimit: {path: ['resources', 'limits', 'cpu'], label: 'cpu limit'},
	memoryLimit: {path: ['resources', 'limits', 'memory'], label: 'memory limit'},
};

export const probeKinds = ['liveness', 'readiness'] as const;
export type ProbeKind = (typeof probeKinds)[number];

function text(value: string | number | boolean | null | undefined): string {
	return value === undefined || value === null ? '' : String(value);
}

export function containerPorts(container: Container): NamedPort[] {
	return (container.ports ?? []).map(port => ({name: port.name, containerPort: port.containerPort}));
}

/** The requests form as it opens: each quantity as the API has it, '' where unset. */
export function resourceFormValues(container: Container): Record<ResourceKey, string> {
	const {requests = {}, limits = {}} = container.resources ?? {};
	return {cpuRequest: text(requests['cpu']), memoryRequest: text(requests['memory']), cpuLimit: text(limits['cpu']), memoryLimit: text(limits['memory'])};
}

/** Typed quantities ('' removes) against what the form showed for `seen`. */
export function resourceChanges(seen: Container, typed: Readonly<Record<ResourceKey, string>>): FieldChange[] {
	const shown = resourceFormValues(seen);
	return resourceKeys.flatMap(key => {
		if (typed[key] === shown[key]) return [];
		const {path, label} = resourceFields[key];
		return [{path, seen: valueOf(seen, path), next: typed[key] === '' ? undefined : typed[key], label: `${label} of ${seen.name}`}];
	});
}

function valueOf(container: Container, path: readonly string[]): unknown {
	let value: unknown = container;
	for (const key of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
	return value;
}

/**
 * The probes form as it opens: an httpGet probe's values as they are; no
 * probe (or another handler) gives an empty path and the container's first
 * port, so typing a path is all it takes to add one.
 */
export function probeFormValues(container: Container): Record<ProbeKind, ProbeInput> {
	const firstPort = container.ports?.[0]?.containerPort;
	const form = (probe: Probe | undefined): ProbeInput => {
		const http = probe?.httpGet;
		return {
			path: http ? (http.path ?? '/') : '',
			port: text(http ? http.port : firstPort),
			initialDelaySeconds: text(http ? probe.initialDelaySeconds : undefined),
			periodSeconds: text(http ? probe.periodSeconds : undefined),
			failureThreshold: text(http ? probe.failureThreshold : undefined),
		};
	};
	return {liveness: form(container.livenessProbe), readiness: form(container.readinessProbe)};
}

/** The handler a path would replace: exec, tcpSocket or grpc. */
export function otherProbeHandler(probe: Probe | undefined): string | undefined {
	if (!probe || probe.httpGet) return undefined;
	return (['exec', 'tcpSocket', 'grpc'] as const).find(handler => probe[handler] !== undefined);
}

/** A new httpGet probe: the numbers left out get the API's defaults. */
export function httpProbe(spec: ProbeValue): Probe {
	const probe: Probe = {httpGet: {path: spec.path, port: spec.port}};
	for (const field of ['initialDelaySeconds', 'periodSeconds', 'failureThreshold'] as const) {
		if (spec[field] !== undefined) probe[field] = spec[field];
	}
	return probe;
}

const probeValueFields: ReadonlyArray<{key: keyof ProbeValue; path: readonly string[]; label: string}> = [
	{key: 'path', path: ['httpGet', 'path'], label: 'path'},
	{key: 'port', path: ['httpGet', 'port'], label: 'port'},
	{key: 'initialDelaySeconds', path: ['initialDelaySeconds'], label: 'initial delay'},
	{key: 'periodSeconds', path: ['periodSeconds'], label: 'period'},
	{key: 'failureThreshold', path: ['failureThreshold'], label: 'failure threshold'},
];

/**
 * Validated probes as typed (undefined = none) against what the form showed
 * for `seen`. An httpGet probe edited in place changes only its edited
 * fields, so what the form does not show (scheme, headers, timeout) stays;
 * adding, removing or replacing another handler changes the probe whole.
 */
export function probeChanges(seen: Container, typed: Readonly<Partial<Record<ProbeKind, ProbeValue>>>): FieldChange[] {
	const shownForm = probeFormValues(seen);
	const ports = containerPorts(seen);
	return probeKinds.flatMap((kind): FieldChange[] => {
		const shown = validateHttpProbe(shownForm[kind], ports).value;
		const wanted = typed[kind];
		const probePath = [`${kind}Probe`];
		const current = seen[`${kind}Probe`];
		const label = `${kind} probe of ${seen.name}`;
		if (shown && wanted) {
			return probeValueFields.flatMap(({key, path, label: field}) => {
				if (wanted[key] === shown[key]) return [];
				const fieldPath = [...probePath, ...path];
				return [{path: fieldPath, seen: valueOf(seen, fieldPath), next: wanted[key], label: `${kind} probe ${field} of ${seen.name}`}];
			});
		}
		if (!shown && !wanted) return [];
		return [{path: probePath, seen: current, next: wanted && httpProbe(wanted), label}];
	});
}

export function imageChange(seen: Container, image: string): FieldChange[] {
	return image === (seen.image ?? '') ? [] : [{path: ['image'], seen: seen.image, next: image, label: `image of ${seen.name}`}];
}

export function renameChange(seen: Container, name: string): FieldChange[] {
	return name === seen.name ? [] : [{path: ['name'], seen: seen.name, next: name, label: `name of container ${seen.name}`}];
}
