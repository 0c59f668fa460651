// Watches can deliver hundreds of changes a second on a busy cluster; the
// view only needs to follow at a human rate. Changes are coalesced so the
// view re-renders at most every interval, always including the last change
// (trailing edge), and no timer exists while nothing changes. (The view's one
// idle timer is the 2 s age clock in useClock.ts, which reads the time and
// nothing else.)
//
// The interval follows what a frame costs: three times its render, between
// 1/30 s and 1/maxFps. Redraws then take at most a third of the one thread
// under constant churn, leaving the rest to the watches and the keys, and a
// cheap frame (a lab, 10,000 pods) is not held back for a fixed 100 ms.
import {useEffect, useLayoutEffect, useRef, useState} from 'react';
import type {ClusterSnapshot, ClusterSource} from '../../model/cluster.js';

export interface SnapshotOptions {
	maxFps?: number;
}

export interface Coalescer {
	/** Call on every change notification. */
	notify(): void;
	dispose(): void;
}

/**
 * Calls `flush` at most once per interval: at once when the last flush is
 * older than the interval, otherwise once at the end of it.
 */
export function coalesce(flush: () => void, intervalMs: number | (() => number), now: () => number = performance.now.bind(performance)): Coalescer {
	const interval = typeof intervalMs === 'number' ? () => intervalMs : intervalMs;
	let last = Number.NEGATIVE_INFINITY;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let disposed = false;
	const run = () => {
		timer = undefined;
		if (disposed) {
			return;
		}

		last = now();
		flush();
	};

	return {
		notify() {
			if (disposed || timer !== undefined) {
				return;
			}

			const wait = last + interval() - now();
			if (wait <= 0) {
				run();
			} else {
				timer = setTimeout(run, wait);
			}
		},
		dispose() {
			disposed = true;
			if (timer !== undefined) {
				clearTimeout(timer);
				timer = undefined;
			}
		},
	};
}

/** The coalescing interval for a frame that costs `frameMs` to render. */
export function snapshotInterval(frameMs: number, maxFps: number): number {
	if (maxFps <= 0) return 0;
	const longest = 1000 / maxFps;
	return Math.min(longest, Math.max(Math.min(1000 / 30, longest), 3 * frameMs));
}

export function useClusterSnapshot(source: ClusterSource, {maxFps = 10}: SnapshotOptions = {}): ClusterSnapshot {
	const [snapshot, setSnapshot] = useState(() => source.getSnapshot());
	const frameMs = useRef(1000 / maxFps / 3);
	const flushedAt = useRef<number | undefined>(undefined);
	// After the commit that drew the flushed snapshot: what that frame cost, smoothed.
	useLayoutEffect(() => {
		if (flushedAt.current === undefined) return;
		frameMs.current = (frameMs.current + (performance.now() - flushedAt.current)) / 2;
		flushedAt.current = undefined;
	}, [snapshot]);
	useEffect(() => {
		const coalescer = coalesce(
			() => {
				flushedAt.current = performance.now();
				setSnapshot(source.getSnapshot());
			},
			() => snapshotInterval(frameMs.current, maxFps),
		);
		const unsubscribe = source.subscribe(() => {
			coalescer.notify();
		});
		// A change between the first render and subscribing would otherwise be missed.
		setSnapshot(source.getSnapshot());
		return () => {
			unsubscribe();
			coalescer.dispose();
		};
	}, [source, maxFps]);
	return snapshot;
}
