// Containers, volumes and tolerations as kubectl describe prints them, for a
// pod and for the pod template of a Deployment or ReplicaSet.
import {describeProbe} from '../probes.js';
import {goBool, optionalBool, rfc1123, sortedKeys, writeLabels, writeAnnotations, type Loose} from './common.js';
import type {DescribeWriter} from './tabwriter.js';

function ports(container: Loose, field: 'containerPort' | 'hostPort'): string {
	return (container.ports ?? []).map((port: Loose) => `${port[field] ?? 0}/${port.protocol ?? 'TCP'}`).join(', ');
}

function writeState(w: DescribeWriter, name: string, state: Loose | undefined): void {
	if (state?.running) {
		w.write(2, `${name}:\tRunning\n`);
		w.write(3, `Started:\t${rfc1123(state.running.startedAt)}\n`);
	} else if (state?.terminated) {
		const terminated = state.terminated;
		w.write(2, `${name}:\tTerminated\n`);
		if (terminated.reason) w.write(3, `Reason:\t${terminated.reason}\n`);
		if (terminated.message) w.write(3, `Message:\t${terminated.message}\n`);
		w.write(3, `Exit Code:\t${terminated.exitCode ?? 0}\n`);
		if ((terminated.signal ?? 0) > 0) w.write(3, `Signal:\t${terminated.signal}\n`);
		w.write(3, `Started:\t${rfc1123(terminated.startedAt)}\n`);
		w.write(3, `Finished:\t${rfc1123(terminated.finishedAt)}\n`);
	} else {
		w.write(2, `${name}:\tWaiting\n`);
		if (state?.waiting?.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
	}
}

function writeResources(w: DescribeWriter, resources: Loose | undefined): void {
	for (const [title, values] of [
		['Limits', resources?.limits],
		['Requests', resources?.requests],
	] as const) {
		const names = sortedKeys(values);
		if (names.length > 0) w.write(2, `${title}:\n`);
		for (const name of names) w.write(3, `${name}:\t${values[name]}\n`);
	}
}

function envValue(variable: Loose): string[] {
	const from = variable.valueFrom;
	if (!from) return String(variable.value ?? '').split('\n');
	if (from.secretKeyRef) return [`<set to the key '${from.secretKeyRef.key}' in secret '${from.secretKeyRef.name}'>\tOptional: ${Boolean(from.secretKeyRef.optional)}`];
	if (from.configMapKeyRef) return [`<set to the key '${from.configMapKeyRef.key}' of config map '${from.configMapKeyRef.name}'>\tOptional: ${Boolean(from.configMapKeyRef.optional)}`];
	if (from.fieldRef) return [` (${from.fieldRef.apiVersion ?? 'v1'}:${from.fieldRef.fieldPath})`];
	if (from.resourceFieldRef) return [` (${from.resourceFieldRef.resource})`];
	return [''];
}

/** describeContainers: `statuses` only for a pod (a template has none); `space` indents a template's. */
export function writeContainers(w: DescribeWriter, label: string, containers: readonly Loose[], statuses: readonly Loose[] | undefined, space = ''): void {
	w.write(0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
	const byName = new Map((statuses ?? []).map(status => [status.name, status]));
	for (const container of containers) {
		const status = statuses ? byName.get(container.name) : undefined;
		w.write(1, `${space ? ' ' : ''}${container.name}:\n`);
		if (status) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`);
		w.write(2, `Image:\t${container.image ?? ''}\n`);
		if (status) w.write(2, `Image ID:\t${status.imageID ?? ''}\n`);
		const containerPorts = ports(container, 'containerPort');
		w.write(2, containerPorts.includes(',') ? `Ports:\t${containerPorts}\n` : `Port:\t${containerPorts || '<none>'}\n`);
		const hostPorts = ports(container, 'hostPort');
		w.write(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
		if (container.restartPolicy) w.write(2, `Restart Policy:\t${container.restartPolicy}\n`);
		for (const [title, words] of [
			['Command', container.command],
			['Args', container.args],
		] as const) {
			if (!Array.isArray(words) || words.length === 0) continue;
			w.write(2, `${title}:\n`);
			for (const word of words) for (const line of String(word).split('\n')) w.write(3, `${line}\n`);
		}
		if (status) {
			writeState(w, 'State', status.state);
			if (status.lastState?.terminated) writeState(w, 'Last State', status.lastState);
			w.write(2, `Ready:\t${goBool(status.ready)}\n`);
			w.write(2, `Restart Count:\t${status.restartCount ?? 0}\n`);
		}
		writeResources(w, container.resources);
		if (container.livenessProbe) w.write(2, `Liveness:\t${describeProbe(container.livenessProbe)}\n`);
		if (container.readinessProbe) w.write(2, `Readiness:\t${describeProbe(container.readinessProbe)}\n`);
		if (container.startupProbe) w.write(2, `Startup:\t${describeProbe(container.startupProbe)}\n`);
		if (Array.isArray(container.envFrom) && container.envFrom.length > 0) {
			w.write(2, 'Environment Variables from:\n');
			for (const from of container.envFrom) {
				const source = from.configMapRef ? {name: from.configMapRef.name, kind: 'ConfigMap', optional: from.configMapRef.optional} : {name: from.secretRef?.name, kind: 'Secret', optional: from.secretRef?.optional};
				w.write(3, from.prefix ? `${source.name}\t${source.kind} with prefix '${from.prefix}'\tOptional: ${Boolean(source.optional)}\n` : `${source.name}\t${source.kind}\tOptional: ${Boolean(source.optional)}\n`);
			}
		}
		const env: Loose[] = container.env ?? [];
		w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
		for (const variable of env) {
			envValue(variable).forEach((line, index) => w.write(3, index === 0 ? `${variable.name}:\t${line}\n` : `\t${line}\n`));
		}
		const mounts: Loose[] = [...(container.volumeMounts ?? [])].sort((a, b) => String(a.mountPath).localeCompare(String(b.mountPath)));
		w.write(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
		for (const mount of mounts) {
			const flags = [mount.readOnly ? 'ro' : 'rw'];
			if (mount.subPath) flags.push(`path=${JSON.stringify(mount.subPath)}`);
			w.write(3, `${mount.mountPath} from ${mount.name} (${flags.join(',')})\n`);
		}
	}
}

function writeVolumeSource(w: DescribeWriter, volume: Loose): void {
	if (volume.hostPath) {
		w.write(2, `Type:\tHostPath (bare host directory volume)\n`);
		w.write(2, `Path:\t${volume.hostPath.path}\n`);
		w.write(2, `HostPathType:\t${volume.hostPath.type ?? ''}\n`);
	} else if (volume.emptyDir) {
		w.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n");
		w.write(2, `Medium:\t${volume.emptyDir.medium ?? ''}\n`);
		w.write(2, `SizeLimit:\t${volume.emptyDir.sizeLimit ?? '<unset>'}\n`);
	} else if (volume.secret) {
		w.write(2, 'Type:\tSecret (a volume populated by a Secret)\n');
		w.write(2, `SecretName:\t${volume.secret.secretName ?? ''}\n`);
		w.write(2, `Optional:\t${Boolean(volume.secret.optional)}\n`);
	} else if (volume.configMap) {
		w.write(2, 'Type:\tConfigMap (a volume populated by a ConfigMap)\n');
		w.write(2, `Name:\t${volume.configMap.name ?? ''}\n`);
		w.write(2, `Optional:\t${Boolean(volume.configMap.optional)}\n`);
	} else if (volume.persistentVolumeClaim) {
		w.write(2, 'Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n');
		w.write(2, `ClaimName:\t${volume.persistentVolumeClaim.claimName}\n`);
		w.write(2, `ReadOnly:\t${Boolean(volume.persistentVolumeClaim.readOnly)}\n`);
	} else if (volume.projected) {
		w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
		for (const source of volume.projected.sources ?? []) {
			if (source.secret) w.write(2, `SecretName:\t${source.secret.name}\n    SecretOptionalName:\t${optionalBool(source.secret.optional)}\n`);
			else if (source.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
			else if (source.configMap) w.write(2, `ConfigMapName:\t${source.configMap.name}\n    ConfigMapOptional:\t${optionalBool(source.configMap.optional)}\n`);
			else if (source.serviceAccountToken) w.write(2, `TokenExpirationSeconds:\t${source.serviceAccountToken.expirationSeconds ?? 0}\n`);
		}
	} else {
		w.write(1, '<unknown>\n');
	}
}

/** describeVolumes. */
export function writeVolumes(w: DescribeWriter, volumes: readonly Loose[] | undefined, space = ''): void {
	if (!volumes || volumes.length === 0) {
		w.write(0, `${space}Volumes:\t<none>\n`);
		return;
	}
	w.write(0, `${space}Volumes:\n`);
	for (const volume of volumes) {
		w.write(1, `${space ? ' ' : ''}${volume.name}:\n`);
		writeVolumeSource(w, volume);
	}
}

/** printTolerationsMultilineWithIndent, sorted by key. */
export function writeTolerations(w: DescribeWriter, title: string, tolerations: readonly Loose[] | undefined, initialIndent = ''): void {
	const innerIndent = '\t';
	w.write(0, `${initialIndent}${title}:${innerIndent}`);
	if (!tolerations || tolerations.length === 0) {
		w.write(0, '<none>\n');
		return;
	}
	const sorted = [...tolerations].sort((a, b) => String(a.key ?? '').localeCompare(String(b.key ?? '')));
	sorted.forEach((toleration, index) => {
		let text = index === 0 ? '' : `${initialIndent}${innerIndent}`;
		text += toleration.key ?? '';
		if (toleration.value) text += `=${toleration.value}`;
		if (toleration.effect) text += `:${toleration.effect}`;
		if (toleration.operator === 'Exists' && !toleration.value) text += toleration.key || toleration.effect ? ' op=Exists' : 'op=Exists';
		if (toleration.tolerationSeconds !== undefined && toleration.tolerationSeconds !== null) text += ` for ${toleration.tolerationSeconds}s`;
		w.write(0, `${text}\n`);
	});
}

/** DescribePodTemplate, as a Deployment and a ReplicaSet show theirs. */
export function writePodTemplate(w: DescribeWriter, template: Loose | undefined): void {
	w.write(0, 'Pod Template:\n');
	if (!template) {
		w.write(1, '<unset>');
		return;
	}
	writeLabels(w, '  Labels', template.metadata?.labels);
	if (Object.keys(template.metadata?.annotations ?? {}).length > 0) writeAnnotations(w, '  Annotations', template.metadata.annotations);
	const spec = template.spec ?? {};
	if (spec.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
	if ((spec.initContainers ?? []).length > 0) writeContainers(w, 'Init Containers', spec.initContainers, undefined, '  ');
	writeContainers(w, 'Containers', spec.containers ?? [], undefined, '  ');
	writeVolumes(w, spec.volumes, '  ');
	writeLabels(w, '  Node-Selectors', spec.nodeSelector);
	writeTolerations(w, '  Tolerations', spec.tolerations);
	if (spec.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
}
