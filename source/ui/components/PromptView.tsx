// The modal prompts, each drawn by the action module that owns it (source/ui/actions).
import {promptLayout} from '../actions/registry.js';
import type {Prompt} from '../state/uiState.js';
import {Modal} from './Modal.js';

interface PromptViewProps {
	prompt: Exclude<Prompt, {kind: 'help'} | {kind: 'filter'} | {kind: 'command'} | {kind: 'labProgress'}>;
	areaWidth: number;
	areaHeight: number;
}

export function PromptView({prompt, areaWidth, areaHeight}: PromptViewProps) {
	const layout = promptLayout(prompt, areaWidth, areaHeight);
	if (!layout) {
		return null;
	}

	return (
		<Modal title={layout.title} areaWidth={areaWidth} areaHeight={areaHeight} width={layout.width} height={layout.lines.length + (layout.extraHeight ?? 0)}>
			{layout.lines}
		</Modal>
	);
}
