import { assertGeometry, axisPadding, type ConvGeometry } from './convArithmetic';

/**
 * Direct nested-loop cross-correlation of ONE channel, straight from the definition:
 * out[y][x] = Σ_ky Σ_kx kernel[ky][kx] · input[y·s − before + ky·d][x·s − before + kx·d],
 * with zeros outside the input. The tests' independent oracle and the benchmark's "plain JS loop".
 * @param input [height, width] row-major
 * @param kernel [k, k] row-major, length kernelSize²
 * @returns [outH, outW] row-major (outH or outW may be 0)
 * @throws RangeError on a geometry outside the labs' ranges or arrays of the wrong length.
 */
export function naiveConvolution(
	input: Float32Array,
	height: number,
	width: number,
	kernel: Float32Array,
	g: ConvGeometry
): { data: Float32Array; height: number; width: number } {
	assertGeometry(g);
	const k = g.kernelSize;
	if (input.length !== height * width) {
		throw new RangeError(`input must have ${height}×${width} values, got ${input.length}`);
	}
	if (kernel.length !== k * k) {
		throw new RangeError(`kernel must have ${k}×${k} = ${k * k} weights, got ${kernel.length}`);
	}
	const rows = axisPadding(height, g);
	const cols = axisPadding(width, g);
	const out = new Float32Array(rows.out * cols.out);
	for (let oy = 0; oy < rows.out; oy++) {
		for (let ox = 0; ox < cols.out; ox++) {
			let sum = 0;
			for (let ky = 0; ky < k; ky++) {
				const iy = oy * g.stride - rows.before + ky * g.dilation;
				if (iy < 0 || iy >= height) continue;
				for (let kx = 0; kx < k; kx++) {
					const ix = ox * g.stride - cols.before + kx * g.dilation;
					if (ix < 0 || ix >= width) continue;
					sum += kernel[ky * k + kx] * input[iy * width + ix];
				}
			}
			out[oy * cols.out + ox] = sum;
		}
	}
	return { data: out, height: rows.out, width: cols.out };
}
