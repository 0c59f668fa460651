import {serviceColumns, serviceRows} from '../model/services.js';
import type {KindDeclaration} from './kind.js';

/** For the lab view's Service line and `:svc`, with each Service's endpoints (from the EndpointSlices). */
export const services: KindDeclaration = {id: 'services', groupVersionPath: '/api/v1', plural: 'services', watch: 'allNamespaces', start: 'afterPrimary', table: {columns: serviceColumns, rows: serviceRows}};
