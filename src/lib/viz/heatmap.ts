import {
	colorLut,
	NAN_RGBA,
	steepColorScales,
	type ColorScaleKind,
	type ColorScaleSpec
} from './colorScale';
import { assertMapChannel, type MapData } from '$lib/types/mapData';
import { rgbToRgba } from './rgbToRgba';

// ImageData is RGBA in memory; a Uint32 view reads those 4 bytes in the platform's byte order.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function pack(r: number, g: number, b: number, a: number): number {
	return LITTLE_ENDIAN
		? ((a << 24) | (b << 16) | (g << 8) | r) >>> 0
		: ((r << 24) | (g << 16) | (b << 8) | a) >>> 0;
}

const NAN_PIXEL = pack(...NAN_RGBA);
const packedLuts = new Map<string, Uint32Array>();

/** The colour scale's 256 RGBA entries, each packed into one 32-bit ImageData pixel. */
function packedLut(kind: ColorScaleKind): Uint32Array {
	// One table per ramp and contrast setting (steepColorScales).
	const key = `${kind}|${steepColorScales()}`;
	let packed = packedLuts.get(key);
	if (packed) return packed;
	const lut = colorLut(kind);
	packed = new Uint32Array(256);
	for (let i = 0; i < 256; i++) {
		packed[i] = pack(lut[4 * i], lut[4 * i + 1], lut[4 * i + 2], lut[4 * i + 3]);
	}
	packedLuts.set(key, packed);
	return packed;
}

/**
 * Colours channel `channel` of a [height, width, channels] map into `pixels`, a Uint32 view of
 * an ImageData buffer ([height, width], one packed RGBA pixel each). Same colours as
 * `mapToRgba` (the same 256-entry ramp, index round(t · 255), NaN as NAN_RGBA), but one 32-bit
 * store per pixel instead of four byte stores: this is the per-frame hot path of every map.
 */
export function paintMap(
	map: MapData,
	channel: number,
	spec: ColorScaleSpec,
	pixels: Uint32Array
): void {
	assertMapChannel(map, channel);
	const n = map.height * map.width;
	if (pixels.length !== n) {
		throw new RangeError(`pixels has length ${pixels.length}, expected ${n} ([H, W])`);
	}
	const lut = packedLut(spec.kind);
	const [d0, d1] = spec.domain;
	const scale = 255 / (d1 - d0);
	const { data, channels } = map;
	if (!(scale > 0 && scale < Infinity)) {
		for (let i = 0, src = channel; i < n; i++, src += channels) {
			const v = data[src];
			pixels[i] = v !== v ? NAN_PIXEL : lut[v < d0 ? 0 : v > d1 ? 255 : 128];
		}
		return;
	}
	// t ≤ 0 and NaN both fail `t > 0`; NaN is told apart once, outside the common case.
	for (let i = 0, src = channel; i < n; i++, src += channels) {
		const t = (data[src] - d0) * scale;
		if (t > 0) pixels[i] = lut[t >= 255 ? 255 : (t + 0.5) | 0];
		else pixels[i] = t === t ? lut[0] : NAN_PIXEL;
	}
}

/**
 * Returns a function that fills a [height, width] Uint32 pixel buffer and puts it on the canvas
 * at native resolution, reusing one ImageData while the size stays the same.
 */
function canvasPainter(canvas: HTMLCanvasElement) {
	// Native resolution + pixelated upscaling keeps each map value one crisp square.
	canvas.style.imageRendering = 'pixelated';
	let image: ImageData | null = null;
	let pixels: Uint32Array | null = null;
	return (
		height: number,
		width: number,
		fill: (pixels: Uint32Array, rgba: Uint8ClampedArray<ArrayBuffer>) => void
	) => {
		const context = canvas.getContext('2d');
		if (!context) return;
		if (canvas.width !== width) canvas.width = width;
		if (canvas.height !== height) canvas.height = height;
		if (width === 0 || height === 0) return;
		if (!image || !pixels || image.width !== width || image.height !== height) {
			image = context.createImageData(width, height);
			pixels = new Uint32Array(image.data.buffer);
		}
		fill(pixels, image.data);
		context.putImageData(image, 0, 0);
	};
}

/**
 * Draws one channel of a [height, width, channels] map into `canvas`, one canvas pixel per
 * map value (canvas.width/height = map width/height); CSS sizes the canvas.
 */
export function heatmap(
	canvas: HTMLCanvasElement
): (map: MapData, channel: number, spec: ColorScaleSpec) => void {
	const paint = canvasPainter(canvas);
	return (map, channel, spec) =>
		paint(map.height, map.width, (pixels) => paintMap(map, channel, spec, pixels));
}

/** Draws an RGB image [height, width, 3] (or gray [height, width, 1]) in [0, 1] into `canvas`. */
export function rgbImage(
	canvas: HTMLCanvasElement
): (rgb: Float32Array, height: number, width: number) => void {
	const paint = canvasPainter(canvas);
	return (rgb, height, width) =>
		paint(height, width, (_, rgba) => rgbToRgba(rgb, height, width, rgba));
}
