import { describe, expect, it } from 'vitest';
import type { SimilarityRow } from '$lib/engine/shiftSimilarity';
import {
	aliasingText,
	blurPoolText,
	fullSizeFcText,
	strideSteps
} from '../../../src/routes/invariance/explanationText';

/** A row with only what the sentences read; maxpool / blurpool marked by the step, to tell rows apart. */
function row(shift: number, dx: number, dy: number): SimilarityRow {
	return {
		shift,
		dx,
		dy,
		pixels: 0,
		conv_aligned: 1,
		conv: 0,
		maxpool: 0.5 + shift / 100,
		global_maxpool: 1,
		fc: 0,
		blurpool: 0.7 + shift / 100
	};
}

describe('the aliasing sentence', () => {
	// dx = −2, dy = 5: the steps (written out by hand from rounding s·(−0.4, 1) half away from 0)
	const diagonal = [
		row(0, 0, 0),
		row(1, 0, 1),
		row(2, -1, 2),
		row(3, -1, 3),
		row(4, -2, 4),
		row(5, -2, 5)
	];

	it('quotes the first shift that is a multiple of the stride on both axes, not "2 px"', () => {
		const { aligned, misaligned } = strideSteps(diagonal);
		expect([aligned?.dx, aligned?.dy]).toEqual([-2, 4]);
		expect([misaligned?.dx, misaligned?.dy]).toEqual([0, 1]);
		expect(aliasingText(diagonal)).toBe(
			'0.54 at (dx, dy) = (−2, +4), a multiple of 2 on both axes, but 0.51 at (0, +1), even after the best whole-cell shift back.'
		);
		expect(blurPoolText(diagonal)).toBe('0.71 at (0, +1), 0.74 at (−2, +4)');
	});

	it('horizontal shifts: (+2, 0) against (+1, 0)', () => {
		const rows = [row(0, 0, 0), row(1, 1, 0), row(2, 2, 0)];
		expect(aliasingText(rows)).toBe(
			'0.52 at (dx, dy) = (+2, 0), a multiple of 2 on both axes, but 0.51 at (+1, 0), even after the best whole-cell shift back.'
		);
	});

	it('waits for the rows it needs', () => {
		expect(aliasingText([row(0, 0, 0), row(1, 1, 0)])).toBe('The curve is still being computed.');
	});
});

describe('fullSizeFcText', () => {
	it.each([
		[512, 512, '256 × 512 × 512 = 67,108,864 weights (268\u00a0MB)'],
		[300, 451, '256 × 300 × 451 = 34,636,800 weights (139\u00a0MB)'],
		[85, 128, '256 × 85 × 128 = 2,785,280 weights (11.1\u00a0MB)']
	])('an %i×%i image', (height, width, text) => {
		expect(fullSizeFcText(height, width)).toBe(text);
	});
});
