// Crops, flips and colour jitter on a hand-made 3×3 image; labels follow the geometry only.
import { describe, expect, it } from 'vitest';
import { augment, drawAugmentation } from '../../../../src/lib/engine/segmentation/augmentation';
import { seededRandom } from '../../../../src/lib/engine/seededRandom';

// 3×3 image, R = 10·y + x (scaled to [0, 1] by /100), G = B = 0; labels = y·3 + x + 1.
const rgb = new Float32Array(27);
const labels = new Uint8Array(9);
for (let y = 0; y < 3; y++)
	for (let x = 0; x < 3; x++) {
		rgb[(y * 3 + x) * 3] = (10 * y + x) / 100;
		labels[y * 3 + x] = y * 3 + x + 1;
	}
const identity = {
	top: 0,
	left: 0,
	flipX: false,
	flipY: false,
	brightness: 0,
	contrast: 1,
	gain: [1, 1, 1] as [number, number, number]
};

describe('augmentation', () => {
	it('crops at (top, left)', () => {
		const s = augment(rgb, labels, 3, 3, 2, { ...identity, top: 1, left: 1 });
		expect([s.height, s.width]).toEqual([2, 2]);
		expect(Array.from(s.labels)).toEqual([5, 6, 8, 9]);
		expect(Array.from(s.rgb.filter((_, i) => i % 3 === 0)).map((v) => Math.round(v * 100))).toEqual(
			[11, 12, 21, 22]
		);
	});

	it('flips left–right and up–down, labels with the pixels', () => {
		const fx = augment(rgb, labels, 3, 3, 3, { ...identity, flipX: true });
		expect(Array.from(fx.labels)).toEqual([3, 2, 1, 6, 5, 4, 9, 8, 7]);
		const fy = augment(rgb, labels, 3, 3, 2, { ...identity, flipY: true });
		expect(Array.from(fy.labels)).toEqual([4, 5, 1, 2]);
		expect(Math.round(fy.rgb[0] * 100)).toBe(10);
	});

	it('colour jitter: (v − mean)·contrast + mean + brightness, clamped, times the channel gain; labels untouched', () => {
		const s = augment(rgb, labels, 3, 3, 3, {
			...identity,
			contrast: 2,
			brightness: 0.1,
			gain: [0.5, 1, 1]
		});
		// mean over all 27 values: R sum = (0+1+2+10+11+12+20+21+22)/100 = 0.99 → mean 0.99/27
		const mean = 0.99 / 27;
		const r = (v: number) => Math.min(1, Math.max(0, (v - mean) * 2 + mean + 0.1));
		expect(s.rgb[0]).toBeCloseTo(r(0) * 0.5, 6);
		expect(s.rgb[3 * 8]).toBeCloseTo(r(0.22) * 0.5, 6);
		expect(s.rgb[1]).toBeCloseTo(r(0), 6); // G = 0
		expect(Array.from(s.labels)).toEqual(Array.from(labels));
	});

	it('draws crops inside the image, flips only when asked, jitter within its range', () => {
		let n = 0;
		const seq = [0.999, 0.999, 0.1, 0.1, 1 - 1e-9, 0, 0.5, 0.5, 0.5];
		const random = () => seq[n++ % seq.length];
		const d = drawAugmentation(random, 10, 8, { crop: 4, flips: true, jitter: 0.2 });
		expect(d.top).toBe(6); // floor(0.999 · (10 − 4 + 1))
		expect(d.left).toBe(4); // floor(0.999 · 5)
		expect([d.flipX, d.flipY]).toEqual([true, true]);
		expect(d.brightness).toBeCloseTo(0.2, 6);
		expect(d.contrast).toBeCloseTo(0.8, 6);
		n = 0;
		const noFlip = drawAugmentation(random, 10, 8, { crop: 20, flips: false, jitter: 0 });
		expect([noFlip.top, noFlip.left, noFlip.flipX, noFlip.flipY]).toEqual([0, 0, false, false]);
	});

	it('draws a crop around a given pixel: every such crop holds it, and every position that does can come up', () => {
		const random = seededRandom(7);
		const seen = new Set<string>();
		for (let i = 0; i < 400; i++) {
			const d = drawAugmentation(
				random,
				20,
				30,
				{ crop: 8, flips: false, jitter: 0 },
				{ y: 3, x: 25 }
			);
			// the crop [top, top + 8) × [left, left + 8) holds (3, 25), inside the 20 × 30 picture
			expect(d.top).toBeGreaterThanOrEqual(0);
			expect(d.top).toBeLessThanOrEqual(3);
			expect(d.left).toBeGreaterThanOrEqual(25 - 7);
			expect(d.left).toBeLessThanOrEqual(30 - 8);
			seen.add(`${d.top},${d.left}`);
		}
		expect(seen.size).toBe(4 * 5); // top 0…3, left 18…22
	});
});
