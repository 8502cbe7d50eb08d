/**
 * Small square filters or basis functions (p×p each) as one picture: tiles in a grid, each drawn
 * on the diverging scale centred on 0 with its own symmetric range ±max|v| (a component's sign
 * and scale are arbitrary; its pattern is what it says), every value a `scale`×`scale` block of
 * pixels, tiles separated by `gap` transparent pixels.
 */
import { colorLut } from './colorScale';

export interface PatchAtlas {
	rgba: Uint8ClampedArray<ArrayBuffer>;
	width: number;
	height: number;
}

/**
 * @param tiles [count, p·p] row-major
 * @param size p
 */
export function patchAtlas(
	tiles: ArrayLike<number>,
	count: number,
	size: number,
	{ columns = 4, scale = 6, gap = 4 } = {}
): PatchAtlas {
	const d = size * size;
	const rows = Math.ceil(count / columns);
	const cell = size * scale;
	const width = columns * cell + (columns - 1) * gap;
	const height = Math.max(0, rows * cell + (rows - 1) * gap);
	const rgba = new Uint8ClampedArray(width * height * 4);
	const lut = colorLut('diverging');
	for (let t = 0; t < count; t++) {
		let max = 0;
		for (let j = 0; j < d; j++) max = Math.max(max, Math.abs(tiles[t * d + j]));
		const left = (t % columns) * (cell + gap);
		const top = Math.floor(t / columns) * (cell + gap);
		for (let j = 0; j < d; j++) {
			const v = max > 0 ? tiles[t * d + j] / max : 0;
			const k = Math.round(((v + 1) / 2) * 255) * 4;
			const y0 = top + Math.floor(j / size) * scale;
			const x0 = left + (j % size) * scale;
			for (let y = y0; y < y0 + scale; y++)
				for (let x = x0; x < x0 + scale; x++) {
					const o = (y * width + x) * 4;
					rgba[o] = lut[k];
					rgba[o + 1] = lut[k + 1];
					rgba[o + 2] = lut[k + 2];
					rgba[o + 3] = 255;
				}
		}
	}
	return { rgba, width, height };
}

/**
 * Luma in [0, 1] as opaque gray RGBA (values outside clip), into `out` when given (a picture
 * redrawn on every input event reuses its buffer).
 */
export function lumaToRgba(
	luma: ArrayLike<number>,
	out = new Uint8ClampedArray(luma.length * 4)
): Uint8ClampedArray<ArrayBuffer> {
	for (let i = 0; i < luma.length; i++) {
		const v = luma[i] * 255;
		out[4 * i] = out[4 * i + 1] = out[4 * i + 2] = v;
		out[4 * i + 3] = 255;
	}
	return out;
}
