// Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource).
// Parsed exactly with BigInt so that "0.1" cpu is 100m, not 101m after a
// floating-point round-up.

interface Exact {
	negative: boolean;
	/** The digits of the number with the decimal point removed. */
	digits: bigint;
	/** value = digits * 10^exp10 * 2^exp2 */
	exp10: number;
	exp2: number;
}

const binarySuffixes: Record<string, number> = {Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60};
const decimalSuffixes: Record<string, number> = {n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18};

// Far beyond any real quantity; keeps BigInt powers small for hostile input.
const maxExponent = 400;

// The grammar of resource.ParseQuantity: sign, digits, optional fraction,
// then a suffix that is binary, decimal SI, or an e/E exponent.
const quantityPattern = /^([+-]?)(\d*)(?:\.(\d*))?([eEinumkKMGTP]*[-+]?\d*)$/;

function parseExact(text: string): Exact | undefined {
	const match = quantityPattern.exec(text);
	if (!match) return undefined;
	const [, sign = '', whole = '', fraction = '', suffix = ''] = match;
	// "." alone has no digits; the API server would read it as 0, but as
	// something a person typed it is a mistake.
	if (whole.length === 0 && fraction.length === 0) return undefined;
	let exp10 = -fraction.length;
	let exp2 = 0;
	if (suffix in binarySuffixes) {
		exp2 = binarySuffixes[suffix]!;
	} else if (suffix in decimalSuffixes) {
		exp10 += decimalSuffixes[suffix]!;
	} else if (/^[eE][-+]?\d+$/.test(suffix)) {
		const exponent = Number.parseInt(suffix.slice(1), 10);
		if (!Number.isFinite(exponent) || Math.abs(exponent) > maxExponent) return undefined;
		exp10 += exponent;
	} else {
		return undefined;
	}
	const digits = BigInt((whole + fraction).replace(/^0+(?=\d)/, '') || '0');
	return {negative: sign === '-', digits, exp10, exp2};
}

/** ceil(value * 10^scale), exactly, as a Number (Kubernetes rounds up when it loses precision). */
function scaledCeil(q: Exact, scale: number): number {
	const shift = q.exp10 + scale;
	let numerator = q.digits * 2n ** BigInt(q.exp2);
	let result: bigint;
	if (shift >= 0) {
		numerator *= 10n ** BigInt(shift);
		result = numerator;
	} else {
		const denominator = 10n ** BigInt(-shift);
		result = numerator / denominator;
		if (!q.negative && result * denominator !== numerator) result += 1n;
	}
	const value = Number(result);
	return q.negative ? -value : value;
}

/** The value of a quantity in its base unit (cores, bytes…), or undefined when it is not a quantity. */
export function parseQuantity(text: string | number | undefined | null): number | undefined {
	if (typeof text === 'number') return Number.isFinite(text) ? text : undefined;
	if (typeof text !== 'string') return undefined;
	const q = parseExact(text);
	if (!q) return undefined;
	const mantissa = Number(q.digits) * 2 ** q.exp2;
	const value = mantissa * 10 ** q.exp10;
	return q.negative ? -value : value;
}

export function isQuantity(text: string): boolean {
	return typeof text === 'string' && parseExact(text) !== undefined;
}

// Thousands of pods repeat the same few requests ("10m", "16Mi"): parsing each
// once (exactly, with BigInt) instead of once per pod is most of a 10,000-pod
// first derivation. Bounded, since the strings come from the cluster.
const cpuMilli = new Map<string, number>();
const memoryBytes = new Map<string, number>();

function remembered(cache: Map<string, number>, text: string, parse: () => number): number {
	let value = cache.get(text);
	if (value === undefined) {
		value = parse();
		if (cache.size >= 1024) cache.clear();
		cache.set(text, value);
	}
	return value;
}

/** CPU in millicores, rounded up like Quantity.MilliValue(); 0 when missing or malformed. */
export function parseCpuMilli(q: string | number | undefined | null): number {
	if (typeof q === 'number') return Number.isFinite(q) ? Math.ceil(q * 1000 - 1e-9) : 0;
	if (typeof q !== 'string') return 0;
	return remembered(cpuMilli, q, () => {
		const exact = parseExact(q);
		return exact ? scaledCeil(exact, 3) : 0;
	});
}

/** Memory in bytes, rounded up like Quantity.Value(); 0 when missing or malformed. */
export function parseMemoryBytes(q: string | number | undefined | null): number {
	if (typeof q === 'number') return Number.isFinite(q) ? Math.ceil(q) : 0;
	if (typeof q !== 'string') return 0;
	return remembered(memoryBytes, q, () => {
		const exact = parseExact(q);
		return exact ? scaledCeil(exact, 0) : 0;
	});
}

/** Whether the quantity has a fractional part in its base unit ("128m" of memory is 0.128 bytes). */
export function hasFraction(text: string): boolean {
	const q = parseExact(text);
	if (!q) return false;
	if (q.exp10 >= 0) return false;
	const numerator = q.digits * 2n ** BigInt(q.exp2);
	return numerator % 10n ** BigInt(-q.exp10) !== 0n;
}

/** "250m", "1", "1500m", as kubectl prints CPU. */
export function formatCpuMilli(milli: number): string {
	if (!Number.isFinite(milli)) return '0';
	const m = Math.ceil(milli);
	if (m % 1000 === 0) return String(m / 1000);
	return `${m}m`;
}

const binaryUnits = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

function trimmed(value: number, decimals: number): string {
	return value.toFixed(decimals).replace(/\.?0+$/, '');
}

/** Short binary form: "128Mi", "1.5Gi", "512" (bytes below 1Ki). */
export function formatMemoryBytes(bytes: number): string {
	if (!Number.isFinite(bytes)) return '0';
	const sign = bytes < 0 ? '-' : '';
	let value = Math.abs(bytes);
	if (value < 1024) return sign + String(Math.ceil(value));
	let unit = -1;
	while (value >= 1024 && unit < binaryUnits.length - 1) {
		value /= 1024;
		unit++;
	}
	// Three significant figures at most: enough to compare nodes, short enough for a column.
	let text: string;
	if (Number.isInteger(value)) text = String(value);
	else if (value < 10) text = trimmed(value, 2);
	else if (value < 100) text = trimmed(value, 1);
	else text = String(Math.round(value));
	// Rounding can reach the next unit ("1024Mi"); show it as that unit instead.
	if (text === '1024' && unit < binaryUnits.length - 1) return `${sign}1${binaryUnits[unit + 1]}`;
	return `${sign}${text}${binaryUnits[unit]}`;
}
