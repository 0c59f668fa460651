// The edits a key can make. The kube layer implements them against the API;
// component tests pass recorders. Each resolves to the line to show the user
// (kubectl's wording where kubectl has one) and rejects with an Error whose
// message is fit to show as-is (the server's reason, never a stack trace).

export interface DeploymentRef {
	namespace: string;
	name: string;
}

export interface ContainerResources {
	cpuRequest?: string;
	memoryRequest?: string;
	cpuLimit?: string;
	memoryLimit?: string;
}

/** An HTTP GET probe as the lab writes it; `undefined` for a probe removes it. */
export interface HttpProbe {
	path: string;
	/** A number, or the name of one of the container's ports. */
	port: number | string;
	initialDelaySeconds?: number;
	periodSeconds?: number;
	failureThreshold?: number;
}

export interface ContainerProbes {
	liveness?: HttpProbe;
	readiness?: HttpProbe;
}

export interface LabActions {
	scale(deployment: DeploymentRef, replicas: number): Promise<string>;
	setResources(deployment: DeploymentRef, container: string, resources: ContainerResources): Promise<string>;
	renameContainer(deployment: DeploymentRef, from: string, to: string): Promise<string>;
	/** Undo to the previous revision, or to `toRevision` when given. */
	undo(deployment: DeploymentRef, toRevision?: number): Promise<string>;
	/** Lab part 5: a misspelled image. */
	setImage?(deployment: DeploymentRef, container: string, image: string): Promise<string>;
	/** Lab part 2 (and 5): liveness and readiness probes; both are written, an absent one is removed. */
	setProbes?(deployment: DeploymentRef, container: string, probes: ContainerProbes): Promise<string>;
	/**
	 * Lab part 4: the node group's desired size. Only the sandbox can do this
	 * (on EKS it is the cloud console's job), so it is absent elsewhere.
	 */
	setNodeGroupSize?(nodes: number): Promise<string>;
}
