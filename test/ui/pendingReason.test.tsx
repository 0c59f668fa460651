// A Pending pod's reason in the pods pane: the whole of the scheduler's long
// message on two lines when the pane has room, one cut line when it has not;
// the selection stays on screen with these three-line rows in the list.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import type {PodRow} from '../../source/model/view.js';
import {PodsPane} from '../../source/ui/panes/PodsPane.js';
import {fitWindow} from '../../source/ui/state/window.js';
import {pendingReasonLines} from '../../source/ui/panes/PodsPane.js';
import {renderAt} from './helpers.js';

afterEach(() => {
	cleanup();
});

// As the sandbox's scheduler words it (kube-scheduler v1.34).
const reason = '0/3 nodes are available: 3 Too many pods. no new claims to deallocate, preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';

function row(index: number, pending = false): PodRow {
	const name = `todoapi-69c6bc8558-${String(index).padStart(5, '0')}`;
	return {
		uid: name,
		namespace: 'default',
		name,
		ready: pending ? '0/1' : '1/1',
		restarts: 0,
		status: pending ? 'Pending' : 'Running',
		severity: pending ? 'warning' : 'ok',
		node: pending ? '' : 'ip-192-168-12-35',
		createdMs: 0,
		cpuRequest: '',
		memoryRequest: '',
		pendingReason: pending ? reason : undefined,
	};
}

const rows = [row(0), row(1, true), row(2), row(3, true), ...Array.from({length: 20}, (_, index) => row(index + 4))];

function pane(height: number, selected = 0) {
	return renderAt(<PodsPane rows={rows} selected={selected} width={100} height={height} focused namespace="default" filter="" now={1000} />, 100).frame();
}

const flat = (frame: string) => frame.replaceAll(/[│┃]\s*/g, ' ').replaceAll(/\s+/g, ' ');

test("a long pending reason wraps onto a second line when the pane has room, so none of the scheduler's message is cut", () => {
	const frame = pane(20);
	assert.ok(flat(frame).includes(reason), frame);
	const lines = frame.split('\n');
	assert.ok(!lines.some(line => line.includes('…') && !line.includes('ip-192-168-…')), 'no reason line is cut');
	const first = lines.findIndex(line => line.includes('↳'));
	assert.match(lines[first]!, /↳ 0\/3 nodes are available: 3 Too many pods\./);
	assert.match(lines[first + 1]!, /^\S\s{4}\S/, 'the second line is indented under the first');
});

test('a short pane keeps each reason to one cut line, so it still shows several pods', () => {
	const frame = pane(7);
	assert.match(frame, /↳ 0\/3 nodes are available: 3 Too many pods\. .*…/);
	assert.ok(!flat(frame).includes('incoming pod.'));
});

test('paging with three-line rows: the window counts their lines and keeps the selection in view', () => {
	const capacity = 20 - 3;
	const linesOf = pendingReasonLines(100 - 2, capacity);
	const heightOf = (index: number) => 1 + linesOf(rows[index]?.pendingReason).length;
	assert.equal(heightOf(1), 3);
	assert.equal(heightOf(0), 1);
	// Rows 0-3 take 1+3+1+3 lines: a window from the top holds 13 rows in 17 lines.
	const top = fitWindow({count: rows.length, selected: 0, offset: 0, capacity, heightOf});
	assert.deepEqual([top.offset, top.end], [0, 13]);
	const down = fitWindow({count: rows.length, selected: 13, offset: top.offset, capacity, heightOf});
	assert.equal(down.end, 14, 'the row below the window scrolls it by one');
	const frame = pane(20, 13);
	assert.match(frame, /todoapi-69c6bc8558-00013/);
	assert.match(frame, /2-14 of 24/);
});
