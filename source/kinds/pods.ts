import {decodePod} from '../kube/protobuf/objects.js';
import {slimPod} from '../model/slim.js';
import type {KindDeclaration} from './kind.js';

/** The pods pane, node bars and pending reasons read a pod's spec, status and deletion; not its labels or annotations (both slim: see slimPod). */
function podChangeUnseen(previous: any, next: any): boolean {
	return previous.metadata?.deletionTimestamp === next.metadata?.deletionTimestamp && JSON.stringify(previous.status) === JSON.stringify(next.status) && JSON.stringify(previous.spec) === JSON.stringify(next.spec);
}

export const pods: KindDeclaration = {id: 'pods', groupVersionPath: '/api/v1', plural: 'pods', watch: 'allNamespaces', slim: slimPod, protobuf: decodePod, large: true, paged: true, unseen: podChangeUnseen, start: 'primary'};
