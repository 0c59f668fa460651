// kwok's Logs kind (kwok.x-k8s.io/v1alpha1): which file kwok serves as a
// container's log, and as its previous container's. The sandbox creates one
// per pod as the pod runs (podLogWriter.ts); kwok watches them
// (--enable-crds=Logs) and answers the API server's containerLogs requests
// from those files, as a kubelet would from the container runtime's.
// The CustomResourceDefinition is kwok v0.8.0's
// (kustomize/crd/bases/kwok.x-k8s.io_logs.yaml), descriptions left out.

export const logsCrd = {
	apiVersion: 'apiextensions.k8s.io/v1',
	kind: 'CustomResourceDefinition',
	metadata: {
		annotations: {
			'controller-gen.kubebuilder.io/version': 'v0.19.0',
		},
		name: 'logs.kwok.x-k8s.io',
	},
	spec: {
		group: 'kwok.x-k8s.io',
		names: {
			kind: 'Logs',
			listKind: 'LogsList',
			plural: 'logs',
			singular: 'logs',
		},
		scope: 'Namespaced',
		versions: [
			{
				name: 'v1alpha1',
				schema: {
					openAPIV3Schema: {
						properties: {
							apiVersion: {
								type: 'string',
							},
							kind: {
								type: 'string',
							},
							metadata: {
								type: 'object',
							},
							spec: {
								properties: {
									logs: {
										items: {
											properties: {
												containers: {
													items: {
														type: 'string',
													},
													type: 'array',
												},
												follow: {
													type: 'boolean',
												},
												logsFile: {
													type: 'string',
												},
												previousLogsFile: {
													type: 'string',
												},
											},
											type: 'object',
										},
										type: 'array',
									},
								},
								required: ['logs'],
								type: 'object',
							},
							status: {
								properties: {
									conditions: {
										items: {
											properties: {
												lastTransitionTime: {
													format: 'date-time',
													type: 'string',
												},
												message: {
													maxLength: 32768,
													type: 'string',
												},
												reason: {
													maxLength: 1024,
													minLength: 1,
													pattern: '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$',
													type: 'string',
												},
												status: {
													type: 'string',
												},
												type: {
													maxLength: 316,
													pattern: '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$',
													type: 'string',
												},
											},
											required: ['lastTransitionTime', 'message', 'reason', 'status', 'type'],
											type: 'object',
										},
										type: 'array',
										'x-kubernetes-list-map-keys': ['type'],
										'x-kubernetes-list-type': 'map',
									},
								},
								type: 'object',
							},
						},
						required: ['metadata', 'spec'],
						type: 'object',
					},
				},
				served: true,
				storage: true,
				subresources: {
					status: {},
				},
			},
		],
	},
};

export const logsApi = '/apis/kwok.x-k8s.io/v1alpha1';

/** A pod's Logs object: each container's file and previous file; the pod owns it, so it goes when the pod does. */
export function podLogsObject(pod: {metadata: {name: string; namespace: string; uid: string}}, containers: ReadonlyArray<{name: string; file: string; previousFile: string}>): object {
	return {
		apiVersion: 'kwok.x-k8s.io/v1alpha1',
		kind: 'Logs',
		metadata: {
			name: pod.metadata.name,
			namespace: pod.metadata.namespace,
			ownerReferences: [{apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name, uid: pod.metadata.uid}],
		},
		spec: {logs: containers.map(container => ({containers: [container.name], logsFile: container.file, previousLogsFile: container.previousFile, follow: true}))},
	};
}
