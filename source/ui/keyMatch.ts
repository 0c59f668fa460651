// Whether a key press is a binding from the key table. Apart from keys.ts so
// that the action modules, which keys.ts collects, can match their own keys.
import type {Key} from 'ink';
import type {KeyBinding} from './commandTypes.js';

export function matchesBinding(binding: KeyBinding, input: string, key: Key): boolean {
	if ((binding.ctrl ?? false) !== key.ctrl) {
		return false;
	}

	if (binding.key) {
		// Ink reports the rest of an escape sequence it does not know ('[B' of a stray arrow) as escape too: only a lone Esc is Esc.
		return key[binding.key] && (binding.shift ?? false) === key.shift && (binding.key !== 'escape' || input === '');
	}

	// Ink reports Escape and Alt-x with meta; a plain letter binding must not fire for them.
	return binding.input === input && !key.meta;
}
