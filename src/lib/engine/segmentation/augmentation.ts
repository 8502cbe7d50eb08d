/**
 * Augmentation for training on one image: every step sees a random crop, flipped or not, with
 * its colours jittered, and the same geometry applied to the label plane. With a few painted
 * strokes as the only labels, this is what keeps the network from memorising pixel positions
 * and colours, and makes it learn what the painted regions look like instead.
 */

export interface AugmentSettings {
	/** crop side (clamped to the image) */
	crop: number;
	flips: boolean;
	/** brightness shift up to ±jitter, contrast and per-channel gain by up to ±jitter */
	jitter: number;
}

export interface AugmentDraw {
	top: number;
	left: number;
	flipX: boolean;
	flipY: boolean;
	brightness: number;
	contrast: number;
	/** per-channel gain R, G, B */
	gain: [number, number, number];
}

export interface Sample {
	/** [h, w, 3] */
	rgb: Float32Array;
	/** [h, w] label plane */
	labels: Uint8Array;
	height: number;
	width: number;
}

/**
 * The random choices for one sample (random() uniform in [0, 1)). With `around` (a painted
 * pixel), the crop is drawn among the positions that contain it: on a photo larger than the
 * crop, a crop drawn anywhere often holds no stroke at all and its step teaches nothing.
 */
export function drawAugmentation(
	random: () => number,
	height: number,
	width: number,
	settings: AugmentSettings,
	around?: { y: number; x: number }
): AugmentDraw {
	const ch = Math.min(height, settings.crop);
	const cw = Math.min(width, settings.crop);
	const j = settings.jitter;
	const signed = () => (2 * random() - 1) * j;
	/** a start in [lo, hi] whose window of `size` fits in `n` and holds `at` (if given) */
	const start = (n: number, size: number, at: number | undefined) => {
		const lo = at === undefined ? 0 : Math.max(0, at - size + 1);
		const hi = at === undefined ? n - size : Math.min(at, n - size);
		return lo + Math.floor(random() * (hi - lo + 1));
	};
	return {
		top: start(height, ch, around?.y),
		left: start(width, cw, around?.x),
		flipX: settings.flips && random() < 0.5,
		flipY: settings.flips && random() < 0.5,
		brightness: signed(),
		contrast: 1 + signed(),
		gain: [1 + signed() / 2, 1 + signed() / 2, 1 + signed() / 2]
	};
}

/**
 * Crop → flips → colour: out = clamp((v − μ)·contrast + μ + brightness)·gain_c, μ the crop's
 * mean over all channels; labels follow the geometry only.
 * rgb [H, W, 3], labels [H, W] → a sample of crop × crop (or the image, if smaller).
 */
export function augment(
	rgb: Float32Array,
	labels: Uint8Array,
	height: number,
	width: number,
	crop: number,
	draw: AugmentDraw
): Sample {
	const h = Math.min(height, crop);
	const w = Math.min(width, crop);
	const out = new Float32Array(h * w * 3);
	const outLabels = new Uint8Array(h * w);
	let sum = 0;
	for (let y = 0; y < h; y++) {
		const sy = draw.top + (draw.flipY ? h - 1 - y : y);
		for (let x = 0; x < w; x++) {
			const sx = draw.left + (draw.flipX ? w - 1 - x : x);
			const s = sy * width + sx;
			const o = y * w + x;
			outLabels[o] = labels[s];
			for (let c = 0; c < 3; c++) {
				const v = rgb[s * 3 + c];
				out[o * 3 + c] = v;
				sum += v;
			}
		}
	}
	const mean = sum / (h * w * 3);
	for (let i = 0; i < out.length; i++) {
		const v = (out[i] - mean) * draw.contrast + mean + draw.brightness;
		out[i] = Math.min(1, Math.max(0, v)) * draw.gain[i % 3];
	}
	return { rgb: out, labels: outLabels, height: h, width: w };
}
