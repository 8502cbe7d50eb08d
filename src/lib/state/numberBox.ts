/**
 * A number box bound to a URL field. `bind:value` on `<input type="number">` writes whatever the
 * learner has typed, keystroke by keystroke, straight into the lab's state: /residual took
 * `steps=2.5` and `steps=0` into its state and its address although its field only reads whole
 * numbers from 100, so the copied link did not reproduce the lab (the address was refused, with a
 * notice, on opening). The box now commits on `change` (Enter, or leaving the box): the text is
 * rounded to a whole number where the field wants one and clamped to [min, max]; text that is no
 * number is undone. The box always shows what the state holds afterwards.
 */
import type { Attachment } from 'svelte/attachments';

export interface NumberBoxRange {
	min: number;
	max: number;
	/** whole numbers only (rounded) */
	integer?: boolean;
}

/** The value a number box's text commits to, or null for text that is no finite number. */
export function committedNumber(text: string, { min, max, integer = false }: NumberBoxRange) {
	if (text.trim() === '') return null;
	const typed = Number(text);
	if (!Number.isFinite(typed)) return null;
	const value = integer ? Math.round(typed) : typed;
	return Math.min(max, Math.max(min, value));
}

/**
 * `{@attach numberBox(() => s.steps, (v) => (s.steps = v), { min: 100, max: 5000, integer: true })}`
 * on an `<input type="number">` (without `bind:value`): it shows the state's value, and commits
 * the learner's text on change.
 */
export function numberBox(
	get: () => number,
	set: (value: number) => void,
	range: NumberBoxRange
): Attachment<HTMLInputElement> {
	return (input) => {
		const shown = String(get());
		if (input.value !== shown) input.value = shown;
		const commit = () => {
			const value = committedNumber(input.value, range);
			if (value !== null && value !== get()) set(value);
			input.value = String(get());
		};
		input.addEventListener('change', commit);
		return () => input.removeEventListener('change', commit);
	};
}
