import assert from 'node:assert/strict';
import {test} from 'node:test';
import {formatCpuMilli, formatMemoryBytes, isQuantity, parseCpuMilli, parseMemoryBytes, parseQuantity} from '../../source/model/index.js';

test('parseCpuMilli reads millicores, cores and fractions exactly', () => {
	assert.equal(parseCpuMilli('250m'), 250);
	assert.equal(parseCpuMilli('1'), 1000);
	assert.equal(parseCpuMilli('0.5'), 500);
	assert.equal(parseCpuMilli('0.1'), 100);
	assert.equal(parseCpuMilli('1.5'), 1500);
	assert.equal(parseCpuMilli('1930m'), 1930);
	assert.equal(parseCpuMilli(2), 2000);
	assert.equal(parseCpuMilli(0.25), 250);
});

test('parseCpuMilli rounds sub-millicore values up, like Quantity.MilliValue', () => {
	assert.equal(parseCpuMilli('100u'), 1);
	assert.equal(parseCpuMilli('0.0001'), 1);
	assert.equal(parseCpuMilli('1500000n'), 2);
});

test('parseCpuMilli gives 0 for missing or malformed values', () => {
	assert.equal(parseCpuMilli(undefined), 0);
	assert.equal(parseCpuMilli(''), 0);
	assert.equal(parseCpuMilli('lots'), 0);
	assert.equal(parseCpuMilli('1 cpu'), 0);
});

test('parseMemoryBytes reads binary, decimal and exponent forms', () => {
	assert.equal(parseMemoryBytes('70Mi'), 70 * 1024 * 1024);
	assert.equal(parseMemoryBytes('170Mi'), 170 * 1024 * 1024);
	assert.equal(parseMemoryBytes('1Gi'), 1024 ** 3);
	assert.equal(parseMemoryBytes('571492Ki'), 571492 * 1024);
	assert.equal(parseMemoryBytes('128M'), 128_000_000);
	assert.equal(parseMemoryBytes('1k'), 1000);
	assert.equal(parseMemoryBytes('1e3'), 1000);
	assert.equal(parseMemoryBytes('1E6'), 1_000_000);
	assert.equal(parseMemoryBytes('18242267924'), 18242267924);
	assert.equal(parseMemoryBytes('1.5Gi'), 1.5 * 1024 ** 3);
	assert.equal(parseMemoryBytes(undefined), 0);
	assert.equal(parseMemoryBytes('128MB'), 0);
});

test('parseQuantity follows the API grammar', () => {
	assert.equal(parseQuantity('250m'), 0.25);
	assert.equal(parseQuantity('2Ki'), 2048);
	assert.equal(parseQuantity('1E'), 1e18);
	assert.equal(parseQuantity('1Ei'), 2 ** 60);
	assert.equal(parseQuantity('5e-3'), 0.005);
	assert.equal(parseQuantity('+1'), 1);
	assert.equal(parseQuantity('-1'), -1);
	assert.equal(parseQuantity('.5'), 0.5);
	assert.equal(parseQuantity('1.'), 1);
	assert.equal(parseQuantity('12x'), undefined);
	assert.equal(parseQuantity('1K'), undefined, 'uppercase K is not a Kubernetes suffix');
	assert.equal(parseQuantity('1KiB'), undefined);
	assert.equal(parseQuantity('Mi'), undefined);
	assert.equal(parseQuantity('1e'), undefined);
	assert.equal(parseQuantity(' 1'), undefined);
	assert.equal(parseQuantity(''), undefined);
	assert.equal(parseQuantity('.'), undefined);
});

test('isQuantity agrees with parseQuantity', () => {
	for (const good of ['0', '250m', '0.5', '1', '128Mi', '1Gi', '1e3', '100k']) assert.equal(isQuantity(good), true, good);
	for (const bad of ['', 'abc', '12x', '1.2.3', '1 Gi', '--1', '1Mib']) assert.equal(isQuantity(bad), false, bad);
});

test('formatCpuMilli prints cores when whole, millicores otherwise', () => {
	assert.equal(formatCpuMilli(250), '250m');
	assert.equal(formatCpuMilli(1000), '1');
	assert.equal(formatCpuMilli(1500), '1500m');
	assert.equal(formatCpuMilli(2000), '2');
	assert.equal(formatCpuMilli(0), '0');
	assert.equal(formatCpuMilli(0.2), '1m');
});

test('formatMemoryBytes prints short binary units', () => {
	assert.equal(formatMemoryBytes(128 * 1024 ** 2), '128Mi');
	assert.equal(formatMemoryBytes(1.5 * 1024 ** 3), '1.5Gi');
	assert.equal(formatMemoryBytes(70 * 1024 ** 2), '70Mi');
	assert.equal(formatMemoryBytes(1024 ** 3), '1Gi');
	assert.equal(formatMemoryBytes(512), '512');
	assert.equal(formatMemoryBytes(0), '0');
	assert.equal(formatMemoryBytes(571492 * 1024), '558Mi');
	assert.equal(formatMemoryBytes(128_000_000), '122Mi');
	assert.equal(formatMemoryBytes(1.25 * 1024 ** 3), '1.25Gi');
	assert.equal(formatMemoryBytes(1024 ** 3 - 1), '1Gi');
});

test('formatting round-trips through parsing for whole units', () => {
	for (const text of ['250m', '1', '1500m', '100m']) assert.equal(formatCpuMilli(parseCpuMilli(text)), text);
	for (const text of ['128Mi', '70Mi', '1Gi', '1.5Gi', '64Ki']) assert.equal(formatMemoryBytes(parseMemoryBytes(text)), text);
});
