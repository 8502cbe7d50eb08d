/**
 * The picture the lab trains and predicts on: the shell's image resized so its longer side is
 * the lab's working size (a U-Net trained live has to be small and fast: 128² rather than the
 * shell's 512²), by averaging the source pixels each target pixel covers (area resampling, so
 * a downscale does not alias).
 */

export interface Picture {
	/** [H, W, 3] in [0, 1] */
	rgb: Float32Array;
	height: number;
	width: number;
}

/** Target size for a longer side of `longer`: never upscales. */
export function fitLonger(height: number, width: number, longer: number): [number, number] {
	const scale = Math.min(1, longer / Math.max(height, width));
	return [Math.max(1, Math.round(height * scale)), Math.max(1, Math.round(width * scale))];
}

/** Area resampling of an RGB image to h × w. */
export function resizeArea(source: Picture, height: number, width: number): Picture {
	const { rgb, height: sh, width: sw } = source;
	const out = new Float32Array(height * width * 3);
	const fy = sh / height;
	const fx = sw / width;
	for (let y = 0; y < height; y++) {
		const y0 = y * fy;
		const y1 = (y + 1) * fy;
		for (let x = 0; x < width; x++) {
			const x0 = x * fx;
			const x1 = (x + 1) * fx;
			let r = 0;
			let g = 0;
			let b = 0;
			let total = 0;
			for (let sy = Math.floor(y0); sy < Math.min(sh, Math.ceil(y1)); sy++) {
				const wy = Math.min(y1, sy + 1) - Math.max(y0, sy);
				for (let sx = Math.floor(x0); sx < Math.min(sw, Math.ceil(x1)); sx++) {
					const w = wy * (Math.min(x1, sx + 1) - Math.max(x0, sx));
					const i = (sy * sw + sx) * 3;
					r += rgb[i] * w;
					g += rgb[i + 1] * w;
					b += rgb[i + 2] * w;
					total += w;
				}
			}
			const o = (y * width + x) * 3;
			out[o] = r / total;
			out[o + 1] = g / total;
			out[o + 2] = b / total;
		}
	}
	return { rgb: out, height, width };
}
