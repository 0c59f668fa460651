// The split-pane live view: pods, nodes, rollout and events at once, so the
// cause (no free pod slot) and the effect (a Pending pod, a stuck rollout)
// are on the same screen.
import {Box, useApp, useInput, useStdout, type Key} from 'ink';
import {trace, tracing} from '../trace.js';
import {Fragment, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore} from 'react';
import type {LabActions} from '../model/actions.js';
import type {ClusterSource, ConnectionInfo, CredentialWait} from '../model/cluster.js';
import {capacitySummary, deploymentsIn, revisionPodTemplate, unscheduledDemand, eventRows, nodeRows, pickDeployment, podRows, revisionTemplate, rolloutView} from '../model/index.js';
import type {EventRow} from '../model/view.js';
import {parseCommandLine} from '../model/commandLine.js';
import {deploymentServices, outOfServiceNotes, snapshotEndpoints} from '../model/services.js';
import {rolloutSteps} from '../model/rolloutSteps.js';
import {kindKey, type ApiResource} from '../model/kinds.js';
import {sortDisplayRows, sortPodRows, type SortOrder} from '../model/sortRows.js';
import {fallbackColumns, tableView, type TableRow, type TableView} from '../model/table.js';
import {declaredKind, labKinds} from '../kinds/index.js';
import {CommandLine} from './components/CommandLine.js';
import type {Theme} from '../../themes/index.js';
import {Footer} from './components/Footer.js';
import {HelpOverlay, helpLayout} from './components/HelpOverlay.js';
import {LabProgressOverlay} from './components/LabProgressOverlay.js';
import {labProgress} from '../model/labProgress.js';
import {MessageLine} from './components/MessageLine.js';
import {PromptView} from './components/PromptView.js';
import {StatusLine} from './components/StatusLine.js';
import {FilterLine} from './components/FilterLine.js';
import {TooSmall} from './components/TooSmall.js';
import type {ObjectEditor} from './actions/context.js';
import {discoveryAnswered, handleInput, type Controller, type FrameView} from './controller.js';
import {commands, isAvailable} from './keys.js';
import {useClock} from './hooks/useClock.js';
import {useClusterSnapshot} from './hooks/useClusterSnapshot.js';
import {useStore} from './hooks/useStore.js';
import {useTerminalSize} from './hooks/useTerminalSize.js';
import {useLogStream} from './hooks/useLogStream.js';
import {LogsView, logRowsHeight} from './views/LogsView.js';
import {fitsMinimum, layout} from './layout.js';
import {connectionState} from './state/connection.js';
import {createStore} from './state/store.js';
import {initialUiState, messageHolds, uiReducer} from './state/uiState.js';
import {selectedIndex} from './state/selection.js';
import {labPanes, pageSizeOf, type KindView, type PaneDeclaration, type PaneFrame} from './panes/index.js';
import {ThemeContext} from './theme.js';
import {InspectView, inspectPageSize} from './views/InspectView.js';
import {inspectLines, plainText} from './views/inspectText.js';
import {useInspected} from './views/useInspected.js';

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
	/** The kubeconfig's contexts, for `:ctx`. */
	contexts?: readonly string[];
	/** Reconnects to another context or namespace (`:ctx`, `:ns`); the view is then drawn anew. */
	onSwitch?: (target: {context?: string; namespace?: string}) => void;
	/** A `:` command to open with (`-c/--command KIND`). */
	initialCommand?: string;
	/** Open with the lab's steps shown (`k8slab lab`), as L does. */
	initialLabProgress?: boolean;
	/** The panes and their order (default: the lab's, source/ui/panes). */
	panes?: readonly PaneDeclaration[];
	/** The user's editor, for `e`; it is handed the terminal while it runs (source/ui/run.tsx). */
	editor?: ObjectEditor;
}

const noCredentialWait: CredentialWait = {waitingFor: () => undefined, subscribe: () => () => undefined};

function sortedTable(table: TableView, order: SortOrder | undefined): TableView {
	return order ? {...table, rows: sortDisplayRows(table.rows, table.columns, order)} : table;
}

function matchesFilter(row: EventRow, needle: string): boolean {
	return row.object.toLowerCase().includes(needle) || row.reason.toLowerCase().includes(needle) || row.message.toLowerCase().includes(needle) || row.namespace.toLowerCase().includes(needle);
}

export function App(props: AppProps) {
	const {source, actions, connection, namespace, readonly = false, theme} = props;
	const {exit} = useApp();
	const panes = props.panes ?? labPanes;
	const [store] = useState(() => createStore(uiReducer, initialUiState({deployment: props.deployment, allNamespaces: props.initialAllNamespaces ?? true, panes, prompt: props.initialLabProgress ? {kind: 'labProgress'} : undefined})));
	const state = useStore(store);
	const snapshot = useClusterSnapshot(source, {maxFps: props.maxFps ?? 10});
	const size = useTerminalSize(props.width, props.height);
	// Ticks on its own so ages advance while nothing else changes; keys and watch updates leave it alone, so the memoized panes skip re-rendering for them.
	const now = useClock(props.now ?? Date.now, props.clockIntervalMs, snapshot);

	const shownNamespace = state.allNamespaces ? undefined : namespace;
	// eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the maps it reads, so a snapshot that changed other kinds reuses it
	const namespacePods = useMemo(() => podRows(snapshot, {namespace: shownNamespace, filter: state.filter}), [snapshot.objects.pods, snapshot.objects.events, shownNamespace, state.filter]);
	const pods = sortPodRows(namespacePods, state.sort);
	// eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the maps it reads, so a snapshot that changed other kinds reuses it
	const allEvents = useMemo(() => eventRows(snapshot, {namespace: shownNamespace}), [snapshot.objects.events, shownNamespace]);
	const events = useMemo(() => {
		const needle = state.filter.trim().toLowerCase();
		return needle ? allEvents.filter(row => matchesFilter(row, needle)) : allEvents;
	}, [allEvents, state.filter]);
	// eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the maps it reads, so a snapshot that changed other kinds reuses it
	const nodes = useMemo(() => nodeRows(snapshot), [snapshot.objects.pods, snapshot.objects.nodes]);
	// The room summary weighs the smallest Pending pod's requests, not only pod slots.
	const summary = useMemo(() => capacitySummary(nodes, unscheduledDemand(snapshot.objects.pods)), [nodes, snapshot.objects.pods]);
	// eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the maps it reads, so a snapshot that changed other kinds reuses it
	const deployments = useMemo(() => deploymentsIn(snapshot, namespace), [snapshot.objects.deployments, namespace]);
	const deployment = useMemo(() => pickDeployment(deployments, namespace, state.deployment), [deployments, namespace, state.deployment]);
	const rollout = useMemo(() => (deployment ? rolloutView(deployment, snapshot.objects.replicasets) : undefined), [deployment, snapshot.objects.replicasets]);
	const revisions = rollout?.revisions ?? [];
	const steps = useMemo(
		() => (deployment ? rolloutSteps(deployment, snapshot.objects.replicasets.values(), snapshot.objects.events.values(), snapshot.rolloutLog) : undefined),
		[deployment, snapshot.objects.replicasets, snapshot.objects.events, snapshot.rolloutLog],
	);
	// eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the map it reads
	const endpoints = useMemo(() => snapshotEndpoints(snapshot), [snapshot.objects['endpointslices']]);
	// eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the maps it reads
	const services = useMemo(() => (deployment ? deploymentServices(deployment, snapshot, endpoints) : []), [deployment, snapshot.objects['services'], endpoints]);
	const outOfService = useMemo(() => outOfServiceNotes(endpoints, snapshot.objects.events.values()), [endpoints, snapshot.objects.events]);
	const deploymentNames = useMemo(() => deployments.map(d => d.metadata.name ?? ''), [deployments]);
	const unavailable = useMemo(() => new Set(commands.filter(command => !isAvailable(command, actions)).map(command => command.id)), [actions]);

	// The server's kinds, asked for the first time the `:` line (or -c) needs them.
	const [resources, setResources] = useState<readonly ApiResource[]>();
	const discovering = useRef(false);
	const discover = useCallback(() => {
		if (discovering.current || !source.discover) return;
		discovering.current = true;
		source.discover().then(setResources, (error: unknown) => {
			discovering.current = false;
			store.dispatch({type: 'notice', message: {tone: 'error', text: `could not list the server's kinds: ${error instanceof Error ? error.message : String(error)}`}});
		});
	}, [source, store]);
	const initialCommand = useRef(props.initialCommand);
	useEffect(() => {
		if (initialCommand.current === undefined) return;
		if (!resources) {
			discover();
			return;
		}
		const typed = initialCommand.current;
		initialCommand.current = undefined;
		const command = parseCommandLine(typed, {resources, contexts: props.contexts ?? []});
		if (command.kind === 'resource') store.dispatch({type: 'showMain', main: {kind: 'resource', resource: command.resource, command: typed}});
		else if (command.kind === 'error') store.dispatch({type: 'notice', message: {tone: 'error', text: `-c ${typed}: ${command.message}${command.suggestions.length > 0 ? `; did you mean ${command.suggestions.join(', ')}?` : ''}`}});
	}, [resources, discover, store, props.contexts]);

	// A kind opened with `:` is watched while it is shown (and while an object of it is inspected, to come back to).
	const inspectView = state.main.kind === 'inspect' ? state.main : undefined;
	const logsMain = state.main.kind === 'logs' ? state.main : undefined;
	const main = inspectView ? inspectView.back : logsMain ? logsMain.back.main : state.main;
	const kindNamespace = main.kind === 'resource' && main.resource.namespaced && !state.allNamespaces ? namespace : '';
	// A kind declared with a hand-made row is already watched with the lab's kinds.
	const declared = main.kind === 'resource' ? declaredKind(labKinds, main.resource) : undefined;
	const handMade = declared?.table && snapshot.objects[declared.id] ? declared : undefined;
	useEffect(() => {
		if (main.kind !== 'resource' || handMade || !source.watchKind) return undefined;
		const watch = source.watchKind(main.resource, kindNamespace);
		return () => watch.release();
	}, [main, kindNamespace, source, handMade]);
	const nowRef = useRef(now);
	nowRef.current = now;
	const kindView = useMemo((): KindView | undefined => {
		if (main.kind !== 'resource') return undefined;
		const options = {allNamespaces: main.resource.namespaced && kindNamespace === '', now: nowRef.current, filter: state.filter};
		if (handMade?.table) {
			const table = sortedTable(tableView(handMade.table.columns, handMade.table.rows(snapshot, kindNamespace), options), state.sort);
			return {resource: main.resource, table, sync: snapshot.sync[handMade.id] ?? {state: 'connecting' as const, namespace: kindNamespace}, namespace: kindNamespace};
		}
		const key = kindKey(main.resource, kindNamespace);
		const objects = snapshot.objects[key] as ReadonlyMap<string, TableRow> | undefined;
		const table = sortedTable(tableView(snapshot.columns?.[key] ?? fallbackColumns, objects?.values() ?? [], options), state.sort);
		return {resource: main.resource, table, sync: snapshot.sync[key] ?? {state: 'connecting' as const, namespace: kindNamespace}, namespace: kindNamespace};
	}, [main, kindNamespace, snapshot, handMade, state.filter, state.sort]);
	// Only for completing `:ns`: a walk over every pod, so only while the `:` line is open, not on every pods change.
	const commandLineOpen = state.prompt?.kind === 'command';
	const seenNamespaces = useMemo(() => (commandLineOpen ? [...new Set([...snapshot.objects.pods.values()].map(pod => pod.metadata.namespace ?? ''))].sort() : []), [snapshot.objects.pods, commandLineOpen]);

	const inspected = useInspected(source, snapshot, inspectView);
	const inspectWidth = size.columns - 2;
	// The text depends on these, not on the scroll position or the search being typed.
	const {mode: inspectMode, target: inspectTarget, managedFields = false, reveal = false} = inspectView ?? {};
	const {object: inspectedObject, related: inspectedRelated} = inspected;
	const inspectLinesShown = useMemo(
		() => (inspectMode && inspectTarget ? inspectLines({mode: inspectMode, target: inspectTarget, managedFields, reveal}, {object: inspectedObject, related: inspectedRelated}, inspectWidth, now) : []),
		[inspectMode, inspectTarget, managedFields, reveal, inspectedObject, inspectedRelated, inspectWidth, now],
	);
	const inspectPlain = useMemo(() => inspectLinesShown.map(plainText), [inspectLinesShown]);

	/** The focused pane and its selected row, for the keys that act on the selection. */
	const focusedRow = () => {
		const pane = panes.find(each => each.id === state.focus);
		const row = rows[state.focus]?.[selected[state.focus] ?? 0];
		return pane && row !== undefined ? {pane, row} : undefined;
	};
	const mainRows = kindView ? {resource: kindView.resource, rows: kindView.table.rows, columns: kindView.table.columns} : undefined;
	const namespaceMissing = snapshot.missingNamespace !== undefined && snapshot.missingNamespace === namespace;
	const paneFrame: PaneFrame = {
		snapshot,
		pods,
		events,
		nodes,
		summary,
		deployment,
		rollout,
		revisions,
		steps,
		services,
		outOfService,
		endpoints,
		main: kindView,
		namespace,
		shownNamespace,
		namespaceMissing,
		filter: state.filter,
		sort: state.sort,
		now,
	};
	const rows: Record<string, readonly unknown[]> = {};
	const selected: Record<string, number> = {};
	for (const pane of panes) {
		rows[pane.id] = pane.rows(paneFrame);
		selected[pane.id] = selectedIndex(pane, rows[pane.id]!, state.selection[pane.id]);
	}

	// A pane whose rows changed meaning (a new current revision) forgets a pick made before.
	const resetKeys = useRef(new Map<string, unknown>());
	useEffect(() => {
		for (const pane of panes) {
			if (!pane.resetWhen) continue;
			const value = pane.resetWhen(paneFrame);
			const had = resetKeys.current.has(pane.id);
			const before = resetKeys.current.get(pane.id);
			resetKeys.current.set(pane.id, value);
			if (had && before !== value && store.getState().selection[pane.id]?.key !== undefined) store.dispatch({type: 'select', pane: pane.id, selection: {index: 0}});
		}
	});

	const frame = layout(size.columns, size.rows, panes, state.zoomed ? state.focus : undefined);
	// Laid out once per size: the help's text is wrapped in full, which is not for every frame.
	const helpView = logsMain ? 'logs' : undefined;
	const helpScroll = useMemo(() => {
		const {height, maxOffset} = helpLayout({areaWidth: size.columns, areaHeight: frame.bodyHeight, readonly, unavailable, view: helpView});
		return {page: height, maxOffset};
	}, [size.columns, frame.bodyHeight, readonly, unavailable, helpView]);
	const logStream = useLogStream(source, logsMain && {namespace: logsMain.pod.namespace, pod: logsMain.pod.name, container: logsMain.container, previous: logsMain.previous});
	const logWindow = logsMain && {top: logsMain.top, height: logRowsHeight(frame.bodyHeight, logStream.status), width: size.columns, wrap: logsMain.wrap, timestamps: logsMain.timestamps};
	const tooSmall = !fitsMinimum(size.columns, size.rows);
	const view: FrameView = {
		tooSmall,
		panes,
		rows,
		pageSize: Object.fromEntries(panes.map(pane => [pane.id, pageSizeOf(pane, frame.panes[pane.id]?.height ?? 3)])),
		pods,
		nodes,
		revisions,
		deployment,
		rollout,
		deploymentNames,
		namespace,
		revisionTemplate: revision => (deployment ? revisionTemplate(deployment, snapshot.objects.replicasets, revision) : undefined),
		revisionPodTemplate: revision => (deployment ? revisionPodTemplate(deployment, snapshot.objects.replicasets, revision) : undefined),
		main: mainRows,
		contexts: props.contexts ?? [connection.context],
		context: connection.context,
		resources,
		namespaces: seenNamespaces,
		discover,
		switchTo: props.onSwitch,
		helpScroll,
		inspect: inspectView ? {lines: inspectPlain, pageSize: inspectPageSize(frame.bodyHeight)} : undefined,
		selectedObject() {
			const at = focusedRow();
			return at && at.pane.objectOf?.(at.row, paneFrame);
		},
		explainSelected() {
			const at = focusedRow();
			return at && at.pane.why?.(at.row, paneFrame);
		},
		podContainers(podNamespace, name) {
			for (const pod of snapshot.objects.pods.values()) {
				if (pod.metadata.name === name && pod.metadata.namespace === podNamespace) return [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].map(container => container.name);
			}
			return undefined;
		},
		logs: logWindow && {buffer: logStream.buffer, window: logWindow},
	};
	const viewRef = useRef(view);
	viewRef.current = view;

	const {write} = useStdout();
	const {editor} = props;
	const repaintingEditor = useMemo((): ObjectEditor | undefined => {
		if (!editor) return undefined;
		return {
			edit(text, name) {
				try {
					return editor.edit(text, name);
				} finally {
					// Ink forgets what it drew and draws the whole frame again: the editor drew over it.
					write('');
				}
			},
		};
	}, [editor, write]);
	const controller: Controller = {
		store,
		view: () => viewRef.current,
		actions,
		readonly,
		exit: props.onExit ?? exit,
		editor: repaintingEditor,
	};
	const controllerRef = useRef(controller);
	controllerRef.current = controller;
	// One stable handler, so Ink does not re-subscribe to stdin on every frame.
	const onInput = useCallback((input: string, key: Key) => {
		// K8SLAB_TRACE: the key's arrival, to time the frame it causes.
		if (tracing) trace(`key ${JSON.stringify(input)}`);
		handleInput(controllerRef.current, input, key);
	}, []);
	useInput(onInput);
	useEffect(() => {
		if (resources) discoveryAnswered(controllerRef.current);
	}, [resources]);

	const {sync, health} = snapshot;
	const credentials = props.credentials ?? noCredentialWait;
	const subscribeCredentials = useMemo(() => credentials.subscribe.bind(credentials), [credentials]);
	const readCredentials = useMemo(() => () => credentials.waitingFor(), [credentials]);
	const waitingFor = useSyncExternalStore(subscribeCredentials, readCredentials);
	const connectionLine = useMemo(() => connectionState(sync, health, waitingFor), [sync, health, waitingFor]);
	const {prompt} = state;

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
				<StatusLine connection={connection} state={connectionLine} namespace={namespace} deployment={deployment?.metadata.name} command={main.kind === 'resource' ? main.command : undefined} readonly={readonly} width={size.columns} />
				<Box flexDirection="column" width={size.columns} height={frame.bodyHeight}>
					{inspectView ? <InspectView view={inspectView} inspected={inspected} lines={inspectLinesShown} width={size.columns} height={frame.bodyHeight} /> : null}
					{logsMain ? <LogsView main={logsMain} buffer={logStream.buffer} status={logStream.status} revision={logStream.revision} width={size.columns} height={frame.bodyHeight} /> : null}
					{(inspectView || logsMain ? [] : frame.bands).map(band => {
						const drawn = band.panes.map(({id, width}) => {
							const pane = panes.find(each => each.id === id)!;
							return <Fragment key={id}>{pane.render(paneFrame, {selected: selected[id] ?? 0, width, height: band.height, focused: state.focus === id})}</Fragment>;
						});
						return drawn.length === 1 ? (
							drawn[0]
						) : (
							<Box key={band.panes.map(({id}) => id).join('+')} flexDirection="row">
								{drawn}
							</Box>
						);
					})}
					{prompt?.kind === 'help' ? <HelpOverlay areaWidth={size.columns} areaHeight={frame.bodyHeight} readonly={readonly} unavailable={unavailable} offset={prompt.offset} view={logsMain ? 'logs' : undefined} /> : null}
					{prompt?.kind === 'labProgress' ? <LabProgressOverlay steps={labProgress(snapshot, deployment)} deployment={deployment?.metadata.name} areaWidth={size.columns} areaHeight={frame.bodyHeight} /> : null}
					{prompt && prompt.kind !== 'help' && prompt.kind !== 'filter' && prompt.kind !== 'command' && prompt.kind !== 'labProgress' ? <PromptView prompt={prompt} areaWidth={size.columns} areaHeight={frame.bodyHeight} /> : null}
				</Box>
				{prompt?.kind === 'command' ? (
					<CommandLine field={prompt.field} error={prompt.error} suggestions={prompt.suggestions} waiting={prompt.waiting} context={{resources, contexts: view.contexts, namespaces: seenNamespaces}} width={size.columns} />
				) : prompt?.kind === 'filter' ? (
					<FilterLine field={prompt.field} width={size.columns} />
				) : (
					<MessageLine message={state.message && messageHolds(state.message, view) ? state.message : undefined} width={size.columns} />
				)}
				<Footer readonly={readonly} unavailable={unavailable} width={size.columns} view={logsMain ? 'logs' : undefined} />
			</Box>
		</ThemeContext.Provider>
	);
}
