// The Table form derived into display rows, against Table responses captured
// from the sandbox (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {test} from 'node:test';
import {columnsOf, liveCells, tableRowOf, tableView, type TableRow} from '../../source/model/table.js';
import {fit} from '../../source/ui/text.js';

interface Captured {
	columns: NonNullable<ReturnType<typeof columnsOf>>;
	rows: TableRow[];
	raw: any;
}

function captured(name: string): Captured {
	const raw = JSON.parse(fs.readFileSync(new URL(`../../../test/fixtures/tables/${name}.json`, import.meta.url), 'utf8'));
	const columns = columnsOf(raw);
	assert.ok(columns, `${name} is a Table`);
	return {columns, rows: raw.rows.map(tableRowOf), raw};
}

const at = (timestamp: string, plusMs: number) => Date.parse(timestamp) + plusMs;

test('a row keeps the cells and only the metadata the view needs', () => {
	const {rows, raw} = captured('services');
	assert.ok(raw.rows[0].object.metadata.managedFields, 'the server sent managedFields');
	assert.deepEqual(Object.keys(rows[0]!.metadata).sort(), ['creationTimestamp', 'name', 'namespace', 'resourceVersion', 'uid']);
	assert.equal(rows[0]!.metadata.uid, raw.rows[0].object.metadata.uid);
	assert.deepEqual(rows[0]!.cells, raw.rows[0].cells);
});

test('services: the default columns of kubectl get, AGE live from creationTimestamp', () => {
	const {columns, rows} = captured('services');
	const created = rows[0]!.metadata.creationTimestamp!;
	const view = tableView(columns, rows, {allNamespaces: false, now: at(created, 90_000)});
	assert.deepEqual(
		view.columns.map(c => c.header),
		['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
	);
	assert.deepEqual(
		view.rows.map(r => r.cells),
		[
			['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', '90s'],
			['todoapi', 'ClusterIP', '10.96.192.10', '<none>', '80/TCP', '90s'],
		],
	);
	// The server's own text was frozen when it answered.
	assert.notEqual(rows[0]!.cells[5], '90s');
	const later = tableView(columns, rows, {allNamespaces: false, now: at(created, 3 * 3600_000 + 5 * 60_000)});
	assert.equal(later.rows[0]!.cells[5], '3h5m');
	// A pane redraws AGE for the rows it shows, without deriving the view again.
	assert.deepEqual(liveCells(view.rows[1]!, view.columns, at(created, 3 * 3600_000 + 5 * 60_000)), ['todoapi', 'ClusterIP', '10.96.192.10', '<none>', '80/TCP', '3h5m']);
	const wide = tableView(columns, rows, {allNamespaces: false, now: 0, wide: true});
	assert.equal(wide.columns.at(-1)!.header, 'SELECTOR');
	assert.equal(wide.rows[1]!.cells.at(-1), 'app=todoapi');
});

test('configmaps across namespaces: NAMESPACE first, sorted by namespace then name, a number cell as kubectl prints it', () => {
	const {columns, rows} = captured('configmaps');
	const view = tableView(columns, [...rows].reverse(), {allNamespaces: true, now: Date.now()});
	// DATA is declared a string column, though its cells are integers.
	assert.deepEqual(
		view.columns.map(c => [c.header, c.kind]),
		[
			['NAMESPACE', 'namespace'],
			['NAME', 'name'],
			['DATA', 'text'],
			['AGE', 'age'],
		],
	);
	assert.deepEqual(
		view.rows.map(r => `${r.cells[0]}/${r.cells[1]}`),
		rows.map(r => `${r.metadata.namespace}/${r.metadata.name}`).sort(),
	);
	const rootCa = view.rows.find(r => r.namespace === 'default' && r.name === 'kube-root-ca.crt');
	assert.equal(rootCa?.cells[2], '1');
	assert.equal(view.total, rows.length);
});

test('pods: READY STATUS RESTARTS by default, IP and NODE only wide', () => {
	const {columns, rows} = captured('pods');
	const view = tableView(columns, rows, {allNamespaces: true, now: Date.now()});
	assert.deepEqual(
		view.columns.map(c => c.header),
		['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
	);
	const todoapi = view.rows.filter(r => r.name.startsWith('todoapi-'));
	assert.ok(todoapi.length >= 3);
	for (const row of todoapi) assert.deepEqual(row.cells.slice(2, 4), ['1/1', 'Running']);
	const wide = tableView(columns, rows, {allNamespaces: false, now: Date.now(), wide: true});
	assert.deepEqual(wide.columns.map(c => c.header).slice(5), ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
});

test('a cluster-scoped kind: customresourcedefinitions with their date column as the server printed it', () => {
	const {columns, rows} = captured('customresourcedefinitions');
	const view = tableView(columns, rows, {allNamespaces: false, now: Date.now()});
	assert.deepEqual(
		view.columns.map(c => c.header),
		['NAME', 'CREATED AT'],
	);
	assert.deepEqual(
		view.rows.map(r => r.cells),
		[['widgets.lab.k8slab.dev', rows[0]!.cells[1]]],
	);
});

test('a CRD additionalPrinterColumns; text from the API never reaches the terminal raw', () => {
	const {columns, rows} = captured('widgets');
	const view = tableView(columns, rows, {allNamespaces: true, now: Date.now()});
	assert.deepEqual(
		view.columns.map(c => [c.header, c.kind]),
		[
			['NAMESPACE', 'namespace'],
			['NAME', 'name'],
			['SIZE', 'number'],
			['COLOR', 'text'],
			['AGE', 'age'],
		],
	);
	const green = view.rows.find(r => r.name === 'green-three')!;
	assert.equal(green.cells[3], 'green and\tteal', 'a line break folds into a space');
	const red = view.rows.find(r => r.name === 'red-two')!;
	assert.equal(red.cells[3], 'red\u001B[31mX');
	// What the pane draws (ui/text fit): the ESC is shown as a control picture, and the tab as a space.
	assert.equal(fit(red.cells[3], 12), 'red␛[31mX   ');
	assert.equal(fit(green.cells[3], 14), 'green and teal');
});

test('the filter keeps rows with the text in any cell but the age, and the total counts them all', () => {
	const {columns, rows} = captured('services');
	const view = tableView(columns, rows, {allNamespaces: false, now: Date.now(), filter: 'TODO'});
	assert.deepEqual(
		view.rows.map(r => r.name),
		['todoapi'],
	);
	assert.equal(view.total, 2);
	assert.deepEqual(
		tableView(columns, rows, {allNamespaces: false, now: Date.now(), filter: '443/'}).rows.map(r => r.name),
		['kubernetes'],
	);
	const age = tableView(columns, rows, {allNamespaces: false, now: at(rows[0]!.metadata.creationTimestamp!, 90_000), filter: '90s'});
	assert.deepEqual(age.rows, []);
});

test('an object from a server that answered a plain list shows as NAME and AGE', () => {
	const {raw} = captured('configmaps');
	const object = {metadata: {...raw.rows[0].object.metadata}, data: {'ca.crt': '…'}};
	const row = tableRowOf(object);
	assert.deepEqual(row.cells, [object.metadata.name, object.metadata.creationTimestamp]);
	assert.equal(columnsOf({kind: 'ConfigMapList', items: []}), undefined);
});
