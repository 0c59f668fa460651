// Command lines of the sandbox's components, in the order they start.
import path from 'node:path';
import {binaryPath} from './build.js';
import type {Pki} from './pki.js';
import type {ProcessSpec} from './processes.js';
import type {ComponentName} from './versions.js';

export interface SandboxPorts {
	etcdClient: number;
	etcdPeer: number;
	apiserver: number;
	/** kwok's kubelet server (logs); absent in the state of a sandbox from before it had one. */
	kwok?: number;
}

export function etcdClientUrl(ports: SandboxPorts): string {
	return `https://127.0.0.1:${ports.etcdClient}`;
}

export function componentSpecs(dir: string, pki: Pki, ports: SandboxPorts, env: NodeJS.ProcessEnv = process.env, apiserverArgs: string[] = []): Record<ComponentName, ProcessSpec> {
	const bin = (name: ComponentName) => binaryPath(name, env);
	const kubeconfig = (name: string) => path.join(dir, 'kubeconfigs', `${name}.kubeconfig`);
	const etcdUrl = etcdClientUrl(ports);
	// A single member never talks to a peer, but etcd opens the port anyway: it gets mutual TLS too.
	const peerUrl = `https://127.0.0.1:${ports.etcdPeer}`;
	return {
		etcd: {
			name: 'etcd',
			command: bin('etcd'),
			args: [
				'--name=k8slab',
				`--data-dir=${path.join(dir, 'etcd')}`,
				`--listen-client-urls=${etcdUrl}`,
				`--advertise-client-urls=${etcdUrl}`,
				`--listen-peer-urls=${peerUrl}`,
				`--initial-advertise-peer-urls=${peerUrl}`,
				`--initial-cluster=k8slab=${peerUrl}`,
				'--initial-cluster-state=new',
				// Mutual TLS as kubeadm sets it up: only holders of a certificate from etcd's own CA (the API server) get in.
				`--cert-file=${pki.etcd.serverCert}`,
				`--key-file=${pki.etcd.serverKey}`,
				'--client-cert-auth=true',
				`--trusted-ca-file=${pki.etcd.caCert}`,
				`--peer-cert-file=${pki.etcd.peerCert}`,
				`--peer-key-file=${pki.etcd.peerKey}`,
				'--peer-client-cert-auth=true',
				`--peer-trusted-ca-file=${pki.etcd.caCert}`,
				// A throwaway lab cluster: fsync would make every write wait on the disk.
				'--unsafe-no-fsync',
				'--quota-backend-bytes=4294967296',
				'--log-level=warn',
			],
		},
		'kube-apiserver': {
			name: 'kube-apiserver',
			command: bin('kube-apiserver'),
			args: [
				`--etcd-servers=${etcdUrl}`,
				`--etcd-cafile=${pki.etcd.caCert}`,
				`--etcd-certfile=${pki.etcd.clientCert}`,
				`--etcd-keyfile=${pki.etcd.clientKey}`,
				'--bind-address=127.0.0.1',
				'--advertise-address=127.0.0.1',
				`--secure-port=${ports.apiserver}`,
				`--tls-cert-file=${pki.serverCert}`,
				`--tls-private-key-file=${pki.serverKey}`,
				`--client-ca-file=${pki.caCert}`,
				`--service-account-key-file=${pki.serviceAccountPub}`,
				`--service-account-signing-key-file=${pki.serviceAccountKey}`,
				'--service-account-issuer=https://kubernetes.default.svc.cluster.local',
				`--token-auth-file=${pki.tokensCsv}`,
				'--authorization-mode=RBAC',
				'--service-cluster-ip-range=10.96.0.0/16',
				'--allow-privileged=true',
				'--profiling=false',
				'--enable-priority-and-fairness=false',
				'--event-ttl=2h',
				// pods/log goes to the node's kubelet, which is kwok's server on 127.0.0.1 (each node's ExternalIP):
				// its certificate is verified, and the API server presents its kubelet client certificate.
				'--kubelet-preferred-address-types=ExternalIP',
				`--kubelet-certificate-authority=${pki.caCert}`,
				`--kubelet-client-certificate=${pki.kubelet.clientCert}`,
				`--kubelet-client-key=${pki.kubelet.clientKey}`,
				...apiserverArgs,
			],
		},
		'kube-controller-manager': {
			name: 'kube-controller-manager',
			command: bin('kube-controller-manager'),
			args: [
				`--kubeconfig=${kubeconfig('kube-controller-manager')}`,
				'--leader-elect=false',
				'--secure-port=0',
				`--root-ca-file=${pki.caCert}`,
				`--service-account-private-key-file=${pki.serviceAccountKey}`,
				'--use-service-account-credentials=false',
				'--profiling=false',
				// Pod IPs come from kwok; there is no cloud to allocate node CIDRs from.
				'--controllers=*,-nodeipam,-service-lb-controller,-cloud-node-lifecycle',
			],
		},
		'kube-scheduler': {
			name: 'kube-scheduler',
			command: bin('kube-scheduler'),
			args: [`--kubeconfig=${kubeconfig('kube-scheduler')}`, '--leader-elect=false', '--secure-port=0', '--profiling=false'],
		},
		kwok: {
			name: 'kwok',
			command: bin('kwok'),
			args: [
				`--kubeconfig=${kubeconfig('kwok')}`,
				`--config=${path.join(dir, 'kwok.yaml')}`,
				'--manage-all-nodes=false',
				'--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
				'--node-lease-duration-seconds=40',
				'--cidr=192.168.128.0/17',
				'--node-ip=192.168.0.1',
				// The kubelet's containerLogs endpoint, from the Logs objects (kwokLogs.ts); loopback only. No Exec or
				// ClusterExec is configured or watched: kwok's exec would run commands on this machine.
				...(ports.kwok
					? [`--server-address=127.0.0.1:${ports.kwok}`, `--node-port=${ports.kwok}`, `--tls-cert-file=${pki.kubelet.servingCert}`, `--tls-private-key-file=${pki.kubelet.servingKey}`, '--enable-crds=Logs']
					: ['--server-address=']),
			],
		},
	};
}
