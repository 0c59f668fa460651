import {recordReplicaSet} from '../model/rolloutLog.js';
import type {KindDeclaration} from './kind.js';

/** The focused Deployment's history, and its rollout's steps as they happen. */
export const replicasets: KindDeclaration = {id: 'replicasets', groupVersionPath: '/apis/apps/v1', plural: 'replicasets', watch: 'focusedNamespace', record: recordReplicaSet};
