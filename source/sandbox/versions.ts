// Pinned component versions. The build cache is keyed by these, so bumping a
// pin (here and in components/*/go.mod) rebuilds exactly once.
export const kubernetesVersion = 'v1.34.4';
export const etcdVersion = 'v3.6.16';
export const kwokVersion = 'v0.8.0';
/** Oldest Go that builds every pinned component (kwok and etcd declare go 1.26.0). */
export const minimumGo = {major: 1, minor: 26};

export const componentNames = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok'] as const;
export type ComponentName = (typeof componentNames)[number];

export function cacheKey(): string {
	return `k8s-${kubernetesVersion}_etcd-${etcdVersion}_kwok-${kwokVersion}`;
}
