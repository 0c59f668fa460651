// The split-pane live view: pods, nodes, rollout and events at once, so the
// cause (no free pod slot) and the effect (a Pending pod, a stuck rollout)
// are on the same screen.
import {Box, useApp, useInput, type Key} from 'ink';
import {useCallback, useMemo, useRef, useState, useSyncExternalStore} from 'react';
import type {LabActions} from '../model/actions.js';
import type {ClusterSource, ConnectionInfo, CredentialWait} from '../model/cluster.js';
import {capacitySummary, deploymentsIn, eventRows, nodeRows, pickDeployment, podRows, revisionTemplate, rolloutView} from '../model/index.js';
import type {EventRow} from '../model/view.js';
import type {Theme} from '../../themes/index.js';
import {Footer} from './components/Footer.js';
import {HelpOverlay} from './components/HelpOverlay.js';
import {MessageLine} from './components/MessageLine.js';
import {PromptView} from './components/PromptView.js';
import {StatusLine} from './components/StatusLine.js';
import {FilterLine} from './components/FilterLine.js';
import {TooSmall} from './components/TooSmall.js';
import {handleInput, type Controller, type FrameView} from './controller.js';
import {commands, isAvailable} from './keys.js';
import {useClock} from './hooks/useClock.js';
import {useClusterSnapshot} from './hooks/useClusterSnapshot.js';
import {useStore} from './hooks/useStore.js';
import {useTerminalSize} from './hooks/useTerminalSize.js';
import {fitsMinimum, layout} from './layout.js';
import {EventsPane} from './panes/EventsPane.js';
import {NodesPane} from './panes/NodesPane.js';
import {PodsPane} from './panes/PodsPane.js';
import {RolloutPane} from './panes/RolloutPane.js';
import {connectionState} from './state/connection.js';
import {createStore} from './state/store.js';
import {initialUiState, messageHolds, uiReducer} from './state/uiState.js';
import {selectedIndexes} from './state/selection.js';
import {ThemeContext} from './theme.js';

export interface AppProps {
	source: ClusterSource;
	actions: LabActions;
	connection: ConnectionInfo;
	/** Whether requests wait on a credential plugin, shown on the status line. */
	credentials?: CredentialWait;
	/** The focused namespace (the `a` key toggles between it and all namespaces). */
	namespace: string;
	deployment?: string;
	readonly?: boolean;
	theme: Theme;
	initialAllNamespaces?: boolean;
	/** Override the terminal size (snapshot mode, tests). */
	width?: number;
	height?: number;
	/** Redraw limit for cluster changes. */
	maxFps?: number;
	/** The clock ages are measured against (tests pin it). */
	now?: () => number;
	/** How often ages are re-read from the clock; 0 stops the clock (default 2 s). */
	clockIntervalMs?: number;
	/** Called instead of Ink's exit (tests). */
	onExit?: () => void;
}

const noCredentialWait: CredentialWait = {waitingFor: () => undefined, subscribe: () => () => undefined};

function matchesFilter(row: EventRow, needle: string): boolean {
	return (
		row.object.toLowerCase().includes(needle) ||
		row.reason.toLowerCase().includes(needle) ||
		row.message.toLowerCase().includes(needle) ||
		row.namespace.toLowerCase().includes(needle)
	);
}

export function App(props: AppProps) {
	const {source, actions, connection, namespace, readonly = false, theme} = props;
	const {exit} = useApp();
	const [store] = useState(() => createStore(uiReducer, initialUiState({deployment: props.deployment, allNamespaces: props.initialAllNamespaces ?? true})));
	const state = useStore(store);
	const snapshot = useClusterSnapshot(source, {maxFps: props.maxFps ?? 10});
	const size = useTerminalSize(props.width, props.height);
	// Ticks on its own so ages advance while nothing else changes; keys and watch updates leave it alone, so the memoized panes skip re-rendering for them.
	const now = useClock(props.now ?? Date.now, props.clockIntervalMs, snapshot);

	const shownNamespace = state.allNamespaces ? undefined : namespace;
	const pods = useMemo(() => podRows(snapshot, {namespace: shownNamespace, filter: state.filter}), [snapshot.objects.pods, snapshot.objects.events, shownNamespace, state.filter]);
	const allEvents = useMemo(() => eventRows(snapshot, {namespace: shownNamespace}), [snapshot.objects.events, shownNamespace]);
	const events = useMemo(() => {
		const needle = state.filter.trim().toLowerCase();
		return needle ? allEvents.filter(row => matchesFilter(row, needle)) : allEvents;
	}, [allEvents, state.filter]);
	const nodes = useMemo(() => nodeRows(snapshot), [snapshot.objects.pods, snapshot.objects.nodes]);
	const summary = useMemo(() => capacitySummary(nodes), [nodes]);
	const deployments = useMemo(() => deploymentsIn(snapshot, namespace), [snapshot.objects.deployments, namespace]);
	const deployment = useMemo(() => pickDeployment(deployments, namespace, state.deployment), [deployments, namespace, state.deployment]);
	const rollout = useMemo(() => (deployment ? rolloutView(deployment, snapshot.objects.replicasets) : undefined), [deployment, snapshot.objects.replicasets]);
	const revisions = rollout?.revisions ?? [];
	const deploymentNames = useMemo(() => deployments.map(d => d.metadata.name ?? ''), [deployments]);
	const unavailable = useMemo(() => new Set(commands.filter(command => !isAvailable(command, actions)).map(command => command.id)), [actions]);

	const selected = selectedIndexes({pods, events, nodes, revisions}, state.selection);

	const frame = layout(size.columns, size.rows, state.zoomed ? state.focus : undefined);
	const tooSmall = !fitsMinimum(size.columns, size.rows);
	const view: FrameView = {
		tooSmall,
		pods,
		events,
		nodes,
		revisions,
		pageSize: {
			pods: Math.max(1, (frame.panes.pods?.height ?? 3) - 3),
			events: Math.max(1, (frame.panes.events?.height ?? 3) - 3),
			nodes: Math.max(1, Math.floor(((frame.panes.nodes?.height ?? 3) - 3) / 2)),
			rollout: Math.max(1, (frame.panes.rollout?.height ?? 3) - 8),
		},
		deployment,
		rollout,
		deploymentNames,
		namespace,
		revisionTemplate: revision => (deployment ? revisionTemplate(deployment, snapshot.objects.replicasets, revision) : undefined),
	};
	const viewRef = useRef(view);
	viewRef.current = view;

	const controller: Controller = {
		store,
		view: () => viewRef.current,
		actions,
		readonly,
		exit: props.onExit ?? exit,
	};
	const controllerRef = useRef(controller);
	controllerRef.current = controller;
	// One stable handler, so Ink does not re-subscribe to stdin on every frame.
	const onInput = useCallback((input: string, key: Key) => {
		handleInput(controllerRef.current, input, key);
	}, []);
	useInput(onInput);

	const {sync, health} = snapshot;
	const namespaceMissing = snapshot.missingNamespace !== undefined && snapshot.missingNamespace === namespace;
	const credentials = props.credentials ?? noCredentialWait;
	const subscribeCredentials = useMemo(() => credentials.subscribe.bind(credentials), [credentials]);
	const readCredentials = useMemo(() => () => credentials.waitingFor(), [credentials]);
	const waitingFor = useSyncExternalStore(subscribeCredentials, readCredentials);
	const connectionLine = useMemo(() => connectionState(sync, health, waitingFor), [sync, health, waitingFor]);
	const {prompt} = state;
	const {pods: podsBox, nodes: nodesBox, rollout: rolloutBox, events: eventsBox} = frame.panes;

	if (tooSmall) {
		// The UI state (focus, prompt, filter) is kept: enlarging the terminal brings it all back.
		return (
			<ThemeContext.Provider value={theme}>
				<TooSmall columns={size.columns} rows={size.rows} />
			</ThemeContext.Provider>
		);
	}

	return (
		<ThemeContext.Provider value={theme}>
			<Box flexDirection="column" width={size.columns} height={frame.height} overflowY="hidden">
				<StatusLine
					connection={connection}
					state={connectionLine}
					namespace={namespace}
					deployment={deployment?.metadata.name}
					readonly={readonly}
					width={size.columns}
				/>
				<Box flexDirection="column" width={size.columns} height={frame.bodyHeight}>
					{podsBox ? (
						<PodsPane rows={pods} selected={selected.pods} width={podsBox.width} height={podsBox.height} focused={state.focus === 'pods'} namespace={shownNamespace} namespaceMissing={namespaceMissing} filter={state.filter} sync={sync.pods} now={now} />
					) : null}
					{nodesBox || rolloutBox ? (
						<Box flexDirection="row">
							{nodesBox ? <NodesPane rows={nodes} summary={summary} selected={selected.nodes} width={nodesBox.width} height={nodesBox.height} focused={state.focus === 'nodes'} sync={sync.nodes} /> : null}
							{rolloutBox ? (
								<RolloutPane
									rollout={rollout}
									deployment={deployment}
									namespace={namespace}
									namespaceMissing={namespaceMissing}
									selected={selected.rollout}
									width={rolloutBox.width}
									height={rolloutBox.height}
									focused={state.focus === 'rollout'}
									sync={sync.deployments}
									historySync={sync.replicasets}
								/>
							) : null}
						</Box>
					) : null}
					{eventsBox ? (
						<EventsPane rows={events} selected={selected.events} width={eventsBox.width} height={eventsBox.height} focused={state.focus === 'events'} namespace={shownNamespace} namespaceMissing={namespaceMissing} filter={state.filter} sync={sync.events} now={now} />
					) : null}
					{prompt?.kind === 'help' ? <HelpOverlay areaWidth={size.columns} areaHeight={frame.bodyHeight} readonly={readonly} unavailable={unavailable} /> : null}
					{prompt && prompt.kind !== 'help' && prompt.kind !== 'filter' ? <PromptView prompt={prompt} areaWidth={size.columns} areaHeight={frame.bodyHeight} /> : null}
				</Box>
				{prompt?.kind === 'filter' ? <FilterLine field={prompt.field} width={size.columns} /> : <MessageLine message={state.message && messageHolds(state.message, view) ? state.message : undefined} width={size.columns} />}
				<Footer readonly={readonly} unavailable={unavailable} width={size.columns} />
			</Box>
		</ThemeContext.Provider>
	);
}
