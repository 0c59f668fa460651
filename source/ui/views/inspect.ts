// The keys of the inspect view, as the controller hands them over while it is
// open: scrolling, search, the YAML toggles, and back.
import type {Key} from 'ink';
import type {Controller} from '../actions/context.js';
import {notice} from '../actions/run.js';
import {editText, textField} from '../state/textField.js';
import type {InspectView} from '../state/uiState.js';
import {clampTop} from './InspectView.js';
import {matchInspectKey, type InspectFrame} from './inspectKeys.js';

/** The next line holding `query` after (or before) `from`, going round; undefined if none does. */
export function findLine(lines: readonly string[], query: string, from: number, direction: 1 | -1): number | undefined {
	const needle = query.toLowerCase();
	for (let step = 1; step <= lines.length; step++) {
		const index = (((from + direction * step) % lines.length) + lines.length) % lines.length;
		if (lines[index]!.toLowerCase().includes(needle)) return index;
	}
	return undefined;
}

function update(ctx: Controller, view: InspectView, change: Partial<InspectView>): void {
	ctx.store.dispatch({type: 'inspect', main: {...view, ...change}});
}

function jump(ctx: Controller, view: InspectView, frame: InspectFrame, query: string, from: number, direction: 1 | -1): void {
	const found = findLine(frame.lines, query, from, direction);
	if (found === undefined) {
		update(ctx, view, {query, search: undefined});
		notice(ctx, 'info', `no line holds "${query}"`);
		return;
	}
	update(ctx, view, {query, search: undefined, top: found});
}

export function handleInspect(ctx: Controller, view: InspectView, frame: InspectFrame, input: string, key: Key): void {
	// The view scrolls from where it shows: `top` may be past the end after the text got shorter.
	const top = clampTop(view.top, frame.lines.length, frame.pageSize);
	if (view.search) {
		const result = editText(view.search, input, key);
		if (result.kind === 'cancel') update(ctx, view, {search: undefined});
		else if (result.kind === 'edit') update(ctx, view, {search: result.field});
		else if (result.kind === 'submit') {
			const query = view.search.value;
			if (query === '') update(ctx, view, {search: undefined, query: undefined});
			else jump(ctx, view, frame, query, top - 1, 1);
		}
		return;
	}
	if (view.confirm === 'reveal') {
		update(ctx, view, {confirm: undefined, reveal: input === 'y'});
		return;
	}
	const scrollTo = (line: number) => update(ctx, view, {top: clampTop(line, frame.lines.length, frame.pageSize)});
	switch (matchInspectKey(input, key)) {
		case 'lineDown':
			return scrollTo(top + 1);
		case 'lineUp':
			return scrollTo(top - 1);
		case 'pageDown':
			return scrollTo(top + frame.pageSize);
		case 'pageUp':
			return scrollTo(top - frame.pageSize);
		case 'first':
			return scrollTo(0);
		case 'last':
			return scrollTo(frame.lines.length);
		case 'search':
			return update(ctx, view, {search: textField(view.query ?? '')});
		case 'nextMatch':
		case 'previousMatch': {
			if (!view.query) {
				notice(ctx, 'info', '/ searches first; n and N then go to the next and previous match');
				return;
			}
			jump(ctx, view, frame, view.query, top, input === 'N' ? -1 : 1);
			return;
		}
		case 'managedFields': {
			if (view.mode !== 'yaml') {
				notice(ctx, 'info', 'm shows managedFields in the YAML view (y)');
				return;
			}
			update(ctx, view, {managedFields: !view.managedFields});
			return;
		}
		case 'reveal': {
			if (view.mode !== 'yaml' || view.target.resource.kind !== 'Secret') {
				notice(ctx, 'info', "x shows a Secret's values, in its YAML view (y)");
				return;
			}
			update(ctx, view, view.reveal ? {reveal: false} : {confirm: 'reveal'});
			return;
		}
		case 'close': {
			ctx.store.dispatch({type: 'inspect', main: view.back});
			return;
		}
		case undefined:
			return;
		default: {
			return;
		}
	}
}
