// kubectl get pods: the READY, STATUS and RESTARTS columns, following printPod
// in k8s.io/kubernetes pkg/printers/internalversion/printers.go.
import type {Condition, Container, ContainerStatus, Pod} from './types.js';
import type {PodRow} from './view.js';

interface PodColumns {
	ready: string;
	status: string;
	restarts: number;
}

const columnsCache = new WeakMap<Pod, PodColumns>();

function isRestartableInitContainer(container: Container | undefined): boolean {
	return container?.['restartPolicy'] === 'Always';
}

function conditionTrue(conditions: Condition[] | undefined, type: string): boolean {
	for (const condition of conditions ?? []) {
		if (condition?.type === type) return condition.status === 'True';
	}
	return false;
}

function hasPodReadyCondition(conditions: Condition[] | undefined): boolean {
	return (conditions ?? []).some(c => c?.type === 'Ready' && c.status === 'True');
}

function restartCount(status: ContainerStatus): number {
	const n = status.restartCount;
	return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}

function terminatedWord(terminated: {reason?: string; exitCode?: number; signal?: number}, prefix: string): string {
	if (terminated.reason) return prefix + terminated.reason;
	if (terminated.signal) return `${prefix}Signal:${terminated.signal}`;
	return `${prefix}ExitCode:${terminated.exitCode ?? 0}`;
}

function computeColumns(pod: Pod): PodColumns {
	const spec = pod.spec;
	const status = pod.status ?? {};
	const containers = Array.isArray(spec?.containers) ? spec.containers : [];
	const initContainers = Array.isArray(spec?.initContainers) ? spec.initContainers : [];
	let restarts = 0;
	let restartableInitContainerRestarts = 0;
	let totalContainers = containers.length;
	let readyContainers = 0;

	const phase = status.phase ?? '';
	let reason = status.reason ? status.reason : phase;

	for (const condition of status.conditions ?? []) {
		if (condition?.type === 'PodScheduled' && condition.reason === 'SchedulingGated') reason = 'SchedulingGated';
	}

	for (const container of initContainers) {
		if (container && isRestartableInitContainer(container)) totalContainers++;
	}

	let initializing = false;
	const initStatuses = Array.isArray(status.initContainerStatuses) ? status.initContainerStatuses : [];
	for (let i = 0; i < initStatuses.length; i++) {
		const container = initStatuses[i];
		if (!container) continue;
		const state = container.state ?? {};
		// A pod has a few init containers at most: a scan, not a Map per pod.
		const restartable = isRestartableInitContainer(initContainers.find(spec => spec?.name === container.name));
		restarts += restartCount(container);
		if (restartable) restartableInitContainerRestarts += restartCount(container);

		if (state.terminated && (state.terminated.exitCode ?? 0) === 0) continue;
		if (restartable && container.started === true) {
			if (container.ready) readyContainers++;
			continue;
		}
		if (state.terminated) {
			reason = terminatedWord(state.terminated, 'Init:');
		} else if (state.waiting?.reason && state.waiting.reason !== 'PodInitializing') {
			reason = `Init:${state.waiting.reason}`;
		} else {
			reason = `Init:${i}/${initContainers.length}`;
		}
		initializing = true;
		break;
	}

	if (!initializing || conditionTrue(status.conditions, 'Initialized')) {
		restarts = restartableInitContainerRestarts;
		let hasRunning = false;
		const statuses = Array.isArray(status.containerStatuses) ? status.containerStatuses : [];
		// kubectl walks the containers backwards, so the first container's state wins.
		for (let i = statuses.length - 1; i >= 0; i--) {
			const container = statuses[i];
			if (!container) continue;
			const state = container.state ?? {};
			restarts += restartCount(container);
			if (state.waiting?.reason) {
				reason = state.waiting.reason;
			} else if (state.terminated?.reason) {
				reason = state.terminated.reason;
			} else if (state.terminated) {
				reason = terminatedWord(state.terminated, '');
			} else if (container.ready && state.running) {
				hasRunning = true;
				readyContainers++;
			}
		}
		// A pod whose other containers still run is not "Completed".
		if (reason === 'Completed' && hasRunning) {
			reason = hasPodReadyCondition(status.conditions) ? 'Running' : 'NotReady';
		}
	}

	const deleting = pod.metadata?.deletionTimestamp !== undefined && pod.metadata?.deletionTimestamp !== null;
	if (deleting && status.reason === 'NodeLost') {
		reason = 'Unknown';
	} else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') {
		reason = 'Terminating';
	}

	return {ready: readyText(readyContainers, totalContainers), status: reason, restarts};
}

// "1/1" for each of 10,000 pods is one string, not 10,000 copies.
const readyTexts: string[][] = [];

function readyText(ready: number, total: number): string {
	if (total > 16 || ready > total) return `${ready}/${total}`;
	const row = (readyTexts[total] ??= []);
	return (row[ready] ??= `${ready}/${total}`);
}

function columns(pod: Pod): PodColumns {
	let cached = columnsCache.get(pod);
	if (!cached) {
		cached = computeColumns(pod);
		columnsCache.set(pod, cached);
	}
	return cached;
}

/** A pod the scheduler has not placed yet: Pending (or no phase yet) and bound to no node. */
export function awaitsScheduling(pod: Pod): boolean {
	return !pod.spec?.nodeName && (pod.status?.phase ?? 'Pending') === 'Pending';
}

/** kubectl's STATUS column: Running, Pending, ContainerCreating, CrashLoopBackOff, Init:0/1, Terminating… */
export function podStatusWord(pod: Pod): string {
	return columns(pod).status;
}

/** kubectl's READY column, "1/2". */
export function podReadyCount(pod: Pod): string {
	return columns(pod).ready;
}

/** kubectl's RESTARTS column (the number, without "(5m ago)"). */
export function podRestarts(pod: Pod): number {
	return columns(pod).restarts;
}

const okWords = new Set(['Running', 'Completed', 'Succeeded']);
const progressWords = new Set(['Pending', 'ContainerCreating', 'PodInitializing', 'Terminating', 'SchedulingGated']);
const warningWords = new Set(['NotReady', 'Unknown', '']);

/** How alarming a STATUS word is, for colouring. */
export function podSeverity(status: string): PodRow['severity'] {
	if (okWords.has(status)) return 'ok';
	if (progressWords.has(status)) return 'progress';
	if (warningWords.has(status)) return 'warning';
	if (status.startsWith('Init:')) {
		// Init:0/1 is progress; Init:CrashLoopBackOff, Init:Error… are failures.
		return /^Init:\d+\/\d+$/.test(status) || status === 'Init:PodInitializing' ? 'progress' : 'error';
	}
	// Everything else kubectl shows is a container waiting or terminated reason:
	// ImagePullBackOff, ErrImagePull, CrashLoopBackOff, Error, OOMKilled,
	// CreateContainerConfigError, ExitCode:1, Signal:9, Evicted, Failed…
	return 'error';
}
