import assert from 'node:assert/strict';
import {test} from 'node:test';
import {knownInstanceTypes, maxPodsFormula} from '../../source/model/maxPods.js';

// amazon-eks-ami files/eni-max-pods.txt, the lines for the families the table knows.
const eniMaxPods = `
t2.2xlarge 44
t2.large 35
t2.medium 17
t2.micro 4
t2.nano 4
t2.small 11
t2.xlarge 44
t3.2xlarge 58
t3.large 35
t3.medium 17
t3.micro 4
t3.nano 4
t3.small 11
t3.xlarge 58
t3a.2xlarge 58
t3a.large 35
t3a.medium 17
t3a.micro 4
t3a.nano 4
t3a.small 8
t3a.xlarge 58
t4g.2xlarge 58
t4g.large 35
t4g.medium 17
t4g.micro 4
t4g.nano 4
t4g.small 11
t4g.xlarge 58
m5.12xlarge 234
m5.16xlarge 737
m5.24xlarge 737
m5.2xlarge 58
m5.4xlarge 234
m5.8xlarge 234
m5.large 29
m5.xlarge 58
m5a.12xlarge 234
m5a.16xlarge 737
m5a.24xlarge 737
m5a.2xlarge 58
m5a.4xlarge 234
m5a.8xlarge 234
m5a.large 29
m5a.xlarge 58
r5.12xlarge 234
r5.16xlarge 737
r5.24xlarge 737
r5.2xlarge 58
r5.4xlarge 234
r5.8xlarge 234
r5.large 29
r5.xlarge 58
c5.12xlarge 234
c5.18xlarge 737
c5.24xlarge 737
c5.2xlarge 58
c5.4xlarge 234
c5.9xlarge 234
c5.large 29
c5.xlarge 58
m6i.12xlarge 234
m6i.16xlarge 737
m6i.24xlarge 737
m6i.2xlarge 58
m6i.32xlarge 737
m6i.4xlarge 234
m6i.8xlarge 234
m6i.large 29
m6i.xlarge 58
r6i.12xlarge 234
r6i.16xlarge 737
r6i.24xlarge 737
r6i.2xlarge 58
r6i.32xlarge 737
r6i.4xlarge 234
r6i.8xlarge 234
r6i.large 29
r6i.xlarge 58
c6i.12xlarge 234
c6i.16xlarge 737
c6i.24xlarge 737
c6i.2xlarge 58
c6i.32xlarge 737
c6i.4xlarge 234
c6i.8xlarge 234
c6i.large 29
c6i.xlarge 58
m6g.12xlarge 234
m6g.16xlarge 737
m6g.2xlarge 58
m6g.4xlarge 234
m6g.8xlarge 234
m6g.large 29
m6g.medium 8
m6g.xlarge 58
r6g.12xlarge 234
r6g.16xlarge 737
r6g.2xlarge 58
r6g.4xlarge 234
r6g.8xlarge 234
r6g.large 29
r6g.medium 8
r6g.xlarge 58
c6g.12xlarge 234
c6g.16xlarge 737
c6g.2xlarge 58
c6g.4xlarge 234
c6g.8xlarge 234
c6g.large 29
c6g.medium 8
c6g.xlarge 58
c7g.12xlarge 234
c7g.16xlarge 737
c7g.2xlarge 58
c7g.4xlarge 234
c7g.8xlarge 234
c7g.large 29
c7g.medium 8
c7g.xlarge 58
`;
const published = new Map(
	eniMaxPods
		.trim()
		.split('\n')
		.map(line => {
			const [type, pods] = line.split(' ');
			return [type!, Number(pods)];
		}),
);

test('the lab figures: ENIs × (IPv4 per ENI − 1) + 2', () => {
	assert.deepEqual(maxPodsFormula('t3.micro'), {instanceType: 't3.micro', enis: 2, ipsPerEni: 2, maxPods: 4, text: 'max pods = 2 ENIs × (2 IPv4 per ENI − 1) + 2 = 4'});
	assert.equal(maxPodsFormula('t3.small')?.text, 'max pods = 3 ENIs × (4 IPv4 per ENI − 1) + 2 = 11');
	assert.equal(maxPodsFormula('t3.medium')?.text, 'max pods = 3 ENIs × (6 IPv4 per ENI − 1) + 2 = 17');
	assert.equal(maxPodsFormula('t3.large')?.text, 'max pods = 3 ENIs × (12 IPv4 per ENI − 1) + 2 = 35');
	assert.equal(maxPodsFormula('m5.large')?.text, 'max pods = 3 ENIs × (10 IPv4 per ENI − 1) + 2 = 29');
	assert.equal(maxPodsFormula('t3a.small')?.maxPods, 8, 'a t3a.small has one ENI fewer than a t3.small');
});

test('every type in the table gives the max pods amazon-eks-ami publishes, and none is missing', () => {
	const known = knownInstanceTypes();
	assert.deepEqual([...known].sort(), [...published.keys()].sort());
	for (const type of known) assert.equal(maxPodsFormula(type)?.maxPods, published.get(type), type);
});

test('a type the table lacks, or no type at all, has no formula', () => {
	for (const type of ['', 't3', 't3.huge', 'x9.large', 'toString.large', 't3.constructor', 'kwok']) assert.equal(maxPodsFormula(type), undefined, type);
});
