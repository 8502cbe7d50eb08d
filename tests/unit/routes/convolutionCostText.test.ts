import { describe, expect, it } from 'vitest';
import {
	outputCostText,
	productsPerPixel,
	readoutSumText
} from '../../../src/routes/convolution/costText';

describe('/convolution cost sentences', () => {
	it.each([
		[3, 'gray', 9],
		[3, 'rgb', 27],
		[1, 'rgb', 3],
		[11, 'rgb', 363]
	] as const)('k = %i, %s: %i multiply-adds per pixel (k²·C)', (k, mode, products) => {
		expect(productsPerPixel(k, mode)).toBe(products);
	});

	it('RGB counts every channel: 20×30 same, k = 3 → 20·30·27 = 16,200 multiply-adds', () => {
		expect(outputCostText({ height: 20, width: 30 }, { height: 20, width: 30 }, 3, 'rgb')).toBe(
			'20×30 → 20×30, 27 weights (3×3 on each of R, G, B), 16,200 multiply-adds'
		);
		expect(outputCostText({ height: 20, width: 30 }, { height: 18, width: 28 }, 3, 'gray')).toBe(
			'20×30 → 18×28, 9 weights, 4,536 multiply-adds'
		);
	});

	it('the readout says how many products make the R+G+B pixel', () => {
		expect(readoutSumText(3, 'rgb')).toBe(
			'the sum of 27 weight × input products, 9 on each of R, G and B.'
		);
		expect(readoutSumText(5, 'gray')).toBe('the sum of 25 weight × input products.');
	});
});
