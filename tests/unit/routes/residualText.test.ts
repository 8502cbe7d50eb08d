// The residual lab's exports and sentences quote the lab's own numbers.
import { describe, expect, it } from 'vitest';
import { chartTableCsv } from '$lib/export/chartTable';
import {
	curveTable,
	lesionTable,
	recentMean,
	sliceTable
} from '../../../src/routes/residual/residualTables';
import {
	lesionSentences,
	sliceSentence,
	trainingSentence
} from '../../../src/routes/residual/residualText';

const lesions = [
	{
		variant: 'plain',
		config: { depth: 8, wiring: 'plain' as const },
		single: [0.85, 0.1, 0.123, 0.15],
		randomK: [0.12, 0.1, 0.1]
	},
	{
		variant: 'residual',
		config: { depth: 8, wiring: 'residual' as const },
		single: [0.87, 0.8, 0.84, 0.865],
		randomK: [0.84, 0.8, 0.61]
	}
];

describe('residual lab tables', () => {
	it('lesion study: the header of the contract, block 0 the intact net, blocks from 1', () => {
		const csv = chartTableCsv(lesionTable(lesions)).trim().split('\n');
		expect(csv[0]).toBe('variant,depth,deleted_block,test_accuracy');
		expect(csv.slice(1, 5)).toEqual([
			'plain,8,0,0.85',
			'plain,8,1,0.1',
			'plain,8,2,0.123',
			'plain,8,3,0.15'
		]);
		expect(csv[5]).toBe('residual,8,0,0.87');
		expect(csv).toHaveLength(9);
	});

	it('training curves: test accuracy only where measured, step 0 included', () => {
		const train = { step: [1, 2], values: { loss: [2.3, 2.1], accuracy: [0.1, 0.2] } };
		const test = { step: [0, 2], values: { accuracy: [0.09, 0.3] } };
		const csv = chartTableCsv(curveTable([{ variant: 'plain', depth: 20, train, test }]));
		expect(csv.trim().split('\n')).toEqual([
			'variant,depth,step,train_loss,train_accuracy,test_accuracy',
			'plain,20,0,,,0.09',
			'plain,20,1,2.3,0.1,',
			'plain,20,2,2.1,0.2,0.3'
		]);
	});

	it('recent mean of the last values', () => {
		expect(recentMean([1, 2, 3, 5], 2)).toBe(4);
		expect(recentMean([], 2)).toBeNaN();
	});
});

describe('residual lab sentences', () => {
	it('the lesion sentence quotes the selected block and the ranges of the study', () => {
		const [selected, range, all] = lesionSentences(lesions, 2, 500, 2000);
		expect(selected).toBe(
			'At step 500, deleting block 2 of 3 takes plain-8 from 85.0 % to 12.3 % test accuracy, residual-8 from 87.0 % to 84.0 %.'
		);
		expect(range).toBe(
			'Deleting any one block leaves the plain net 10.0 % to 15.0 %, the residual net 80.0 % to 86.5 % (chance is 10 %).'
		);
		expect(all).toContain('all 3 blocks deleted');
		expect(all).toContain('61.0 %');
		expect(all).toContain('first 2,000 test images');
		// a block beyond the depth is clamped to the last one
		expect(lesionSentences(lesions, 9, 500, 2000)[0]).toContain('block 3 of 3');
	});

	it('names degradation only when the residual net trains better by more than 2 points', () => {
		expect(trainingSentence(20, 2000, 0.833, 0.937)).toContain('call it degradation');
		expect(trainingSentence(20, 2000, 0.833, 0.937)).toContain('83.3 %');
		expect(trainingSentence(8, 2000, 0.958, 0.965)).toContain('no degradation');
		expect(trainingSentence(8, 2000, 0.99, 0.9)).toContain('plain net is ahead');
		expect(trainingSentence(8, 0, NaN, NaN)).toContain('Press Train');
	});
});

describe('the loss slice', () => {
	/** loss = c·α² + 0.1 at α = −1, −0.5, 0, 0.5, 1: mean rise c·(1 + 0.25 + 0 + 0.25 + 1)/5 = c/2 */
	const slice = (wiring: 'plain' | 'residual', c: number) => ({
		variant: wiring,
		config: { depth: 20, wiring },
		points: [-1, -0.5, 0, 0.5, 1].map((alpha) => ({
			alpha,
			loss: c * alpha * alpha + 0.1,
			accuracy: 0.9
		}))
	});
	it('quotes each net’s mean rise and says which valley is sharper, by how much', () => {
		const text = sliceSentence([slice('plain', 3), slice('residual', 1)], 2000, 256)!;
		expect(text).toContain(
			'by 1.50 on average for plain-20 and by 0.50 for residual-20 (step 2000)'
		);
		expect(text).toContain('256 training images');
		expect(text).toContain('The plain net sits in the sharper valley, 3.0× the rise');
		expect(sliceSentence([slice('plain', 1), slice('residual', 2)], 5, 256)).toContain(
			"the residual net's valley is the sharper one, 2.0× the rise"
		);
		expect(sliceSentence([slice('plain', 1), slice('residual', 1.1)], 5, 256)).toContain(
			'about as sharp'
		);
		expect(sliceSentence([slice('plain', 1)], 5, 256)).toBeNull();
		// a 56-layer plain net's loss explodes (10⁷ measured): 3 significant digits, grouped
		expect(sliceSentence([slice('plain', 22_469_057), slice('residual', 2)], 5, 256)).toContain(
			'by 11,200,000 on average for plain-20 and by 1.00 for residual-20 (step 5). The plain net sits in the sharper valley, 11,200,000× the rise'
		);
	});
	it('exports one row per net and α', () => {
		const csv = chartTableCsv(sliceTable([slice('plain', 3), slice('residual', 1)]))
			.trim()
			.split('\n');
		expect(csv[0]).toBe('variant,depth,alpha,loss,accuracy');
		expect(csv).toHaveLength(11);
		expect(csv[1]).toBe('plain,20,-1,3.1,0.9');
		expect(csv[8]).toBe('residual,20,0,0.1,0.9');
	});
});
