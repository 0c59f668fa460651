// Timestamps for finding where time goes, off unless K8SLAB_TRACE names a file:
// one line per mark, "<epoch ms> <label>", appended synchronously so a crash
// keeps what came before. The bench reads them to split a latency into the API
// server's part, k8slab's and the terminal's.
import fs from 'node:fs';

const file = process.env['K8SLAB_TRACE'];
let fd: number | undefined;

export const tracing = Boolean(file);

export function trace(label: string): void {
	if (!file) return;
	fd ??= fs.openSync(file, 'a');
	fs.writeSync(fd, `${(performance.timeOrigin + performance.now()).toFixed(1)} ${label}\n`);
}
