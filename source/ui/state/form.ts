// A form is several one-line fields with one focused: tab and the arrows
// move between them, every other key edits the focused one the readline way.
import type {Key} from 'ink';
import {editText, type TextFieldState} from './textField.js';

export interface FormState<F extends string> {
	fields: Readonly<Record<F, TextFieldState>>;
	/** Per field, from the last submit: shown under the form until the next one. */
	errors: Readonly<Partial<Record<F, string>>>;
	focus: F;
}

export type FormResult<F extends string> = {kind: 'edit'; form: FormState<F>} | {kind: 'submit'} | {kind: 'cancel'} | {kind: 'ignored'};

export function focusStep<F extends string>(order: readonly F[], focus: F, direction: 1 | -1): F {
	const index = order.indexOf(focus);
	return order[(index + direction + order.length) % order.length] ?? focus;
}

export function editForm<F extends string>(form: FormState<F>, order: readonly F[], input: string, key: Key): FormResult<F> {
	if (key.tab || key.downArrow || key.upArrow) {
		return {kind: 'edit', form: {...form, focus: focusStep(order, form.focus, key.upArrow || (key.tab && key.shift) ? -1 : 1)}};
	}

	const result = editText(form.fields[form.focus], input, key);
	if (result.kind === 'edit') {
		return {kind: 'edit', form: {...form, fields: {...form.fields, [form.focus]: result.field}}};
	}

	return result;
}

/** Focus the first field (in tab order) that has an error, keeping the errors to show. */
export function withErrors<F extends string>(form: FormState<F>, order: readonly F[], errors: Partial<Record<F, string>>): FormState<F> | undefined {
	const first = order.find(field => errors[field] !== undefined);
	return first === undefined ? undefined : {...form, errors, focus: first};
}
