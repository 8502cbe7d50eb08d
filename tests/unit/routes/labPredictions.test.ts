/**
 * Each lab's prediction against numbers computed here by hand (or by the engine the lab runs, for
 * a table the lab shows), fed in as the lab publishes them: the right answer, the measured value in
 * `convlab:revealed`, and a reveal sentence that quotes those numbers.
 */
import { describe, expect, it } from 'vitest';
import { presetArchitecture } from '$lib/engine/architectures/catalogue';
import { architectureCost, receptiveField } from '$lib/engine/receptiveField';
import type { ObservedNow, Prediction } from '$lib/runtime/prediction';
import { LABS } from '$lib/labs';
import { convolutionSchema } from '$lib/state/convolutionState';
import { fcVsConvSchema } from '$lib/state/fcVsConvState';
import { poolingSchema } from '$lib/state/poolingState';
import { receptiveFieldSchema } from '$lib/state/receptiveFieldState';
import { segmentationSchema } from '$lib/state/segmentationState';
import { defaultState } from '$lib/state/urlSchema';
import { outputSizePrediction } from '../../../src/routes/convolution/prediction';
import { parameterRatioPrediction } from '../../../src/routes/fc-vs-conv/prediction';
import {
	leastChangePrediction,
	shiftOneObservations
} from '../../../src/routes/invariance/prediction';
import { confidencePrediction } from '../../../src/routes/network/prediction';
import { scalingPrediction } from '../../../src/routes/normalization/prediction';
import { pc1SharePrediction } from '../../../src/routes/pca/prediction';
import { computeSavedPrediction } from '../../../src/routes/pooling/prediction';
import { largerFieldPrediction } from '../../../src/routes/receptive-field/prediction';
import {
	bottleneckPrediction,
	levelSizeObservations
} from '../../../src/routes/segmentation/prediction';
import { lab as convolutionLab } from '../../../src/routes/convolution/lab';
import { lab as fcLab } from '../../../src/routes/fc-vs-conv/lab';
import { lab as invarianceLab } from '../../../src/routes/invariance/lab';
import { lab as networkLab } from '../../../src/routes/network/lab';
import { lab as normalizationLab } from '../../../src/routes/normalization/lab';
import { lab as pcaLab } from '../../../src/routes/pca/lab';
import { lab as poolingLab } from '../../../src/routes/pooling/lab';
import { lab as rfLab } from '../../../src/routes/receptive-field/lab';
import { lab as segmentationLab } from '../../../src/routes/segmentation/lab';
import { lab as batchNormLab } from '../../../src/routes/batch-norm/lab';
import { lab as residualLab } from '../../../src/routes/residual/lab';
import { lab as imbalanceLab } from '../../../src/routes/imbalance/lab';

/** A prediction read without its lab's types: the tests feed plain objects. */
type Loose = Prediction<object, string>;
const reveal = (prediction: unknown, observed: Record<string, unknown>, state: object = {}) => {
	const p = prediction as Loose;
	const o = observed as ObservedNow;
	return {
		answer: p.answer(o, state),
		measured: p.measured(o, state),
		prompt: p.prompt?.(o, state) ?? p.question
	};
};

describe('every lab declares a prediction whose observables it publishes', () => {
	const labs = [
		convolutionLab,
		fcLab,
		poolingLab,
		invarianceLab,
		rfLab,
		networkLab,
		segmentationLab,
		normalizationLab,
		batchNormLab,
		residualLab,
		pcaLab,
		imbalanceLab
	];
	it.each(labs.map((lab) => [lab.meta.path, lab] as const))('%s', (_, lab) => {
		expect(lab.predictions?.length).toBeGreaterThan(0);
		for (const p of lab.predictions as unknown as Loose[]) {
			expect(p.modelAnswer.split(/(?<=\.) /).length).toBeGreaterThanOrEqual(3);
			expect(p.followUps.length).toBeGreaterThan(0);
			expect(p.sources.length).toBeGreaterThan(0);
			// Before the lab has measured anything there is no answer, and nothing throws.
			expect(p.answer({}, defaultState(lab.schema()))).toBeNull();
			expect(p.measured({}, defaultState(lab.schema()))).toBeNull();
		}
	});
	it('question ids are unique across labs', () => {
		const ids = labs.flatMap((lab) => lab.predictions!.map((p) => p.id));
		expect(new Set(ids).size).toBe(ids.length);
		// every lab of the registry is in the list above
		expect(labs.map((lab) => lab.meta.path).sort()).toEqual(LABS.map((l) => l.path).sort());
	});
});

describe('convolution: output width', () => {
	// out = floor((n + 2p − d(k−1) − 1)/s) + 1, by hand: n = 451, k = 5, s = 2, p = 1, d = 2 → 223
	it('answers the width the lab measured and quotes the settings', () => {
		const state = { ...defaultState(convolutionSchema()), k: 5, stride: 2, pad: 1, dil: 2 };
		const r = reveal(outputSizePrediction, { inputWidth: 451, outputWidth: 223 }, state);
		expect(Math.floor((451 + 2 - 2 * 4 - 1) / 2) + 1).toBe(223);
		expect(r.answer).toBe(223);
		expect(r.measured).toEqual({ value: 223, text: '451 px in, 223 px out.' });
		expect(r.prompt).toContain('451 px wide. A 5×5 kernel, stride 2, padding 1, dilation 2');
	});
});

describe('fc-vs-conv: parameter ratio', () => {
	it.each([
		// H, W, C, N, k: fc = HWC·N + N, conv = k²C·N + N
		[300, 451, 3, 256, 3, '1k-100k'],
		[28, 28, 1, 10, 11, 'under-10'],
		[64, 64, 1, 16, 3, '10-1k'],
		[1024, 1024, 3, 1, 1, 'over-100k']
	])('%i×%i×%i, %i units, k=%i → %s', (h, w, c, n, k, expected) => {
		const fc = h * w * c * n + n;
		const conv = k * k * c * n + n;
		const state = { ...defaultState(fcVsConvSchema()), units: n, k, ch: c };
		const r = reveal(parameterRatioPrediction, { fcParameters: fc, convParameters: conv }, state);
		expect(r.answer).toBe(expected);
		expect(r.measured!.value).toBeCloseTo(fc / conv, 9);
		expect(r.measured!.text).toContain(fc.toLocaleString('en'));
	});
});

describe('pooling: compute saved', () => {
	it('is the ratio of positions before and after, within 10 %', () => {
		// 300×451 → 2×2/2 → 150×225: (300·451)/(150·225) = 4.00888…
		const ratio = (300 * 451) / (150 * 225);
		const o = { beforeSize: '300×451', pooledSize: '150×225', macsRatio: ratio };
		const r = reveal(computeSavedPrediction, o, defaultState(poolingSchema()));
		expect(r.answer).toBeCloseTo(4.00889, 4);
		expect(r.measured!.text).toContain('from 300×451 to 150×225');
		expect(r.measured!.text).toContain('4.01× fewer');
		expect(r.prompt).toContain('2×2 max pooling with stride 2 on the 300×451 maps');
	});
});

describe('invariance: least change after 1 px', () => {
	const row = {
		shift: 1,
		dx: 1,
		dy: 0,
		pixels: 0.95,
		conv_aligned: 1,
		conv: 0.92,
		maxpool: 0.95,
		global_maxpool: 0.9997,
		fc: 0.99,
		blurpool: 0.97
	};
	it('is the representation with the highest correlation (conv_aligned is no choice)', () => {
		const r = reveal(leastChangePrediction, shiftOneObservations(row));
		expect(r.answer).toBe('global_maxpool');
		expect(r.measured!.value).toBe(0.9997);
		expect(r.measured!.text).toContain('The global max-pool changed least.');
		const fcWins = reveal(leastChangePrediction, shiftOneObservations({ ...row, fc: 0.9999 }));
		expect(fcWins.answer).toBe('fc');
		expect(fcWins.measured!.text).toContain('The fully connected changed least.');
	});
	it('has no answer before the curve has its 1 px step', () => {
		expect(reveal(leastChangePrediction, shiftOneObservations(undefined)).answer).toBeNull();
	});
});

describe('receptive field: A against B', () => {
	const observe = (a: string, b: string) => {
		const [ta, tb] = [a, b].map((id) => receptiveField(presetArchitecture(id as never), 64, 64));
		return {
			rfA: ta.rows.at(-1)!.y.rf,
			rfB: tb.rows.at(-1)!.y.rf,
			paramsA: architectureCost(ta).params,
			paramsB: architectureCost(tb).params
		};
	};
	it.each([
		// by hand: 1 + 3·2 = 7 against 7; 1 + 2·2 = 5 against 7
		['conv3x3', 'conv7', 7, 7, 'same'],
		['conv3x2', 'conv7', 5, 7, 'b'],
		['conv7', 'conv3x2', 7, 5, 'a']
	])('%s against %s: %i px and %i px → %s', (a, b, rfA, rfB, expected) => {
		const o = observe(a, b);
		expect([o.rfA, o.rfB]).toEqual([rfA, rfB]);
		const state = { ...defaultState(receptiveFieldSchema()), arch: a, archb: b };
		const r = reveal(largerFieldPrediction, o, state);
		expect(r.answer).toBe(expected);
		expect(r.measured!.text).toContain(`stack A’s last layer sees ${rfA} px, stack B’s ${rfB} px`);
	});
	it('reads "h / w" fields by their larger side', () => {
		expect(reveal(largerFieldPrediction, { rfA: '7 / 9', rfB: 8 }).answer).toBe('a');
	});
	it('names a custom stack in words that wrap: 64 × c3 made the page 300 px wider than a laptop', () => {
		const layer = { kind: 'conv', kernel: 3, stride: 1, dilation: 1, padding: 'same' } as const;
		const layers = Array.from({ length: 64 }, () => ({ ...layer, channels: 64, relu: true }));
		const state = { ...defaultState(receptiveFieldSchema()), arch: 'custom', layers } as const;
		const prompt = largerFieldPrediction.prompt!({}, state as never) ?? '';
		expect(prompt).toContain('Stack A is the stack c3, c3, c3,');
		expect(Math.max(...prompt.split(/\s/).map((word) => word.length))).toBeLessThan(20);
	});
});

describe('network: confidence', () => {
	it('is the top probability in percent, right within 10 points', () => {
		const o = { predictedClass: 'Bag', probability: 0.985, trueClass: null };
		const r = reveal(confidencePrediction, o, { model: 'fashion', src: 'image' });
		expect(r.answer).toBe(98.5);
		expect(r.measured).toEqual({ value: 98.5, text: 'the classifier says “Bag” with 98.5 %.' });
		expect(confidencePrediction.tolerance).toEqual({ absolute: 10 });
	});
	it('has no answer on the selfie network', () => {
		expect(
			reveal(confidencePrediction, { network: 'selfie' }, { model: 'selfie' }).answer
		).toBeNull();
	});
});

describe('segmentation: bottleneck rows', () => {
	it.each([
		// H, depth: padded to a multiple of 2^(depth−1), then halved depth − 1 times = ⌈H / 2^(depth−1)⌉
		[128, 3, 32],
		[301, 3, 76],
		[301, 4, 38],
		[97, 2, 49]
	])('H = %i, depth %i → %i rows', (h, depth, rows) => {
		const padded = Math.ceil(h / 2 ** (depth - 1)) * 2 ** (depth - 1);
		const levels = Array.from({ length: depth }, (_, l) => ({
			height: padded / 2 ** l,
			width: 40,
			channels: 8 << l
		}));
		const o = { ...levelSizeObservations([h, 160], levels), depth };
		const state = { ...defaultState(segmentationSchema()), depth };
		const r = reveal(bottleneckPrediction, o, state);
		expect(r.answer).toBe(rows);
		expect(r.measured!.text).toContain(`for the ${h}×160 input`);
		expect(r.prompt).toContain(`at ${h}×160 (H×W) and has ${depth} levels`);
	});
});

describe('normalization: scaling every pixel', () => {
	// M = [[2, 1], [1, 2]]: eigenvalues 3 and 1, κ = 3; ×255² scales both, κ stays 3.
	it('is "the same" when κ is unchanged, and follows κ otherwise', () => {
		const kappa = (a: number, b: number) => {
			const l = [a + b, a - b];
			return Math.max(...l) / Math.min(...l);
		};
		const o = { kappaRaw01: kappa(2, 1), kappaRaw255: kappa(2 * 255 ** 2, 255 ** 2) };
		const r = reveal(scalingPrediction, o);
		expect(r.answer).toBe('same');
		expect(r.measured!.value).toBeCloseTo(1, 12);
		expect(r.measured!.text).toContain('κ = 3 for pixels in [0, 1] and 3 in [0, 255]');
		expect(r.measured!.text).toContain('the same conditioning');
		expect(reveal(scalingPrediction, { kappaRaw01: 3, kappaRaw255: 6 }).answer).toBe('slower');
	});

	it('/pca: PC1’s share of the patch variance in %, against an even spread of 1/p², with the shape of PC1', () => {
		// 8×8 patches: 64 components, an even spread gives each 1/64 = 1.5625 % → 1.6 %
		const r = reveal(
			pc1SharePrediction,
			{ pc1Explained: 0.8243, pc1DcCosine: 0.9953, componentsFor90: 3 },
			{ patch: 8 }
		);
		expect(r.answer).toBe(82.4);
		expect(r.measured!.value).toBe(82.4);
		expect(r.measured!.text).toBe(
			'PC1 explains 82.4 % of the variance of your photo’s 8×8 patches, against 1.6 % if it were spread evenly; PC1 is the patch’s mean brightness (|cos| with a flat patch 0.995), and 3 of the 64 components hold 90 %.'
		);
		expect(r.prompt).toContain(
			'random 8×8 patches of your photo (64 pixels each, so 64 components)'
		);
		// a texture whose PC1 is not the flat patch says so; 4×4 patches: 1/16 = 6.25 % → 6.3 %
		const texture = reveal(
			pc1SharePrediction,
			{ pc1Explained: 0.415, pc1DcCosine: 0.62 },
			{ patch: 4 }
		);
		expect(texture.answer).toBe(41.5);
		expect(texture.measured!.text).toBe(
			'PC1 explains 41.5 % of the variance of your photo’s 4×4 patches, against 6.3 % if it were spread evenly; PC1 is not the flat patch here (|cos| with it 0.620).'
		);
	});
});
