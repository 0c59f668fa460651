// The logs view's memory and safety: a ring of the last N lines, lines made
// safe to draw when they arrive (escape sequences, NULs, binary), huge lines
// cut where the stream is read, and only the rows that fit computed.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {LogLineSplitter, podLogPath} from '../../source/kube/podLogs.js';
import {compareLogTimes, maxLineChars, type RawLogLine} from '../../source/model/logs.js';
import {drawable, LogBuffer} from '../../source/ui/state/logBuffer.js';
import {logRows, scrolled, wrapCells} from '../../source/ui/state/logView.js';
import {width} from '../../source/ui/text.js';

const lines = (count: number, from = 0): RawLogLine[] => Array.from({length: count}, (_, index) => ({time: `2026-12-02T04:00:00.${String(from + index).padStart(9, '0')}Z`, text: `line ${from + index}`}));

test('the ring keeps the last N lines, numbered from the first received, however many arrive', () => {
	const buffer = new LogBuffer(100);
	buffer.append(lines(30));
	assert.equal(buffer.size, 30);
	assert.equal(buffer.at(0)?.text, 'line 0');
	buffer.append(lines(250, 30));
	assert.equal(buffer.size, 100);
	assert.equal(buffer.first, 180);
	assert.equal(buffer.end, 280);
	assert.equal(buffer.at(179), undefined, 'evicted');
	assert.equal(buffer.at(180)?.text, 'line 180');
	assert.equal(buffer.at(279)?.text, 'line 279');
	// A batch bigger than the ring keeps only its end.
	buffer.append(lines(1000, 1000));
	assert.equal(buffer.size, 100);
	assert.equal(buffer.at(buffer.first)?.text, 'line 1900');
	assert.equal(buffer.at(buffer.end - 1)?.text, 'line 1999');
	buffer.clear();
	assert.equal(buffer.size, 0);
});

test('search finds the nearest line either way, ignoring case, among the lines kept', () => {
	const buffer = new LogBuffer(10);
	buffer.append([...lines(5), {time: '', text: 'GET /nope 404'}, ...lines(3, 5), {time: '', text: 'get /nope 404 again'}]);
	assert.equal(buffer.find('NOPE', buffer.end - 1, -1), 9);
	assert.equal(buffer.find('nope', 8, -1), 5);
	assert.equal(buffer.find('nope', 6, 1), 9);
	assert.equal(buffer.find('nope', 4, -1), undefined);
	assert.equal(buffer.find('', 9, -1), undefined);
});

test('control characters are made visible: escape sequences cannot recolour or move anything, tabs are expanded', () => {
	assert.equal(drawable('\u001B[31mred\u001B[0m'), '␛[31mred␛[0m');
	assert.equal(drawable('a\tb'), 'a       b');
	assert.equal(drawable('nul\u0000bell\u0007del\u007F'), 'nul␀bell␇del␡');
	assert.equal(drawable('windows line\r'), 'windows line');
	assert.equal(drawable('bidi \u202Eevil'), 'bidi �evil');
	// Binary: invalid UTF-8 arrives as U+FFFD, the rest made visible; nothing left that a terminal acts on.
	const binary = new LogLineSplitter().push(Buffer.from([0x00, 0x1b, 0x5b, 0x32, 0x4a, 0xff, 0xfe, 0x80, 0x0a]));
	const shown = drawable(binary[0]!.text);
	assert.doesNotMatch(shown, /[\u0000-\u001F\u007F-\u009F]/);
	assert.equal(shown, '␀␛[2J���');
});

test('lines are split across chunks and UTF-8 sequences, with the timestamp the server put first', () => {
	const splitter = new LogLineSplitter();
	const text = Buffer.from('2026-12-02T04:00:01.123456789Z todoapi: démarré\n2026-12-02T04:00:02Z GET / 200\npartial');
	const out: RawLogLine[] = [];
	for (let index = 0; index < text.length; index += 3) out.push(...splitter.push(text.subarray(index, index + 3)));
	out.push(...splitter.end());
	assert.deepEqual(out, [
		{time: '2026-12-02T04:00:01.123456789Z', text: 'todoapi: démarré'},
		{time: '2026-12-02T04:00:02Z', text: 'GET / 200'},
		{time: '', text: 'partial'},
	]);
});

test('a 1 MB line is cut where it is read, says how long it was, and draws in one row of the width', () => {
	const splitter = new LogLineSplitter();
	const huge = 'x'.repeat(1024 * 1024);
	const out = [...splitter.push(Buffer.from(`2026-12-02T04:00:00Z ${huge.slice(0, 500_000)}`)), ...splitter.push(Buffer.from(`${huge.slice(500_000)}\nnext\n`))];
	assert.equal(out.length, 2);
	assert.equal(out[0]!.text.length, maxLineChars);
	assert.equal(out[0]!.cutFrom, huge.length);
	assert.equal(out[1]!.text, 'next');
	const buffer = new LogBuffer(10);
	buffer.append(out);
	const started = performance.now();
	const rows = logRows(buffer, {height: 20, width: 100, wrap: false, timestamps: true});
	assert.equal(rows.length, 2);
	for (const row of rows) assert.ok(width(row.time + row.text) <= 100);
	// Wrapped, the cut line fills the screen from its end while following, and says it was cut.
	const wrapped = logRows(buffer, {height: 20, width: 100, wrap: true, timestamps: false});
	assert.equal(wrapped.length, 20);
	assert.equal(wrapped.at(-1)!.text, 'next');
	assert.match(wrapped.at(-2)!.text, /characters; only the first/);
	assert.ok(
		wrapped.every(row => width(row.text) <= 100),
		'no row wider than the view',
	);
	// From the top, only the rows that fit are made.
	assert.equal(logRows(buffer, {top: 0, height: 5, width: 100, wrap: true, timestamps: false}).length, 5);
	assert.ok(performance.now() - started < 5000);
});

test('wrapping counts cells: wide characters never overflow a row', () => {
	const pieces = wrapCells('日本語のログ行です', 5);
	assert.deepEqual(pieces, ['日本', '語の', 'ログ', '行で', 'す']);
	for (const piece of pieces) assert.ok(width(piece) <= 5);
	assert.deepEqual(wrapCells('abcdefg', 3), ['abc', 'def', 'g']);
});

test('following shows the newest lines; scrolling up pauses on a line, scrolling down to the end follows again', () => {
	const buffer = new LogBuffer(100);
	buffer.append(lines(50));
	const window = {height: 10, width: 40, wrap: false, timestamps: false};
	assert.deepEqual(
		logRows(buffer, window).map(row => row.text),
		lines(10, 40).map(line => line.text),
	);
	const top = scrolled(buffer, window, -1);
	assert.equal(top, 39);
	// More lines arrive: the paused view stays where it was.
	buffer.append(lines(5, 50));
	assert.equal(logRows(buffer, {...window, top})[0]!.text, 'line 39');
	assert.equal(scrolled(buffer, {...window, top}, -100), 0);
	assert.equal(scrolled(buffer, {...window, top}, 3), 42);
	assert.equal(scrolled(buffer, {...window, top}, 100), undefined, 'past the end: following');
	assert.equal(scrolled(buffer, window, 1), undefined, 'down while following stays following');
});

test('nanosecond times are ordered as times, whatever their fraction digits', () => {
	assert.equal(compareLogTimes('2026-12-02T04:00:05.1Z', '2026-12-02T04:00:05.123456789Z'), -1);
	assert.equal(compareLogTimes('2026-12-02T04:00:05Z', '2026-12-02T04:00:05.000000000Z'), 0);
	assert.equal(compareLogTimes('2026-12-02T04:00:06Z', '2026-12-02T04:00:05.999999999Z'), 1);
});

test('the log request is kubectl logs -f --timestamps --tail, or --previous; a resumed one starts from the last second shown', () => {
	const request = {namespace: 'default', pod: 'todoapi-1', container: 'todoapi', previous: false, tailLines: 5000};
	assert.equal(podLogPath(request, true), '/api/v1/namespaces/default/pods/todoapi-1/log?container=todoapi&timestamps=true&follow=true&tailLines=5000');
	assert.equal(podLogPath({...request, previous: true}, false), '/api/v1/namespaces/default/pods/todoapi-1/log?container=todoapi&timestamps=true&previous=true&tailLines=5000');
	assert.equal(podLogPath(request, true, '2026-12-02T04:00:05.123Z'), '/api/v1/namespaces/default/pods/todoapi-1/log?container=todoapi&timestamps=true&follow=true&sinceTime=2026-12-02T04%3A00%3A05Z');
});
