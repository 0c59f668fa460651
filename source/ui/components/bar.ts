// Usage bars for node capacity and rollout progress, as segments so they can
// sit inside a row's single Text.
import type {Token} from '../../../themes/index.js';
import {allocatedPercentText} from '../../model/percent.js';
import type {Segment} from './Line.js';

export function ratio(used: number, total: number): number {
	if (total <= 0) {
		return used > 0 ? 1 : 0;
	}

	return Math.max(0, used / total);
}

/** As `kubectl describe node` prints it: truncated, not rounded (225m of 1930m is 11%). */
export function percent(used: number, total: number): string {
	return total > 0 ? allocatedPercentText(used, total) : '–';
}

/**
 * A bar `size` cells wide. A full (or over-committed) resource is drawn in
 * bar.full so a node that cannot take another pod is seen at a glance.
 */
export function barSegments(fraction: number, size: number, {fullToken = 'bar.full', fillToken = 'bar.filled'}: {fullToken?: Token; fillToken?: Token} = {}): Segment[] {
	if (size <= 0) {
		return [];
	}

	const clamped = Math.max(0, Math.min(1, fraction));
	// Any use at all shows at least one cell; only a truly full resource fills the bar.
	let filled = Math.round(clamped * size);
	if (clamped > 0 && filled === 0) {
		filled = 1;
	}

	if (clamped < 1 && filled === size) {
		filled = size - 1;
	}

	const token: Token = fraction >= 1 ? fullToken : fillToken;
	return [
		{text: '▇'.repeat(filled), token},
		{text: '░'.repeat(size - filled), token: 'bar.empty'},
	];
}
