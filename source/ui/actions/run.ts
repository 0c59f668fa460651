// Helpers every action shares: messages, running an edit, naming the Deployment.
import type {DeploymentRef} from '../../model/actions.js';
import type {Deployment} from '../../model/types.js';
import type {Message, MessageSituation} from '../state/uiState.js';
import type {Controller} from './context.js';

export function notice(ctx: Controller, tone: Message['tone'], text: string, situation?: MessageSituation): void {
	ctx.store.dispatch({type: 'notice', message: situation ? {tone, text, while: situation} : {tone, text}});
}

export function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** Run an edit: show what is happening, then the API's answer (or its error, which stays). */
export function runAction(ctx: Controller, text: string, start: () => Promise<string>): void {
	const seq = ctx.store.getState().actionSeq + 1;
	ctx.store.dispatch({type: 'actionStarted', seq, text});
	let promise: Promise<string>;
	try {
		promise = start();
	} catch (error) {
		promise = Promise.reject(error);
	}

	promise.then(
		message => {
			ctx.store.dispatch({type: 'actionSettled', seq, message: {tone: 'success', text: message}});
		},
		(error: unknown) => {
			ctx.store.dispatch({type: 'actionSettled', seq, message: {tone: 'error', text: errorMessage(error)}});
		},
	);
}

export function deploymentRef(deployment: Deployment): DeploymentRef {
	return {namespace: deployment.metadata.namespace ?? '', name: deployment.metadata.name ?? ''};
}

/** The Deployment an edit acts on, or a notice (kept while there is none) saying there is none to `label`. */
export function needDeployment(ctx: Controller, label: string): Deployment | undefined {
	const view = ctx.view();
	if (!view.deployment) {
		notice(ctx, 'warning', `no deployment in ${view.namespace || 'any namespace'} to ${label}`, 'noDeployment');
	}

	return view.deployment;
}

export function switchTo(ctx: Controller, target: {context?: string; namespace?: string}): void {
	const {switchTo: reconnect} = ctx.view();
	if (!reconnect) {
		notice(ctx, 'warning', 'switching is not possible here');
		return;
	}

	try {
		reconnect(target);
	} catch (error) {
		// A context the kubeconfig does not have, or one that cannot be resolved: the view stays as it was.
		notice(ctx, 'error', errorMessage(error));
	}
}
