// A certificate authority per sandbox, so the API server is verified over TLS
// and every client is authenticated the way a real cluster does it.
import {execFileSync} from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {SandboxError} from './build.js';

export interface ClientIdentity {
	/** File stem under pki/, e.g. "admin". */
	file: string;
	commonName: string;
	organization?: string;
}

/** The identities the sandbox issues certificates for. */
export const identities: ClientIdentity[] = [
	{file: 'admin', commonName: 'k8slab-admin', organization: 'system:masters'},
	// The components run as cluster administrators: this is a single-user lab cluster.
	{file: 'kube-controller-manager', commonName: 'system:kube-controller-manager', organization: 'system:masters'},
	{file: 'kube-scheduler', commonName: 'system:kube-scheduler', organization: 'system:masters'},
	{file: 'kwok', commonName: 'kwok-controller', organization: 'system:masters'},
	// Bound to the built-in "view" ClusterRole in "default" by the preset: tests use it for missing permissions.
	{file: 'lab-viewer', commonName: 'lab-viewer'},
];

export interface Pki {
	dir: string;
	caCert: string;
	serverCert: string;
	serverKey: string;
	serviceAccountKey: string;
	serviceAccountPub: string;
	tokensCsv: string;
	/** The bearer token the exec credential plugin hands out (EKS-style auth). */
	eksToken: string;
	etcd: EtcdPki;
	kubelet: KubeletPki;
}

/**
 * The API server reaches kwok as the nodes' kubelet (pods/log): kwok serves a
 * certificate of the sandbox CA, which the API server verifies, and the API
 * server presents its kubelet client certificate, as kubeadm sets it up.
 */
export interface KubeletPki {
	servingCert: string;
	servingKey: string;
	clientCert: string;
	clientKey: string;
}

/**
 * etcd's own CA, as kubeadm lays it out (pki/etcd/*, pki/apiserver-etcd-client.*).
 * A separate CA, because etcd accepts any client certificate its CA signed:
 * with the sandbox CA, the lab-viewer's certificate would read etcd directly,
 * around RBAC.
 */
export interface EtcdPki {
	caCert: string;
	serverCert: string;
	serverKey: string;
	peerCert: string;
	peerKey: string;
	/** The API server's client certificate for etcd: the only client etcd serves. */
	clientCert: string;
	clientKey: string;
}

function openssl(args: string[], cwd: string): void {
	try {
		execFileSync('openssl', args, {cwd, stdio: ['ignore', 'ignore', 'pipe']});
	} catch (error) {
		const stderr = String((error as {stderr?: Buffer}).stderr ?? '').trim();
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			throw new SandboxError('openssl is needed to create the sandbox certificates and was not found on PATH (apt-get install openssl).');
		}
		throw new SandboxError(`openssl ${args[0]} failed: ${stderr.split('\n')[0]}`);
	}
}

const keyArgs = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** Creates the CA, serving and client certificates once; later calls reuse them. */
export function ensurePki(sandboxDir: string): Pki {
	const dir = path.join(sandboxDir, 'pki');
	const pki: Pki = {
		dir,
		caCert: path.join(dir, 'ca.crt'),
		serverCert: path.join(dir, 'apiserver.crt'),
		serverKey: path.join(dir, 'apiserver.key'),
		serviceAccountKey: path.join(dir, 'sa.key'),
		serviceAccountPub: path.join(dir, 'sa.pub'),
		tokensCsv: path.join(dir, 'tokens.csv'),
		eksToken: '',
		etcd: {
			caCert: path.join(dir, 'etcd', 'ca.crt'),
			serverCert: path.join(dir, 'etcd', 'server.crt'),
			serverKey: path.join(dir, 'etcd', 'server.key'),
			peerCert: path.join(dir, 'etcd', 'peer.crt'),
			peerKey: path.join(dir, 'etcd', 'peer.key'),
			clientCert: path.join(dir, 'apiserver-etcd-client.crt'),
			clientKey: path.join(dir, 'apiserver-etcd-client.key'),
		},
		kubelet: {
			servingCert: path.join(dir, 'kubelet-serving.crt'),
			servingKey: path.join(dir, 'kubelet-serving.key'),
			clientCert: path.join(dir, 'apiserver-kubelet-client.crt'),
			clientKey: path.join(dir, 'apiserver-kubelet-client.key'),
		},
	};
	const tokenFile = path.join(dir, 'eks-token');
	if (!fs.existsSync(path.join(dir, 'complete'))) pki.eksToken = createPki(dir, pki, tokenFile);
	else pki.eksToken = fs.readFileSync(tokenFile, 'utf8').trim();
	// A sandbox dir from before etcd spoke TLS has the rest of the PKI: add etcd's.
	if (!fs.existsSync(path.join(dir, 'etcd', 'complete'))) createEtcdPki(dir);
	// And one from before the API server read logs from kwok: add the kubelet's.
	if (!fs.existsSync(pki.kubelet.clientCert)) {
		issue(dir, 'kubelet-serving', '/CN=kwok-kubelet', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment');
		issue(dir, 'apiserver-kubelet-client', '/CN=kube-apiserver-kubelet-client/O=system:masters', 'extendedKeyUsage=clientAuth\nkeyUsage=digitalSignature,keyEncipherment');
	}
	return pki;
}

function createPki(dir: string, pki: Pki, tokenFile: string): string {
	fs.rmSync(dir, {recursive: true, force: true});
	fs.mkdirSync(dir, {recursive: true, mode: 0o700});

	openssl(['req', '-x509', ...keyArgs, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '3650', '-subj', '/CN=k8slab-sandbox-ca'], dir);

	const serverSans = ['IP:127.0.0.1', 'IP:10.96.0.1', 'DNS:localhost', 'DNS:kubernetes', 'DNS:kubernetes.default', 'DNS:kubernetes.default.svc', 'DNS:kubernetes.default.svc.cluster.local'];
	issue(dir, 'apiserver', '/CN=kube-apiserver', `subjectAltName=${serverSans.join(',')}\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment`);
	for (const identity of identities) {
		const subject = `/CN=${identity.commonName}${identity.organization ? `/O=${identity.organization}` : ''}`;
		issue(dir, identity.file, subject, 'extendedKeyUsage=clientAuth\nkeyUsage=digitalSignature,keyEncipherment');
	}

	openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'sa.key'], dir);
	openssl(['pkey', '-in', 'sa.key', '-pubout', '-out', 'sa.pub'], dir);

	const eksToken = `k8s-aws-v1.${crypto.randomBytes(24).toString('base64url')}`;
	fs.writeFileSync(tokenFile, eksToken + '\n', {mode: 0o600});
	// token,user,uid,"groups": the user EKS maps an IAM identity to.
	fs.writeFileSync(pki.tokensCsv, `${eksToken},lab-eks-admin,lab-eks-admin,"system:masters"\n`, {mode: 0o600});
	fs.writeFileSync(path.join(dir, 'complete'), '');
	return eksToken;
}

/** etcd serves clients and peers only over mutual TLS, like kubeadm's etcd. */
function createEtcdPki(dir: string): void {
	fs.rmSync(path.join(dir, 'etcd'), {recursive: true, force: true});
	fs.mkdirSync(path.join(dir, 'etcd'), {mode: 0o700});
	openssl(['req', '-x509', ...keyArgs, '-keyout', 'etcd/ca.key', '-out', 'etcd/ca.crt', '-days', '3650', '-subj', '/CN=k8slab-etcd-ca'], dir);
	const sans = 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1';
	// Both usages on server and peer, as kubeadm issues them: etcd dials itself (its gRPC gateway) and its peers with these.
	const both = 'extendedKeyUsage=serverAuth,clientAuth\nkeyUsage=digitalSignature,keyEncipherment';
	issue(dir, 'etcd/server', '/CN=k8slab-etcd', `${sans}\n${both}`, 'etcd/ca');
	issue(dir, 'etcd/peer', '/CN=k8slab-etcd', `${sans}\n${both}`, 'etcd/ca');
	issue(dir, 'apiserver-etcd-client', '/CN=kube-apiserver-etcd-client', 'extendedKeyUsage=clientAuth\nkeyUsage=digitalSignature,keyEncipherment', 'etcd/ca');
	fs.writeFileSync(path.join(dir, 'etcd', 'complete'), '');
}

function issue(dir: string, stem: string, subject: string, extensions: string, ca = 'ca'): void {
	fs.writeFileSync(path.join(dir, `${stem}.ext`), extensions + '\n');
	openssl(['req', ...keyArgs, '-keyout', `${stem}.key`, '-out', `${stem}.csr`, '-subj', subject], dir);
	openssl(['x509', '-req', '-in', `${stem}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-out', `${stem}.crt`, '-days', '3650', '-extfile', `${stem}.ext`], dir);
	fs.rmSync(path.join(dir, `${stem}.csr`));
	fs.rmSync(path.join(dir, `${stem}.ext`));
}

export function clientCertPaths(pki: Pki, file: string): {cert: string; key: string} {
	return {cert: path.join(pki.dir, `${file}.crt`), key: path.join(pki.dir, `${file}.key`)};
}
