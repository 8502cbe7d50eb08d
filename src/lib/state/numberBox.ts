/**
 * A number box bound to a URL field. `bind:value` on `<input type="number">` writes whatever the
 * learner has typed, keystroke by keystroke, straight into the lab's state: /residual took
 * `steps=2.5` and `steps=0` into its state and its address although its field only reads whole
 * numbers from 100, so the copied link did not reproduce the lab (the address was refused, with a
 * notice, on opening). The box now commits on `change` (Enter, or leaving the box): the text is
 * rounded to a whole number where the field wants one and clamped to the field's [min, max]; text that is no
 * number is undone. The box always shows what the state holds afterwards.
 */
import type { Attachment } from 'svelte/attachments';
import type { NumberRange, RangedField } from './urlSchema';

/** The value a number box's text commits to, or null for text that is no finite number. */
export function committedNumber(text: string, { min, max, integer }: NumberRange) {
	if (text.trim() === '') return null;
	const typed = Number(text);
	if (!Number.isFinite(typed)) return null;
	const value = integer ? Math.round(typed) : typed;
	return Math.min(max, Math.max(min, value));
}

/**
 * `{@attach numberBox(schema.steps, () => s.steps, (v) => (s.steps = v))}` on an
 * `<input type="number">` (without `bind:value`): it shows the state's value, and commits the
 * learner's text on change to the range the URL field itself reads (also its min and max
 * attributes), so the box, its spinner and the address cannot disagree.
 */
export function numberBox(
	field: RangedField,
	get: () => number,
	set: (value: number) => void
): Attachment<HTMLInputElement> {
	return (input) => {
		// The spinner's bounds are the field's too, not a copy beside it at each call site.
		input.min = String(field.range.min);
		input.max = String(field.range.max);
		const shown = String(get());
		if (input.value !== shown) input.value = shown;
		const commit = () => {
			const value = committedNumber(input.value, field.range);
			if (value !== null && value !== get()) set(value);
			input.value = String(get());
		};
		input.addEventListener('change', commit);
		return () => input.removeEventListener('change', commit);
	};
}
