// The lab's panes, in focus order. Adding a pane is one declaration here
// (see pane.ts); the layout, selection, paging and help iterate over these.
import {kindTitle} from '../../model/kinds.js';
import {labResources} from '../../model/objectRef.js';
import type {DisplayRow} from '../../model/table.js';
import type {EventRow, NodeRow, PodRow} from '../../model/view.js';
import {explainPod} from '../../model/why.js';
import {whyNode} from '../../model/whyNode.js';
import {whyRollout} from '../../model/whyRollout.js';
import {EventsPane} from './EventsPane.js';
import {KindTablePane} from './KindTablePane.js';
import {NodesPane} from './NodesPane.js';
import type {PaneDeclaration} from './pane.js';
import {PodsPane} from './PodsPane.js';
import {RolloutPane} from './RolloutPane.js';

export type {KindView, PaneBoxProps, PaneDeclaration, PaneFrame} from './pane.js';
export {pageSizeOf} from './pane.js';

/** The namespace a title names: the one asked for, else the one the watch fell back to when listing them all was refused. */
function watchedNamespace(shown: string | undefined, watched: string | undefined): string | undefined {
	return shown ?? (watched || undefined);
}

/** A row keyed by namespace/name stands for an object without a uid (a computed kind): nothing to pin a delete to. */
function realUid(key: string): string | undefined {
	return key.includes('/') ? undefined : key;
}

/** Pods, with the scheduler's reason under a Pending one; or a kind opened with `:`, in the server's columns. */
const pods: PaneDeclaration<PodRow | DisplayRow> = {
	id: 'pods',
	band: 'top',
	chromeLines: 3,
	rows: frame => frame.main?.table.rows ?? frame.pods,
	rowKey: row => row.uid,
	objectOf: (row, frame) => ({resource: frame.main?.resource ?? labResources.pods, namespace: row.namespace, name: row.name, uid: realUid(row.uid)}),
	// A kind opened with `:` has no pod to explain.
	why: (row, frame) => (frame.main ? undefined : explainPod(frame.snapshot, frame.nodes, frame.endpoints, row.uid, frame.now)),
	render(frame, box) {
		const {main} = frame;
		if (main) {
			return (
				<KindTablePane
					{...box}
					title={kindTitle(main.resource)}
					rows={main.table.rows}
					columns={main.table.columns}
					sync={main.sync}
					namespace={main.namespace || undefined}
					clusterScoped={!main.resource.namespaced}
					filter={frame.filter}
					now={frame.now}
					sort={frame.sort}
				/>
			);
		}

		return (
			<PodsPane
				{...box}
				rows={frame.pods}
				outOfService={frame.outOfService}
				namespace={watchedNamespace(frame.shownNamespace, frame.snapshot.sync.pods?.namespace)}
				namespaceMissing={frame.namespaceMissing}
				filter={frame.filter}
				sync={frame.snapshot.sync.pods}
				now={frame.now}
				sort={frame.sort}
			/>
		);
	},
};

/** Node capacity: pods against max pods, requests against allocatable. */
const nodes: PaneDeclaration<NodeRow> = {
	id: 'nodes',
	band: 'middle',
	chromeLines: 3,
	linesPerRow: 2,
	rows: frame => frame.nodes,
	rowKey: row => row.name,
	objectOf: (row, frame) => ({resource: labResources.nodes, namespace: '', name: row.name, uid: [...frame.snapshot.objects.nodes.values()].find(node => node.metadata.name === row.name)?.metadata.uid}),
	why: (row, frame) => whyNode(row, frame.snapshot.objects.pods.values()),
	render: (frame, box) => <NodesPane {...box} rows={frame.nodes} summary={frame.summary} sync={frame.snapshot.sync.nodes} />,
};

/** The focused Deployment's rollout and its history (kubectl rollout status/history). */
const rollout: PaneDeclaration<{revision: number; current: boolean}> = {
	id: 'rollout',
	band: 'middle',
	chromeLines: 8,
	rows: frame => frame.revisions,
	rowKey: row => String(row.revision),
	// Until a revision is picked, the history points at the current one; a new revision
	// (another edit, an undo) drops the pick, so `u` does not undo onto a stale row.
	initialIndex: rows =>
		Math.max(
			0,
			rows.findIndex(row => row.current),
		),
	resetWhen: frame => frame.revisions.find(row => row.current)?.revision,
	// The pane is the Deployment's: its rows are revisions of it.
	objectOf: (_row, frame) => frame.rollout && {resource: labResources.deployments, namespace: frame.rollout.namespace, name: frame.rollout.name, uid: frame.deployment?.metadata.uid},
	why: (_row, frame) => {
		const {deployment, snapshot} = frame;
		return deployment && whyRollout({deployment, replicaSets: snapshot.objects.replicasets.values(), pods: snapshot.objects.pods.values(), events: snapshot.objects.events.values(), steps: frame.steps, now: frame.now});
	},
	render: (frame, box) => (
		<RolloutPane
			{...box}
			rollout={frame.rollout}
			deployment={frame.deployment}
			steps={frame.steps}
			now={frame.now}
			services={frame.services}
			namespace={frame.namespace}
			namespaceMissing={frame.namespaceMissing}
			sync={frame.snapshot.sync.deployments}
			historySync={frame.snapshot.sync.replicasets}
		/>
	),
};

const events: PaneDeclaration<EventRow> = {
	id: 'events',
	band: 'bottom',
	chromeLines: 3,
	rows: frame => frame.events,
	rowKey: row => row.uid,
	objectOf: row => (row.name ? {resource: labResources.events, namespace: row.namespace, name: row.name, uid: realUid(row.uid)} : undefined),
	render: (frame, box) => (
		<EventsPane
			{...box}
			rows={frame.events}
			namespace={watchedNamespace(frame.shownNamespace, frame.snapshot.sync.events?.namespace)}
			namespaceMissing={frame.namespaceMissing}
			filter={frame.filter}
			sync={frame.snapshot.sync.events}
			now={frame.now}
		/>
	),
};

export const labPanes: readonly PaneDeclaration[] = [pods, nodes, rollout, events];
