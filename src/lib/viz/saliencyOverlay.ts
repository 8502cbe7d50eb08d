/**
 * A saliency map laid over the picture the network got: the input in gray, the map (upsampled
 * nearest-neighbour from its own resolution, e.g. Grad-CAM's 7×7, to the input's) in a hot
 * colour whose opacity grows with the value, so weak evidence leaves the garment visible.
 * Pure: fills an RGBA buffer.
 */
import { interpolateInferno, rgb } from 'd3';

const LUT = Array.from({ length: 256 }, (_, i) => rgb(interpolateInferno(0.25 + (0.75 * i) / 255)));

/**
 * gray: [h, w] in [0, 1]; saliency: [sh, sw] ≥ 0 (magnitudes), normalised here by its maximum →
 * rgba [h, w, 4]. Opacity = 0.8 · value / max.
 */
export function saliencyOverlay(
	gray: Float32Array,
	h: number,
	w: number,
	saliency: Float32Array,
	sh: number,
	sw: number,
	rgba: Uint8ClampedArray
): void {
	if (gray.length !== h * w || saliency.length !== sh * sw || rgba.length !== h * w * 4) {
		throw new RangeError('saliencyOverlay: array lengths do not match the shapes');
	}
	let max = 0;
	for (const v of saliency) if (v > max) max = v;
	for (let y = 0; y < h; y++) {
		const sy = Math.min(sh - 1, Math.floor((y * sh) / h));
		for (let x = 0; x < w; x++) {
			const sx = Math.min(sw - 1, Math.floor((x * sw) / w));
			const t = max > 0 ? Math.max(0, saliency[sy * sw + sx]) / max : 0;
			const g = Math.round(255 * Math.min(1, Math.max(0, gray[y * w + x])));
			const c = LUT[Math.round(t * 255)];
			const a = 0.8 * t;
			const i = (y * w + x) * 4;
			rgba[i] = Math.round(g * (1 - a) + c.r * a);
			rgba[i + 1] = Math.round(g * (1 - a) + c.g * a);
			rgba[i + 2] = Math.round(g * (1 - a) + c.b * a);
			rgba[i + 3] = 255;
		}
	}
}
