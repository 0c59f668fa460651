// The `:` command line against the sandbox's captured discovery: what a k9s
// user types is read as a view to open, never as keys.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {test} from 'node:test';
import {resourcesFromAggregated} from '../../source/kube/discovery.js';
import {commonPrefix, completeCommandLine, parseCommandLine} from '../../source/model/commandLine.js';
import type {ApiResource} from '../../source/model/kinds.js';

const fixture = (name: string) => JSON.parse(fs.readFileSync(new URL(`../../../test/fixtures/discovery/${name}`, import.meta.url), 'utf8'));
const resources: ApiResource[] = [...resourcesFromAggregated(fixture('aggregated-api.json')), ...resourcesFromAggregated(fixture('aggregated-apis.json'))];
const context = {resources, contexts: ['k8slab-sandbox', 'lab-viewer', 'lab-eks']};

const kindOf = (text: string) => {
	const parsed = parseCommandLine(text, context);
	assert.equal(parsed.kind, 'resource', `${text}: ${JSON.stringify(parsed)}`);
	return parsed.kind === 'resource' ? `${parsed.resource.resource}${parsed.resource.group ? `.${parsed.resource.group}` : ''}` : '';
};

test('kinds by short name, plural, singular or Kind open that kind', () => {
	assert.equal(kindOf(':svc'), 'services');
	assert.equal(kindOf('deploy'), 'deployments.apps');
	assert.equal(kindOf(':cm'), 'configmaps');
	assert.equal(kindOf(':crd'), 'customresourcedefinitions.apiextensions.k8s.io');
	assert.equal(kindOf(':ep'), 'endpoints');
	assert.equal(kindOf(':StatefulSet'), 'statefulsets.apps');
	assert.equal(kindOf(':ns'), 'namespaces', '`:ns` alone lists the namespaces');
});

test('the lab view, namespaces, contexts and quit are words of the command line', () => {
	assert.deepEqual(parseCommandLine(':pods', context), {kind: 'lab'});
	assert.deepEqual(parseCommandLine(':po', context), {kind: 'lab'});
	assert.deepEqual(parseCommandLine(':', context), {kind: 'lab'});
	assert.deepEqual(parseCommandLine(':ns kube-system', context), {kind: 'namespace', name: 'kube-system'});
	assert.deepEqual(parseCommandLine(':ctx lab-viewer', context), {kind: 'context', name: 'lab-viewer'});
	assert.deepEqual(parseCommandLine(':ctx', context), {kind: 'context'}, '`:ctx` alone changes nothing: it offers the contexts');
	assert.deepEqual(parseCommandLine(':q', context), {kind: 'quit'});
});

test('an unknown kind or context is refused with the closest names', () => {
	const kind = parseCommandLine(':servces', context);
	assert.equal(kind.kind, 'error');
	assert.ok(kind.kind === 'error' && kind.suggestions.includes('services'), JSON.stringify(kind));
	const ctx = parseCommandLine(':ctx lab-veiwer', context);
	assert.deepEqual(ctx, {kind: 'error', message: 'no context "lab-veiwer" in the kubeconfig', suggestions: ['lab-viewer']});
	assert.deepEqual(parseCommandLine(':svc', {contexts: []}), {kind: 'discovering'}, 'before discovery answers, a kind is not refused: the line waits for it');
});

test('completion offers words and kinds for the first word, contexts after ctx', () => {
	const candidates = completeCommandLine('se', context);
	assert.ok(candidates.includes('secrets') && candidates.includes('services'), candidates.join(' '));
	assert.ok(completeCommandLine('n', context).includes('ns'));
	assert.deepEqual(completeCommandLine('ctx lab-v', context), ['ctx lab-viewer']);
	assert.equal(commonPrefix(['services', 'serviceaccounts']), 'service');
	assert.equal(commonPrefix([]), '');
});
