import type {KindDeclaration} from './kind.js';

/** The focused Deployment's history. */
export const replicasets: KindDeclaration = {id: 'replicasets', groupVersionPath: '/apis/apps/v1', plural: 'replicasets', watch: 'focusedNamespace'};
