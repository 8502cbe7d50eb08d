// Which list items count as on screen, without a layout: the observer's word where it has one,
// else positions summed by hand from the list's top and the heights above.
import { describe, expect, it } from 'vitest';
import { nearViewport } from '$lib/viz/nearViewport';

const base = { gap: 10, viewportHeight: 500, margin: 50 };

describe('nearViewport', () => {
	it('guesses from the list top and the heights above each item', () => {
		// tops: 300, 510, 560, 770 (each height + 10 of gap); near while top < 550 and bottom > -50
		const near = nearViewport({
			...base,
			heights: [200, 40, 200, 100],
			seen: [],
			listTop: 300
		});
		expect(near).toEqual([true, true, false, false]);
	});

	it('takes an unknown list top as the viewport top', () => {
		// tops 0, 310, 620
		expect(nearViewport({ ...base, heights: [300, 300, 300], seen: [], listTop: null })).toEqual([
			true,
			true,
			false
		]);
	});

	it('counts items scrolled above the viewport out, beyond the margin', () => {
		// tops −400 (bottom −300), −290 (bottom −90), −80 (bottom 20), 30
		expect(
			nearViewport({ ...base, heights: [100, 200, 100, 100], seen: [], listTop: -400 })
		).toEqual([false, false, true, true]);
	});

	it('the observer’s report wins over the guess', () => {
		expect(
			nearViewport({
				...base,
				heights: [100, 100, 100],
				seen: [false, undefined, true],
				listTop: 5000
			})
		).toEqual([false, false, true]);
	});
});
