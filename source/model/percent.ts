// Percentages as `kubectl describe node` prints them under "Allocated
// resources": float64(requested) / float64(allocatable) * 100, then int64(),
// which truncates. 225m of 1930m is 11.66…: kubectl shows 11%, never 12%.

/** The whole percent kubectl shows; 0 when nothing is allocatable, as kubectl does. */
export function allocatedPercent(used: number, total: number): number {
	if (!Number.isFinite(used) || !Number.isFinite(total) || total === 0) return 0;
	// Same operations in the same order as kubectl's Go, so the float rounding agrees too (29/100*100 is 28.999…: 28%).
	return Math.trunc((used / total) * 100);
}

/** "11%", for a gauge next to "225m/1930m". */
export function allocatedPercentText(used: number, total: number): string {
	return `${allocatedPercent(used, total)}%`;
}
