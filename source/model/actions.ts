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

export interface LabActions {
	scale(deployment: DeploymentRef, replicas: number): Promise<string>;
	setResources(deployment: DeploymentRef, container: string, resources: ContainerResources): Promise<string>;
	renameContainer(deployment: DeploymentRef, from: string, to: string): Promise<string>;
	/** Undo to the previous revision, or to `toRevision` when given. */
	undo(deployment: DeploymentRef, toRevision?: number): Promise<string>;
}
