// Small statistics over latency samples.

/** The p-th percentile (0-100) by nearest rank, the way latency SLOs are usually stated. */
export function percentile(samples: readonly number[], p: number): number | null {
	if (samples.length === 0) return null;
	const sorted = [...samples].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(samples: readonly number[]): number | null {
	return percentile(samples, 50);
}

/** Milliseconds rounded to a tenth: finer is noise at these scales. */
export function round(value: number | null | undefined, digits = 1): number | null {
	if (value === null || value === undefined || !Number.isFinite(value)) return null;
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}

export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
	if (a === null || a === undefined || b === null || b === undefined || b === 0) return null;
	return Math.round((a / b) * 100) / 100;
}
