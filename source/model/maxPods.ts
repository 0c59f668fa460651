// Why an EKS node takes so few pods. Without prefix delegation the VPC CNI
// gives every pod an address of the node's ENIs, less each ENI's own primary
// address, and the two host-network pods (aws-node, kube-proxy) need none:
//   max pods = ENIs × (IPv4 addresses per ENI − 1) + 2
// ENIs and addresses per ENI are EC2's figures per instance type; the results
// are amazon-eks-ami's files/eni-max-pods.txt (t3.micro 4, t3.small 11, …).

export interface MaxPodsFormula {
	instanceType: string;
	enis: number;
	ipsPerEni: number;
	maxPods: number;
	/** "max pods = 2 ENIs × (2 IPv4 per ENI − 1) + 2 = 4" */
	text: string;
}

type Sizes = Record<string, readonly [enis: number, ipsPerEni: number]>;

const burstable: Sizes = {nano: [2, 2], micro: [2, 2], small: [3, 4], medium: [3, 6], large: [3, 12], xlarge: [4, 15], '2xlarge': [4, 15]};
const general: Sizes = {large: [3, 10], xlarge: [4, 15], '2xlarge': [4, 15], '4xlarge': [8, 30], '8xlarge': [8, 30], '12xlarge': [8, 30], '16xlarge': [15, 50], '24xlarge': [15, 50]};
const generalTo32: Sizes = {...general, '32xlarge': [15, 50]};
const compute5: Sizes = {large: [3, 10], xlarge: [4, 15], '2xlarge': [4, 15], '4xlarge': [8, 30], '9xlarge': [8, 30], '12xlarge': [8, 30], '18xlarge': [15, 50], '24xlarge': [15, 50]};
const graviton: Sizes = {medium: [2, 4], large: [3, 10], xlarge: [4, 15], '2xlarge': [4, 15], '4xlarge': [8, 30], '8xlarge': [8, 30], '12xlarge': [8, 30], '16xlarge': [15, 50]};

const families: Record<string, Sizes> = {
	t2: {...burstable, xlarge: [3, 15], '2xlarge': [3, 15]},
	t3: burstable,
	// The one burstable that differs: a t3a.small has 2 ENIs, not 3.
	t3a: {...burstable, small: [2, 4]},
	t4g: burstable,
	m5: general,
	m5a: general,
	r5: general,
	c5: compute5,
	m6i: generalTo32,
	r6i: generalTo32,
	c6i: generalTo32,
	m6g: graviton,
	r6g: graviton,
	c6g: graviton,
	c7g: graviton,
};

/** The instance types the table knows, e.g. for a test or a help text. */
export function knownInstanceTypes(): string[] {
	return Object.entries(families).flatMap(([family, sizes]) => Object.keys(sizes).map(size => `${family}.${size}`));
}

/** The arithmetic behind a node's allocatable pods; undefined for a type the table lacks (say "allocatable pods" only). */
export function maxPodsFormula(instanceType: string): MaxPodsFormula | undefined {
	const dot = instanceType.indexOf('.');
	if (dot < 0) return undefined;
	const sizes = families[instanceType.slice(0, dot)];
	const entry = sizes && Object.hasOwn(sizes, instanceType.slice(dot + 1)) ? sizes[instanceType.slice(dot + 1)] : undefined;
	if (!entry) return undefined;
	const [enis, ipsPerEni] = entry;
	const maxPods = enis * (ipsPerEni - 1) + 2;
	return {instanceType, enis, ipsPerEni, maxPods, text: `max pods = ${enis} ENIs × (${ipsPerEni} IPv4 per ENI − 1) + 2 = ${maxPods}`};
}
