// Pods and Events read straight from their protobuf encoding into exactly what
// slimPod and slimEvent keep of the JSON (source/model/slim.ts): the same
// fields, the same absent-versus-empty choices as the API's JSON, the same key
// order. Nothing else of the object is ever materialised, which is what makes
// a 10,000-pod LIST cheap to read. Field numbers are those of
// k8s.io/api/core/v1/generated.proto and k8s.io/apimachinery's meta/v1;
// test/kube/protobuf.test.ts checks the result against the JSON of the same
// objects captured from a real API server.
// Where the usual fields are all there, an object is made as one literal with
// its keys in order: V8 then keeps every field inside the object. Built up key
// by key, the fields past the literal's went to a separate properties array,
// 6 MB over 10,000 pods and 30,000 events.
import {BoundedMap, Reader} from './wire.js';
import {lastTermination} from '../../model/slim.js';

type Loose = Record<string, any>;

// metav1.Time is {seconds, nanos}; an empty message is the zero time, which JSON writes as null.
// Pods created together share their seconds, and a pod's own times alternate
// (created, started): each second is formatted once and its string shared.
const formattedSeconds = new BoundedMap<number, string>(8192);
function time(reader: Reader): string | null {
	const message = reader.message();
	let seconds = 0;
	while (!message.done) {
		const key = message.key();
		if (key === 0x08) seconds = message.varint();
		else message.skip(key);
	}
	if (seconds === 0) return null;
	let formatted = formattedSeconds.get(seconds);
	if (formatted === undefined) {
		formatted = new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
		formattedSeconds.set(seconds, formatted);
	}
	return formatted;
}

/** metav1.MicroTime: RFC 3339 with six fractional digits, as its JSON is. */
function microTime(reader: Reader): string | null {
	const message = reader.message();
	let seconds = 0;
	let nanos = 0;
	while (!message.done) {
		const key = message.key();
		if (key === 0x08) seconds = message.varint();
		else if (key === 0x10) nanos = message.int32();
		else message.skip(key);
	}
	if (seconds === 0 && nanos === 0) return null;
	const micros = String(Math.floor(nanos / 1000)).padStart(6, '0');
	return new Date(seconds * 1000).toISOString().replace('.000Z', `.${micros}Z`);
}

/** map<string, Quantity>: entries of {key = 1, value = Quantity{string = 1}}. Go writes them sorted, as its JSON does. */
function quantityEntry(reader: Reader, into: Loose): void {
	const entry = reader.message();
	let name = '';
	let value = '';
	while (!entry.done) {
		const key = entry.key();
		if (key === 0x0a) name = entry.interned();
		else if (key === 0x12) {
			const quantity = entry.message();
			while (!quantity.done) {
				const quantityKey = quantity.key();
				if (quantityKey === 0x0a) value = quantity.interned();
				else quantity.skip(quantityKey);
			}
		} else entry.skip(key);
	}
	into[name] = value;
}

/** ResourceRequirements as JSON has it: limits, requests and claims, each left out when empty. */
function resourceRequirements(reader: Reader): Loose {
	const message = reader.message();
	let limits: Loose | undefined;
	let requests: Loose | undefined;
	let claims: Loose[] | undefined;
	while (!message.done) {
		const key = message.key();
		if (key === 0x0a) quantityEntry(message, (limits ??= {}));
		else if (key === 0x12) quantityEntry(message, (requests ??= {}));
		else if (key === 0x1a) (claims ??= []).push(resourceClaim(message));
		else message.skip(key);
	}
	const out: Loose = {};
	if (limits) out['limits'] = limits;
	if (requests) out['requests'] = requests;
	if (claims) out['claims'] = claims;
	return out;
}

function resourceClaim(reader: Reader): Loose {
	const message = reader.message();
	let name = '';
	let request = '';
	while (!message.done) {
		const key = message.key();
		if (key === 0x0a) name = message.interned();
		else if (key === 0x12) request = message.string();
		else message.skip(key);
	}
	return request ? {name, request} : {name};
}

/** What slimPod keeps of a container: its name, restartPolicy (sidecars) and requests/limits. */
function container(reader: Reader): Loose {
	const message = reader.message();
	let name = '';
	let restartPolicy: string | undefined;
	let resources: Loose = {};
	while (!message.done) {
		const key = message.key();
		if (key === 0x0a) name = message.interned();
		else if (key === 0x42) resources = resourceRequirements(message);
		else if (key === ((24 << 3) | 2)) restartPolicy = message.interned();
		else message.skip(key);
	}
	const picked: Loose = {};
	if (resources['requests']) picked['requests'] = resources['requests'];
	if (resources['limits']) picked['limits'] = resources['limits'];
	if (restartPolicy === undefined) return {name, resources: picked};
	return {name, restartPolicy, resources: picked};
}

function podSpec(reader: Reader): Loose {
	const message = reader.message();
	const containers: Loose[] = [];
	let initContainers: Loose[] | undefined;
	let nodeName = '';
	let resources: Loose | undefined;
	let overhead: Loose | undefined;
	while (!message.done) {
		const key = message.key();
		switch (key) {
			case 0x12:
				containers.push(container(message));
				break;
			case (20 << 3) | 2:
				(initContainers ??= []).push(container(message));
				break;
			case (10 << 3) | 2:
				nodeName = message.interned();
				break;
			case (40 << 3) | 2:
				resources = resourceRequirements(message);
				break;
			case (32 << 3) | 2:
				quantityEntry(message, (overhead ??= {}));
				break;
			default:
				message.skip(key);
		}
	}
	if (!initContainers && nodeName && !resources && !overhead) return {containers, nodeName};
	const out: Loose = {containers};
	if (initContainers) out['initContainers'] = initContainers;
	if (nodeName) out['nodeName'] = nodeName;
	if (resources) out['resources'] = resources;
	if (overhead) out['overhead'] = overhead;
	return out;
}

function podCondition(reader: Reader): Loose {
	const message = reader.message();
	let type = '';
	let status = '';
	let reason = '';
	let text = '';
	while (!message.done) {
		const key = message.key();
		if (key === 0x0a) type = message.interned();
		else if (key === 0x12) status = message.interned();
		else if (key === 0x2a) reason = message.interned();
		else if (key === 0x32) text = message.interned();
		else message.skip(key);
	}
	if (reason && text) return {type, status, reason, message: text};
	if (reason) return {type, status, reason};
	return text ? {type, status, message: text} : {type, status};
}

function containerState(reader: Reader): Loose {
	const message = reader.message();
	const out: Loose = {};
	while (!message.done) {
		const key = message.key();
		if (key === 0x0a) out['waiting'] = waiting(message);
		else if (key === 0x12) out['running'] = running(message);
		else if (key === 0x1a) out['terminated'] = terminated(message);
		else message.skip(key);
	}
	return out;
}

function waiting(reader: Reader): Loose {
	const message = reader.message();
	let reason = '';
	let text = '';
	while (!message.done) {
		const key = message.key();
		if (key === 0x0a) reason = message.interned();
		else if (key === 0x12) text = message.string();
		else message.skip(key);
	}
	const out: Loose = {};
	if (reason) out['reason'] = reason;
	if (text) out['message'] = text;
	return out;
}

function running(reader: Reader): Loose {
	const message = reader.message();
	let startedAt: string | null = null;
	while (!message.done) {
		const key = message.key();
		if (key === 0x0a) startedAt = time(message);
		else message.skip(key);
	}
	return {startedAt};
}

function terminated(reader: Reader): Loose {
	const message = reader.message();
	let exitCode = 0;
	let signal = 0;
	let reason = '';
	let text = '';
	let startedAt: string | null = null;
	let finishedAt: string | null = null;
	let containerID = '';
	while (!message.done) {
		const key = message.key();
		switch (key) {
			case 0x08:
				exitCode = message.int32();
				break;
			case 0x10:
				signal = message.int32();
				break;
			case 0x1a:
				reason = message.interned();
				break;
			case 0x22:
				text = message.string();
				break;
			case 0x2a:
				startedAt = time(message);
				break;
			case 0x32:
				finishedAt = time(message);
				break;
			case 0x3a:
				containerID = message.string();
				break;
			default:
				message.skip(key);
		}
	}
	const out: Loose = {exitCode};
	if (signal) out['signal'] = signal;
	if (reason) out['reason'] = reason;
	if (text) out['message'] = text;
	out['startedAt'] = startedAt;
	out['finishedAt'] = finishedAt;
	if (containerID) out['containerID'] = containerID;
	return out;
}

/** What slimPod keeps of a container status: name, ready, started, restartCount, the current state and the last termination. */
function containerStatus(reader: Reader): Loose {
	const message = reader.message();
	let name = '';
	let ready = false;
	let started: boolean | undefined;
	let restartCount = 0;
	let state: Loose = {};
	let last: Loose = {};
	while (!message.done) {
		const key = message.key();
		switch (key) {
			case 0x0a:
				name = message.interned();
				break;
			case 0x12:
				state = containerState(message);
				break;
			case 0x1a:
				last = containerState(message);
				break;
			case 0x20:
				ready = message.bool();
				break;
			case 0x28:
				restartCount = message.int32();
				break;
			case 0x48:
				started = message.bool();
				break;
			default:
				message.skip(key);
		}
	}
	const out: Loose = started === undefined ? {name, ready, restartCount, state} : {name, ready, started, restartCount, state};
	if (last['terminated']) out['lastState'] = lastTermination(last['terminated']);
	return out;
}

function podStatus(reader: Reader): Loose {
	const message = reader.message();
	let phase = '';
	let reason = '';
	let conditions: Loose[] | undefined;
	let containerStatuses: Loose[] | undefined;
	let initContainerStatuses: Loose[] | undefined;
	while (!message.done) {
		const key = message.key();
		switch (key) {
			case 0x0a:
				phase = message.interned();
				break;
			case 0x22:
				reason = message.interned();
				break;
			case 0x12:
				(conditions ??= []).push(podCondition(message));
				break;
			case 0x42:
				(containerStatuses ??= []).push(containerStatus(message));
				break;
			case 0x52:
				(initContainerStatuses ??= []).push(containerStatus(message));
				break;
			default:
				message.skip(key);
		}
	}
	const out: Loose = {};
	if (phase) out['phase'] = phase;
	if (reason) out['reason'] = reason;
	if (conditions) out['conditions'] = conditions;
	if (containerStatuses) out['containerStatuses'] = containerStatuses;
	if (initContainerStatuses) out['initContainerStatuses'] = initContainerStatuses;
	return out;
}

/** ObjectMeta's name, namespace, uid, resourceVersion, creation and deletion times: what both slim shapes keep. */
function objectMeta(reader: Reader, withDeletion: boolean): Loose {
	const message = reader.message();
	let name = '';
	let namespace = '';
	let uid = '';
	let resourceVersion = '';
	let creationTimestamp: string | null = null;
	let deletionTimestamp: string | null | undefined;
	while (!message.done) {
		const key = message.key();
		switch (key) {
			case 0x0a:
				name = message.string();
				break;
			case 0x1a:
				namespace = message.interned();
				break;
			case 0x2a:
				uid = message.string();
				break;
			case 0x32:
				resourceVersion = message.string();
				break;
			case 0x42:
				creationTimestamp = time(message);
				break;
			case 0x4a:
				deletionTimestamp = time(message);
				break;
			default:
				message.skip(key);
		}
	}
	if (name && namespace && uid && resourceVersion && (!withDeletion || deletionTimestamp === undefined)) return {name, namespace, uid, resourceVersion, creationTimestamp};
	const out: Loose = {};
	if (name) out['name'] = name;
	if (namespace) out['namespace'] = namespace;
	if (uid) out['uid'] = uid;
	if (resourceVersion) out['resourceVersion'] = resourceVersion;
	out['creationTimestamp'] = creationTimestamp;
	if (withDeletion && deletionTimestamp !== undefined) out['deletionTimestamp'] = deletionTimestamp;
	return out;
}

/** A v1 Pod message, read into slimPod's shape. */
export function decodePod(reader: Reader): Loose {
	let metadata: Loose = {};
	let spec: Loose | undefined;
	let status: Loose | undefined;
	while (!reader.done) {
		const key = reader.key();
		if (key === 0x0a) metadata = objectMeta(reader, true);
		else if (key === 0x12) spec = podSpec(reader);
		else if (key === 0x1a) status = podStatus(reader);
		else reader.skip(key);
	}
	return {metadata, spec: spec ?? {containers: []}, status: status ?? {}};
}

function objectReference(reader: Reader): Loose {
	const message = reader.message();
	let kind = '';
	let namespace = '';
	let name = '';
	let uid = '';
	while (!message.done) {
		const key = message.key();
		if (key === 0x0a) kind = message.interned();
		else if (key === 0x12) namespace = message.interned();
		else if (key === 0x1a) name = message.string();
		else if (key === 0x22) uid = message.string();
		else message.skip(key);
	}
	if (kind && name && namespace && uid) return {kind, name, namespace, uid};
	const out: Loose = {};
	if (kind) out['kind'] = kind;
	if (name) out['name'] = name;
	if (namespace) out['namespace'] = namespace;
	if (uid) out['uid'] = uid;
	return out;
}

function eventSeries(reader: Reader): Loose {
	const message = reader.message();
	let count = 0;
	let lastObservedTime: string | null = null;
	while (!message.done) {
		const key = message.key();
		if (key === 0x08) count = message.int32();
		else if (key === 0x12) lastObservedTime = microTime(message);
		else message.skip(key);
	}
	return count ? {count, lastObservedTime} : {lastObservedTime};
}

/** A v1 Event message, read into slimEvent's shape. */
export function decodeEvent(reader: Reader): Loose {
	let metadata: Loose = {};
	let involvedObject: Loose = {};
	let type = '';
	let reason = '';
	let text = '';
	let count = 0;
	let series: Loose | undefined;
	let firstTimestamp: string | null = null;
	let lastTimestamp: string | null = null;
	let eventTime: string | null = null;
	while (!reader.done) {
		const key = reader.key();
		switch (key) {
			case 0x0a:
				metadata = objectMeta(reader, false);
				break;
			case 0x12:
				involvedObject = objectReference(reader);
				break;
			case 0x1a:
				reason = reader.interned();
				break;
			case 0x22:
				text = reader.string();
				break;
			case 0x32:
				firstTimestamp = time(reader);
				break;
			case 0x3a:
				lastTimestamp = time(reader);
				break;
			case 0x40:
				count = reader.int32();
				break;
			case 0x4a:
				type = reader.interned();
				break;
			case 0x52:
				eventTime = microTime(reader);
				break;
			case 0x5a:
				series = eventSeries(reader);
				break;
			default:
				reader.skip(key);
		}
	}
	if (type && reason && text && !series) {
		return count ? {type, reason, message: text, count, firstTimestamp, lastTimestamp, eventTime, metadata, involvedObject} : {type, reason, message: text, firstTimestamp, lastTimestamp, eventTime, metadata, involvedObject};
	}
	const out: Loose = {};
	if (type) out['type'] = type;
	if (reason) out['reason'] = reason;
	if (text) out['message'] = text;
	if (count) out['count'] = count;
	if (series) out['series'] = series;
	out['firstTimestamp'] = firstTimestamp;
	out['lastTimestamp'] = lastTimestamp;
	out['eventTime'] = eventTime;
	out['metadata'] = metadata;
	out['involvedObject'] = involvedObject;
	return out;
}

/** A meta/v1 Status (an error, or a watch's ERROR event): the fields errors.ts reads from its JSON. */
export function decodeStatus(reader: Reader): Loose {
	const out: Loose = {kind: 'Status'};
	while (!reader.done) {
		const key = reader.key();
		if (key === 0x12) out['status'] = reader.interned();
		else if (key === 0x1a) out['message'] = reader.string();
		else if (key === 0x22) out['reason'] = reader.interned();
		else if (key === 0x30) out['code'] = reader.int32();
		else reader.skip(key);
	}
	return out;
}
