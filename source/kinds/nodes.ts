import type {KindDeclaration} from './kind.js';

export const nodes: KindDeclaration = {id: 'nodes', groupVersionPath: '/api/v1', plural: 'nodes', watch: 'cluster'};
