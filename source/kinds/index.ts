// The kinds the lab view watches. Adding one is a declaration (a file beside
// this one) and its place in this list; the store iterates over it, and a
// declaration with a `table` is what `:KIND` shows. The lab's own panes read
// the five in LabObjects (source/model/cluster.ts); others by their id.
import {deployments} from './deployments.js';
import {endpointslices} from './endpointslices.js';
import {events} from './events.js';
import type {KindDeclaration} from './kind.js';
import {nodes} from './nodes.js';
import {pods} from './pods.js';
import {replicasets} from './replicasets.js';
import {services} from './services.js';

export type {KindDeclaration} from './kind.js';
export {declaredKind, kindCollectionPath, type HandMadeTable} from './kind.js';

export const labKinds: readonly KindDeclaration[] = [pods, nodes, deployments, replicasets, events, services, endpointslices];
