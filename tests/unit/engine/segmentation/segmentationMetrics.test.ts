// IoU and boundary F-score against hand-computed values.
import { describe, expect, it } from 'vitest';
import {
	argmaxClasses,
	boundaryFScore,
	boundaryPixels,
	intersectionOverUnion
} from '../../../../src/lib/engine/segmentation/segmentationMetrics';

const grid = (rows: string[]) => Uint8Array.from(rows.join('').split(''), Number);

describe('IoU', () => {
	it('counts intersection over union of one class', () => {
		const a = grid(['1100', '1100']);
		const b = grid(['0110', '0110']);
		expect(intersectionOverUnion(a, b)).toBeCloseTo(2 / 6, 10);
		expect(intersectionOverUnion(a, a)).toBe(1);
		expect(intersectionOverUnion(grid(['00']), grid(['00']))).toBe(1);
		expect(intersectionOverUnion(a, b, 0)).toBeCloseTo(2 / 6, 10);
	});
});

describe('boundary F-score', () => {
	it('boundary pixels are region pixels with an outside 4-neighbour', () => {
		const m = grid(['00000', '01110', '01110', '01110', '00000']);
		expect(Array.from(boundaryPixels(m, 5, 5))).toEqual(
			Array.from(grid(['00000', '01110', '01010', '01110', '00000']))
		);
	});

	it('a one-pixel shift is perfect at tolerance 1, and scored by hand at tolerance 0', () => {
		const ref = grid(['000000', '011100', '011100', '011100', '000000', '000000']);
		const pred = grid(['000000', '000000', '011100', '011100', '011100', '000000']);
		expect(boundaryFScore(pred, ref, 6, 6, 1).f).toBe(1);
		// tolerance 0: each outline has 8 pixels; they share rows 2–3's left/right pixels (4) and
		// row 3's middle, which is on pred's outline? pred rows 2–4: outline = all but (3,2).
		// ref outline = rows 1–3 all but (2,2). Shared: (2,1),(2,3),(3,1),(3,2)?,(3,3).
		// (3,2) is on ref's outline (bottom row) but inside pred → not shared; (2,2) likewise.
		// Shared: (2,1),(2,3),(3,1),(3,3) = 4 of 8 each → P = R = F = 0.5.
		const s = boundaryFScore(pred, ref, 6, 6, 0);
		expect(s.precision).toBeCloseTo(0.5, 10);
		expect(s.recall).toBeCloseTo(0.5, 10);
		expect(s.f).toBeCloseTo(0.5, 10);
	});

	it('an empty prediction scores 0; two empty masks score 1', () => {
		const ref = grid(['0110', '0110']);
		expect(boundaryFScore(grid(['0000', '0000']), ref, 2, 4).f).toBe(0);
		expect(boundaryFScore(grid(['00']), grid(['00']), 1, 2).f).toBe(1);
	});

	it('argmax picks the most likely class per pixel', () => {
		expect(Array.from(argmaxClasses(Float32Array.from([0.2, 0.8, 0.6, 0.4, 0.1, 0.1]), 2))).toEqual(
			[1, 0, 0]
		);
	});
});
