// The last action's outcome. Errors stay until the next action, because a
// rejected edit is exactly what the user needs to read.
import type {Message} from '../state/uiState.js';
import {Line, seg} from './Line.js';

const tone = {
	info: {token: 'text.primary', icon: ''},
	pending: {token: 'status.progress', icon: '⋯ '},
	success: {token: 'status.ok', icon: '✔ '},
	warning: {token: 'status.warning', icon: '! '},
	error: {token: 'status.error', icon: '✖ '},
} as const;

export function MessageLine({message, width}: {message?: Message; width: number}) {
	if (!message) {
		return <Line width={width} segments={[seg('press ', 'text.muted'), seg('?', 'key', {bold: true}), seg(' for keys', 'text.muted')]} />;
	}

	const {token, icon} = tone[message.tone];
	return <Line width={width} segments={[seg(icon + message.text, token, {bold: message.tone === 'error'})]} />;
}
