// k9s's column sorts over rows derived from captured pods.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {podRows} from '../../source/model/index.js';
import {compareRows, podCounts} from '../../source/model/pods.js';
import {parseCpuMilli} from '../../source/model/quantity.js';
import {nextSortOrder, sortDisplayRows, sortLabel, sortPodRows, type SortColumn} from '../../source/model/sortRows.js';
import type {DisplayColumn, DisplayRow} from '../../source/model/table.js';
import {labCluster} from './fixtures.js';

const rows = () => podRows(labCluster().snapshot, {});
const first = (column: SortColumn) => ({column, reversed: false});

test('no sort keeps the API server order, the same array', () => {
	const all = rows();
	assert.equal(sortPodRows(all, undefined), all);
});

test('AGE ↑ puts the newest pod first; pressed again, the oldest; equal ages keep namespace/name order', () => {
	const all = rows();
	const newest = sortPodRows(all, first('age'));
	for (let i = 1; i < newest.length; i++) {
		const [a, b] = [newest[i - 1]!, newest[i]!];
		assert.ok(a.createdMs > b.createdMs || (a.createdMs === b.createdMs && compareRows(a, b) < 0), `${a.name} before ${b.name}`);
	}
	const oldest = sortPodRows(all, nextSortOrder(first('age'), 'age'));
	assert.ok(oldest[0]!.createdMs <= oldest.at(-1)!.createdMs);
	assert.notEqual(newest[0]!.createdMs, oldest[0]!.createdMs, 'the fixture has pods of different ages');
	assert.equal(sortLabel(first('age')), 'AGE ↑');
	assert.equal(sortLabel({column: 'age', reversed: true}), 'AGE ↓');
});

test('STATUS sorts the Pending pod before the Running ones; CPU REQ puts the largest request first and pods without one last', () => {
	const byStatus = sortPodRows(rows(), first('status'));
	assert.equal(byStatus[0]!.status, 'Pending');
	assert.equal(byStatus.at(-1)!.status, 'Running');
	const byCpu = sortPodRows(rows(), first('cpu'));
	const milli = byCpu.map(row => (row.cpuRequest ? parseCpuMilli(row.cpuRequest) : -1));
	assert.deepEqual(
		milli,
		[...milli].sort((a, b) => b - a),
	);
	assert.ok(milli[0]! > 0 && milli.at(-1) === -1, `${milli.join(',')}: some pods request cpu and some do not`);
	assert.deepEqual(podCounts(byStatus), {pending: 1, failing: 0}, "the sorted rows' title counts are the unsorted rows' counts");
	assert.equal(sortLabel(first('cpu')), 'CPU REQ ↓');
});

test('a sort of the same rows is computed once: the pane gets the same array back', () => {
	const all = rows();
	assert.equal(sortPodRows(all, first('node')), sortPodRows(all, first('node')));
});

test('nextSortOrder: another column starts in its first direction, the same one reverses', () => {
	assert.deepEqual(nextSortOrder(undefined, 'name'), {column: 'name', reversed: false});
	assert.deepEqual(nextSortOrder({column: 'name', reversed: false}, 'name'), {column: 'name', reversed: true});
	assert.deepEqual(nextSortOrder({column: 'name', reversed: true}, 'age'), {column: 'age', reversed: false});
});

const columns: DisplayColumn[] = [
	{header: 'NAME', cell: 0, kind: 'name'},
	{header: 'RESTARTS', cell: 1, kind: 'number'},
	{header: 'AGE', cell: 2, kind: 'age'},
];
const row = (name: string, restarts: string, createdMs: number): DisplayRow => ({uid: name, namespace: 'default', name, cells: [name, restarts, ''], createdMs, terminating: false});

test("a kind's server columns: numbers sort as numbers, a column the kind lacks leaves the rows as they are", () => {
	const table = [row('a', '9', 3), row('b', '10', 1), row('c', '2', 2)];
	assert.deepEqual(
		sortDisplayRows(table, columns, first('restarts')).map(each => each.name),
		['b', 'a', 'c'],
	);
	assert.deepEqual(
		sortDisplayRows(table, columns, first('age')).map(each => each.name),
		['a', 'c', 'b'],
	);
	assert.equal(sortDisplayRows(table, columns, first('node')), table);
});
