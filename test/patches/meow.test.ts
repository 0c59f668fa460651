// patches/meow+14.1.0: normalize-package-data (licence lists, semver,
// hosted-git-info: ~20 ms of every start) loads when a package.json is first
// normalized rather than when meow loads; this CLI passes its own pkg and never
// asks. Normalizing must give what the original gives.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {load, root, unpatched} from './unpatched.js';

type Normalize = (data: Record<string, unknown>, strict?: boolean) => void;

test('the lazily loaded normalize-package-data normalizes as the original does', async () => {
	const dir = 'node_modules/meow';
	const original = (await load<{n: Normalize}>(unpatched([dir]), `${dir}/build/dependencies.js`)).n;
	const patched = (await load<{n: Normalize}>(root, `${dir}/build/dependencies.js`)).n;
	const manifests = [
		JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>,
		JSON.parse(fs.readFileSync(path.join(root, 'node_modules/ink/package.json'), 'utf8')) as Record<string, unknown>,
		{name: 'x', version: '1.0.0', repository: 'github:kubernetes/kubernetes', license: 'apache 2', bugs: 'https://example.com'},
	];
	for (const manifest of manifests) {
		const [a, b] = [structuredClone(manifest), structuredClone(manifest)];
		patched(a);
		original(b);
		assert.deepEqual(a, b, String(manifest['name']));
	}
});
