// The batch-norm lab's pure glue: the "Training curves" table (contract header, one row per
// variant and logged step, test accuracy only where measured), the bands kept from the worker's
// replies, and the written answer's sentences quoting exactly the numbers the page shows.
import { describe, expect, it } from 'vitest';
import { chartTableCsv } from '$lib/export/chartTable';
import {
	evidenceSentences,
	formulaSentence,
	runSummary
} from '../../../src/routes/batch-norm/batchNormText';
import { lab as batchNormLab } from '../../../src/routes/batch-norm/lab';
import { noisyBnPrediction } from '../../../src/routes/batch-norm/prediction';
import {
	curvesTable,
	populationTable,
	mergeBands,
	type RunCurves
} from '../../../src/routes/batch-norm/trainingCurves';

const band = (steps: number[], base: number) => ({
	step: steps,
	p15: steps.map((s) => base - 1 + s / 100),
	p50: steps.map((s) => base + s / 100),
	p85: steps.map((s) => base + 1 + s / 100)
});

function run(): RunCurves & { step: number } {
	const train = (losses: number[]) => ({
		step: losses.map((_, i) => i + 1),
		values: { loss: losses }
	});
	return {
		step: 3,
		lr: 3,
		train: {
			plain: train([2.3, 2.2, 2.1]),
			bn: train([2.3, 1.5, 1.0]),
			'noisy-bn': train([2.3, 1.6, 1.1])
		},
		test: {
			plain: { step: [0, 50], values: { accuracy: [0.1, 0.125] } },
			bn: { step: [0, 50], values: { accuracy: [0.1, 0.7549] } },
			'noisy-bn': { step: [0, 50], values: { accuracy: [0.1, 0.7431] } }
		},
		bands: { plain: band([1, 2, 3], -2), bn: band([1, 2, 3], 0), 'noisy-bn': band([1, 2, 3], 0.5) },
		parameters: {
			plain: null,
			bn: { gamma: 1.2345, beta: -0.0567, runningMean: 0.31, runningVariance: 2.5 },
			'noisy-bn': { gamma: 1, beta: 0, runningMean: 0, runningVariance: 1 }
		}
	};
}

/** the same run with BN's accuracy on population statistics too, as the worker posts it */
function withPopulation(bn = 0.8123, noisy = 0.8201): RunCurves & { step: number } {
	const r = run();
	return {
		...r,
		test: {
			...r.test,
			bn: { step: [0, 50], values: { accuracy: [0.1, 0.7549], populationAccuracy: [0.1, bn] } },
			'noisy-bn': {
				step: [0, 50],
				values: { accuracy: [0.1, 0.7431], populationAccuracy: [0.1, noisy] }
			}
		}
	};
}

describe('Training curves table', () => {
	it('has the contract header and one row per variant and logged step', () => {
		const csv = chartTableCsv(curvesTable(run(), ['plain', 'bn', 'noisy-bn']));
		const lines = csv.trim().split('\n');
		expect(lines[0]).toBe('variant,lr,step,train_loss,test_accuracy,p15,p50,p85');
		// steps 0 (test only), 1, 2, 3 and 50 (test only) for each variant
		expect(lines).toHaveLength(1 + 3 * 5);
		expect(lines[1]).toBe('plain,3,0,,0.1,,,');
		expect(lines[2]).toBe('plain,3,1,2.3,,-2.99,-1.99,-0.99');
		expect(lines.filter((l) => l.startsWith('bn,'))).toEqual([
			'bn,3,0,,0.1,,,',
			'bn,3,1,2.3,,-0.99,0.01,1.01',
			'bn,3,2,1.5,,-0.98,0.02,1.02',
			'bn,3,3,1,,-0.97,0.03,1.03',
			'bn,3,50,,0.7549,,,'
		]);
	});

	it("BN's accuracy on population statistics (Algorithm 2) is a table of its own", () => {
		const population = chartTableCsv(populationTable(withPopulation(), ['plain', 'bn', 'noisy-bn']))
			.trim()
			.split('\n');
		expect(population).toEqual([
			'variant,lr,step,test_accuracy_population',
			'bn,3,0,0.1',
			'bn,3,50,0.8123',
			'noisy-bn,3,0,0.1',
			'noisy-bn,3,50,0.8201'
		]);
	});

	it('keeps the bands: appended, or replaced for a new unit or a fresh run', () => {
		const first = mergeBands(
			{},
			{
				type: 'bands',
				replace: true,
				layer: 3,
				unit: 0,
				parameters: {},
				bands: { bn: band([1, 2], 0) }
			}
		);
		const more = mergeBands(first, {
			type: 'bands',
			replace: false,
			layer: 3,
			unit: 0,
			parameters: {},
			bands: { bn: band([3], 0) }
		});
		expect(more.bn.step).toEqual([1, 2, 3]);
		expect(more.bn.p50).toEqual([0.01, 0.02, 0.03]);
		const other = mergeBands(more, {
			type: 'bands',
			replace: true,
			layer: 1,
			unit: 9,
			parameters: {},
			bands: { bn: band([1], 5) }
		});
		expect(other.bn.step).toEqual([1]);
	});
});

describe('the written answer', () => {
	it('quotes the followed unit’s γ, β, running statistics and percentiles as shown', () => {
		const s = runSummary(run(), 2, 17);
		expect(formulaSentence(s)).toContain('Unit 17 of hidden layer 2 in the BN network, step 3');
		expect(formulaSentence(s)).toContain('μ = 0.31, σ² = 2.50; ε = 0.001');
		expect(formulaSentence(s)).toContain('γ = 1.23');
		expect(formulaSentence(s)).toContain('β = −0.06');
		expect(formulaSentence(s)).toContain('median 0.03 and 15–85 % range −0.97 to 1.03');
	});

	it('states the accuracies as the stats row shows them, and what they say', () => {
		const sentences = evidenceSentences(runSummary(run(), 3, 0));
		expect(sentences[0]).toBe(
			'At step 50 with learning rate 3: test accuracy plain 12.5 %, BN 75.5 %, noisy BN 74.3 %, ' +
				"BN on its running averages (what PyTorch's model.eval() uses)."
		);
		expect(sentences[1]).toContain('Noisy BN is within 1.2 points of BN');
		expect(sentences[2]).toBe('BN is 63.0 points ahead of the plain network at the same rate.');
		expect(sentences[3]).toContain('median sigmoid input is now 0.03 with BN and −1.97 without');
		// before any training: chance, and no claim about BN
		const fresh = {
			...run(),
			test: {
				plain: { step: [0], values: { accuracy: [0.1] } },
				bn: { step: [0], values: { accuracy: [0.1] } },
				'noisy-bn': { step: [0], values: { accuracy: [0.1] } }
			}
		};
		expect(evidenceSentences(runSummary(fresh, 3, 0))).toEqual([
			'Before training all three are at chance (plain 10.0 %, BN 10.0 %, noisy BN 10.0 % on the 10,000 test images). Press Train.'
		]);
	});
});

describe('the written answer with population statistics (Algorithm 2)', () => {
	it('quotes BN both ways, says how far the running averages lag, and compares on the population figures', () => {
		const sentences = evidenceSentences(runSummary(withPopulation(), 3, 0));
		expect(sentences[0]).toContain('BN 75.5 %, noisy BN 74.3 %, BN on its running averages');
		// |81.2 − 75.5| = 5.7 and |82.0 − 74.3| = 7.7 points: the larger is quoted
		expect(sentences[1]).toBe(
			"On population statistics of the training images with this step's weights (Ioffe & " +
				"Szegedy's Algorithm 2): BN 81.2 %, noisy BN 82.0 %. The running averages (momentum 0.9) " +
				'weight the last ~10 batches, measured with older weights; at this rate the weights move ' +
				'between steps, so that figure lags and swings from one test to the next (here up to 7.7 ' +
				'points off).'
		);
		// 82.01 − 81.23 = 0.78 points: close, on the population figures
		expect(sentences[2]).toContain('On population statistics, noisy BN is within 0.8 points of BN');
		expect(sentences[3]).toBe(
			'BN is 68.7 points ahead of the plain network at the same rate (population statistics).'
		);
		// the two ways within 2 points: said so, with the gap
		const agree = evidenceSentences(runSummary(withPopulation(0.7649, 0.7531), 3, 0));
		expect(agree[1]).toContain(
			'BN 76.5 %, noisy BN 75.3 %. The two ways agree within 1.0 points here.'
		);
		expect(agree[2]).toContain('within 1.2 points of BN');
	});
});

describe('the prediction: noisy BN against BN (issue 25)', () => {
	const p = noisyBnPrediction;
	const at = (testStep: number, accuracyBn: number, accuracyNoisyBn: number) => ({
		testStep,
		accuracyBn,
		accuracyNoisyBn
	});
	it('is declared by the lab, and waits for a test evaluation at step 100 or later', () => {
		expect(batchNormLab.predictions).toContain(p);
		expect(p.answer({}, {})).toBeNull();
		expect(p.measured({}, {})).toBeNull();
		// at step 50 both nets may still be near chance: no answer yet
		expect(p.answer(at(50, 0.7, 0.1), {})).toBeNull();
	});
	it.each([
		// gap = noisy − BN in points, by hand: ≤ 3 points either way is "close"
		[0.812, 0.801, 'close', '−1.1 points'],
		[0.7, 0.73, 'close', '+3.0 points'],
		[0.8, 0.76, 'far-below', '−4.0 points'],
		[0.6, 0.65, 'above', '+5.0 points']
	])('BN %f, noisy %f → %s', (bn, noisy, verdict, quoted) => {
		const o = at(150, bn, noisy);
		expect(p.answer(o, {})).toBe(verdict);
		const m = p.measured(o, {})!;
		expect(m.value).toBeCloseTo(noisy - bn, 12);
		expect(m.text).toContain(`at step 150, BN ${(100 * bn).toFixed(1)} %`);
		expect(m.text).toContain(`noisy BN ${(100 * noisy).toFixed(1)} %`);
		expect(m.text).toContain(quoted);
	});
	it('judges on population statistics where the run has them (running averages swing)', () => {
		// running averages say 'far-below' (−5 points); the population figures say 'close' (−1)
		const o = { ...at(1500, 0.81, 0.76), populationBn: 0.815, populationNoisyBn: 0.805 };
		expect(p.answer(o, {})).toBe('close');
		const m = p.measured(o, {})!;
		expect(m.value).toBeCloseTo(0.805 - 0.815, 12);
		expect(m.text).toContain('BN 81.5 % and noisy BN 80.5 %');
		expect(m.text).toContain("(BN's population statistics)");
		expect(p.measured(at(1500, 0.81, 0.76), {})!.text).toContain("(BN's running averages)");
	});
});
