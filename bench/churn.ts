// Background load and visible changes for the change-to-screen phase.
// Churn: merge-patches an annotation on the churn namespace's pods, round
// robin, at a steady rate, the way a busy cluster keeps every watch streaming.
// Probes: pods created in a namespace that sorts first, so each one shows up
// in the top rows of the pods pane.
import type {AdminClient} from '../source/sandbox/api.js';
import {churnNamespace, probeNamespace} from './cluster.js';

export interface Churn {
	stop(): Promise<{updates: number; failed: number; perSecond: number}>;
}

export async function startChurn(api: AdminClient, perSecond: number): Promise<Churn> {
	const pods = (await api.list(`/api/v1/namespaces/${churnNamespace}/pods`)).map(pod => pod.metadata.name as string);
	if (pods.length === 0) throw new Error(`no pods in ${churnNamespace} to churn`);
	const started = performance.now();
	let updates = 0;
	let failed = 0;
	let inFlight = 0;
	let sent = 0;
	let stopped = false;
	const inFlightDone: Array<Promise<void>> = [];
	// A tick every 20 ms sends however many patches keep the rate on schedule,
	// so a slow answer does not lower the rate (up to 16 in flight).
	const timer = setInterval(() => {
		const due = Math.floor(((performance.now() - started) / 1000) * perSecond);
		while (!stopped && sent < due && inFlight < 16) {
			const name = pods[sent % pods.length]!;
			const value = String(sent++);
			inFlight++;
			const done = api
				.request('PATCH', `/api/v1/namespaces/${churnNamespace}/pods/${name}`, {metadata: {annotations: {'bench.k8slab.dev/churn': value}}}, 'application/merge-patch+json')
				.then(response => {
					if (response.status < 300) updates++;
					else failed++;
				})
				.catch(() => {
					failed++;
				})
				.finally(() => {
					inFlight--;
				});
			inFlightDone.push(done);
			if (inFlightDone.length > 64) void inFlightDone.splice(0, 32);
		}
	}, 20);
	return {
		async stop() {
			stopped = true;
			clearInterval(timer);
			await Promise.all(inFlightDone);
			const seconds = (performance.now() - started) / 1000;
			return {updates, failed, perSecond: Math.round((updates / seconds) * 10) / 10};
		},
	};
}

/** Probe names count down, so each new probe sorts before the ones already there. */
export function probeName(index: number): string {
	return `probe-${String(9999 - index).padStart(4, '0')}`;
}

export async function createProbe(api: AdminClient, name: string): Promise<void> {
	const response = await api.request('POST', `/api/v1/namespaces/${probeNamespace}/pods`, {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name, namespace: probeNamespace, labels: {app: 'probe'}},
		spec: {containers: [{name: 'app', image: 'todoapi:1.0'}]},
	});
	if (response.status >= 300) throw new Error(`creating probe ${name}: ${response.body?.message ?? response.status}`);
}

/** Removes every probe at once (grace 0: gone from the API, not Terminating). */
export async function deleteProbes(api: AdminClient): Promise<void> {
	const response = await api.request('DELETE', `/api/v1/namespaces/${probeNamespace}/pods?gracePeriodSeconds=0`);
	if (response.status >= 300) throw new Error(`deleting probes: ${response.body?.message ?? response.status}`);
}
