// KindTablePane draws a Table captured from the sandbox: kubectl's columns, the
// selected row, only the visible rows, and the sync state in place of rows.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {afterEach, test} from 'node:test';
import {stripVTControlCharacters} from 'node:util';
import {cleanup} from 'ink-testing-library';
import type {ResourceSync} from '../../source/model/cluster.js';
import {columnsOf, tableRowOf, tableView, type TableRow, type TableView} from '../../source/model/table.js';
import {KindTablePane, type KindTablePaneProps} from '../../source/ui/panes/KindTablePane.js';
import {width as cellWidth} from '../../source/ui/text.js';
import {renderAt} from './helpers.js';

afterEach(() => {
	cleanup();
});

function captured(name: string): {raw: any; columns: NonNullable<ReturnType<typeof columnsOf>>; rows: TableRow[]} {
	const raw = JSON.parse(fs.readFileSync(new URL(`../../../test/fixtures/tables/${name}.json`, import.meta.url), 'utf8'));
	return {raw, columns: columnsOf(raw)!, rows: raw.rows.map(tableRowOf)};
}

const synced: ResourceSync = {state: 'synced', namespace: 'default'};

function pane(view: TableView, props: Partial<KindTablePaneProps> = {}, columns = 100) {
	const element = <KindTablePane title="Services" rows={view.rows} columns={view.columns} selected={0} width={columns} height={12} focused sync={synced} namespace="default" {...props} />;
	return renderAt(element, columns);
}

test('services in the default namespace, with kubectl get columns and a title like the other panes', () => {
	const {columns, rows} = captured('services');
	const created = Date.parse(rows[0]!.metadata.creationTimestamp!);
	// Derived a while ago; the pane's clock says 42 s after creation.
	const view = tableView(columns, rows, {allNamespaces: false, now: created + 1000});
	const rendered = pane(view, {now: created + 42_000});
	const frame = rendered.frame();
	assert.match(frame, /Services \(default\) 2/);
	const lines = frame.split('\n');
	const header = lines.find(line => line.includes('NAME'))!;
	for (const name of ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']) assert.ok(header.includes(name), `${name} in ${header}`);
	assert.ok(!header.includes('SELECTOR'), 'priority 1 only with wide');
	const todoapi = lines.find(line => line.includes('todoapi'))!;
	assert.match(todoapi, /todoapi\s+ClusterIP\s+10\.96\.192\.10\s+<none>\s+80\/TCP\s+42s/);
	for (const line of lines) assert.ok(cellWidth(line) <= 100, `line wider than the pane: ${line}`);
	// The first row is the selected one: drawn with the selection style.
	const styled = (rendered.lastFrame() ?? '').split('\n').find(line => line.includes('kubernetes'))!;
	assert.notEqual(styled, stripVTControlCharacters(styled), 'the selected row is styled');
});

test('a narrow pane drops the rightmost columns before NAME, NAMESPACE and AGE', () => {
	const {columns, rows} = captured('pods');
	const view = tableView(columns, rows, {allNamespaces: true, now: Date.now()});
	const frame = pane(view, {title: 'Pods', namespace: undefined}, 60).frame();
	const header = frame.split('\n').find(line => line.includes('NAME'))!;
	assert.ok(header.includes('NAMESPACE') && header.includes('AGE'), header);
	for (const line of frame.split('\n')) assert.ok(cellWidth(line) <= 60, line);
	assert.match(frame, /Pods \(all\) \d+/);
});

test('control characters in cells are shown, not sent to the terminal', () => {
	const {columns, rows} = captured('widgets');
	const view = tableView(columns, rows, {allNamespaces: true, now: Date.now()});
	const rendered = pane(view, {title: 'Widgets', namespace: undefined});
	assert.ok(rendered.frame().includes('red␛[31mX'));
	assert.ok(!(rendered.lastFrame() ?? '').includes('\u001B[31mX'), 'no raw ESC from the API');
});

test('forbidden, no longer served, loading and not live are shown in place', () => {
	const {columns, rows} = captured('configmaps');
	const view = tableView(columns, rows, {allNamespaces: false, now: Date.now()});
	const empty = tableView(columns, [], {allNamespaces: false, now: Date.now()});
	const message = 'configmaps is forbidden: User "lab-viewer" cannot list resource "configmaps" in API group "" in the namespace "kube-system"';
	const forbidden = pane(empty, {title: 'ConfigMaps', sync: {state: 'forbidden', message, namespace: 'kube-system'}}).frame();
	assert.match(forbidden.replace(/[│┃\s]+/g, ' '), /configmaps is forbidden: User "lab-viewer" cannot list resource/);
	const gone = pane(empty, {title: 'Widgets', sync: {state: 'gone', message: 'the server no longer serves widgets.lab.k8slab.dev', namespace: 'default'}}).frame();
	assert.match(gone, /the server no longer serves widgets\.lab\.k8slab\.dev/);
	assert.ok(!gone.includes('No widgets'));
	assert.match(pane(empty, {title: 'ConfigMaps', sync: {state: 'connecting', namespace: 'default'}}).frame(), /loading configmaps…/);
	assert.match(pane(empty, {title: 'ConfigMaps'}).frame(), /No configmaps/);
	const once = pane(view, {title: 'ConfigMaps', sync: {state: 'synced', live: false, namespace: 'default'}}).frame();
	assert.match(once, /listed once, not live/);
	assert.match(once, /kube-root-ca\.crt/);
});

test('10,000 rows: only the visible ones are drawn, and the window follows the selection', () => {
	const {raw, columns} = captured('configmaps');
	const template = raw.rows[0];
	const many: TableRow[] = Array.from({length: 10_000}, (_, index) => {
		const name = `cm-${String(index).padStart(5, '0')}`;
		return tableRowOf({...template, cells: [name, ...template.cells.slice(1)], object: {...template.object, metadata: {...template.object.metadata, name, uid: `uid-${index}`}}});
	});
	const view = tableView(columns, many, {allNamespaces: false, now: Date.now()});
	const started = performance.now();
	const rendered = pane(view, {title: 'ConfigMaps'});
	const elapsed = performance.now() - started;
	const frame = rendered.frame();
	assert.match(frame, /ConfigMaps \(default\) 10000/);
	assert.match(frame, /1-9 of 10000/);
	assert.equal(frame.split('\n').filter(line => line.includes('cm-')).length, 9);
	assert.ok(elapsed < 1000, `first render took ${elapsed.toFixed(0)} ms`);
	const moved = pane(view, {title: 'ConfigMaps', selected: 5000}).frame();
	assert.ok(moved.includes('cm-05000'));
	assert.ok(!moved.includes('cm-00000'));
});
