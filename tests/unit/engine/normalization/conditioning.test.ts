// Images with no κ get a reason the page can explain, never NaN or Infinity.
import { describe, expect, it } from 'vitest';
import { conditioning } from '$lib/engine/normalization/conditioning';
import { patchConditioning } from '$lib/engine/normalization/patchConditioning';
import { patchMoments, type LumaImage } from '$lib/engine/normalization/patchMoments';
import { PREPROCESSINGS } from '$lib/engine/normalization/preprocessing';
import { fitFilter } from '$lib/engine/normalization/filterFit';
import { seededRandom } from '$lib/engine/seededRandom';

const SOBEL_X = [-1, 0, 1, -2, 0, 2, -1, 0, 1];

function image(width: number, height: number, value: (x: number, y: number) => number): LumaImage {
	const data = new Float32Array(width * height);
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++) data[y * width + x] = value(x, y);
	return { data, width, height };
}

function allFinite(o: unknown): boolean {
	return (
		JSON.stringify(o, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? 'BAD' : v)).indexOf(
			'BAD'
		) < 0
	);
}

describe('conditioning', () => {
	it('κ = λmax/λmin for a well-conditioned spectrum', () => {
		expect(conditioning([8, 4, 2], 100, 1)).toEqual({
			ok: true,
			lambdaMax: 8,
			lambdaMin: 2,
			kappa: 4
		});
	});

	it.each([
		['too-small', [1, 0.5], 1, 1],
		['flat', [0, 0], 100, 0],
		// a constant float32 image: rounding-sized variance relative to a real second moment
		['flat', [0.136, 1e-18], 100, 1e-16],
		['rank-deficient', [1, 1e-13], 100, 1]
	] as const)('%s', (reason, values, samples, variance) => {
		const c = conditioning(values, samples, variance);
		expect(c).toMatchObject({ ok: false, reason });
		expect(allFinite(c)).toBe(true);
	});

	const random = seededRandom(3);
	it.each([
		{ name: 'a 2×8 image (no 3×3 patch)', img: image(2, 8, () => random()), reason: 'too-small' },
		{ name: 'a 3×4 image (2 patches < 9)', img: image(3, 4, () => random()), reason: 'too-small' },
		{ name: 'a flat gray image', img: image(20, 20, () => 0.5), reason: 'flat' },
		{ name: 'a black image', img: image(20, 20, () => 0), reason: 'flat' },
		// 0.4, 0.7 and 0.123 are not exact in float32: the patch variance comes out as rounding
		// (~1e-17), not 0 — still a flat image, not a rank-deficient one
		{ name: 'a flat image at 0.4', img: image(20, 20, () => 0.4), reason: 'flat' },
		{ name: 'a flat image at 0.7', img: image(23, 17, () => 0.7), reason: 'flat' },
		{ name: 'a flat image at 0.123', img: image(64, 64, () => 0.123), reason: 'flat' },
		{
			name: 'vertical stripes (patches in a 2-D subspace)',
			img: image(20, 20, (x) => (x % 2 ? 0.9 : 0.1)),
			reason: 'rank-deficient'
		},
		{ name: 'a horizontal ramp', img: image(20, 20, (x) => x / 19), reason: 'rank-deficient' }
	] as const)(
		'$name: every preprocessing says $reason; the fits say why instead of running',
		({ img, reason }) => {
			const lab = patchConditioning(patchMoments(img));
			for (const p of PREPROCESSINGS) {
				expect(lab[p].conditioning).toMatchObject({ ok: false, reason });
				const fit = fitFilter(lab[p], SOBEL_X);
				expect(fit).toEqual({ ok: false, preprocessing: p, reason });
			}
			expect(allFinite(Object.values(lab).map((p) => p.conditioning))).toBe(true);
		}
	);

	it('a noisy image is fine', () => {
		const lab = patchConditioning(patchMoments(image(20, 20, () => random())));
		for (const p of PREPROCESSINGS) expect(lab[p].conditioning.ok).toBe(true);
	});
});
