import type {KindDeclaration} from './kind.js';

export const deployments: KindDeclaration = {id: 'deployments', groupVersionPath: '/apis/apps/v1', plural: 'deployments', watch: 'focusedNamespace'};
