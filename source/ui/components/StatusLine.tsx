// The top line: where we are connected, what we look at, whether it is live.
import {memo} from 'react';
import type {ConnectionInfo} from '../../model/cluster.js';
import type {ConnectionState} from '../state/connection.js';
import {fit, width as textWidth} from '../text.js';
import {Line, seg, type Segment} from './Line.js';

interface StatusLineProps {
	connection: ConnectionInfo;
	state: ConnectionState;
	namespace: string;
	deployment?: string;
	/** The `:` command the top pane shows, as a breadcrumb. */
	command?: string;
	readonly: boolean;
	width: number;
}

const toneToken = {ok: 'status.ok', progress: 'status.progress', error: 'status.error'} as const;

// Memoized: a keypress in one pane re-renders only that pane.
export const StatusLine = memo(function StatusLine({connection, state, namespace, deployment, command, readonly, width}: StatusLineProps) {
	const separator = seg(' │ ', 'border.default');
	// Most important first: on a narrow terminal the context and server give way.
	const head: Segment[] = [
		seg('k8slab ', 'text.title', {bold: true}),
		seg(state.text, toneToken[state.tone], {bold: state.tone !== 'ok'}),
		...(readonly ? [seg(' '), seg(' READ-ONLY ', 'status.warning', {bold: true})] : []),
		separator,
		seg('ns ', 'text.muted'),
		seg(namespace || '(all)', 'accent'),
		separator,
		seg('deploy ', 'text.muted'),
		seg(deployment ?? '-', 'accent'),
		...(command ? [separator, seg(`:${command}`, 'key', {bold: true})] : []),
	];
	const used = head.reduce((sum, segment) => sum + textWidth(segment.text), 0);
	const contextRoom = width - used - textWidth(' │ ctx ');
	const context: Segment[] = contextRoom >= 8 ? [separator, seg('ctx ', 'text.muted'), seg(fit(connection.context, contextRoom, {pad: false}), 'text.primary')] : [];
	const serverRoom = contextRoom - textWidth(connection.context) - textWidth(' │ server ');
	const server: Segment[] = serverRoom >= 16 ? [separator, seg('server ', 'text.muted'), seg(fit(connection.server, serverRoom, {pad: false}), 'text.muted')] : [];
	return <Line width={width} segments={[...head, ...context, ...server]} />;
});
