// The patch statistics against loops written straight from the definitions: every valid 3×3
// window of the image, its mean and PᵀP/N, and the target's cross-correlation response.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '$lib/engine/seededRandom';
import {
	imagePatches,
	patchCount,
	patchMoments,
	targetResponse,
	type LumaImage
} from '$lib/engine/normalization/patchMoments';

function randomImage(width: number, height: number, seed: number): LumaImage {
	const random = seededRandom(seed);
	return { data: Float32Array.from({ length: width * height }, random), width, height };
}

/** Rows of the patch matrix by direct indexing: patch (r, c) = image[r + dy][c + dx]. */
function naivePatches(image: LumaImage, stride = 1, oy = 0, ox = 0): number[][] {
	const rows: number[][] = [];
	for (let r = oy; r + 3 <= image.height; r += stride)
		for (let c = ox; c + 3 <= image.width; c += stride) {
			const patch: number[] = [];
			for (let dy = 0; dy < 3; dy++)
				for (let dx = 0; dx < 3; dx++) patch.push(image.data[(r + dy) * image.width + c + dx]);
			rows.push(patch);
		}
	return rows;
}

function naiveSecondMoment(rows: number[][]): number[] {
	const m = new Array<number>(81).fill(0);
	for (const x of rows)
		for (let i = 0; i < 9; i++) for (let j = 0; j < 9; j++) m[i * 9 + j] += x[i] * x[j];
	return m.map((v) => v / rows.length);
}

describe('patchMoments', () => {
	it.each([
		[7, 5, 1, [0, 0]],
		[12, 9, 1, [0, 0]],
		[12, 9, 2, [1, 0]],
		[20, 17, 3, [2, 1]]
	] as const)(
		'%i×%i image, stride %i offset %j: N, E[x], PᵀP/N as the naive loop',
		(w, h, stride, offset) => {
			const image = randomImage(w, h, w * h + stride);
			const rows = naivePatches(image, stride, offset[0], offset[1]);
			const got = patchMoments(image, { stride, offset: [offset[0], offset[1]] });
			expect(got.count).toBe(rows.length);
			expect(patchCount(w, h, { stride, offset: [offset[0], offset[1]] })).toBe(rows.length);
			const m = naiveSecondMoment(rows);
			m.forEach((v, i) => expect(got.moment[i]).toBeCloseTo(v, 12));
			for (let i = 0; i < 9; i++)
				expect(got.mean[i]).toBeCloseTo(rows.reduce((s, x) => s + x[i], 0) / rows.length, 12);
			expect(Array.from(imagePatches(image, { stride, offset: [offset[0], offset[1]] }))).toEqual(
				rows.flat().map((v) => expect.closeTo(v, 12))
			);
		}
	);

	it('a 512×512 image has 510² = 260,100 patches', () => {
		expect(patchCount(512, 512)).toBe(260_100);
		expect(patchCount(512, 512, { stride: 2 })).toBe(255 * 255);
	});

	it('an image smaller than 3×3 has no patch and zero statistics, not NaN', () => {
		const got = patchMoments(randomImage(2, 9, 1));
		expect(got.count).toBe(0);
		expect(Array.from(got.moment).every((v) => v === 0)).toBe(true);
		expect(Array.from(got.mean).every((v) => v === 0)).toBe(true);
	});

	it('rejects a stride below 1 or an offset outside it', () => {
		expect(() => patchMoments(randomImage(5, 5, 1), { stride: 0 })).toThrow(/stride/);
		expect(() => patchMoments(randomImage(5, 5, 1), { stride: 2, offset: [2, 0] })).toThrow(
			/offset/
		);
	});
});

describe('targetResponse', () => {
	it('is cross-correlation: kernel[0] meets the top-left pixel', () => {
		const image = randomImage(6, 5, 4);
		const kernel = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((v) => v / 10);
		const y = targetResponse(imagePatches(image), kernel);
		let n = 0;
		for (let r = 0; r + 3 <= 5; r++)
			for (let c = 0; c + 3 <= 6; c++) {
				let s = 0;
				for (let dy = 0; dy < 3; dy++)
					for (let dx = 0; dx < 3; dx++)
						s += kernel[dy * 3 + dx] * image.data[(r + dy) * 6 + c + dx];
				expect(y[n++]).toBeCloseTo(s, 12);
			}
		expect(n).toBe(y.length);
	});

	it('Pᵀy/N = (PᵀP/N)·k, the cross term the fit uses without a pass over the image', () => {
		const image = randomImage(11, 8, 9);
		const kernel = [-1, 0, 1, -2, 0, 2, -1, 0, 1];
		const rows = naivePatches(image);
		const y = targetResponse(imagePatches(image), kernel);
		const { moment } = patchMoments(image);
		for (let i = 0; i < 9; i++) {
			const direct = rows.reduce((s, x, n) => s + x[i] * y[n], 0) / rows.length;
			const viaMoment = kernel.reduce((s, k, j) => s + moment[i * 9 + j] * k, 0);
			expect(viaMoment).toBeCloseTo(direct, 12);
		}
	});

	it('rejects a kernel that is not 3×3', () => {
		expect(() => targetResponse(new Float64Array(9), [1, 2])).toThrow(/9/);
	});
});
