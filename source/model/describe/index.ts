// `kubectl describe` for any object: a describer per kind (pods, Deployments,
// ReplicaSets, nodes, Services, Secrets), kubectl's generic one for the rest.
// Besides the object, a description reads other objects (its events, a
// Deployment's ReplicaSets, a node's pods and Lease): relatedQueries names
// them, the view watches them, and describeObject reads what they hold.
import {labResources, type ObjectQuery, type ObjectRef} from '../objectRef.js';
import type {ApiResource} from '../kinds.js';
import type {Loose} from './common.js';
import {describeDeployment, describeReplicaSet} from './deployment.js';
import {describeGeneric, describeSecret} from './generic.js';
import {describeNode} from './node.js';
import {describePod} from './pod.js';
import {describeService} from './service.js';

export {tabAlign} from './tabwriter.js';

/** What each related query found; undefined until it has listed. */
export type Related = Readonly<Partial<Record<RelatedName, readonly Loose[]>>>;
export type RelatedName = 'events' | 'replicaSets' | 'pods' | 'lease' | 'endpointSlices';

function core(resource: string, kind: string, namespaced: boolean): ApiResource {
	return {group: '', version: 'v1', resource, kind, singular: kind.toLowerCase(), shortNames: [], namespaced, verbs: ['get', 'list', 'watch'], categories: []};
}

const leases: ApiResource = {...core('leases', 'Lease', true), group: 'coordination.k8s.io'};
const endpointSlices: ApiResource = {...core('endpointslices', 'EndpointSlice', true), group: 'discovery.k8s.io'};

function is(ref: ObjectRef, group: string, resource: string): boolean {
	return ref.resource.group === group && ref.resource.resource === resource;
}

function selectorText(selector: Loose | undefined): string | undefined {
	const labels: Record<string, string> = selector?.matchLabels ?? {};
	const keys = Object.keys(labels).sort();
	return keys.length > 0 ? keys.map(key => `${key}=${labels[key]}`).join(',') : undefined;
}

/** The other objects the description of `object` reads, by name. */
export function relatedQueries(ref: ObjectRef, object: Loose): Partial<Record<RelatedName, ObjectQuery>> {
	const uid = String(object.metadata?.uid ?? '');
	const namespace = ref.resource.namespaced ? ref.namespace : '';
	const queries: Partial<Record<RelatedName, ObjectQuery>> = {
		// kubectl finds a node's events by its name: the kubelet files them with the name as the uid.
		events: is(ref, '', 'nodes')
			? {resource: labResources.events, namespace: '', fieldSelector: `involvedObject.kind=Node,involvedObject.name=${ref.name}`}
			: {resource: labResources.events, namespace, fieldSelector: `involvedObject.uid=${uid}`},
	};
	if (is(ref, 'apps', 'deployments')) {
		const selector = selectorText(object.spec?.selector);
		if (selector) queries.replicaSets = {resource: labResources.replicasets, namespace, labelSelector: selector};
	} else if (is(ref, 'apps', 'replicasets')) {
		const selector = selectorText(object.spec?.selector);
		if (selector) queries.pods = {resource: labResources.pods, namespace, labelSelector: selector};
	} else if (is(ref, '', 'nodes')) {
		queries.pods = {resource: labResources.pods, namespace: '', fieldSelector: `spec.nodeName=${ref.name}`};
		queries.lease = {resource: leases, namespace: 'kube-node-lease', fieldSelector: `metadata.name=${ref.name}`};
	} else if (is(ref, '', 'services')) {
		queries.endpointSlices = {resource: endpointSlices, namespace, labelSelector: `kubernetes.io/service-name=${ref.name}`};
	}
	return queries;
}

/** The object's description, as kubectl describe prints it; ages measured against `now`. */
export function describeObject(ref: ObjectRef, object: Loose, related: Related, now: number): string {
	const {events} = related;
	if (is(ref, '', 'pods')) return describePod(object, events, now);
	if (is(ref, 'apps', 'deployments')) return describeDeployment(object, {events, replicaSets: related.replicaSets}, now);
	if (is(ref, 'apps', 'replicasets')) return describeReplicaSet(object, {events, pods: related.pods}, now);
	if (is(ref, '', 'nodes')) return describeNode(object, {events, pods: related.pods, lease: related.lease?.[0]}, now);
	if (is(ref, '', 'services')) return describeService(object, {events, endpointSlices: related.endpointSlices}, now);
	if (is(ref, '', 'secrets')) return describeSecret(object);
	return describeGeneric(object, events, now);
}
