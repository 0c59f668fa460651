// Watches can deliver hundreds of changes a second on a busy cluster; the
// view only needs to follow at a human rate. Changes are coalesced so the
// view re-renders at most maxFps times a second, always including the last
// change (trailing edge), and no timer exists while nothing changes. (The
// view's one idle timer is the 2 s age clock in useClock.ts, which reads the
// time and nothing else.)
import {useEffect, useState} from 'react';
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
export function coalesce(flush: () => void, intervalMs: number, now: () => number = performance.now.bind(performance)): Coalescer {
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

			const wait = last + intervalMs - now();
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

export function useClusterSnapshot(source: ClusterSource, {maxFps = 10}: SnapshotOptions = {}): ClusterSnapshot {
	const [snapshot, setSnapshot] = useState(() => source.getSnapshot());
	useEffect(() => {
		const coalescer = coalesce(
			() => {
				setSnapshot(source.getSnapshot());
			},
			maxFps > 0 ? 1000 / maxFps : 0,
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
