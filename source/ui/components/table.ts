// Header and row segments for the column layouts the panes share.
import type {LaidOutColumn} from '../text.js';
import {fit} from '../text.js';
import {seg, type Segment} from './Line.js';

export function headerSegments<K extends string>(columns: ReadonlyArray<LaidOutColumn<K>>): Segment[] {
	return columns.flatMap((column, index) => [seg(fit(column.header, column.size, {align: column.align}), 'text.muted', {bold: true}), seg(index < columns.length - 1 ? ' ' : '')]);
}

export function rowSegments<K extends string>(columns: ReadonlyArray<LaidOutColumn<K>>, cells: Readonly<Record<K, Segment>>): Segment[] {
	return columns.flatMap((column, index) => {
		const cell = cells[column.key];
		const text = column.shorten ? column.shorten(cell.text, column.size) : cell.text;
		return [{...cell, text: fit(text, column.size, {align: column.align})}, seg(index < columns.length - 1 ? ' ' : '')];
	});
}
