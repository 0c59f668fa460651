import type {KindDeclaration} from './kind.js';

/** Which pods each Service sends traffic to: ready, not ready (out of the Service) or terminating. */
export const endpointslices: KindDeclaration = {id: 'endpointslices', groupVersionPath: '/apis/discovery.k8s.io/v1', plural: 'endpointslices', watch: 'allNamespaces', start: 'afterPrimary'};
