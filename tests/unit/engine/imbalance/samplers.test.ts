import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../src/lib/engine/seededRandom';
import { adjustLogits, softmaxRows } from '../../../../src/lib/engine/imbalance/logitAdjustment';
import {
	BalancedSampler,
	classCounts,
	classPrior,
	classWeights,
	rareSubset,
	SubsetSampler,
	undersampledSubset
} from '../../../../src/lib/engine/imbalance/samplers';

// 3 classes, 60 images each, interleaved.
const labels = Uint8Array.from({ length: 180 }, (_, i) => i % 3);

describe('samplers', () => {
	it('rareSubset keeps round(60 / ρ) of the rare class and every other image', () => {
		const kept = rareSubset(labels, 3, 1, 10, seededRandom(1));
		expect(classCounts(labels, 3, kept)).toEqual([60, 6, 60]);
		expect(classCounts(labels, 3, rareSubset(labels, 3, 1, 100, seededRandom(1)))).toEqual([
			60, 1, 60
		]);
		expect(rareSubset(labels, 3, 1, 1, seededRandom(1))).toHaveLength(180);
	});

	it('the oversampling sampler draws every class equally often per pass', () => {
		const kept = rareSubset(labels, 3, 1, 10, seededRandom(1));
		const sampler = new BalancedSampler(labels, 3, kept, seededRandom(2));
		const drawn: number[] = [];
		for (let i = 0; i < 18; i++) drawn.push(...sampler.next(10)); // one pass: 3 × 60
		expect(classCounts(labels, 3, drawn)).toEqual([60, 60, 60]);
		expect(sampler.epoch).toBe(0);
		// the 6 rare images are each repeated 10 times
		const rare = drawn.filter((i) => labels[i] === 1);
		expect(new Set(rare).size).toBe(6);
		sampler.next(10);
		expect(sampler.epoch).toBe(1);
	});

	it('undersampling cuts every class to the rare count', () => {
		const kept = rareSubset(labels, 3, 1, 10, seededRandom(1));
		const under = undersampledSubset(labels, 3, kept, seededRandom(3));
		expect(classCounts(labels, 3, under)).toEqual([6, 6, 6]);
		const sampler = new SubsetSampler(under, seededRandom(4));
		const pass = [...sampler.next(100)];
		expect(pass.sort((a, b) => a - b)).toEqual([...under]);
	});

	it('class weights make every class weigh the same in all; the prior sums to 1', () => {
		const w = classWeights([10, 30, 0]);
		expect(w[0]).toBeCloseTo(40 / (2 * 10), 12);
		expect(w[1]).toBeCloseTo(40 / (2 * 30), 12);
		expect(w[2]).toBe(0);
		expect(10 * w[0]).toBeCloseTo(30 * w[1], 12);
		expect(classPrior([10, 30])).toEqual([0.25, 0.75]);
	});
});

describe('logit adjustment', () => {
	it('equals dividing the probabilities by the prior, then renormalising', () => {
		const random = seededRandom(5);
		const logits = Float32Array.from({ length: 4 * 3 }, () => 6 * random() - 3);
		const prior = [0.45, 0.1, 0.45];
		const adjusted = softmaxRows(adjustLogits(logits, prior), 3);
		const p = softmaxRows(logits, 3);
		for (let i = 0; i < 4; i++) {
			const divided = [0, 1, 2].map((c) => p[i * 3 + c] / prior[c]);
			const sum = divided.reduce((a, b) => a + b, 0);
			for (let c = 0; c < 3; c++) expect(adjusted[i * 3 + c]).toBeCloseTo(divided[c] / sum, 6);
		}
	});

	it('an unnormalised prior (counts) gives the same adjustment', () => {
		const logits = Float32Array.from([1, 2, 3]);
		expect(Array.from(adjustLogits(logits, [6, 60, 60]))).toEqual(
			Array.from(
				adjustLogits(
					logits,
					[0.05, 0.5, 0.5].map((v) => v / 1.05)
				)
			)
		);
	});
});
