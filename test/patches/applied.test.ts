// The patches under patches/ are the project's only changes to its
// dependencies: each is pinned to the version it was made against, applied to
// node_modules (which the component tests import), in the bundle users run,
// and a missing one is named by the check the build makes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {notApplied, readPatches, root, unpatched} from './unpatched.js';

const patches = readPatches(root);

test('every patch is pinned in package.json to the exact version it was made against', () => {
	const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {devDependencies: Record<string, string>; overrides: Record<string, string | Record<string, string>>};
	for (const patch of patches) {
		const [dependent, nested] = patch.pkg.split('/node_modules/') as [string, string | undefined];
		const pinned = nested ? (manifest.overrides[dependent] as Record<string, string> | undefined)?.[nested] : (manifest.devDependencies[dependent] ?? manifest.overrides[dependent]);
		assert.equal(pinned, patch.version, `${patch.name}: package.json pins ${patch.pkg}`);
	}
});

test('every patch is applied to node_modules', () => {
	assert.ok(patches.length >= 7);
	for (const patch of patches) assert.equal(notApplied(root, patch), undefined, patch.name);
});

test("the build's check names an unpatched, renamed, missing or other version of a patched package", () => {
	const base = unpatched(['node_modules/string-width']);
	const patch = patches.find(candidate => candidate.pkg === 'string-width')!;
	assert.match(notApplied(base, patch) ?? '', /^node_modules\/string-width\/index\.js lacks the change at line \d+ \(npm ci applies patches\/, or run npx patch-package\)$/);
	const nested = patches.find(candidate => candidate.pkg === 'wrap-ansi/node_modules/string-width')!;
	assert.match(notApplied(base, nested) ?? '', /^node_modules\/wrap-ansi\/node_modules\/string-width is not installed/);
	fs.renameSync(path.join(base, 'node_modules/string-width/index.js'), path.join(base, 'node_modules/string-width/main.js'));
	assert.match(notApplied(base, patch) ?? '', /^node_modules\/string-width\/index\.js is missing \(renamed upstream\? make the patch again\)$/);
	const manifest = path.join(base, 'node_modules/string-width/package.json');
	fs.writeFileSync(manifest, fs.readFileSync(manifest, 'utf8').replace(`"version": "${patch.version}"`, '"version": "99.0.0"'));
	assert.match(notApplied(base, patch) ?? '', /is 99\.0\.0, the patch is for 8\.3\.0/);
});

// What each patch leaves in the bundle: its code, not a text edit made while bundling.
const inBundle: Record<string, string[]> = {
	'ink+6.8.0.patch': ['sharedOutputCaches', 'cachedWidestLine', 'SeenTwiceMap'],
	'@alcalzone+ansi-tokenize+0.2.5.patch': ['tokenizeNarrow', 'sharedCells'],
	'string-width+8.3.0.patch': ['ambiguousIsNarrow&&/^[\\u0020-\\u007e'],
	'wrap-ansi++string-width+7.2.0.patch': ['ambiguousIsNarrow&&/^[\\u0020-\\u007e'],
	'yoga-layout+3.2.1.patch': ['Buffer.from(a.slice(37),"base64")'],
	'@kubernetes+client-node+1.4.0.patch': ['loadProxyAgents'],
	'meow+14.1.0.patch': ['requireNormalize())(...args)'],
	'restore-cursor+4.0.0.patch': ['stderr:void 0;terminal?.write('],
};

test('the bundle users run holds the patched code of every patch', () => {
	const bundle = fs.readFileSync(path.join(root, 'dist/k8slab-app.js'), 'latin1');
	for (const patch of patches) {
		const markers = inBundle[patch.name];
		assert.ok(markers, `${patch.name} has markers here`);
		for (const marker of markers) assert.ok(bundle.includes(marker), `${patch.name}: the bundle has ${marker}`);
	}
	// Both copies of string-width are bundled, each with its fast path.
	assert.equal(bundle.split('ambiguousIsNarrow&&/^[\\u0020-\\u007e').length - 1, 2);
});
