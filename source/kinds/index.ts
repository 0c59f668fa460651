// The kinds the lab view watches. Adding one is a declaration here and its
// type in LabObjects (source/model/cluster.ts); the store iterates over this.
import {deployments} from './deployments.js';
import {events} from './events.js';
import type {KindDeclaration} from './kind.js';
import {nodes} from './nodes.js';
import {pods} from './pods.js';
import {replicasets} from './replicasets.js';

export type {KindDeclaration} from './kind.js';
export {kindCollectionPath} from './kind.js';

export const labKinds: readonly KindDeclaration[] = [pods, nodes, deployments, replicasets, events];
