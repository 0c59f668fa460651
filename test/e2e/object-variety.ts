// Pods and events in every shape the slim readers distinguish, made on a real
// API server: pulling and failing images, Pending pods with a scheduler
// message, init containers and sidecars, pod-level resources, terminated
// states with signals and negative exit codes, a pod held by a finalizer while
// it is deleted, and a new-style event with a series. The protobuf reader is
// checked against the JSON of these objects (protobuf.test.ts, and the
// fixtures scripts/capture-protobuf.mjs takes from them).
import type {AdminClient} from '../../source/sandbox/api.js';
import {eventually} from './sandbox-harness.js';

/** A node no kubelet (kwok) runs: pods bound to it keep whatever status is written to them. */
const unmanagedNode = 'not-a-kwok-node';

function deployment(name: string, image: string, replicas: number): object {
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name, namespace: 'default'},
		spec: {
			replicas,
			selector: {matchLabels: {app: name}},
			template: {metadata: {labels: {app: name}}, spec: {containers: [{name, image, resources: {requests: {cpu: '10m', memory: '16Mi'}}}]}},
		},
	};
}

async function check(response: Promise<{status: number; body: any}>, what: string): Promise<void> {
	const {status, body} = await response;
	if (status >= 300) throw new Error(`${what}: ${body?.message ?? status}`);
}

export async function createObjectVariety(api: AdminClient): Promise<void> {
	const now = new Date();
	const at = (secondsAgo: number) => new Date(now.getTime() - secondsAgo * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
	await api.create(deployment('typo', 'todoapii:1.0', 1));
	// Bound before the crowd comes: the scheduler may otherwise fill the nodes
	// with crowd pods first, and a typo pod that is never scheduled never pulls
	// (a CI run saw it Unschedulable, with no ImagePullBackOff anywhere).
	await eventually(
		'the typo pod bound to a node',
		async () => {
			const typo = await api.list('/api/v1/namespaces/default/pods?labelSelector=app%3Dtypo');
			return typo.some(pod => pod.spec?.nodeName) ? true : undefined;
		},
		60_000,
	);
	// More than three t3.micro nodes hold: some stay Pending with "Too many pods".
	await api.create(deployment('crowd', 'todoapi:1.0', 12));
	await api.create({
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name: 'statuses', namespace: 'default', labels: {app: 'statuses'}},
		spec: {
			nodeName: unmanagedNode,
			resources: {limits: {cpu: '1', memory: '256Mi'}, requests: {cpu: '500m', memory: '128Mi'}},
			initContainers: [
				{name: 'migrate', image: 'todoapi:1.0'},
				{name: 'proxy', image: 'todoapi:1.0', restartPolicy: 'Always', resources: {requests: {cpu: '10m'}}},
			],
			containers: [
				{name: 'app', image: 'todoapi:1.0', resources: {requests: {cpu: '250m', memory: '64Mi'}, limits: {memory: '128Mi'}}},
				{name: 'logger', image: 'todoapi:1.0'},
			],
		},
	});
	const terminated = (exitCode: number, extra: object) => ({terminated: {exitCode, startedAt: at(120), finishedAt: at(60), ...extra}});
	await check(
		api.request(
			'PATCH',
			'/api/v1/namespaces/default/pods/statuses/status',
			{
				status: {
					phase: 'Failed',
					reason: 'Evicted',
					message: 'The node was low on resource: memory.',
					conditions: [
						{type: 'PodScheduled', status: 'True', lastTransitionTime: at(300)},
						{type: 'Ready', status: 'False', reason: 'PodFailed', message: 'containers with unready status: [app]', lastTransitionTime: at(60)},
					],
					initContainerStatuses: [
						{name: 'migrate', image: 'todoapi:1.0', imageID: '', ready: false, restartCount: 0, state: terminated(-1, {reason: 'Error', message: 'migration failed: exit status 255', containerID: 'containerd://0f1e2d'})},
						{name: 'proxy', image: 'todoapi:1.0', imageID: '', ready: true, started: true, restartCount: 2, state: {running: {startedAt: at(90)}}},
					],
					containerStatuses: [
						{name: 'app', image: 'todoapi:1.0', imageID: '', ready: false, started: false, restartCount: 5, state: terminated(137, {signal: 9, reason: 'OOMKilled'})},
						{
							name: 'logger',
							image: 'todoapi:1.0',
							imageID: '',
							ready: false,
							restartCount: 1,
							state: {waiting: {reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=logger'}},
							// What `w` tells of a restart: read the same from protobuf as from JSON.
							lastState: terminated(137, {reason: 'Error', message: 'killed after a failed liveness probe'}),
						},
					],
				},
			},
			'application/merge-patch+json',
		),
		'writing the status of pod statuses',
	);
	// Held by a finalizer, the deleted pod stays listed with its deletionTimestamp.
	await api.create({
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name: 'finalized', namespace: 'default', finalizers: ['k8slab.test/hold']},
		spec: {nodeName: unmanagedNode, containers: [{name: 'app', image: 'todoapi:1.0'}]},
	});
	await check(api.request('DELETE', '/api/v1/namespaces/default/pods/finalized'), 'deleting pod finalized');
	await check(
		api.request('POST', '/apis/events.k8s.io/v1/namespaces/default/events', {
			apiVersion: 'events.k8s.io/v1',
			kind: 'Event',
			metadata: {name: 'statuses.series', namespace: 'default'},
			eventTime: `${at(30).replace('Z', '')}.123456Z`,
			series: {count: 4, lastObservedTime: `${at(5).replace('Z', '')}.000042Z`},
			reportingController: 'k8slab.test/variety',
			reportingInstance: 'variety-1',
			action: 'Evicting',
			reason: 'Evicted',
			note: 'The node was low on resource: memory.',
			type: 'Warning',
			regarding: {kind: 'Pod', namespace: 'default', name: 'statuses', apiVersion: 'v1'},
		}),
		'creating an events.k8s.io event',
	);
}

/**
 * Lets a deleted pod held by createObjectVariety's finalizer go, and removes
 * it at once. Its node is not a kwok node, so no kubelet ends its grace period;
 * left to PodGC's orphan sweep, the DELETED event came anywhere from 40 s to
 * past a minute later (a CI run timed out waiting for it).
 */
export async function releaseFinalized(api: AdminClient): Promise<void> {
	await check(api.request('PATCH', '/api/v1/namespaces/default/pods/finalized', {metadata: {finalizers: null}}, 'application/merge-patch+json'), 'releasing pod finalized');
	const deleted = await api.request('DELETE', '/api/v1/namespaces/default/pods/finalized?gracePeriodSeconds=0');
	// 404: the API server already removed it when the finalizer went.
	if (deleted.status >= 300 && deleted.status !== 404) throw new Error(`force-deleting pod finalized: ${deleted.body?.message ?? deleted.status}`);
}
