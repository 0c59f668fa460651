// patches/@kubernetes+client-node+1.4.0: KubeConfig takes its two helpers from
// their own modules instead of the generated API's index, and loads node-fetch
// and the proxy agents when a request first needs them. The patched KubeConfig
// must build the same agents and headers as the original for every kind of
// cluster, proxied or not.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {load, root, unpatched} from './unpatched.js';

interface KubeConfig {
	loadFromString(text: string): void;
	applyToHTTPSOptions(options: Record<string, unknown>): Promise<void>;
	applyToFetchOptions(options: Record<string, unknown>): Promise<{agent: object; headers: Iterable<[string, string]>; method?: string}>;
	applySecurityAuthentication(context: unknown): Promise<void>;
}
type KubeConfigClass = new () => KubeConfig;
interface RequestContextClass {
	new (url: string, method: string): {getAgent(): object | undefined; getHeaders(): Record<string, string>};
}

const dir = 'node_modules/@kubernetes/client-node';
// The generated API, untouched by the patch, is linked rather than copied.
const base = unpatched([dir], ['dist/gen']);
const Original = (await load<{KubeConfig: KubeConfigClass}>(base, `${dir}/dist/config.js`)).KubeConfig;
const Patched = (await load<{KubeConfig: KubeConfigClass}>(root, `${dir}/dist/config.js`)).KubeConfig;
const {RequestContext} = await load<{RequestContext: RequestContextClass}>(root, `${dir}/dist/gen/http/http.js`);

function kubeconfig(server: string, proxy?: string): string {
	return [
		'apiVersion: v1',
		'kind: Config',
		'clusters:',
		'- name: lab',
		'  cluster:',
		`    server: ${server}`,
		...(proxy ? [`    proxy-url: ${proxy}`] : []),
		...(server.startsWith('http:') ? ['    insecure-skip-tls-verify: true'] : []),
		'users:',
		'- name: student',
		'  user:',
		'    username: student',
		'    password: s3cret',
		'contexts:',
		'- name: lab',
		'  context: {cluster: lab, user: student, namespace: default}',
		'current-context: lab',
	].join('\n');
}

/** What a request made with this KubeConfig carries: its agent's kind and proxy, and its headers. */
async function request(KubeConfig: KubeConfigClass, text: string): Promise<unknown> {
	const config = new KubeConfig();
	config.loadFromString(text);
	// eslint-disable-next-line @typescript-eslint/no-base-to-string -- the agent's proxy is a URL or a string when set
	const describe = (agent: object | undefined) => agent && {kind: agent.constructor.name, proxy: String((agent as {proxy?: unknown}).proxy ?? '')};
	const fetchOptions = await config.applyToFetchOptions({method: 'GET', headers: {accept: ['application/json', 'text/plain'], 'x-count': 3}});
	const context = new RequestContext('https://lab.example/api', 'GET');
	await config.applySecurityAuthentication(context);
	return {fetch: {agent: describe(fetchOptions.agent), headers: [...fetchOptions.headers], method: fetchOptions.method}, api: {agent: describe(context.getAgent()), headers: context.getHeaders()}};
}

test('the patched KubeConfig makes the same agents and headers as the original, with and without a proxy', async () => {
	for (const [server, proxy] of [
		['https://127.0.0.1:6443', undefined],
		['http://127.0.0.1:8080', undefined],
		['https://127.0.0.1:6443', 'socks5://127.0.0.1:1080'],
		['https://127.0.0.1:6443', 'http://127.0.0.1:3128'],
		['http://127.0.0.1:8080', 'http://127.0.0.1:3128'],
	] as const) {
		const text = kubeconfig(server, proxy);
		assert.deepEqual(await request(Patched, text), await request(Original, text), `${server} via ${proxy ?? 'no proxy'}`);
	}
});

test("the patched config module imports neither the generated API's index nor node-fetch and the proxy agents up front", () => {
	const imports = (file: string) => [...fs.readFileSync(file, 'utf8').matchAll(/^import .* from '([^']+)';$/gm)].map(match => match[1]);
	const patched = imports(path.join(root, dir, 'dist/config.js'));
	const original = imports(path.join(base, dir, 'dist/config.js'));
	for (const heavy of ['./gen/index.js', 'node-fetch', 'socks-proxy-agent', 'hpagent']) {
		assert.ok(original.includes(heavy), `the original imports ${heavy}`);
		assert.ok(!patched.includes(heavy), `the patched module imports ${heavy} only when used`);
	}
});
