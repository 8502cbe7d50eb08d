import { describe, expect, it } from 'vitest';
import { paddedFrame, type Padding } from '$lib/viz/paddedFrame';

describe('paddedFrame', () => {
	it.each([
		{
			w: 4,
			h: 2,
			padding: { top: 1, bottom: 1, left: 2, right: 0 },
			viewBox: [-2, -1, 6, 4],
			inset: { left: 100 / 3, top: 25, width: 200 / 3, height: 50 }
		},
		{
			w: 5,
			h: 5,
			padding: { top: 0, bottom: 0, left: 0, right: 0 },
			viewBox: [0, 0, 5, 5],
			inset: { left: 0, top: 0, width: 100, height: 100 }
		},
		{
			// TensorFlow 'same' with an even effective kernel pads more after than before
			w: 8,
			h: 8,
			padding: { top: 0, bottom: 1, left: 0, right: 1 },
			viewBox: [0, 0, 9, 9],
			inset: { left: 0, top: 0, width: 800 / 9, height: 800 / 9 }
		}
	])('$w×$h padded $padding', ({ w, h, padding, viewBox, inset }) => {
		const frame = paddedFrame(w, h, padding);
		expect(frame.viewBox).toEqual(viewBox);
		for (const key of ['left', 'top', 'width', 'height'] as const) {
			expect(frame.inset[key]).toBeCloseTo(inset[key], 10);
		}
	});

	const zero: Padding = { top: 0, bottom: 0, left: 0, right: 0 };
	it.each([
		{ w: 0, h: 3, padding: zero, error: /image size/ },
		{ w: 3, h: NaN, padding: zero, error: /image size/ },
		{ w: 3, h: 3, padding: { ...zero, left: -1 }, error: /padding/ },
		{ w: 3, h: 3, padding: { ...zero, top: Infinity }, error: /padding/ }
	])('throws for $w×$h, $padding', ({ w, h, padding, error }) => {
		expect(() => paddedFrame(w, h, padding)).toThrow(error);
	});
});
