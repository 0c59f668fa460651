// One connection at a time, and the switch to another: `:ctx NAME` and
// `:ns NAME` stop the current watches and credentials, and connect anew with
// the same kubeconfig (and the sandbox's own edits where it is the sandbox).
import {connect, resolveConfig, type ConfigFlags, type Connection, type ResolvedConfig} from '../kube/config.js';
import type {LabActions} from '../model/actions.js';
import {labActions} from './sandboxActions.js';

export interface SessionOptions {
	/** Where the kubeconfig comes from (the same on every switch). */
	kubeconfig?: string;
	/** The sandbox's dir, for its node group edit; only while the context is the sandbox's own. */
	sandboxDir?: string;
	connect?: Parameters<typeof connect>[1];
}

export interface Connected extends Omit<Connection, 'actions'> {
	config: ResolvedConfig;
	actions: LabActions;
	/** Contexts in the kubeconfig, for `:ctx`. */
	contexts: string[];
}

export class Session {
	current: Connected;
	private readonly sandboxContext: string | undefined;

	constructor(
		config: ResolvedConfig,
		private readonly options: SessionOptions,
	) {
		this.sandboxContext = options.sandboxDir ? config.connection.context : undefined;
		this.current = this.open(config);
	}

	private open(config: ResolvedConfig): Connected {
		const connection = connect(config, this.options.connect);
		const sandboxDir = config.connection.context === this.sandboxContext ? this.options.sandboxDir : undefined;
		return {...connection, config, actions: labActions(connection.client, sandboxDir), contexts: config.kubeConfig.getContexts().map(context => context.name)};
	}

	/**
	 * Connects to another context and/or namespace, and stops the old connection
	 * once the new one is resolved. A bad name throws and leaves the current one as it was.
	 */
	switchTo(target: {context?: string; namespace?: string}): Connected {
		const flags: ConfigFlags = {
			kubeconfig: this.options.kubeconfig,
			context: target.context ?? this.current.config.connection.context,
			// A new context starts in its own namespace, as kubectl does; :ns keeps the context.
			namespace: target.namespace ?? (target.context ? undefined : this.current.config.namespace),
		};
		const next = this.open(resolveConfig(flags));
		this.stop();
		next.store.start();
		this.current = next;
		return next;
	}

	stop(): void {
		this.current.store.stop();
		this.current.client.stop();
	}
}
