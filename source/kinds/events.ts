import {decodeEvent} from '../kube/protobuf/objects.js';
import {slimEvent} from '../model/slim.js';
import type {KindDeclaration} from './kind.js';

/** Often bigger than the pods LIST (24k events beside 10k pods): listed after it. */
export const events: KindDeclaration = {id: 'events', groupVersionPath: '/api/v1', plural: 'events', watch: 'allNamespaces', slim: slimEvent, protobuf: decodeEvent, large: true, start: 'afterPrimary'};
