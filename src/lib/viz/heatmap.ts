import { mapToRgba, type ColorScaleSpec } from './colorScale';
import type { MapData } from './mapData';
import { rgbToRgba } from './rgbToRgba';

/**
 * Returns a function that puts `rgba` [height, width, 4] on the canvas at native resolution,
 * reusing one ImageData while the size stays the same.
 */
function canvasPainter(canvas: HTMLCanvasElement) {
	// Native resolution + pixelated upscaling keeps each map value one crisp square.
	canvas.style.imageRendering = 'pixelated';
	let image: ImageData | null = null;
	return (height: number, width: number, fill: (rgba: Uint8ClampedArray<ArrayBuffer>) => void) => {
		const context = canvas.getContext('2d');
		if (!context) return;
		if (canvas.width !== width) canvas.width = width;
		if (canvas.height !== height) canvas.height = height;
		if (width === 0 || height === 0) return;
		if (!image || image.width !== width || image.height !== height) {
			image = context.createImageData(width, height);
		}
		fill(image.data);
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
		paint(map.height, map.width, (rgba) => mapToRgba(map, channel, spec, rgba));
}

/** Draws an RGB image [height, width, 3] (or gray [height, width, 1]) in [0, 1] into `canvas`. */
export function rgbImage(
	canvas: HTMLCanvasElement
): (rgb: Float32Array, height: number, width: number) => void {
	const paint = canvasPainter(canvas);
	return (rgb, height, width) =>
		paint(height, width, (rgba) => rgbToRgba(rgb, height, width, rgba));
}
