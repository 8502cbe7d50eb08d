import { describe, expect, it } from 'vitest';
import { shiftCrop, shiftTolerance } from '$lib/engine/shiftTolerance';
import { seededRandom } from '$lib/engine/seededRandom';

/**
 * The experiment by hand for one channel: window at (y0, x0 + t), 2×2/2 max-pool and global max
 * from the definition, relative L2 change against t = 0.
 */
function reference(
	plane: number[][],
	y0: number,
	x0: number,
	h: number,
	w: number,
	maxShift: number
) {
	const crops = Array.from({ length: maxShift + 1 }, (_, t) =>
		Array.from({ length: h }, (_, y) =>
			Array.from({ length: w }, (_, x) => plane[y0 + y][x0 + t + x])
		)
	);
	const maxPool = (c: number[][]) => {
		const out: number[] = [];
		for (let y = 0; y + 2 <= h; y += 2)
			for (let x = 0; x + 2 <= w; x += 2)
				out.push(Math.max(c[y][x], c[y][x + 1], c[y + 1][x], c[y + 1][x + 1]));
		return out;
	};
	const change = (a: number[], b: number[]) =>
		Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0)) /
		Math.sqrt(b.reduce((s, v) => s + v * v, 0));
	const flat = crops.map((c) => c.flat());
	const pooled = crops.map(maxPool);
	const globalMax = flat.map((c) => [Math.max(...c)]);
	return {
		unpooled: flat.map((c) => change(c, flat[0])),
		pooled: pooled.map((c) => change(c, pooled[0])),
		globalMax: globalMax.map((c) => change(c, globalMax[0]))
	};
}

describe('shiftTolerance', () => {
	it('matches the experiment done by hand (central crop, every shift)', () => {
		const random = seededRandom(3);
		const [H, W] = [11, 20];
		const plane = Array.from({ length: H }, () => Array.from({ length: W }, () => random()));
		const map = { data: Float32Array.from(plane.flat()), height: H, width: W, channels: 1 };
		const result = shiftTolerance(
			map,
			[
				{ mode: 'max', size: 2, stride: 2 },
				{ mode: 'gmax', size: 2, stride: 1 }
			],
			{ maxShift: 4, cropSize: 9 }
		);
		// crop 9×9 centred in 11×(20 − 4): y0 = 1, x0 = 3
		expect(result.crop).toEqual([9, 9]);
		const expected = reference(plane, 1, 3, 9, 9, 4);
		expect(result.shifts).toEqual([0, 1, 2, 3, 4]);
		result.unpooled.forEach((v, i) => expect(v).toBeCloseTo(expected.unpooled[i], 5));
		result.pooled[0].forEach((v, i) => expect(v).toBeCloseTo(expected.pooled[i], 5));
		result.pooled[1].forEach((v, i) => expect(v).toBeCloseTo(expected.globalMax[i], 5));
		expect(result.unpooled[0]).toBe(0);
	});

	it('pools every channel, and average pooling of stripes ignores a whole-period shift', () => {
		// Two channels of vertical stripes, periods 2 and 4: a shift of 4 px gives the same crop.
		const [H, W, C] = [6, 24, 2];
		const data = new Float32Array(H * W * C);
		for (let y = 0; y < H; y++)
			for (let x = 0; x < W; x++) {
				data[(y * W + x) * C] = x % 2;
				data[(y * W + x) * C + 1] = x % 4 === 0 ? 3 : 0;
			}
		const result = shiftTolerance(
			{ data, height: H, width: W, channels: C },
			[
				{ mode: 'avg', size: 2, stride: 2 },
				{ mode: 'gavg', size: 2, stride: 2 }
			],
			{ maxShift: 8 }
		);
		expect(result.unpooled[4]).toBeCloseTo(0, 6);
		expect(result.unpooled[1]).toBeGreaterThan(0.5);
		expect(result.pooled[0][4]).toBeCloseTo(0, 6);
		expect(result.pooled[0][8]).toBeCloseTo(0, 6);
		// a 2-wide average of period-2 stripes is 0.5 everywhere, whatever the shift
		expect(result.pooled[1].every((v) => Math.abs(v) < 1e-6)).toBe(true);
	});

	it('a map too narrow to shift gives NaN, and an all-zero map NaN too', () => {
		const narrow = shiftTolerance(
			{ data: new Float32Array(20), height: 4, width: 5, channels: 1 },
			[{ mode: 'max', size: 2, stride: 2 }]
		);
		expect(narrow.crop).toEqual([0, 0]);
		expect(narrow.pooled[0].every(Number.isNaN)).toBe(true);
		const zero = shiftTolerance(
			{ data: new Float32Array(4 * 20), height: 4, width: 20, channels: 1 },
			[{ mode: 'max', size: 2, stride: 2 }]
		);
		expect(zero.unpooled.every(Number.isNaN)).toBe(true);
	});

	it.each([128, 256, 512, 768, 1024])(
		"keeps the crop clear of a %i-px map's padded border (margin on every side, shifts included)",
		(side) => {
			const margin = 3 + 2; // a 3×3 kernel and a 2×2 window
			const height = Math.round(side * 0.66);
			const place = shiftCrop(height, side, { maxShift: 8, cropSize: 256, margin })!;
			expect(place.x0).toBeGreaterThanOrEqual(margin);
			expect(place.y0).toBeGreaterThanOrEqual(margin);
			// the last shifted crop ends a margin before the right edge, the crop a margin before the bottom
			expect(place.x0 + 8 + place.width).toBeLessThanOrEqual(side - margin);
			expect(place.y0 + place.height).toBeLessThanOrEqual(height - margin);
			expect(place.width).toBe(Math.min(256, side - 2 * margin - 8));
		}
	);

	it('a bright padded border does not reach the measurement', () => {
		// Flat interior, a strong frame 2 px wide (what 'same' zero padding does to an edge
		// kernel): with the margin every crop is flat, so nothing changes with the shift.
		const [H, W, frame] = [40, 60, 2];
		const data = new Float32Array(H * W);
		for (let y = 0; y < H; y++)
			for (let x = 0; x < W; x++)
				data[y * W + x] = y < frame || x < frame || y >= H - frame || x >= W - frame ? 10 : 1;
		const map = { data, height: H, width: W, channels: 1 };
		const pools = [{ mode: 'max' as const, size: 2, stride: 2 }];
		const clear = shiftTolerance(map, pools, { maxShift: 8, margin: 5 });
		expect(clear.unpooled.every((v) => v === 0)).toBe(true);
		expect(clear.origin).toEqual([5, 5]);
		// Without it the crop starts on the frame and the shift moves it out: a large change.
		const onBorder = shiftTolerance(map, pools, { maxShift: 8 });
		expect(onBorder.unpooled[2]).toBeGreaterThan(0.1);
	});
});
