// The logs view's stream: opened for a pod's container (or its previous one)
// and stopped when the view leaves or asks for another. Lines go into a ring
// kept across frames; a burst of lines redraws at most every 50 ms.
import {useEffect, useState} from 'react';
import type {ClusterSource} from '../../model/cluster.js';
import type {LogStreamStatus} from '../../model/logs.js';
import {defaultLogLines, LogBuffer} from '../state/logBuffer.js';

export interface LogTarget {
	namespace: string;
	pod: string;
	container: string;
	previous: boolean;
}

const redrawMs = 50;

export function useLogStream(source: ClusterSource, target: LogTarget | undefined, capacity = defaultLogLines): {buffer: LogBuffer; status: LogStreamStatus; revision: number} {
	const [buffer] = useState(() => new LogBuffer(capacity));
	const [status, setStatus] = useState<LogStreamStatus>({state: 'connecting'});
	const [revision, setRevision] = useState(0);
	const key = target ? JSON.stringify([target.namespace, target.pod, target.container, target.previous]) : undefined;
	useEffect(() => {
		if (!target) return undefined;
		buffer.clear();
		setRevision(buffer.revision);
		if (!source.streamLogs) {
			setStatus({state: 'failed', message: 'logs are not available here (no API server behind this view)'});
			return undefined;
		}
		setStatus({state: 'connecting'});
		let timer: NodeJS.Timeout | undefined;
		const flush = () => {
			timer = undefined;
			setRevision(buffer.revision);
		};
		const stop = source.streamLogs(
			{namespace: target.namespace, pod: target.pod, container: target.container, previous: target.previous, tailLines: capacity},
			{
				onLines(lines) {
					buffer.append(lines);
					timer ??= setTimeout(flush, redrawMs);
				},
				onStatus(next) {
					setStatus(next);
				},
			},
		);
		return () => {
			stop();
			clearTimeout(timer);
		};
		// eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on what the stream asks for, not on the object carrying it
	}, [source, key, buffer, capacity]);
	return {buffer, status, revision};
}
