/**
 * "Your image, normalized": per-channel mean and standard deviation of the learner's image, the
 * picture after the ImageNet convention ((x − mean)/std per channel with ImageNet's statistics)
 * and after per-image standardization ((x − its own mean)/its own std, over all values, as
 * tf.image.per_image_standardization), shown by mapping z ∈ [−Z_SHOWN, Z_SHOWN] to [0, 255].
 */

export const IMAGENET_MEAN = [0.485, 0.456, 0.406] as const;
export const IMAGENET_STD = [0.229, 0.224, 0.225] as const;
export const Z_SHOWN = 2.5;
export const HISTOGRAM_BINS = 32;

export interface ChannelStats {
	mean: [number, number, number];
	std: [number, number, number];
	/** over all values of the image */
	globalMean: number;
	globalStd: number;
}

/** Mean and population standard deviation of each channel of an [h, w, 3] image. */
export function channelStats(rgb: ArrayLike<number>): ChannelStats {
	const n = Math.floor(rgb.length / 3);
	const sum = [0, 0, 0];
	const sq = [0, 0, 0];
	for (let p = 0; p < n; p++)
		for (let c = 0; c < 3; c++) {
			const v = rgb[p * 3 + c];
			sum[c] += v;
			sq[c] += v * v;
		}
	const mean = sum.map((s) => (n ? s / n : 0)) as [number, number, number];
	const std = sq.map((s, c) => Math.sqrt(Math.max(0, (n ? s / n : 0) - mean[c] ** 2))) as [
		number,
		number,
		number
	];
	const globalMean = (mean[0] + mean[1] + mean[2]) / 3;
	const second = (sq[0] + sq[1] + sq[2]) / Math.max(1, 3 * n);
	return { mean, std, globalMean, globalStd: Math.sqrt(Math.max(0, second - globalMean ** 2)) };
}

/** z = (x − mean[c]) / std[c] per value; a zero std gives z = 0 (a flat channel, not NaN). */
export function standardize(
	rgb: ArrayLike<number>,
	mean: readonly number[],
	std: readonly number[]
): Float32Array {
	const out = new Float32Array(rgb.length);
	for (let i = 0; i < rgb.length; i++) {
		const c = i % 3;
		out[i] = std[c] > 0 ? (rgb[i] - mean[c]) / std[c] : 0;
	}
	return out;
}

/** RGBA bytes of z values, z ∈ [−Z_SHOWN, Z_SHOWN] → [0, 255], clipped. */
export function zToRgba(z: ArrayLike<number>): Uint8ClampedArray<ArrayBuffer> {
	const pixels = Math.floor(z.length / 3);
	const out = new Uint8ClampedArray(pixels * 4);
	for (let p = 0; p < pixels; p++) {
		for (let c = 0; c < 3; c++) out[p * 4 + c] = ((z[p * 3 + c] + Z_SHOWN) / (2 * Z_SHOWN)) * 255;
		out[p * 4 + 3] = 255;
	}
	return out;
}

/** Counts of each channel's values in `bins` equal bins over [lo, hi] (outside: the end bins). */
export function channelHistograms(
	values: ArrayLike<number>,
	lo: number,
	hi: number,
	bins = HISTOGRAM_BINS
): { centres: number[]; counts: [number[], number[], number[]] } {
	const counts: [number[], number[], number[]] = [0, 1, 2].map(() =>
		new Array<number>(bins).fill(0)
	) as [number[], number[], number[]];
	const width = (hi - lo) / bins;
	for (let i = 0; i < values.length; i++) {
		const b = Math.min(bins - 1, Math.max(0, Math.floor((values[i] - lo) / width)));
		counts[i % 3][b]++;
	}
	return { centres: Array.from({ length: bins }, (_, b) => lo + (b + 0.5) * width), counts };
}
