// The sandbox's switch for lab part 2 on a running pod: an annotation its
// simulated kubelet (source/sandbox/stages.ts) reads as "this pod's app fails
// its readiness probe". Here, not in the sandbox, because the view shows the
// kubectl command that flips it, so the concept carries over.

/** Set to "true" on a running pod, its simulated app answers the readiness probe with 503. */
export const failReadinessAnnotation = 'k8slab.sandbox/fail-readiness';

/** The kubectl command that makes the pod fail its readiness probe, or pass it again. */
export function kubectlEquivalent(pod: {namespace: string; name: string}, fail: boolean): string {
	return `kubectl annotate pod ${pod.name} -n ${pod.namespace} ${failReadinessAnnotation}${fail ? '=true --overwrite' : '-'}`;
}
