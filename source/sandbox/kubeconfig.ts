// Kubeconfigs for the user (three contexts) and for each component. Written as
// JSON, which every kubeconfig reader accepts as YAML.
import fs from 'node:fs';
import path from 'node:path';
import {clientCertPaths, type Pki} from './pki.js';

export const adminContext = 'k8slab-sandbox';
export const viewerContext = 'lab-viewer';
export const eksContext = 'lab-eks';

function base64File(file: string): string {
	return fs.readFileSync(file).toString('base64');
}

function certUser(pki: Pki, file: string): Record<string, string> {
	const {cert, key} = clientCertPaths(pki, file);
	return {'client-certificate-data': base64File(cert), 'client-key-data': base64File(key)};
}

function cluster(pki: Pki, server: string) {
	// The CA is embedded: the server certificate is verified, never skipped.
	return {name: adminContext, cluster: {server, 'certificate-authority-data': base64File(pki.caCert)}};
}

export interface CredentialCommand {
	command: string;
	args: string[];
}

/** The user's kubeconfig: admin, a read-only viewer, and an exec-plugin user like `aws eks get-token`. */
export function writeUserKubeconfig(file: string, pki: Pki, server: string, credential: CredentialCommand): void {
	const config = {
		apiVersion: 'v1',
		kind: 'Config',
		preferences: {},
		'current-context': adminContext,
		clusters: [cluster(pki, server)],
		users: [
			{name: 'k8slab-admin', user: certUser(pki, 'admin')},
			{name: 'lab-viewer', user: certUser(pki, 'lab-viewer')},
			{
				name: 'lab-eks-admin',
				user: {
					exec: {
						apiVersion: 'client.authentication.k8s.io/v1',
						command: credential.command,
						args: credential.args,
						interactiveMode: 'Never',
						provideClusterInfo: false,
					},
				},
			},
		],
		contexts: [
			{name: adminContext, context: {cluster: adminContext, user: 'k8slab-admin', namespace: 'default'}},
			{name: viewerContext, context: {cluster: adminContext, user: 'lab-viewer', namespace: 'default'}},
			{name: eksContext, context: {cluster: adminContext, user: 'lab-eks-admin', namespace: 'default'}},
		],
	};
	writePrivate(file, config);
}

export function writeComponentKubeconfig(file: string, pki: Pki, server: string, identity: string): void {
	writePrivate(file, {
		apiVersion: 'v1',
		kind: 'Config',
		'current-context': adminContext,
		clusters: [cluster(pki, server)],
		users: [{name: identity, user: certUser(pki, identity)}],
		contexts: [{name: adminContext, context: {cluster: adminContext, user: identity}}],
	});
}

function writePrivate(file: string, config: unknown): void {
	fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
	fs.writeFileSync(file, JSON.stringify(config, null, 2) + '\n', {mode: 0o600});
	// The mode above applies only to a new file; one that was there keeps its own.
	fs.chmodSync(file, 0o600);
}

/** What the exec plugin prints: an ExecCredential, as `aws eks get-token` does. */
export function execCredential(token: string, now = Date.now()): string {
	return JSON.stringify({
		apiVersion: 'client.authentication.k8s.io/v1',
		kind: 'ExecCredential',
		spec: {interactive: false},
		status: {token, expirationTimestamp: new Date(now + 14 * 60 * 1000).toISOString()},
	});
}
