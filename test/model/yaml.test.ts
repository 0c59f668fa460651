// The YAML view's text: kubectl get -o yaml's layout, managedFields only on
// request, and a Secret's values never unless asked for.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {objectYaml} from '../../source/model/yaml.js';
import {loadJson} from './fixtures.js';

const secret = () => loadJson<{object: any}>('describe/secret.json').object;
const deployment = () => loadJson<{object: any}>('describe/deployment.json').object;

test("a Secret's values, and their base64, are not in its YAML unless revealed", () => {
	const object = secret();
	const encoded = object.data.password as string;
	const plain = Buffer.from(encoded, 'base64').toString();
	const masked = objectYaml(object, {secret: true, managedFields: true, reveal: false});
	assert.ok(!masked.includes(encoded) && !masked.includes(plain), masked);
	assert.match(masked, /password: "<hidden: 19 bytes>"/);
	// Even when the object does not say it is a Secret (a LIST's items carry no kind), the resource does.
	assert.ok(!objectYaml({...object, kind: undefined}, {secret: true, managedFields: false, reveal: false}).includes(encoded));
	assert.ok(!objectYaml({...object, stringData: {token: plain}}, {secret: true, managedFields: false, reveal: false}).includes(plain));
	const applied = {...object, metadata: {...object.metadata, annotations: {'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({data: {password: encoded}})}}};
	assert.ok(!objectYaml(applied, {secret: true, managedFields: false, reveal: false}).includes(encoded), 'nor in what kubectl apply kept');
	assert.match(objectYaml(object, {secret: true, managedFields: false, reveal: true}), new RegExp(`password: ${encoded}`));
});

test('managedFields are left out unless asked for; keys sorted and lists laid out as kubectl writes them', () => {
	const object = deployment();
	assert.ok(object.metadata.managedFields.length > 0, 'the capture has them');
	const hidden = objectYaml(object, {secret: false, managedFields: false, reveal: false});
	assert.doesNotMatch(hidden, /managedFields/);
	assert.match(objectYaml(object, {secret: false, managedFields: true, reveal: false}), /^ {2}managedFields:\n {2}- apiVersion: apps\/v1/m);
	assert.match(hidden, /^spec:\n {2}progressDeadlineSeconds: 600\n {2}replicas: 5\n/m);
	assert.match(hidden, /^ {6}containers:\n {6}- image: todoapi:1\.0\n/m);
	assert.match(hidden, /creationTimestamp: "2026-/);
});
