import {useRef} from 'react';
import {fitWindow, type RowWindow} from '../state/window.js';

/**
 * The rows to draw this frame. The first visible row is remembered between
 * frames so the list only scrolls when the selection would leave the pane.
 */
export function useRowWindow(count: number, selected: number, capacity: number, heightOf?: (index: number) => number): RowWindow {
	const offset = useRef(0);
	const window = fitWindow({count, selected, offset: offset.current, capacity, heightOf});
	offset.current = window.offset;
	return window;
}
