// The clock ages are measured against. Ages (AGE columns, event ages) would
// otherwise only move when something else redraws; this re-reads the time
// every `intervalMs` (5 s) and nothing else: no data
// is polled. This is the one timer the view keeps while idle, separate from
// the snapshot coalescer, which has no timer while nothing changes.
import {useEffect, useMemo, useRef, useState} from 'react';

/**
 * Each tick redraws the whole screen (≈ 55 ms of Ink rasterising at 200x50):
 * ticking every 2 s measured 4 % of a core idle at 1,000 pods, over the 2 %
 * budget; every 5 s keeps ages moving for two fifths of that.
 */
export const ageClockMs = 5000;

/** Whole seconds: ages only change per second, and an unchanged value lets the memoized panes skip re-rendering. */
function wholeSecond(ms: number): number {
	return Math.floor(ms / 1000) * 1000;
}

/**
 * The time, in whole seconds, re-read every `intervalMs` and whenever `refresh`
 * changes (new cluster data: a pod created since the last tick must not look
 * younger than zero).
 */
export function useClock(read: () => number, intervalMs: number = ageClockMs, refresh?: unknown): number {
	const [ticked, setNow] = useState(() => wholeSecond(read()));
	// The latest reader without restarting the timer when a caller passes a new function.
	const reader = useRef(read);
	reader.current = read;
	useEffect(() => {
		if (intervalMs <= 0) {
			return;
		}

		const timer = setInterval(() => {
			// The same second again (a pinned clock in tests) is a no-op for React: no render, no frame.
			setNow(wholeSecond(reader.current()));
		}, intervalMs);
		return () => {
			clearInterval(timer);
		};
	}, [intervalMs]);
	// eslint-disable-next-line react-hooks/exhaustive-deps -- `refresh` is only a trigger to re-read the clock; the reader comes from a ref
	const refreshed = useMemo(() => wholeSecond(reader.current()), [refresh]);
	return Math.max(ticked, refreshed);
}
