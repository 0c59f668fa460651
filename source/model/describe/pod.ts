// kubectl describe pod.
import {controllerOf, rfc1123, since, writeAnnotations, writeEvents, writeLabels, type Loose} from './common.js';
import {writeContainers, writeTolerations, writeVolumes} from './containers.js';
import {DescribeWriter} from './tabwriter.js';

/** qos.GetPodQOS, for a pod whose status does not say. */
function qosClass(pod: Loose): string {
	if (pod.status?.qosClass) return pod.status.qosClass;
	const containers: Loose[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
	let any = false;
	let guaranteed = true;
	for (const container of containers) {
		const requests = container.resources?.requests ?? {};
		const limits = container.resources?.limits ?? {};
		if (Object.keys(requests).length > 0 || Object.keys(limits).length > 0) any = true;
		for (const name of ['cpu', 'memory']) {
			if (limits[name] === undefined || (requests[name] !== undefined && String(requests[name]) !== String(limits[name]))) guaranteed = false;
		}
	}
	if (!any) return 'BestEffort';
	return guaranteed ? 'Guaranteed' : 'Burstable';
}

export function describePod(pod: Loose, events: readonly Loose[] | undefined, now: number): string {
	const w = new DescribeWriter();
	const spec = pod.spec ?? {};
	const status = pod.status ?? {};
	w.write(0, `Name:\t${pod.metadata?.name ?? ''}\n`);
	w.write(0, `Namespace:\t${pod.metadata?.namespace ?? ''}\n`);
	if (spec.priority !== undefined && spec.priority !== null) w.write(0, `Priority:\t${spec.priority}\n`);
	if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
	if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
	if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
	w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
	if (status.startTime) w.write(0, `Start Time:\t${rfc1123(status.startTime)}\n`);
	writeLabels(w, 'Labels', pod.metadata?.labels);
	writeAnnotations(w, 'Annotations', pod.metadata?.annotations);
	if (pod.metadata?.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
		w.write(0, `Status:\tTerminating (lasts ${since(pod.metadata.deletionTimestamp, now)})\n`);
		w.write(0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
	} else {
		w.write(0, `Status:\t${status.phase ?? ''}\n`);
	}
	if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
	if (status.message) w.write(0, `Message:\t${status.message}\n`);
	if (spec.securityContext?.seccompProfile) w.write(0, `SeccompProfile:\t${spec.securityContext.seccompProfile.type}\n`);
	w.write(0, `IP:\t${status.podIP ?? ''}\n`);
	const ips: Loose[] = status.podIPs ?? [];
	if (ips.length === 0) w.write(0, 'IPs:\t<none>\n');
	else {
		w.write(0, 'IPs:\n');
		for (const ip of ips) w.write(1, `IP:\t${ip.ip}\n`);
	}
	const controller = controllerOf(pod);
	if (controller) w.write(0, `Controlled By:\t${controller}\n`);
	if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
	if ((spec.initContainers ?? []).length > 0) writeContainers(w, 'Init Containers', spec.initContainers, status.initContainerStatuses ?? []);
	writeContainers(w, 'Containers', spec.containers ?? [], status.containerStatuses ?? []);
	if ((spec.readinessGates ?? []).length > 0) {
		w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
		for (const gate of spec.readinessGates) {
			const condition = (status.conditions ?? []).find((each: Loose) => each.type === gate.conditionType);
			w.write(1, `${gate.conditionType} \t${condition ? condition.status : '<none>'} \n`);
		}
	}
	const conditions: Loose[] = status.conditions ?? [];
	if (conditions.length > 0) {
		w.write(0, 'Conditions:\n  Type\tStatus\n');
		for (const condition of conditions) w.write(1, `${condition.type} \t${condition.status} \n`);
	}
	writeVolumes(w, spec.volumes);
	w.write(0, `QoS Class:\t${qosClass(pod)}\n`);
	writeLabels(w, 'Node-Selectors', spec.nodeSelector);
	writeTolerations(w, 'Tolerations', spec.tolerations);
	writeEvents(w, events, now);
	return w.toString();
}
