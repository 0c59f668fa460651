// `w` against objects captured in the sandbox at the lab's key moments: the
// numbers it shows are the nodes' and pods' own, and its wording the API's.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {nodeRows} from '../../source/model/index.js';
import {serviceEndpoints} from '../../source/model/services.js';
import type {Pod} from '../../source/model/types.js';
import {podReplicaSet, whyPod, type Why} from '../../source/model/why.js';
import {loadJson, snapshotOf, type Captured} from './fixtures.js';

const load = (name: string) => loadJson<Captured>(`captured/${name}.json`);
const text = (why: Why) => why.lines.map(line => line.text).join('\n');

function explain(state: Captured, pod: Pod, extra: {outOfServices?: string[]} = {}): Why {
	const replicaSet = podReplicaSet(pod, state.replicaSets);
	return whyPod({pod, pods: state.pods, nodes: nodeRows(snapshotOf(state)), events: state.events, template: replicaSet?.spec?.template, now: Date.parse('2026-12-01T00:00:00Z'), ...extra});
}

test("scaled to 5, a Pending pod: the scheduler's words, each node's 4/4 pod slots with the pods filling it, and the t3.micro max-pods formula", () => {
	const state = load('scaled-to-5');
	const pending = state.pods.find(pod => pod.metadata.namespace === 'default' && !pod.spec?.nodeName)!;
	const why = explain(state, pending);
	assert.equal(why.title, `pod/${pending.metadata.name}: Pending 0/1`);
	const shown = text(why);
	assert.match(shown, /0\/3 nodes are available: 3 Too many pods\./);
	assert.match(shown, /It asks for one pod slot and no cpu or memory/);
	for (const node of state.nodes) {
		const name = node.metadata.name!;
		assert.match(shown, new RegExp(`✗ ${name.replaceAll('.', '\\.')} \\(t3\\.micro\\): Too many pods`));
		const onNode = state.pods.filter(pod => pod.spec?.nodeName === name).map(pod => `${pod.metadata.namespace}/${pod.metadata.name}`);
		assert.equal(onNode.length, 4);
		assert.ok(shown.includes(`pods 4/4 full: ${onNode.join(', ')}`) || onNode.every(pod => shown.includes(pod)), `${name}'s pods listed`);
	}
	assert.match(shown, /t3\.micro: max pods = 2 ENIs × \(2 IPv4 per ENI − 1\) \+ 2 = 4/);
	assert.match(shown, /kubectl describe nodes/);
});

test('a pod asking for more memory than any node has free: requested against free per node, with the Insufficient memory kubectl names', () => {
	const state = load('insufficient');
	const pending = state.pods.find(pod => pod.metadata.name?.startsWith('big-') && !pod.spec?.nodeName)!;
	const shown = text(explain(state, pending));
	assert.match(shown, /0\/3 nodes are available: 3 Insufficient memory, 3 Too many pods\./);
	assert.match(shown, /It asks for cpu 1500m, memory 900Mi/);
	// Each node: 561Mi allocatable on a t3.micro, 70Mi or nothing requested: less free than 900Mi.
	const memoryLines = shown.split('\n').filter(line => line.includes('memory ') && line.includes('requested'));
	assert.equal(memoryLines.length, 3);
	for (const memory of memoryLines) assert.match(memory, /memory \d+(Mi)?\/561Mi requested \(\d+%\), \d+Mi free < 900Mi asked/);
	const cpuLines = shown.split('\n').filter(line => line.includes('cpu ') && line.includes('requested'));
	for (const cpu of cpuLines) assert.match(cpu, /cpu \d+m\/1930m requested \(\d+%\), \d+m free ≥ 1500m asked/);
	assert.equal((shown.match(/Insufficient memory/g) ?? []).length, 1 + 3, 'the scheduler line, then each node');
});

test("a crash-looping pod: its last termination (exit 137 = 128 + 9), the liveness probe from its template and the kubelet's failure", () => {
	const state = load('failures');
	const pod = state.pods.find(each => each.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff')!;
	const why = explain(state, pod);
	assert.equal(why.title, `pod/${pod.metadata.name}: CrashLoopBackOff 0/1`);
	const shown = text(why);
	assert.match(shown, /Container todoapi keeps restarting: 1 restart \(CrashLoopBackOff\)/);
	assert.match(shown, /last terminated: Error, exit code 137 = 128 \+ 9 \(SIGKILL/);
	assert.match(shown, /http-get http:\/\/:8080\/healthz delay=0s timeout=1s period=1s #success=1 #failure=1/);
	assert.match(shown, /Liveness probe failed: HTTP probe failed with statuscode: 404/);
	assert.match(shown, /kubectl logs \S+ --previous/);
});

test('an image that cannot be pulled: the image, and what the registry said', () => {
	const state = load('failures');
	const pod = state.pods.find(each => each.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff')!;
	const shown = text(explain(state, pod));
	assert.match(shown, /its image cannot be pulled \(ImagePullBackOff\)/);
	assert.match(shown, /image todoapii:1\.0/);
	assert.match(shown, /Failed to pull image: rpc error: code = NotFound/);
});

test("a pod failing readiness: out of Service todoapi, its readiness probe and the kubelet's failure", () => {
	const state = load('readiness-failing');
	const endpoints = serviceEndpoints(state.endpointSlices!);
	const pod = state.pods.find(each => endpoints.byPod.get(each.metadata.uid!)?.[0]?.state === 'not ready')!;
	const shown = text(explain(state, pod, {outOfServices: ['todoapi']}));
	assert.match(shown, /Running, but not ready: out of Service todoapi/);
	assert.match(shown, /readiness http-get http:\/\/:8080\/nope delay=0s timeout=1s period=1s #success=1 #failure=3/);
	assert.match(shown, /Readiness probe failed: HTTP probe failed with statuscode: 404/);
	assert.match(shown, /kubectl get endpointslices -l kubernetes\.io\/service-name=todoapi/);
});

test('a running, ready pod: nothing to explain', () => {
	const state = load('readiness-failing');
	const pod = state.pods.find(each => each.metadata.namespace === 'kube-system')!;
	const why = explain(state, pod);
	assert.match(text(why), /Running and ready/);
});
