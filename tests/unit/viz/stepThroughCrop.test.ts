import { describe, expect, it } from 'vitest';
import type { ConvGeometry } from '$lib/engine/convArithmetic';
import { naiveConvolution } from '$lib/engine/naiveConvolution';
import { seededRandom } from '$lib/engine/seededRandom';
import { outputsThatFit, stepThroughCrop, type StepThroughCrop } from '$lib/viz/stepThroughCrop';

function randomArray(n: number, seed: number): Float32Array {
	const random = seededRandom(seed);
	return Float32Array.from({ length: n }, () => random() * 2 - 1);
}

/**
 * The figure's own view of the crop: the region rebuilt as padding + input, then a VALID
 * convolution over it. Must give the crop's outputs, or the figure's cells lie.
 */
function validOverRegion(crop: StepThroughCrop, kernel: Float32Array, g: ConvGeometry) {
	const { padding: p, inputHeight: h, inputWidth: w } = crop;
	const H = h + p.top + p.bottom;
	const W = w + p.left + p.right;
	const region = new Float32Array(H * W);
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) region[(y + p.top) * W + x + p.left] = crop.input[y * w + x];
	return naiveConvolution(region, H, W, kernel, { ...g, padding: 'valid' });
}

const geometries: ConvGeometry[] = [];
for (const kernelSize of [1, 2, 3, 4, 5])
	for (const stride of [1, 2, 3])
		for (const dilation of [1, 2])
			for (const padding of ['valid', 'same', 0, 1, 3, 7] as const)
				geometries.push({ kernelSize, stride, dilation, padding });

describe('stepThroughCrop', () => {
	it.each(geometries.map((g, i) => ({ g, i, name: JSON.stringify(g) })))(
		'outputs equal the full naive convolution at the same pixels: $name',
		({ g, i }) => {
			const height = 11 + (i % 3);
			const width = 9 + (i % 4);
			const luma = randomArray(height * width, 1 + i);
			const kernel = randomArray(g.kernelSize * g.kernelSize, 1000 + i);
			const full = naiveConvolution(luma, height, width, kernel, g);
			if (full.height === 0 || full.width === 0) return;
			// Centres in the corners, on the edges and inside, with blocks of several sizes.
			const centres = [
				{ y: 0, x: 0 },
				{ y: full.height - 1, x: full.width - 1 },
				{ y: 0, x: full.width - 1 },
				{ y: Math.floor(full.height / 2), x: Math.floor(full.width / 2) },
				{ y: full.height - 1, x: 1 }
			];
			for (const pixel of centres) {
				for (const maxOut of [
					{ rows: 1, cols: 1 },
					{ rows: 3, cols: 4 },
					{ rows: 5, cols: 5 },
					{ rows: 99, cols: 2 }
				]) {
					const crop = stepThroughCrop(luma, height, width, kernel, g, pixel, maxOut);
					expect(crop.outHeight).toBe(Math.min(maxOut.rows, full.height));
					expect(crop.outWidth).toBe(Math.min(maxOut.cols, full.width));
					for (let oy = 0; oy < crop.outHeight; oy++)
						for (let ox = 0; ox < crop.outWidth; ox++) {
							const expected = full.data[(crop.outTop + oy) * full.width + crop.outLeft + ox];
							expect(crop.output[oy * crop.outWidth + ox]).toBeCloseTo(expected, 5);
						}
					// The selected pixel is in the block, at its own index.
					const sy = Math.min(pixel.y, full.height - 1);
					const sx = Math.min(pixel.x, full.width - 1);
					expect(crop.selected).toBe((sy - crop.outTop) * crop.outWidth + sx - crop.outLeft);
					// Input cells are the real pixels of the image.
					for (let y = 0; y < crop.inputHeight; y++)
						for (let x = 0; x < crop.inputWidth; x++)
							expect(crop.input[y * crop.inputWidth + x]).toBe(
								luma[(crop.inputTop + y) * width + crop.inputLeft + x]
							);
					const figure = validOverRegion(crop, kernel, g);
					expect([figure.height, figure.width]).toEqual([crop.outHeight, crop.outWidth]);
					figure.data.forEach((v, j) => expect(v).toBeCloseTo(crop.output[j], 5));
				}
			}
		}
	);

	it('pads only at the true image border', () => {
		const luma = randomArray(20 * 20, 7);
		const kernel = randomArray(9, 8);
		const g: ConvGeometry = { kernelSize: 3, stride: 1, dilation: 1, padding: 'same' };
		// Deep inside (the report's rows 23–27 case, scaled down): no padding at all.
		const inside = stepThroughCrop(luma, 20, 20, kernel, g, { y: 10, x: 10 }, { rows: 3, cols: 3 });
		expect(inside.padding).toEqual({ top: 0, bottom: 0, left: 0, right: 0 });
		expect([inside.inputTop, inside.inputLeft, inside.inputHeight, inside.inputWidth]).toEqual([
			8, 8, 5, 5
		]);
		const corner = stepThroughCrop(luma, 20, 20, kernel, g, { y: 0, x: 19 }, { rows: 3, cols: 3 });
		expect(corner.padding).toEqual({ top: 1, bottom: 0, left: 0, right: 1 });
		expect([corner.outTop, corner.outLeft]).toEqual([0, 17]);
	});

	it('a region wholly in the padding has no input cells and zero outputs', () => {
		const luma = randomArray(6 * 6, 3);
		const g: ConvGeometry = { kernelSize: 2, stride: 1, dilation: 1, padding: 5 };
		const crop = stepThroughCrop(
			luma,
			6,
			6,
			randomArray(4, 4),
			g,
			{ y: 0, x: 0 },
			{ rows: 2, cols: 2 }
		);
		expect([crop.inputHeight, crop.inputWidth]).toEqual([0, 0]);
		expect(crop.padding).toEqual({ top: 3, bottom: 0, left: 3, right: 0 });
		expect(Array.from(crop.output)).toEqual([0, 0, 0, 0]);
	});

	it('an empty map gives an empty block', () => {
		const g: ConvGeometry = { kernelSize: 5, stride: 1, dilation: 1, padding: 'valid' };
		const crop = stepThroughCrop(
			randomArray(9, 1),
			3,
			3,
			randomArray(25, 2),
			g,
			{ y: 0, x: 0 },
			{
				rows: 3,
				cols: 3
			}
		);
		expect([crop.outHeight, crop.outWidth, crop.output.length]).toEqual([0, 0, 0]);
	});

	it('rejects arrays of the wrong length', () => {
		const g: ConvGeometry = { kernelSize: 3, stride: 1, dilation: 1, padding: 'same' };
		expect(() =>
			stepThroughCrop(
				new Float32Array(5),
				2,
				3,
				new Float32Array(9),
				g,
				{ y: 0, x: 0 },
				{ rows: 1, cols: 1 }
			)
		).toThrow(/luma holds 5/);
		expect(() =>
			stepThroughCrop(
				new Float32Array(6),
				2,
				3,
				new Float32Array(8),
				g,
				{ y: 0, x: 0 },
				{ rows: 1, cols: 1 }
			)
		).toThrow(/kernel holds 8/);
	});
});

describe('outputsThatFit', () => {
	it.each([
		// 3-wide kernel, stride 1, outputs beside: n outputs need (n + 2) + n cells.
		{ available: 300, cell: 30, stride: 1, span: 3, extra: 60, beside: 1, max: 9, fit: 3 },
		{ available: 300, cell: 30, stride: 1, span: 3, extra: 60, beside: 0, max: 9, fit: 6 },
		{ available: 300, cell: 30, stride: 1, span: 3, extra: 60, beside: 0, max: 4, fit: 4 },
		{ available: 300, cell: 30, stride: 2, span: 5, extra: 0, beside: 0, max: 9, fit: 3 },
		{ available: 100, cell: 30, stride: 1, span: 5, extra: 0, beside: 0, max: 9, fit: 0 }
	] as const)('$available px, cell $cell, stride $stride, span $span → $fit', (c) => {
		expect(outputsThatFit(c.available, c.cell, c.stride, c.span, c.extra, c.beside, c.max)).toBe(
			c.fit
		);
	});
});
