// The lab preset: the lab's EKS cluster (3 t3.micro worker nodes in the
// "worker-nodes" node group, the EKS system pods, and todoapi). Figures from
// ../shared/lab-facts.md: max pods 4 = ENIs x (IPs-1) + 2 for t3.micro.

const instanceType = 't3.micro';
export const maxPods = 4;
const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

// EKS reserves kube-reserved memory = 11 x maxPods + 255 MiB, cpu 70m on a
// 2-vCPU node, plus a 100Mi hard-eviction threshold.
const capacityMemoryKi = 983_040; // what a t3.micro (1 GiB) reports once the kernel takes its share
const reservedMemoryKi = (11 * maxPods + 255) * 1024 + 100 * 1024;
const nodeCapacity = {cpu: '2', memory: `${capacityMemoryKi}Ki`, pods: String(maxPods), 'ephemeral-storage': '20959212Ki'};
const nodeAllocatable = {cpu: '1930m', memory: `${capacityMemoryKi - reservedMemoryKi}Ki`, pods: String(maxPods), 'ephemeral-storage': '18242267924'};

const ecr = '602401143452.dkr.ecr.us-east-1.amazonaws.com';
export const systemImages = {
	awsNode: `${ecr}/amazon-k8s-cni:v1.19.2-eksbuild.1`,
	kubeProxy: `${ecr}/eks/kube-proxy:v1.34.0-minimal-eksbuild.2`,
	coredns: `${ecr}/eks/coredns:v1.11.4-eksbuild.2`,
};

/** A stable EKS-looking node name for the n-th node (0-based). */
export function nodeName(index: number): string {
	const third = [12, 45, 78][index % 3]! + Math.floor(index / 3);
	const fourth = ((34 + index * 67) % 254) + 1;
	return `ip-192-168-${third}-${fourth}.ec2.internal`;
}

export function workerNode(index: number): object {
	const name = nodeName(index);
	const zone = zones[index % zones.length]!;
	return {
		apiVersion: 'v1',
		kind: 'Node',
		metadata: {
			name,
			labels: {
				'kubernetes.io/hostname': name,
				'kubernetes.io/os': 'linux',
				'kubernetes.io/arch': 'amd64',
				'node.kubernetes.io/instance-type': instanceType,
				'beta.kubernetes.io/instance-type': instanceType,
				'eks.amazonaws.com/nodegroup': 'worker-nodes',
				'eks.amazonaws.com/capacityType': 'ON_DEMAND',
				'topology.kubernetes.io/region': 'us-east-1',
				'topology.kubernetes.io/zone': zone,
				type: 'kwok',
			},
			// kwok manages only nodes carrying this annotation.
			annotations: {'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0'},
		},
		spec: {providerID: `aws:///${zone}/i-0${(0x5a17c0de + index * 7919).toString(16)}a1b2c3d4`},
		status: {
			capacity: nodeCapacity,
			allocatable: nodeAllocatable,
			addresses: [
				{type: 'InternalIP', address: name.slice(3).split('.')[0]!.replaceAll('-', '.')},
				{type: 'Hostname', address: name},
				// Where the API server finds the node's kubelet (kwok's server) for pods/log: --kubelet-preferred-address-types=ExternalIP.
				{type: 'ExternalIP', address: '127.0.0.1'},
			],
			nodeInfo: {
				architecture: 'amd64',
				operatingSystem: 'linux',
				osImage: 'Amazon Linux 2023.6.20250203',
				kernelVersion: '6.1.127-135.201.amzn2023.x86_64',
				containerRuntimeVersion: 'containerd://1.7.25',
				kubeletVersion: 'v1.34.4-eks-5b7ea0c',
				kubeProxyVersion: 'v1.34.4-eks-5b7ea0c',
				machineID: '',
				systemUUID: '',
				bootID: '',
			},
		},
	};
}

function daemonSet(name: string, image: string, cpu: string): object {
	const labels = {'k8s-app': name};
	return {
		apiVersion: 'apps/v1',
		kind: 'DaemonSet',
		metadata: {name, namespace: 'kube-system', labels},
		spec: {
			selector: {matchLabels: labels},
			updateStrategy: {type: 'RollingUpdate', rollingUpdate: {maxUnavailable: '10%'}},
			template: {
				metadata: {labels},
				spec: {
					priorityClassName: 'system-node-critical',
					hostNetwork: true,
					tolerations: [{operator: 'Exists'}],
					containers: [{name, image, resources: {requests: {cpu}}}],
				},
			},
		},
	};
}

function coredns(): object {
	const labels = {'k8s-app': 'kube-dns', 'eks.amazonaws.com/component': 'coredns'};
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name: 'coredns', namespace: 'kube-system', labels},
		spec: {
			replicas: 2,
			selector: {matchLabels: labels},
			strategy: {type: 'RollingUpdate', rollingUpdate: {maxSurge: '25%', maxUnavailable: 1}},
			template: {
				metadata: {labels},
				spec: {
					priorityClassName: 'system-cluster-critical',
					containers: [
						{
							name: 'coredns',
							image: systemImages.coredns,
							args: ['-conf', '/etc/coredns/Corefile'],
							ports: [
								{name: 'dns', containerPort: 53, protocol: 'UDP'},
								{name: 'dns-tcp', containerPort: 53, protocol: 'TCP'},
							],
							resources: {requests: {cpu: '100m', memory: '70Mi'}, limits: {memory: '170Mi'}},
						},
					],
				},
			},
		},
	};
}

function todoapi(): object[] {
	const labels = {app: 'todoapi'};
	return [
		{
			apiVersion: 'apps/v1',
			kind: 'Deployment',
			metadata: {name: 'todoapi', namespace: 'default', labels},
			spec: {
				replicas: 3,
				selector: {matchLabels: labels},
				template: {
					metadata: {labels},
					spec: {containers: [{name: 'todoapi', image: 'todoapi:1.0', ports: [{containerPort: 8080}]}]},
				},
			},
		},
		{
			apiVersion: 'v1',
			kind: 'Service',
			metadata: {name: 'todoapi', namespace: 'default', labels},
			spec: {selector: labels, ports: [{port: 80, targetPort: 8080, protocol: 'TCP'}]},
		},
	];
}

/**
 * The lab-viewer identity gets Kubernetes' built-in "view" ClusterRole in
 * "default" only: reads pods, deployments, replicasets, events and the like,
 * but not Secrets (view leaves them out, as they can hold credentials), and
 * nothing cluster-scoped such as nodes.
 */
function viewerRbac(): object[] {
	return [
		{
			apiVersion: 'rbac.authorization.k8s.io/v1',
			kind: 'RoleBinding',
			metadata: {name: 'lab-viewer', namespace: 'default'},
			roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view'},
			subjects: [{apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'lab-viewer'}],
		},
	];
}

export function labPreset(nodes = 3): object[] {
	return [...Array.from({length: nodes}, (_, index) => workerNode(index)), ...viewerRbac(), daemonSet('aws-node', systemImages.awsNode, '25m'), daemonSet('kube-proxy', systemImages.kubeProxy, '100m'), coredns(), ...todoapi()];
}

/** Pods the preset runs once settled: two daemon pods per node, coredns x2, todoapi x3. */
export function expectedPods(nodes = 3): number {
	return nodes * 2 + 2 + 3;
}
