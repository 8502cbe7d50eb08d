import type { MapData } from '$lib/types/mapData';

/**
 * A small copy of a [H, W, C] map for thumbnails: each output value is the mean of an f×f block
 * (f = ceil(longer side / maxSide); the last row and column of blocks may be partial), so a
 * 512² map in a 90-px tile costs a 128² paint, not a 512² one, and thin edges fade rather than
 * vanish as they would under sampling. Returns `map` itself when it is already small enough.
 */
export function downscaleMap(map: MapData, maxSide: number): MapData {
	const { data, height, width, channels } = map;
	const factor = Math.ceil(Math.max(height, width) / maxSide);
	if (factor <= 1) return map;
	const outH = Math.ceil(height / factor);
	const outW = Math.ceil(width / factor);
	const sums = new Float32Array(outH * outW * channels);
	const counts = new Uint32Array(outH * outW);
	const column = Uint32Array.from({ length: width }, (_, x) => Math.floor(x / factor));
	for (let y = 0; y < height; y++) {
		const rowStart = Math.floor(y / factor) * outW;
		for (let x = 0; x < width; x++) {
			const cell = rowStart + column[x];
			counts[cell]++;
			const from = (y * width + x) * channels;
			const to = cell * channels;
			for (let c = 0; c < channels; c++) sums[to + c] += data[from + c];
		}
	}
	for (let cell = 0; cell < counts.length; cell++)
		for (let c = 0; c < channels; c++) sums[cell * channels + c] /= counts[cell];
	return { data: sums, height: outH, width: outW, channels };
}
