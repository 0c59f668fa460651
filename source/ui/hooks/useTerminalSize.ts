// The size to lay out for: explicit width/height (snapshot mode, the terminal
// entry point) or the terminal's, following resizes.
import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

export interface TerminalSize {
	columns: number;
	rows: number;
}

export function useTerminalSize(width?: number, height?: number): TerminalSize {
	const {stdout} = useStdout();
	const read = (): TerminalSize => ({
		columns: width ?? (stdout?.columns || 80),
		rows: height ?? (stdout?.rows || 24),
	});
	const [size, setSize] = useState(read);
	useEffect(() => {
		if ((width !== undefined && height !== undefined) || !stdout) {
			return;
		}

		const onResize = () => {
			const next = read();
			setSize(previous => (previous.columns === next.columns && previous.rows === next.rows ? previous : next));
		};

		onResize();
		// The state update lands after Ink's own resize redraw, which still uses
		// the old size; the terminal entry point (run.tsx) passes the size as
		// props instead, so a real terminal never gets that stale frame.
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
		// eslint-disable-next-line react-hooks/exhaustive-deps -- `read` is rebuilt each render from these same deps
	}, [stdout, width, height]);
	return width !== undefined && height !== undefined ? {columns: width, rows: height} : size;
}
