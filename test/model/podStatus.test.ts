import assert from 'node:assert/strict';
import {test} from 'node:test';
import {podReadyCount, podRestarts, podSeverity, podStatusWord} from '../../source/model/index.js';
import type {Pod} from '../../source/model/types.js';
import {clone, loadItems, podNamed} from './fixtures.js';

const states = loadItems<Pod>('pod-states.json');
const todoapi = loadItems<Pod>('todoapi-pods.json');
const system = loadItems<Pod>('kube-system-pods.json');

function columns(pod: Pod): [string, string, number] {
	return [podStatusWord(pod), podReadyCount(pod), podRestarts(pod)];
}

test('a running, ready pod is Running 1/1', () => {
	assert.deepEqual(columns(podNamed(todoapi, 'todoapi-5d4f8b7c9f-8kx2q')), ['Running', '1/1', 0]);
});

test('a completed init container does not hold a DaemonSet pod back', () => {
	assert.deepEqual(columns(podNamed(system, 'aws-node-7xq2m')), ['Running', '1/1', 0]);
});

test('an unscheduled pod is Pending 0/1', () => {
	assert.deepEqual(columns(podNamed(todoapi, 'todoapi-5d4f8b7c9f-zz9tw')), ['Pending', '0/1', 0]);
});

test('a container being created shows ContainerCreating', () => {
	assert.deepEqual(columns(podNamed(states, 'todoapi-5d4f8b7c9f-creat')), ['ContainerCreating', '0/1', 0]);
});

test('a misspelt image shows ErrImagePull, then ImagePullBackOff', () => {
	assert.deepEqual(columns(podNamed(states, 'todoapi-5d4f8b7c9f-errim')), ['ErrImagePull', '0/1', 0]);
	assert.deepEqual(columns(podNamed(states, 'todoapi-5d4f8b7c9f-backf')), ['ImagePullBackOff', '0/1', 0]);
});

test('a container that keeps failing shows CrashLoopBackOff with its restarts', () => {
	assert.deepEqual(columns(podNamed(states, 'todoapi-5d4f8b7c9f-crash')), ['CrashLoopBackOff', '0/1', 4]);
});

test('a pod being deleted shows Terminating', () => {
	assert.deepEqual(columns(podNamed(states, 'todoapi-5d4f8b7c9f-termi')), ['Terminating', '1/1', 0]);
});

test('a finished Job pod shows Completed, not Terminating, even when deleted', () => {
	const done = podNamed(states, 'db-migrate-x7k2p');
	assert.deepEqual(columns(done), ['Completed', '0/1', 0]);
	const deleted = clone(done);
	deleted.metadata.deletionTimestamp = '2021-07-21T17:31:00Z';
	assert.equal(podStatusWord(deleted), 'Completed');
});

test('a pod waiting on its init container shows Init:0/1', () => {
	assert.deepEqual(columns(podNamed(states, 'todoapi-5d4f8b7c9f-initw')), ['Init:0/1', '0/1', 0]);
});

test('failing init containers show Init:CrashLoopBackOff, Init:Error, Init:ExitCode:N, Init:Signal:N', () => {
	assert.deepEqual(columns(podNamed(states, 'todoapi-5d4f8b7c9f-initc')), ['Init:CrashLoopBackOff', '0/1', 3]);
	assert.equal(podStatusWord(podNamed(states, 'todoapi-5d4f8b7c9f-inite')), 'Init:Error');
	assert.equal(podStatusWord(podNamed(states, 'todoapi-5d4f8b7c9f-initx')), 'Init:ExitCode:2');
	assert.equal(podStatusWord(podNamed(states, 'todoapi-5d4f8b7c9f-inits')), 'Init:Signal:9');
});

test('a finished container beside a running one shows NotReady', () => {
	assert.deepEqual(columns(podNamed(states, 'todoapi-seeded-6fj2k')), ['NotReady', '1/2', 0]);
});

test('the same pod shows Running once the Ready condition is True', () => {
	const pod = clone(podNamed(states, 'todoapi-seeded-6fj2k'));
	for (const c of pod.status!.conditions!) c.status = 'True';
	assert.equal(podStatusWord(pod), 'Running');
});

test('a running container failing its readiness probe still shows Running, 0/1', () => {
	assert.deepEqual(columns(podNamed(states, 'todoapi-5d4f8b7c9f-unrdy')), ['Running', '0/1', 0]);
});

test('terminated reasons and bare exit codes show as kubectl shows them', () => {
	assert.deepEqual(columns(podNamed(states, 'todoapi-5d4f8b7c9f-oomkd')), ['OOMKilled', '0/1', 1]);
	const exit = clone(podNamed(states, 'todoapi-5d4f8b7c9f-oomkd'));
	delete exit.status!.containerStatuses![0]!.state!.terminated!.reason;
	assert.equal(podStatusWord(exit), 'ExitCode:137');
	const signal = clone(exit);
	signal.status!.containerStatuses![0]!.state!.terminated!.signal = 9;
	assert.equal(podStatusWord(signal), 'Signal:9');
});

test('a deleted pod on a lost node shows Unknown', () => {
	assert.equal(podStatusWord(podNamed(states, 'todoapi-5d4f8b7c9f-lostn')), 'Unknown');
});

test('a pod held by a scheduling gate shows SchedulingGated', () => {
	assert.deepEqual(columns(podNamed(states, 'todoapi-gated-q8w2e')), ['SchedulingGated', '0/1', 0]);
});

test('an evicted pod shows its reason, Evicted', () => {
	assert.deepEqual(columns(podNamed(states, 'todoapi-5d4f8b7c9f-evict')), ['Evicted', '0/1', 0]);
});

test('a native sidecar counts in READY', () => {
	assert.deepEqual(columns(podNamed(states, 'todoapi-sidecar-4m9vd')), ['Running', '2/2', 0]);
});

test('podSeverity sorts status words into ok, progress, warning and error', () => {
	assert.equal(podSeverity('Running'), 'ok');
	assert.equal(podSeverity('Completed'), 'ok');
	for (const word of ['Pending', 'ContainerCreating', 'Terminating', 'Init:0/1', 'Init:1/2', 'SchedulingGated', 'PodInitializing']) {
		assert.equal(podSeverity(word), 'progress', word);
	}
	assert.equal(podSeverity('NotReady'), 'warning');
	assert.equal(podSeverity('Unknown'), 'warning');
	for (const word of ['ImagePullBackOff', 'ErrImagePull', 'CrashLoopBackOff', 'Error', 'OOMKilled', 'Evicted', 'ExitCode:1', 'Signal:9', 'Init:CrashLoopBackOff', 'Init:Error', 'Init:ExitCode:2', 'CreateContainerConfigError']) {
		assert.equal(podSeverity(word), 'error', word);
	}
});

test('every fixture pod gets a status word and a severity', () => {
	for (const pod of [...states, ...todoapi, ...system]) {
		const word = podStatusWord(pod);
		assert.notEqual(word, '', pod.metadata.name);
		assert.match(podReadyCount(pod), /^\d+\/\d+$/);
		assert.ok(['ok', 'progress', 'warning', 'error'].includes(podSeverity(word)));
	}
});
