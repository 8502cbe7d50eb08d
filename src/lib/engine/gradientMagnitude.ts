import type * as tf from '@tensorflow/tfjs-core';
import type { ConvGeometry } from './convArithmetic';
import { convolve, type ConvMode, type FeatureMaps } from './convolution';
import type { PreparedImage } from './preparedImage';

/**
 * The kernel's partner for the other direction: its transpose. Sobel x ↦ Sobel y, Prewitt x ↦
 * Prewitt y, and any derivative kernel the learner draws gets its 90°-turned twin.
 * @param kernel [k, k] row-major
 * @returns [k, k] row-major, out[i][j] = kernel[j][i]
 */
export function transposeKernel(kernel: Float32Array, k: number): Float32Array {
	if (kernel.length !== k * k) {
		throw new RangeError(`kernel must have ${k}×${k} = ${k * k} weights, got ${kernel.length}`);
	}
	const out = new Float32Array(k * k);
	for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) out[i * k + j] = kernel[j * k + i];
	return out;
}

export const GRADIENT_CHANNELS = ['gx', 'gy', 'magnitude'] as const;

/**
 * What an edge detector outputs: the response to `kernel` (gx), to its transpose (gy), and the
 * gradient magnitude √(gx² + gy²) at every output pixel. The magnitude is what "edge strength"
 * means: a Sobel x map alone is blind to horizontal edges and signs an edge by its direction.
 *
 * gx and gy are the main channel of {@link convolve}: the luma response in gray mode, the
 * R + G + B sum (one conv-layer output channel) in RGB mode. Both convolutions read back to
 * plain arrays, so no tensor outlives the call.
 * @param image [H, W, 3] float32 in [0, 1], or the same from `prepareImage`
 * @param kernel [k, k] row-major, the x-direction kernel
 * @returns [outH, outW, 3] maps, channels gx, gy, magnitude; min / max over all three.
 */
export async function gradientMagnitude(
	image: tf.Tensor3D | PreparedImage,
	kernel: Float32Array,
	g: ConvGeometry,
	mode: ConvMode
): Promise<FeatureMaps> {
	const across = transposeKernel(kernel, g.kernelSize);
	const gx = await convolve(image, kernel, g, mode);
	const gy = await convolve(image, across, g, mode);
	const { height, width } = gx;
	const n = height * width;
	const data = new Float32Array(n * 3);
	const from = gx.channels - 1;
	let [xMin, yMin, mMin] = [Infinity, Infinity, Infinity];
	let [xMax, yMax, mMax] = [-Infinity, -Infinity, -Infinity];
	for (let i = 0, src = from, dst = 0; i < n; i++, src += gx.channels, dst += 3) {
		const x = gx.data[src];
		const y = gy.data[src];
		const m = Math.fround(Math.sqrt(x * x + y * y));
		data[dst] = x;
		data[dst + 1] = y;
		data[dst + 2] = m;
		if (x < xMin) xMin = x;
		if (x > xMax) xMax = x;
		if (y < yMin) yMin = y;
		if (y > yMax) yMax = y;
		if (m < mMin) mMin = m;
		if (m > mMax) mMax = m;
	}
	const ranges: [number, number][] = [
		[xMin, xMax],
		[yMin, yMax],
		[mMin, mMax]
	];
	const [min, max] = n === 0 ? [0, 0] : [Math.min(xMin, yMin), Math.max(xMax, yMax, mMax)];
	const channelNames = [...GRADIENT_CHANNELS];
	return { data, height, width, channels: 3, channelNames, min, max, ranges };
}
