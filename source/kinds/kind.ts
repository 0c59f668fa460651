// What the store needs to know to watch one kind for the lab view. Each kind
// is declared once (a file beside this one); the store builds its informers,
// and the snapshot its maps, by iterating over the declarations.
import type {ObjectDecoder} from '../kube/protobuf/stream.js';
import type {ClusterSnapshot} from '../model/cluster.js';
import type {ApiResource} from '../model/kinds.js';
import type {RolloutLog} from '../model/rolloutLog.js';
import type {TableColumnDefinition, TableRow} from '../model/table.js';

/** A hand-made row for `:KIND`, where the server's Table columns leave out what k8slab can join in (a Service's endpoints). */
export interface HandMadeTable {
	/** As a server's Table describes its columns; an 'Age' date column is kept live. */
	columns: readonly TableColumnDefinition[];
	/** The objects in a namespace ('' = all) as rows, with cells in the columns' order. */
	rows(snapshot: ClusterSnapshot, namespace: string): TableRow[];
}

export interface KindDeclaration {
	/** Its key in the snapshot. */
	id: string;
	/** Where its group version is served: '/api/v1', '/apis/apps/v1'. */
	groupVersionPath: string;
	plural: string;
	/**
	 * Which namespace the lab view watches it in: the whole cluster (cluster-scoped
	 * kinds), every namespace (falling back to the focused one when listing them all
	 * is refused), or the focused namespace only.
	 */
	watch: 'cluster' | 'allNamespaces' | 'focusedNamespace';
	/** What to keep of each object (default: all but metadata.managedFields). */
	slim?(object: any): any;
	/** Reads the protobuf encoding straight into what slim keeps. */
	protobuf?: ObjectDecoder;
	/** Tens of MB at scale: its LIST is parsed while it arrives. */
	large?: boolean;
	/**
	 * Listed in pages (limit and continue), each shown as it lands. Only for a kind whose pane
	 * sorts in the API server's order (namespace/name, etcd's key order), so later pages add
	 * rows below the first screen and never above it (events sort by time: listed whole).
	 */
	paged?: boolean;
	/** An update that changes nothing the view shows is stored but not announced. */
	unseen?(previous: any, next: any): boolean;
	/**
	 * primary: the kind the first full frame waits for; other changes are held
	 * while it lists. afterPrimary: listed once the primary has, so the two big
	 * LISTs are not parsed at once on the one thread.
	 */
	start?: 'primary' | 'afterPrimary';
	/** Shown by `:` in these columns, from the watched objects, instead of the server's Table. */
	table?: HandMadeTable;
	/** Its changes, as the watch delivers them, feed the snapshot's rollout log (the steps events lose). */
	record?(log: RolloutLog, previous: any, next: any, seenAtMs: number, initial: boolean): RolloutLog;
}

/** The API group a declaration's path serves ('' for the core group). */
function groupOf(kind: KindDeclaration): string {
	return /^\/apis\/([^/]+)\//.exec(kind.groupVersionPath)?.[1] ?? '';
}

/** The declared kind a discovered resource is, if any. */
export function declaredKind(kinds: readonly KindDeclaration[], resource: ApiResource): KindDeclaration | undefined {
	return kinds.find(kind => kind.plural === resource.resource && groupOf(kind) === resource.group);
}

/** The collection's path for a namespace ('' = all namespaces, or a cluster-scoped kind). */
export function kindCollectionPath(kind: KindDeclaration, namespace: string): string {
	return namespace ? `${kind.groupVersionPath}/namespaces/${encodeURIComponent(namespace)}/${kind.plural}` : `${kind.groupVersionPath}/${kind.plural}`;
}
