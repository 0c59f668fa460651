// A container's probes in the words of `kubectl describe`'s "Liveness:" and
// "Readiness:" lines (http-get http://:8080/ delay=5s …), shortened to what
// differs from the API's defaults so a pane line can hold both.
import type {Container, Probe} from './types.js';

const defaults = {timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3} as const;

/** The handler as kubectl describe names it; `short` drops the usual http:// of a pod-local probe. */
function handler(probe: Probe, short: boolean): string {
	if (probe.httpGet) {
		const {scheme = 'HTTP', host = '', port = '', path = ''} = probe.httpGet;
		const prefix = short && scheme === 'HTTP' && host === '' ? '' : `${scheme.toLowerCase()}://`;
		return `http-get ${prefix}${host}:${String(port)}${path}`;
	}

	if (probe.tcpSocket) return `tcp-socket ${probe.tcpSocket.host ?? ''}:${String(probe.tcpSocket.port ?? '')}`;
	if (probe.exec) return `exec [${(probe.exec.command ?? []).join(' ')}]`;
	if (probe.grpc) return `grpc <pod>:${probe.grpc.port ?? ''} ${probe.grpc.service ?? ''}`.trimEnd();
	return 'unknown';
}

/**
 * "http-get http://:8080/ delay=5s timeout=1s period=10s #success=1 #failure=3",
 * exactly kubectl's; `short` leaves out http:// and the attributes at their defaults.
 */
export function describeProbe(probe: Probe, options: {short?: boolean} = {}): string {
	const timeout = probe.timeoutSeconds ?? defaults.timeoutSeconds;
	const success = probe.successThreshold ?? defaults.successThreshold;
	const failure = probe.failureThreshold ?? defaults.failureThreshold;
	const show = (value: number, fallback: number) => !options.short || value !== fallback;
	const attributes = [`delay=${probe.initialDelaySeconds ?? 0}s`];
	if (show(timeout, defaults.timeoutSeconds)) attributes.push(`timeout=${timeout}s`);
	attributes.push(`period=${probe.periodSeconds ?? defaults.periodSeconds}s`);
	if (show(success, defaults.successThreshold)) attributes.push(`#success=${success}`);
	if (show(failure, defaults.failureThreshold)) attributes.push(`#failure=${failure}`);
	return `${handler(probe, options.short === true)} ${attributes.join(' ')}`;
}

/**
 * One phrase per container: "liveness http-get … · readiness http-get …", or
 * "liveness, readiness http-get …" when they are the same probe (as the lab
 * has it), or "no liveness or readiness probe".
 */
export function probeSummary(container: Container): string {
	const liveness = container.livenessProbe && describeProbe(container.livenessProbe, {short: true});
	const readiness = container.readinessProbe && describeProbe(container.readinessProbe, {short: true});
	if (!liveness && !readiness) return 'no liveness or readiness probe';
	if (liveness === readiness) return `liveness, readiness ${liveness}`;
	return [liveness && `liveness ${liveness}`, readiness && `readiness ${readiness}`].filter(Boolean).join(' · ');
}
