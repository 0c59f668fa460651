#!/usr/bin/env node
// Captures objects from a running sandbox (or any cluster) together with what
// `kubectl describe` printed about them at the same moment, and the related
// objects k8slab's description reads (the same queries the view watches).
// The describe tests compare k8slab's output with kubectl's on these.
// Run after `npm run build`, with KUBECONFIG pointing at the cluster:
//   node scripts/capture-describe.mjs NAME KIND/NAME[ -n NAMESPACE] ...
//   e.g. node scripts/capture-describe.mjs pod-running pod/todoapi-abc -n default
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {relatedQueries} from '../dist/source/model/describe/index.js';
import {labResources, objectPath, queryPath} from '../dist/source/model/objectRef.js';

const [name, target, flag, namespaceArg] = process.argv.slice(2);
if (!name || !target) {
	console.error('usage: capture-describe.mjs NAME KIND/NAME [-n NAMESPACE]');
	process.exit(2);
}
const namespace = flag === '-n' ? namespaceArg : '';
const [kind, objectName] = target.split('/');
const services = {group: '', version: 'v1', resource: 'services', kind: 'Service', singular: 'service', shortNames: ['svc'], namespaced: true, verbs: ['get', 'list', 'watch'], categories: []};
const resources = {pod: labResources.pods, node: labResources.nodes, deployment: labResources.deployments, replicaset: labResources.replicasets, service: services};
const resource = resources[kind];
if (!resource) throw new Error(`unknown kind ${kind}`);
const kubectl = (...args) => execFileSync('kubectl', args, {encoding: 'utf8'});
const ref = {resource, namespace, name: objectName};
const capturedAt = Date.now();
const object = JSON.parse(kubectl('get', '--raw', objectPath(ref)));
const related = {};
for (const [key, query] of Object.entries(relatedQueries(ref, object))) related[key] = JSON.parse(kubectl('get', '--raw', queryPath(query))).items;
const described = kubectl('describe', kind, objectName, ...(namespace ? ['-n', namespace] : []));
const out = path.resolve('test/fixtures/describe');
fs.mkdirSync(out, {recursive: true});
fs.writeFileSync(path.join(out, `${name}.json`), JSON.stringify({capturedWith: kubectl('version', '--client').split('\n')[0], capturedAt, ref, object, related, kubectl: described}, null, 1) + '\n');
console.error(`wrote test/fixtures/describe/${name}.json`);
