/**
 * What the Network lab says about its input: how the selfie network gets the learner's photo
 * (a square of 256², so a non-square photo is stretched), and what happens to a test-image index
 * typed out of range.
 */
import { counted } from './words';

const group = (n: number) => n.toLocaleString('en-US');

export function selfieInputCaption(width: number, height: number, side = 256): string {
	if (width === height)
		return `What the selfie network gets: your ${width}×${height} image at ${side}×${side}`;
	const squeezed = width > height ? 'sideways' : 'up and down';
	return `What the selfie network gets: your ${width}×${height} image stretched to ${side}×${side} — the network takes a square, so this photo is squeezed ${squeezed} (its proportions are not kept)`;
}

/**
 * A typed test index: the index to show (within 0…count − 1) and, when the typed value was not
 * one, a note saying what was done with it.
 */
export function testIndexFromInput(
	typed: string,
	count: number
): { index: number | null; note: string } {
	const v = Number(typed);
	const range = `The test set has ${counted(count, 'image')}, numbered 0–${group(count - 1)}`;
	if (typed.trim() === '' || !Number.isFinite(v))
		return { index: null, note: `${range}: type a whole number.` };
	const index = Math.min(count - 1, Math.max(0, Math.round(v)));
	if (index === v) return { index, note: '' };
	return {
		index,
		note: `${range}: ${typed.trim()} is not one of them, so image ${group(index)} is shown.`
	};
}
