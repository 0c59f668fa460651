// kubectl describe service, its endpoints read from the Service's EndpointSlices.
import {formatLabels, writeAnnotations, writeEvents, writeLabels, type Loose} from './common.js';
import {DescribeWriter} from './tabwriter.js';

/** formatEndpointSlices: the first three address:port, then "+ N more...". */
function endpoints(slices: readonly Loose[] | undefined, port: Loose): string {
	if (!slices || slices.length === 0) return '<none>';
	const max = 3;
	const list: string[] = [];
	let count = 0;
	for (const slice of slices) {
		const ports: Loose[] = (slice.ports ?? []).filter((each: Loose) => (each.name ?? '') === (port.name ?? ''));
		for (const each of ports) {
			for (const endpoint of slice.endpoints ?? []) {
				const address = String(endpoint.addresses?.[0] ?? '');
				if (list.length < max) list.push(address.includes(':') ? `[${address}]:${each.port}` : `${address}:${each.port}`);
				count++;
			}
		}
	}
	const text = list.join(',');
	return count > max ? `${text} + ${count - max} more...` : text || '<none>';
}

export function describeService(service: Loose, related: {events?: readonly Loose[]; endpointSlices?: readonly Loose[]}, now: number): string {
	const w = new DescribeWriter();
	const spec = service.spec ?? {};
	w.write(0, `Name:\t${service.metadata?.name ?? ''}\n`);
	w.write(0, `Namespace:\t${service.metadata?.namespace ?? ''}\n`);
	writeLabels(w, 'Labels', service.metadata?.labels);
	writeAnnotations(w, 'Annotations', service.metadata?.annotations);
	w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
	w.write(0, `Type:\t${spec.type ?? ''}\n`);
	if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
	if ((spec.ipFamilies ?? []).length > 0) w.write(0, `IP Families:\t${spec.ipFamilies.join(',')}\n`);
	w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`);
	if ((spec.clusterIPs ?? []).length > 0) w.write(0, `IPs:\t${spec.clusterIPs.join(',')}\n`);
	if ((spec.externalIPs ?? []).length > 0) w.write(0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
	if (spec.loadBalancerIP) w.write(0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
	if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
	const ingress: Loose[] = service.status?.loadBalancer?.ingress ?? [];
	if (ingress.length > 0) w.write(0, `LoadBalancer Ingress:\t${ingress.map(each => each.ip || each.hostname).join(', ')}\n`);
	for (const port of spec.ports ?? []) {
		const name = port.name || '<unset>';
		const protocol = port.protocol ?? 'TCP';
		w.write(0, `Port:\t${name}\t${port.port}/${protocol}\n`);
		w.write(0, `TargetPort:\t${port.targetPort ?? port.port}/${protocol}\n`);
		if (port.nodePort) w.write(0, `NodePort:\t${name}\t${port.nodePort}/${protocol}\n`);
		w.write(0, `Endpoints:\t${endpoints(related.endpointSlices, port)}\n`);
	}
	w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
	if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
	if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
	if (spec.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
	writeEvents(w, related.events, now);
	return w.toString();
}
