// What the four container edits (requests, rename, image, probes) share: they
// apply to a container of the lab's Deployment's pod template, ask which one
// when there are several, and send only what changed, pinned to what was shown.
import type {ContainerAction, DeploymentRef} from '../../model/actions.js';
import {resourceFormValues} from '../../model/containerEdits.js';
import type {FieldChange} from '../../model/fieldChanges.js';
import type {Container, Deployment} from '../../model/types.js';
import type {Prompt} from '../state/uiState.js';
import type {Controller} from './context.js';
import {deploymentRef, needDeployment, notice, runAction} from './run.js';

/** The kind the container edits apply to: the Deployment the lab view follows. */
export const kinds = [{group: 'apps', plural: 'deployments'}] as const;

/** Builds a container edit's prompt, prefilled from the container. */
export type ContainerPrompt = (deployment: Deployment, container: Container) => Prompt;

export function templateContainers(deployment: Deployment): Container[] {
	return deployment.spec?.template?.spec?.containers ?? [];
}

/** Open the prompt for one container of the Deployment's template, by name. */
export function openContainerPrompt(ctx: Controller, deployment: Deployment, name: string, make: ContainerPrompt): void {
	const container = templateContainers(deployment).find(c => c.name === name);
	if (!container) {
		notice(ctx, 'warning', `deployment/${deployment.metadata.name ?? ''} has no container ${name}`);
		return;
	}

	ctx.store.dispatch({type: 'openPrompt', prompt: make(deployment, container)});
}

/** `r`, `c`, `i` and `p`: straight to the prompt for a single container, else ask which one first. */
export function chooseContainer(ctx: Controller, label: string, action: ContainerAction, make: ContainerPrompt): void {
	const deployment = needDeployment(ctx, label);
	if (!deployment) {
		return;
	}

	const containers = templateContainers(deployment);
	const names = containers.map(c => c.name);
	const [only] = names;
	if (only === undefined) {
		notice(ctx, 'warning', `deployment/${deployment.metadata.name ?? ''} has no containers`);
		return;
	}

	if (names.length === 1) {
		openContainerPrompt(ctx, deployment, only, make);
		return;
	}

	const choices = containers.map(c => {
		const {cpuRequest, memoryRequest} = resourceFormValues(c);
		return {image: c.image ?? '', requests: `cpu ${cpuRequest || '-'} mem ${memoryRequest || '-'}`};
	});
	ctx.store.dispatch({type: 'openPrompt', prompt: {kind: 'containers', ref: deploymentRef(deployment), action, names, choices, index: 0}});
}

const unchangedWords: Record<ContainerAction, string> = {resources: 'the requests and limits', probes: 'the probes', image: 'the image', rename: 'the container name'};

/** Sends only what the user changed, guarded by what the prompt showed; an unchanged prompt sends nothing and says so. */
export function submitContainerEdit(ctx: Controller, prompt: {ref: DeploymentRef; seen: Container}, action: ContainerAction, changes: FieldChange[], doing: string): void {
	ctx.store.dispatch({type: 'closePrompt'});
	if (changes.length === 0) {
		notice(ctx, 'info', `nothing changed: ${unchangedWords[action]} of ${prompt.ref.name} (container ${prompt.seen.name}) are as they were; nothing was sent`);
		return;
	}

	runAction(ctx, doing, async () => ctx.actions.editContainer(prompt.ref, {action, container: prompt.seen.name, changes}));
}
