// The model layer: pure derivations from API objects to the rows the panes
// show, following kubectl's own logic. Nothing here talks to a cluster.
export {formatCpuMilli, formatMemoryBytes, isQuantity, parseCpuMilli, parseMemoryBytes, parseQuantity} from './quantity.js';
export {formatAge, toMillis} from './age.js';
export {podReadyCount, podRestarts, podSeverity, podStatusWord} from './podStatus.js';
export {podResources, type PodResources} from './podResources.js';
export {eventLastSeenMs, FailedSchedulingIndex, indexFailedScheduling, pendingReason} from './pendingReason.js';
export {podCounts, podRow, podRows, type PodCounts, type PodRowsOptions} from './pods.js';
export {nodeRows} from './nodes.js';
export {capacitySummary, nodeShortfall, unscheduledDemand} from './room.js';
export {allocatedPercent, allocatedPercentText} from './percent.js';
export {isNewReplicaSet, newReplicaSet, ownedReplicaSets, revisionOf} from './replicaSets.js';
export {rolloutStatus} from './rolloutStatus.js';
export {resolveStrategy} from './strategy.js';
export {rolloutHistory} from './history.js';
export {rolloutView} from './rollout.js';
export {planUndo, undoSuccessMessage} from './undo.js';
export {eventRows, type EventRowsOptions} from './events.js';
export {deploymentsIn, pickDeployment} from './deployments.js';
export {
	validateContainerName,
	validateHttpProbe,
	validateImage,
	validateNodeGroupSize,
	validateQuantity,
	validateReplicas,
	maxNodeGroupSize,
	type NamedPort,
	type ProbeErrors,
	type ProbeInput,
	type ProbeValue,
	type Validation,
} from './validate.js';
export {describeProbe, probeSummary} from './probes.js';
export {revisionPodTemplate, revisionTemplate, type RevisionTemplate} from './revisionTemplate.js';
export {undoTargetRevision, type HistoryPick, type UndoTarget} from './undoTarget.js';
export {revisionDiff} from './revisionDiff.js';
export {knownInstanceTypes, maxPodsFormula, type MaxPodsFormula} from './maxPods.js';
