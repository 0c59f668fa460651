// Reading the screens of k8slab and k9s as captured by tmux.

/** k8slab's pods pane title once the LIST is complete: "Pods (all) 10000 · 1-40 of 10000" (not "500+ loading…"). */
export function k8slabPodCount(screen: string): number | undefined {
	const match = /Pods \(all\) (\d+)(?![\d+])/.exec(screen);
	return match ? Number(match[1]) : undefined;
}

/** Pods on k8slab's screen so far, the LIST complete or not: 500 for "Pods (all) 500+ loading…". */
export function k8slabPodsShown(screen: string): number | undefined {
	const match = /Pods \(all\) (\d+)/.exec(screen);
	return match ? Number(match[1]) : undefined;
}

/** The events pane has its list: a count in its title and no "loading events…". */
export function k8slabEventsLoaded(screen: string): boolean {
	return /Events \((?:all|[^)]*)\) \d/.test(screen) && !screen.includes('loading events…');
}

/** k9s's table title: " pods(all)[10,000] " (thousands separated). */
export function k9sPodCount(screen: string): number | undefined {
	const match = /pods\(all\)\[([\d,]+)\]/i.exec(screen);
	return match ? Number(match[1]!.replaceAll(',', '')) : undefined;
}

/** The lines of k8slab's pods pane (title to bottom border), escapes kept if the capture had them. */
export function podsPaneLines(screen: string): string[] {
	const lines = screen.split('\n');
	const plain = lines.map(stripEscapes);
	const start = plain.findIndex(line => line.includes('Pods ('));
	if (start < 0) return [];
	// The focused pane has a heavy border (┗), the others a rounded one (╰).
	const end = plain.findIndex((line, index) => index > start && /^\s*[╰┗]/.test(line));
	return lines.slice(start + 1, end < 0 ? undefined : end);
}

export function stripEscapes(text: string): string {
	return text.replace(/\u001B\[[0-9;:?]*[A-Za-z]/g, '');
}

/** Whether an SGR in the line sets a background colour or reverse video: how a selection bar is drawn. */
export function hasBackground(line: string): boolean {
	for (const match of line.matchAll(/\u001B\[([0-9;:]*)m/g)) {
		const params = (match[1] ?? '').split(/[;:]/).map(Number);
		for (let i = 0; i < params.length; i++) {
			const p = params[i]!;
			if (p === 38) {
				// Foreground colour: skip its arguments (5;n or 2;r;g;b).
				i += params[i + 1] === 5 ? 2 : 4;
			} else if (p === 7 || p === 48 || (p >= 40 && p <= 47) || (p >= 100 && p <= 107)) {
				return true;
			}
		}
	}
	return false;
}

/**
 * Where the pods pane's selection is: the scroll range in the title and the
 * text of every row drawn with the selection bar. A keypress that moves the
 * selection changes it, while unrelated redraws (ages, node heartbeats) do
 * not. Rows are compared by text, not by position, so a frame that lands on
 * the wrong lines (see the report on incremental rendering) still counts as
 * the keypress's frame.
 */
export function selectionState(screen: string): string {
	const rows = podsPaneLines(screen).slice(1);
	const selected = rows.filter(hasBackground).map(line => stripEscapes(line).replace(/^[┃│]/, '').trim().split(/\s+/).slice(0, 2).join(' '));
	const title =
		screen
			.split('\n')
			.map(stripEscapes)
			.find(line => line.includes('Pods (')) ?? '';
	const range = /(\d+-\d+) of/.exec(title)?.[1] ?? '';
	return `${range}|${selected.join(',')}`;
}
