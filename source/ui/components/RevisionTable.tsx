// One revision's pod template as a bordered table (@alcalzone/ink-table):
// a row per field, a column per container. It is small and static, so the
// table's own layout fits; values are cut to the room first, since the
// table sizes columns by their longest value and would otherwise overflow.
import {Table, type CellProps} from '@alcalzone/ink-table';
import {Text} from 'ink';
import type {PropsWithChildren} from 'react';
import type {RevisionTemplate} from '../../model/index.js';
import {fit} from '../text.js';
import {tokenStyle, useTheme} from '../theme.js';

/** The table measures with String#length, so cells must be one cell per character. */
function ascii(text: string): string {
	return text.replaceAll(/[^\u0020-\u007E]/g, '?');
}

const fieldHeading = 'field';

/** Rows: top border, heading, then a separator and a line per field, bottom border. */
export function revisionTableHeight(template: RevisionTemplate): number {
	const fields = Math.max(0, ...template.containers.map(container => container.fields.length));
	return 3 + 2 * fields;
}

function Skeleton({children}: PropsWithChildren) {
	return <Text {...tokenStyle(useTheme(), 'border.default')}>{children}</Text>;
}

function Heading({children}: PropsWithChildren) {
	return (
		<Text {...tokenStyle(useTheme(), 'accent')} bold>
			{children}
		</Text>
	);
}

function Cell({column, children}: CellProps) {
	return <Text {...tokenStyle(useTheme(), column === 0 ? 'text.muted' : 'text.primary')}>{children}</Text>;
}

export function RevisionTable({template, width}: {template: RevisionTemplate; width: number}) {
	const labels = template.containers[0]?.fields.map(field => field.label) ?? [];
	const labelWidth = Math.max(fieldHeading.length, ...labels.map(label => label.length));
	const count = Math.max(1, template.containers.length);
	// count+1 columns, each padded by a space on both sides, and count+2 borders: the table spans exactly `width`.
	const room = width - (count + 2) - 2 * (count + 1) - labelWidth;
	const columnWidths = template.containers.map((_, index) => Math.max(4, Math.floor(room / count) + (index < room % count ? 1 : 0)));
	const columns = [fieldHeading, ...template.containers.map(container => ascii(container.name))];
	const data = labels.map((label, row) => {
		const cells: Record<string, string> = {[fieldHeading]: label.padEnd(labelWidth)};
		for (const [index, container] of template.containers.entries()) {
			cells[columns[index + 1] ?? ''] = fit(ascii(container.fields[row]?.value ?? ''), columnWidths[index] ?? 4);
		}

		return cells;
	});
	return <Table data={data} columns={columns} skeleton={Skeleton} header={Heading} cell={Cell} />;
}
