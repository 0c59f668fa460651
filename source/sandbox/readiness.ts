// `k8slab sandbox fail-readiness POD` and `recover-readiness POD`: lab part 2's
// lesson on a pod that is already running. A new ReplicaSet with a bad probe
// path hides it behind maxUnavailable; here one running pod's app starts
// answering its readiness probe with 503, the stages (stages.ts) have the
// kubelet mark it not ready without a restart, and the EndpointSlice
// controller takes it out of its Services. The annotation is the whole switch,
// so the kubectl command printed does the same.
import {AdminClient} from './api.js';
import {ensurePki} from './pki.js';
import {readState, SandboxError} from './sandbox.js';
import {failReadinessAnnotation, kubectlEquivalent} from '../model/readinessSwitch.js';

interface Probe {
	httpGet?: {path?: string; port?: number | string};
	periodSeconds?: number;
	failureThreshold?: number;
}

interface PodObject {
	metadata: {name: string; namespace: string; annotations?: Record<string, string>; deletionTimestamp?: string};
	spec?: {containers?: Array<{name: string; image?: string; readinessProbe?: Probe}>};
	status?: {phase?: string};
}

/** `[NAMESPACE/]POD`, as the command takes it. */
export function podReference(text: string | undefined): {namespace: string; name: string} {
	const match = /^(?:([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/)?([a-z0-9]([-.a-z0-9]*[a-z0-9])?)$/.exec(text ?? '');
	if (!match) throw new SandboxError(text ? `"${text}" is not a pod name (POD or NAMESPACE/POD)` : 'name a pod: POD or NAMESPACE/POD (the pods pane lists them)');
	return {namespace: match[1] ?? 'default', name: match[3]!};
}

/** Why the stages would not act on this pod, or undefined when they will. */
export function refusal(pod: PodObject, fail: boolean): string | undefined {
	const name = `pod/${pod.metadata.name}`;
	if (pod.metadata.deletionTimestamp) return `${name} is terminating`;
	if (pod.status?.phase !== 'Running') return `${name} is ${pod.status?.phase ?? 'not started'}, not Running: only a running container answers probes`;
	const container = pod.spec?.containers?.find(each => (each.image ?? '').startsWith('todoapi'));
	if (!container) return `${name} runs no todoapi container: only the simulated todoapi answers probes`;
	const probe = container.readinessProbe;
	if (!probe?.httpGet) return `${name} has no HTTP readiness probe: a kubelet keeps a running container without one ready, so there is nothing to fail. Add one first (p in the view, then a path such as /)`;
	const path = probe.httpGet.path ?? '/';
	if (path !== '/' || String(probe.httpGet.port ?? '') !== '8080')
		return `${name}'s readiness probe (GET ${path} on port ${String(probe.httpGet.port ?? '')}) already fails on every pod of its template${fail ? '' : ': only a template without it passes (u, or p)'}`;
	return undefined;
}

/** What a change did: a sentence for the user, and the kubectl command that does the same (absent when nothing changed). */
export interface ReadinessChange {
	text: string;
	kubectl?: string;
}

/** Sets or clears the switch on one pod. */
export async function setReadinessFailure(dir: string, reference: string | undefined, fail: boolean): Promise<ReadinessChange> {
	const pod = podReference(reference);
	const state = readState(dir);
	if (!state) throw new SandboxError(`no sandbox is running in ${dir}; start one with "k8slab sandbox up"`);
	const client = new AdminClient(state.server, ensurePki(dir));
	try {
		const podPath = `/api/v1/namespaces/${pod.namespace}/pods/${pod.name}`;
		const found = await client.request('GET', podPath);
		if (found.status === 404) throw new SandboxError(`no pod "${pod.name}" in namespace "${pod.namespace}"`);
		if (found.status !== 200) throw new SandboxError(`reading pod/${pod.name}: ${found.body?.message ?? found.status}`);
		const object = found.body as PodObject;
		const already = object.metadata.annotations?.[failReadinessAnnotation] === 'true';
		const refused = refusal(object, fail);
		if (refused && (fail || !already)) throw new SandboxError(`nothing was changed: ${refused}`);
		if (already === fail) return {text: `pod/${pod.name} ${fail ? 'already fails' : 'already passes'} its readiness probe; nothing was changed`};
		const patch = {metadata: {annotations: {[failReadinessAnnotation]: fail ? 'true' : null}, resourceVersion: (found.body as {metadata: {resourceVersion?: string}}).metadata.resourceVersion}};
		const patched = await client.request('PATCH', podPath, patch, 'application/merge-patch+json');
		if (patched.status === 409) throw new SandboxError(`nothing was changed: pod/${pod.name} changed meanwhile; run it again`);
		if (patched.status !== 200) throw new SandboxError(`annotating pod/${pod.name}: ${patched.body?.message ?? patched.status}`);
		const probe = object.spec?.containers?.find(each => (each.image ?? '').startsWith('todoapi'))?.readinessProbe;
		const period = probe?.periodSeconds ?? 10;
		const threshold = probe?.failureThreshold ?? 3;
		const what = fail
			? `pod/${pod.name}: its app now answers the readiness probe with 503. After ${threshold} failures, one every ${period}s, the kubelet marks it not ready (Unhealthy events), and its Services stop sending it traffic; it is not restarted.`
			: `pod/${pod.name}: its app answers the readiness probe again. At the next probe (within ${period}s) the kubelet marks it ready and its Services send it traffic again.`;
		return {text: what, kubectl: kubectlEquivalent(pod, fail)};
	} finally {
		client.close();
	}
}
