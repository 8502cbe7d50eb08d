/**
 * The shipped sample photos (static/samples/) as the app sees them: decoded in Node, alpha
 * composited over white and turned to luma by the app's own pixelsToFloat functions. No JPEG
 * decoder is a dependency of the app; Playwright (a dev dependency) bundles jpeg-js, which
 * decodes the samples' progressive JPEGs, and pngjs reads horse.png.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PNG } from 'pngjs';
import { lumaOf, rgbaToFloatRgb } from '$lib/image/pixelsToFloat';
import type { LumaImage } from '$lib/engine/normalization/patchMoments';

interface Decoded {
	width: number;
	height: number;
	data: Uint8Array;
}
const require = createRequire(import.meta.url);
const { jpegjs } = require('playwright-core/lib/utilsBundle') as {
	jpegjs: {
		decode(bytes: Buffer, options: { useTArray: boolean; formatAsRGBA: boolean }): Decoded;
	};
};

export const SAMPLES = [
	'astronaut.jpg',
	'brick.jpg',
	'camera.jpg',
	'cat.jpg',
	'coffee.jpg',
	'hubble.jpg',
	'rocket.jpg',
	'horse.png'
] as const;

/** The sample's luma, [height, width] in [0, 1] (all samples are ≤ 512 px: native size). */
export function sampleLuma(file: (typeof SAMPLES)[number]): LumaImage {
	const bytes = readFileSync(`static/samples/${file}`);
	const image: Decoded = file.endsWith('.png')
		? PNG.sync.read(bytes)
		: jpegjs.decode(bytes, { useTArray: true, formatAsRGBA: true });
	const rgb = rgbaToFloatRgb(new Uint8Array(image.data), image.width, image.height);
	return { data: lumaOf(rgb, image.width, image.height), width: image.width, height: image.height };
}
