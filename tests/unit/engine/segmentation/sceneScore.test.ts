import { describe, expect, it } from 'vitest';
import { objectMask, sceneScore } from '../../../../src/lib/engine/segmentation/sceneScore';

/** An [H·W, K] softmax whose most likely class at each pixel is `winners[i]`. */
function probabilitiesOf(winners: number[], classes: number): Float32Array {
	const p = new Float32Array(winners.length * classes).fill(0.1 / classes);
	winners.forEach((c, i) => (p[i * classes + c] = 0.9));
	return p;
}

describe('sceneScore', () => {
	it('with 2 classes scores Foreground (class 0) against the shapes', () => {
		// 1 × 4 picture: reference shape on pixels 0, 1; predicted Foreground on 1, 2.
		const p = probabilitiesOf([1, 0, 0, 1], 2);
		const score = sceneScore(p, 2, Uint8Array.from([1, 1, 0, 0]), 1, 4);
		expect(score.label).toBe('Foreground');
		expect(score.iou).toBeCloseTo(1 / 3, 12); // |{1}| / |{0, 1, 2}|
	});

	it('with 3 or 4 classes counts every class but Background as shape, and says so', () => {
		// Classes 0 (Foreground), 2 and 3 are shape; only 1 (Background) is not.
		expect(Array.from(objectMask(probabilitiesOf([0, 1, 2, 3, 1], 4), 4))).toEqual([1, 0, 1, 1, 0]);
		// Two shapes painted in two classes: Foreground on pixel 0, Class 3 on pixel 3.
		const p = probabilitiesOf([0, 1, 1, 2], 3);
		const score = sceneScore(p, 3, Uint8Array.from([1, 0, 0, 1]), 2, 2);
		expect(score.label).toBe('every class but Background');
		expect(score.iou).toBe(1); // a Foreground-only score would give 1/2
	});
});
