import { describe, expect, it } from 'vitest';
import { convolutionMatrix } from '$lib/engine/convolutionMatrix';
import { naiveConvolution } from '$lib/engine/naiveConvolution';
import { seededRandom } from '$lib/engine/seededRandom';

describe('convolutionMatrix', () => {
	it.each([
		[3, 6, 6],
		[3, 5, 8],
		[2, 4, 4],
		[1, 3, 2],
		[5, 5, 5]
	])('k=%i on %i×%i: matrix · image = the valid cross-correlation', (k, height, width) => {
		const random = seededRandom(k * 100 + height * 10 + width);
		const kernel = Float32Array.from({ length: k * k }, () => random() - 0.5);
		const image = Float32Array.from({ length: height * width }, () => random());
		const { matrix, rows, columns, outHeight, outWidth } = convolutionMatrix(
			kernel,
			k,
			height,
			width
		);
		const reference = naiveConvolution(image, height, width, kernel, {
			kernelSize: k,
			stride: 1,
			padding: 'valid',
			dilation: 1
		});
		expect([outHeight, outWidth]).toEqual([reference.height, reference.width]);
		expect(columns).toBe(height * width);
		for (let r = 0; r < rows; r++) {
			let sum = 0;
			for (let c = 0; c < columns; c++) sum += matrix[r * columns + c] * image[c];
			expect(sum).toBeCloseTo(reference.data[r], 5);
		}
	});

	it('every row holds the same k² weights (weight sharing) and nothing else (locality)', () => {
		const kernel = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
		const { matrix, rows, columns } = convolutionMatrix(kernel, 3, 6, 6);
		for (let r = 0; r < rows; r++) {
			const row = Array.from(matrix.subarray(r * columns, (r + 1) * columns)).filter(
				(v) => v !== 0
			);
			expect(row).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
		}
	});

	it('refuses a kernel of the wrong length', () => {
		expect(() => convolutionMatrix(new Float32Array(4), 3, 5, 5)).toThrow(RangeError);
	});
});
