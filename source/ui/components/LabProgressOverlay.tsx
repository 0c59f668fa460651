// The lab's steps over the panes, checked off live from the cluster: a learner
// sees where they are in the lab and which key does the next step.
import {Box} from 'ink';
import type {LabStep} from '../../model/labProgress.js';
import {fit} from '../text.js';
import {Line, seg, type Segment} from './Line.js';
import {Modal} from './Modal.js';

interface LabProgressOverlayProps {
	steps: readonly LabStep[];
	/** The Deployment the steps are checked on. */
	deployment?: string;
	areaWidth: number;
	areaHeight: number;
}

function stepLines(step: LabStep, inner: number): Segment[][] {
	const head = [
		seg(step.done ? ' ✓ ' : ' · ', step.done ? 'status.ok' : 'text.muted', {bold: true}),
		seg(`part ${step.part}  `, 'text.muted'),
		seg(step.title, 'text.primary', {bold: !step.done}),
		seg(`  ${step.keys}`, 'key', {bold: true}),
	];
	// Done: what the cluster shows for it. Not yet: the kubectl the lab would have used.
	const detail = step.done ? (step.evidence ?? '') : step.kubectl;
	return [head, [seg(`       ${fit(detail, Math.max(1, inner - 7))}`, 'text.muted')]];
}

export function LabProgressOverlay({steps, deployment, areaWidth, areaHeight}: LabProgressOverlayProps) {
	const width = Math.min(areaWidth, 100);
	const inner = width - 2;
	const done = steps.filter(step => step.done).length;
	const all = steps.flatMap(step => stepLines(step, inner));
	// Short terminals keep one line a step: the titles matter more than the detail.
	const lines = all.length <= areaHeight - 3 ? all : all.filter((_, index) => index % 2 === 0);
	const height = Math.min(lines.length, Math.max(1, areaHeight - 3));
	const title = `Lab progress · ${done} of ${steps.length} · deployment/${deployment ?? '(none)'}  (L or esc to close)`;
	return (
		<Modal title={title} areaWidth={areaWidth} areaHeight={areaHeight} width={width} height={height}>
			<Box flexDirection="column">
				{lines.slice(0, height).map((segments, index) => (
					<Line key={index} fill width={inner} segments={segments} />
				))}
			</Box>
		</Modal>
	);
}
