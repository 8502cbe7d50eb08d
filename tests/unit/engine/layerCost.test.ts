import { describe, expect, it } from 'vitest';
import { convolutionCost, fullyConnectedCost } from '$lib/engine/layerCost';

describe('fullyConnectedCost', () => {
	// [H, W, C, units] → weights, biases, parameters, multiply-adds, outputs (worked by hand)
	it.each([
		[28, 28, 1, 100, 78_400, 100, 78_500, 78_400, 100],
		[32, 32, 3, 10, 30_720, 10, 30_730, 30_720, 10],
		[512, 512, 3, 256, 201_326_592, 256, 201_326_848, 201_326_592, 256],
		[224, 224, 3, 4096, 616_562_688, 4096, 616_566_784, 616_562_688, 4096],
		[1, 1, 1, 1, 1, 1, 2, 1, 1]
	])(
		'%i×%i×%i → %i units',
		(h, w, c, units, weights, biases, parameters, multiplyAdds, outputs) => {
			expect(fullyConnectedCost(h, w, c, units)).toEqual({
				weights,
				biases,
				parameters,
				multiplyAdds,
				outputs
			});
		}
	);
});

describe('convolutionCost', () => {
	// [H, W, C, kernels, k] → weights, biases, parameters, multiply-adds, outputs
	it.each([
		[28, 28, 1, 32, 3, 288, 32, 320, 225_792, 25_088],
		[32, 32, 3, 64, 5, 4_800, 64, 4_864, 4_915_200, 65_536],
		[512, 512, 3, 256, 3, 6_912, 256, 7_168, 1_811_939_328, 67_108_864],
		[224, 224, 3, 64, 7, 9_408, 64, 9_472, 472_055_808, 3_211_264],
		[1, 1, 1, 1, 1, 1, 1, 2, 1, 1]
	])(
		'%i×%i×%i, %i kernels of %i×%i',
		(h, w, c, n, k, weights, biases, parameters, multiplyAdds, outputs) => {
			expect(convolutionCost(h, w, c, n, k)).toEqual({
				weights,
				biases,
				parameters,
				multiplyAdds,
				outputs
			});
		}
	);

	it('does not depend on the image size for parameters, unlike the fully connected layer', () => {
		expect(convolutionCost(64, 64, 3, 16, 3).parameters).toBe(
			convolutionCost(512, 512, 3, 16, 3).parameters
		);
		expect(fullyConnectedCost(512, 512, 3, 16).parameters).toBe(
			64 * fullyConnectedCost(64, 64, 3, 16).parameters - 63 * 16
		);
	});

	it.each([
		[0, 1, 1, 1, 1],
		[1, 1, 1, 1, 0],
		[1.5, 1, 1, 1, 3],
		[1, 1, -3, 1, 3]
	])('refuses %s×%s×%s, %s kernels, k=%s', (h, w, c, n, k) => {
		expect(() => convolutionCost(h, w, c, n, k)).toThrow(RangeError);
	});

	it.each([
		[0, 1, 1, 1],
		[1, 1, 1, 0],
		[1.5, 1, 1, 1],
		[1, 1, -3, 1]
	])('fullyConnectedCost refuses %s×%s×%s, %s units', (h, w, c, units) => {
		expect(() => fullyConnectedCost(h, w, c, units)).toThrow(RangeError);
	});
});
