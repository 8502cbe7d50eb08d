import { describe, expect, it } from 'vitest';
import {
	fileParts,
	levelShown,
	tooSmallFor,
	unetConfig
} from '../../../src/routes/segmentation/labPictures';
import { maskScore, pixelAccuracy } from '../../../src/routes/segmentation/maskScore';
import {
	segmentationObserved,
	segmentationSummary
} from '../../../src/routes/segmentation/segmentationSummary';
import {
	settleText,
	trainingAnnouncement,
	type Announced
} from '../../../src/routes/segmentation/trainingText';
import {
	segmentationSchema,
	type SegmentationState
} from '../../../src/lib/state/segmentationState';
import { defaultState } from '../../../src/lib/state/urlSchema';

const defaults = defaultState(segmentationSchema()) as SegmentationState;

describe('pixelAccuracy', () => {
	it.each([
		[[1, 1, 0, 0], [1, 0, 0, 0], 3 / 4],
		[[0, 0, 0, 0, 0], [0, 0, 0, 0, 1], 4 / 5],
		[[1, 0], [0, 1], 0],
		[[1, 0, 1], [1, 0, 1], 1]
	])('%j against %j', (predicted, reference, expected) => {
		expect(pixelAccuracy(Uint8Array.from(predicted), Uint8Array.from(reference))).toBeCloseTo(
			expected,
			12
		);
	});
	it('refuses planes of different sizes', () => {
		expect(() => pixelAccuracy(new Uint8Array(3), new Uint8Array(4))).toThrow(RangeError);
	});
});

describe('maskScore', () => {
	it('scores a 2×2 mask by hand: the shape is the pixels where Foreground (class 0) wins', () => {
		// [H=2, W=2, K=2] softmax: Foreground wins at pixels 0 and 1.
		const p = Float32Array.from([0.9, 0.1, 0.6, 0.4, 0.2, 0.8, 0.3, 0.7]);
		const reference = Uint8Array.from([1, 0, 0, 0]);
		const score = maskScore(p, 2, reference, 2, 2);
		// predicted shape {0, 1}, true shape {0}: IoU 1/2, 3 of 4 pixels right
		expect(score.iou).toBeCloseTo(0.5, 12);
		expect(score.pixelAccuracy).toBeCloseTo(0.75, 12);
		expect(score.label).toBe('Foreground');
	});
	it('with 3 classes, every class but Background (class 1) is shape', () => {
		// Class 2 wins at pixel 0, Background at pixel 1.
		const p = Float32Array.from([0.1, 0.2, 0.7, 0.1, 0.8, 0.1]);
		const score = maskScore(p, 3, Uint8Array.from([1, 1]), 1, 2);
		expect(score.pixelAccuracy).toBeCloseTo(0.5, 12);
		expect(score.iou).toBeCloseTo(0.5, 12);
	});
});

describe('segmentationSummary', () => {
	it('names the scribble U-Net, the scene, its size and the level shown', () => {
		expect(
			segmentationSummary({
				mode: 'scribble',
				picture: { height: 128, width: 128 },
				scene: 3,
				config: { depth: 3, skips: true, upsampling: 'transposed', upKernel: 3, classes: 2 },
				level: 1,
				levelShape: { height: 64, width: 64, channels: 16 }
			})
		).toBe(
			'Your U-Net (depth 3, 2 classes, skip connections on, transposed 3×3 upsampling) on scene 3, 128 px wide and 128 high; level 1 shown, 64×64×16.'
		);
	});
	it('names the pretrained U-Net on the learner’s image', () => {
		expect(
			segmentationSummary({
				mode: 'pretrained',
				picture: { height: 96, width: 128 },
				scene: null,
				config: { depth: 3, skips: false, upsampling: 'resize', upKernel: 3, classes: 2 },
				level: 2,
				levelShape: { height: 12, width: 16, channels: 32 }
			})
		).toBe(
			'The pretrained U-Net (depth 3, skip connections off, resize + conv upsampling) on your image, 128 px wide and 96 high; level 2 shown, 12×16×32.'
		);
	});
	it('names the selfie model', () => {
		expect(
			segmentationSummary({
				mode: 'selfie',
				picture: { height: 128, width: 85 },
				scene: null,
				config: null,
				level: 0,
				levelShape: { height: 128, width: 128, channels: 16 }
			})
		).toBe('The selfie model on your image, 85 px wide and 128 high; level 0 shown, 128×128×16.');
	});
});

describe('the level shown and the picture too small', () => {
	const levels = [
		{ height: 64, width: 64, channels: 8 },
		{ height: 32, width: 32, channels: 16 }
	];
	it('clamps the level to the U-Net’s deepest', () => {
		expect(levelShown('scribble', 3, levels)).toEqual({ level: 1, shape: levels[1] });
		expect(levelShown('pretrained', 0, levels)).toEqual({ level: 0, shape: levels[0] });
	});
	it('a U-Net of depth 4 needs 8 px a side; 7 is too small, 8 is not', () => {
		const s = { ...defaults, depth: 4 };
		const thin = { rgb: new Float32Array(7 * 100 * 3), height: 7, width: 100 };
		expect(tooSmallFor(thin, s, null)).toEqual({ height: 7, width: 100, depth: 4, minimum: 8 });
		const ok = { rgb: new Float32Array(8 * 100 * 3), height: 8, width: 100 };
		expect(tooSmallFor(ok, s, null)).toBeNull();
		expect(tooSmallFor(thin, { ...s, mode: 'selfie' }, null)).toBeNull();
	});
});

describe('segmentationObserved', () => {
	const base = {
		picture: { height: 128, width: 96 },
		net: { depth: 3, skips: false },
		shown: { level: 1, shape: { height: 64, width: 48, channels: 16 } },
		painted: 120,
		step: 42,
		loss: 0.25,
		score: { iou: 0.8, boundaryF: 0.6, pixelAccuracy: 0.95, label: 'Foreground' }
	};
	it('publishes training figures in the scribble mode only', () => {
		expect(segmentationObserved({ ...base, mode: 'scribble' })).toEqual({
			mode: 'scribble',
			pictureSize: '128×96',
			skips: false,
			depth: 3,
			level: 1,
			levelSize: '64×48×16',
			painted: 120,
			step: 42,
			loss: 0.25,
			iou: 0.8,
			boundaryF: 0.6,
			pixelAccuracy: 0.95
		});
		const pretrained = segmentationObserved({ ...base, mode: 'pretrained', score: null });
		expect([pretrained.step, pretrained.loss, pretrained.iou]).toEqual([null, null, null]);
	});
});

describe('training text', () => {
	it('the settle estimate uses the rate as shown (1 decimal)', () => {
		// 100 − 40 = 60 steps left at 2.96 → shown as 3.0 steps/s → 20 s
		expect(settleText(40, 2.96)).toBe(
			'A mask on a photo usually settles after ~100 steps: about 20 s more at 3.0 steps/s. Scenes are quicker.'
		);
		expect(settleText(40, 0)).toMatch(/settles after ~100 steps; scenes/);
		expect(settleText(100, 5)).toMatch(/^Past the ~100 steps/);
	});
	it('announces the start, a summary after 10 s at most, and the pause', () => {
		let last: Announced = { running: false, at: 0 };
		const say = (running: boolean, step: number, now: number, loss?: number) => {
			const next = trainingAnnouncement(last, { running, step, loss, painted: 300, now });
			if (next) last = next.announced;
			return next?.text ?? null;
		};
		expect(say(false, 0, 1000)).toBeNull();
		expect(say(true, 0, 20_000)).toBe('Training started on 300 painted pixels.');
		expect(say(true, 5, 25_000, 0.5)).toBeNull();
		expect(say(true, 12, 30_000, 0.41234)).toBe('Training: step 12, loss 0.412.');
		expect(say(true, 13, 31_000, 0.4)).toBeNull();
		expect(say(false, 14, 32_000, 0.39)).toBe('Paused at step 14, loss 0.390.');
		expect(say(false, 14, 50_000, 0.39)).toBeNull();
	});
});

describe('the U-Net and the file names, from the settings', () => {
	const s = {
		...defaults,
		depth: 4,
		base: 16,
		skips: false,
		up: 'resize',
		upk: 4,
		bn: true,
		classes: 3
	} as SegmentationState;
	it('maps each setting to its architecture field', () => {
		expect(unetConfig(s)).toEqual({
			depth: 4,
			base: 16,
			skips: false,
			upsampling: 'resize',
			upKernel: 4,
			batchNorm: true,
			classes: 3
		});
	});
	it('names the mode, the picture and the architecture', () => {
		expect(fileParts({ ...s, seed: 7 }, true)).toEqual([
			'segmentation',
			'scribble',
			'scene7',
			'd4',
			'b16',
			'noskips',
			'resize'
		]);
		expect(fileParts({ ...s, mode: 'selfie' }, false)[2]).toBe('image');
	});
});
