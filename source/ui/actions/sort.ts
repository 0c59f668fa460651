// Shift-N, Shift-A, …: sort the top pane by a column, as k9s does; the same key again reverses it.
import {kindTitle} from '../../model/kinds.js';
import {sortableColumn, sortColumns, type SortColumn} from '../../model/sortRows.js';
import type {CommandModule} from './module.js';
import {notice} from './run.js';

const byKey: Readonly<Record<string, SortColumn>> = {N: 'name', A: 'age', S: 'status', R: 'ready', T: 'restarts', O: 'node', C: 'cpu', M: 'memory'};

export const command: CommandModule<'sort'> = {
	command: {
		id: 'sort',
		keys: Object.keys(byKey).map(input => ({input})),
		label: 'sort',
		keysShown: Object.keys(byKey).join(''),
		description: `Sort by ${Object.entries(byKey)
			.map(([input, column]) => `${input} ${sortColumns[column].header.toLowerCase()}`)
			.join(', ')} (again: reverse)`,
		scope: 'global',
	},
	open(ctx, _command, input) {
		const column = byKey[input];
		if (!column) return;
		const main = ctx.view().main;
		if (main && !sortableColumn(main.columns, column)) {
			notice(ctx, 'warning', `${kindTitle(main.resource)} have no ${sortColumns[column].header} column to sort by`);
			return;
		}
		ctx.store.dispatch({type: 'sortBy', column});
	},
};
