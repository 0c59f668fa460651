// Help, generated from the key table: every bound key appears here, and
// nothing appears here that is not bound.
import {Box} from 'ink';
import type {ReactElement} from 'react';
import {commands, editingKeys, formatKeys, viewKeys, type CommandId, type Scope} from '../keys.js';
import {wrap} from '../text.js';
import {Line, seg, type Segment} from './Line.js';
import {Modal} from './Modal.js';

const sections: ReadonlyArray<{scope: Scope | 'edit'; title: string}> = [
	{scope: 'global', title: 'Anywhere'},
	{scope: 'pane', title: 'In the focused pane'},
	{scope: 'edit', title: 'In a prompt'},
];

// Sized for the command keys; the one long editing entry may push its description along.
const keyWidth = Math.max(...commands.map(command => formatKeys(command).length)) + 2;

function keyCell(keys: string): string {
	return `  ${keys.padEnd(keyWidth - 1)} `;
}

/** The help as sections of lines; a section is never split across columns. */
/** `width`: the column the help is laid out in; a description that does not fit goes on under itself. */
/** `view`: a full-screen view is open, and only its keys (and quit and help) work there. */
export function helpSections(readonly: boolean, unavailable: ReadonlySet<CommandId> = new Set(), width = Number.POSITIVE_INFINITY, view?: (typeof viewKeys)[number]['id']): Segment[][][] {
	const shown = viewKeys.find(each => each.id === view);
	if (shown) {
		const anywhere = commands.filter(command => command.id === 'help' || command.id === 'quit').flatMap(command => entryLines(seg(keyCell(formatKeys(command)), 'key', {bold: true}), command.description, 'text.primary', undefined, width));
		return [viewLines(shown, width), [[seg('Anywhere', 'accent', {bold: true})], ...anywhere]];
	}
	return sections.map(section => sectionLines(section, readonly, unavailable, width));
}

/** A full-screen view's own keys (the logs view's). */
function viewLines(view: (typeof viewKeys)[number], width: number): Segment[][] {
	return [[seg(view.title, 'accent', {bold: true})], ...view.keys.flatMap(entry => entryLines(seg(keyCell(entry.keys), 'key', {bold: true}), entry.description, 'text.primary', undefined, width))];
}

export function helpLines(readonly: boolean, unavailable: ReadonlySet<CommandId> = new Set(), width = Number.POSITIVE_INFINITY, view?: (typeof viewKeys)[number]['id']): Segment[][] {
	return helpSections(readonly, unavailable, width, view).flatMap((lines, index) => (index === 0 ? lines : [[], ...lines]));
}

/** A key and its description, the description wrapped under itself when the column is narrow. */
function entryLines(keys: Segment, description: string, token: Segment['token'], note: Segment | undefined, width: number): Segment[][] {
	const indent = keys.text.length;
	const room = Math.max(12, width - indent);
	const full = note ? `${description}  ${note.text}` : description;
	if (full.length <= room) {
		return [[keys, seg(description, token), ...(note ? [seg(`  ${note.text}`, note.token)] : [])]];
	}

	return wrap(full, room, 4).map((text, index) => [index === 0 ? keys : seg(' '.repeat(indent)), seg(text, token)]);
}

/** Why a listed key does nothing here, if it does nothing. */
function disabledNote(command: (typeof commands)[number], readonly: boolean, unavailable: ReadonlySet<CommandId>): string | undefined {
	if (unavailable.has(command.id)) return command.requires?.note ?? 'not on this cluster';
	if (readonly && command.mutates) return 'disabled: read-only';
	return undefined;
}

function sectionLines(section: (typeof sections)[number], readonly: boolean, unavailable: ReadonlySet<CommandId>, width: number): Segment[][] {
	const lines: Segment[][] = [];
	{
		lines.push([seg(section.title, 'accent', {bold: true})]);
		if (section.scope === 'edit') {
			for (const entry of editingKeys) {
				lines.push(...entryLines(seg(keyCell(entry.keys), 'key', {bold: true}), entry.description, 'text.primary', undefined, width));
			}

			return lines;
		}

		for (const command of commands.filter(c => c.scope === section.scope)) {
			const note = disabledNote(command, readonly, unavailable);
			lines.push(...entryLines(seg(keyCell(formatKeys(command)), note ? 'text.muted' : 'key', {bold: !note}), command.description, note ? 'text.muted' : 'text.primary', note ? seg(`(${note})`, 'status.warning') : undefined, width));
		}
	}

	return lines;
}

/** Split sections into two columns where the taller column is shortest. */
function twoColumns(parts: Segment[][][]): [Segment[][], Segment[][]] {
	const join = (list: Segment[][][]) => list.flatMap((lines, index) => (index === 0 ? lines : [[], ...lines]));
	let best: [Segment[][], Segment[][]] = [join(parts), []];
	for (let split = 1; split < parts.length; split++) {
		const candidate: [Segment[][], Segment[][]] = [join(parts.slice(0, split)), join(parts.slice(split))];
		if (Math.max(candidate[0].length, candidate[1].length) < Math.max(best[0].length, best[1].length)) {
			best = candidate;
		}
	}

	return best;
}

interface HelpArea {
	areaWidth: number;
	areaHeight: number;
	readonly: boolean;
	unavailable: ReadonlySet<CommandId>;
	/** The full-screen view open, whose keys are the ones that work. */
	view?: (typeof viewKeys)[number]['id'];
}

/** How the help is laid out in an area: one or two columns, how many lines show, and how far it scrolls. */
export function helpLayout({areaWidth, areaHeight, readonly, unavailable, view}: HelpArea): {columnsOfLines: Segment[][][]; width: number; columnWidth: number; height: number; maxOffset: number} {
	const maxContent = Math.max(1, areaHeight - 3);
	const gap = 2;
	const singleWidth = Math.min(areaWidth, 100);
	const lines = helpLines(readonly, unavailable, singleWidth - 2, view);
	// Too tall for the terminal: two columns rather than hidden keys, descriptions wrapped to fit them.
	const twoColumnWidth = Math.floor((areaWidth - 2 - gap) / 2);
	const columnsOfLines = lines.length > maxContent && areaWidth >= 80 ? twoColumns(helpSections(readonly, unavailable, twoColumnWidth, view)) : [lines];
	const width = columnsOfLines.length === 2 ? areaWidth : singleWidth;
	const columnWidth = Math.floor((width - 2 - gap * (columnsOfLines.length - 1)) / columnsOfLines.length);
	const tallest = Math.max(...columnsOfLines.map(column => column.length));
	const height = Math.min(tallest, maxContent);
	// Still too tall (80x24): the columns scroll together.
	return {columnsOfLines, width, columnWidth, height, maxOffset: tallest - height};
}

const gap = 2;

export function HelpOverlay(props: HelpArea & {offset: number}) {
	const {columnsOfLines, width, columnWidth, height, maxOffset} = helpLayout(props);
	const offset = Math.max(0, Math.min(props.offset, maxOffset));
	const columns: ReactElement[] = columnsOfLines.map((column, index) => (
		<Box key={index} flexDirection="column" width={columnWidth + (index > 0 ? gap : 0)}>
			{Array.from({length: height}, (_, line) => column[offset + line] ?? []).map((segments, line) => (
				// The gap is drawn as spaces: a modal must overwrite every cell beneath it.
				<Line key={line} fill width={columnWidth + (index > 0 ? gap : 0)} segments={index > 0 ? [seg(' '.repeat(gap)), ...segments] : segments} />
			))}
		</Box>
	));
	const title = maxOffset > 0 ? `Keys ${offset + 1}-${offset + height} of ${height + maxOffset}  (↑↓ pgup pgdn scroll · ? or esc close)` : 'Keys  (? or esc to close)';

	return (
		<Modal title={title} areaWidth={props.areaWidth} areaHeight={props.areaHeight} width={width} height={height}>
			<Box flexDirection="row">{columns}</Box>
		</Modal>
	);
}
