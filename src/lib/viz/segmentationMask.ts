/**
 * Class colours and the mask overlay: per pixel the most likely class's colour, its alpha the
 * overlay opacity times how sure the network is (so an unsure region looks faint, not wrong).
 * Okabe–Ito colours, distinguishable with colour-blindness: Foreground orange, Background sky
 * blue, then bluish green and reddish purple.
 */

export const CLASS_COLOURS: readonly [number, number, number][] = [
	[230, 159, 0],
	[86, 180, 233],
	[0, 158, 115],
	[204, 121, 167]
];
export const CLASS_NAMES = ['Foreground', 'Background', 'Class 3', 'Class 4'] as const;

export function classHex(c: number): string {
	const [r, g, b] = CLASS_COLOURS[c % CLASS_COLOURS.length];
	return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * probabilities [H, W, K] → RGBA [H, W, 4]. confidence scales alpha from 1/K (a guess) to 1;
 * `solid` gives full alpha (for the exported .png).
 */
export function maskRgba(
	probabilities: Float32Array,
	classes: number,
	opacity: number,
	solid = false
): Uint8ClampedArray<ArrayBuffer> {
	const n = probabilities.length / classes;
	const out = new Uint8ClampedArray(n * 4);
	for (let i = 0; i < n; i++) {
		let best = 0;
		for (let k = 1; k < classes; k++)
			if (probabilities[i * classes + k] > probabilities[i * classes + best]) best = k;
		const p = probabilities[i * classes + best];
		const sure = solid ? 1 : Math.max(0, (p - 1 / classes) / (1 - 1 / classes));
		const [r, g, b] = CLASS_COLOURS[best % CLASS_COLOURS.length];
		out[i * 4] = r;
		out[i * 4 + 1] = g;
		out[i * 4 + 2] = b;
		out[i * 4 + 3] = Math.round(255 * (solid ? 1 : opacity * (0.35 + 0.65 * sure)));
	}
	return out;
}

/** Label plane (0 none, c + 1 class c) → RGBA: painted pixels opaque in their class colour. */
export function scribbleRgba(
	labels: Uint8Array,
	out?: Uint8ClampedArray<ArrayBuffer>
): Uint8ClampedArray<ArrayBuffer> {
	const rgba = out ?? new Uint8ClampedArray(labels.length * 4);
	for (let i = 0; i < labels.length; i++) {
		const c = labels[i];
		if (c === 0) {
			rgba[i * 4 + 3] = 0;
			continue;
		}
		const [r, g, b] = CLASS_COLOURS[(c - 1) % CLASS_COLOURS.length];
		rgba[i * 4] = r;
		rgba[i * 4 + 1] = g;
		rgba[i * 4 + 2] = b;
		rgba[i * 4 + 3] = 255;
	}
	return rgba;
}

/** RGB [H, W, 3] in [0, 1] → RGBA. */
export function pictureRgba(rgb: Float32Array): Uint8ClampedArray<ArrayBuffer> {
	const n = rgb.length / 3;
	const out = new Uint8ClampedArray(n * 4);
	for (let i = 0; i < n; i++) {
		out[i * 4] = rgb[i * 3] * 255;
		out[i * 4 + 1] = rgb[i * 3 + 1] * 255;
		out[i * 4 + 2] = rgb[i * 3 + 2] * 255;
		out[i * 4 + 3] = 255;
	}
	return out;
}

/** Paint a disc of `radius` with value v into a label plane at (y, x); returns whether anything changed. */
export function paintDisc(
	labels: Uint8Array,
	height: number,
	width: number,
	y: number,
	x: number,
	radius: number,
	value: number
): boolean {
	let changed = false;
	const r2 = radius * radius;
	for (
		let yy = Math.max(0, Math.floor(y - radius));
		yy <= Math.min(height - 1, Math.ceil(y + radius));
		yy++
	)
		for (
			let xx = Math.max(0, Math.floor(x - radius));
			xx <= Math.min(width - 1, Math.ceil(x + radius));
			xx++
		) {
			if ((yy + 0.5 - y) ** 2 + (xx + 0.5 - x) ** 2 > r2) continue;
			const i = yy * width + xx;
			if (labels[i] !== value) {
				labels[i] = value;
				changed = true;
			}
		}
	return changed;
}

/** A stroke from (y0, x0) to (y1, x1): discs every half radius, so fast strokes leave no gaps. */
export function paintStroke(
	labels: Uint8Array,
	height: number,
	width: number,
	from: { y: number; x: number },
	to: { y: number; x: number },
	radius: number,
	value: number
): boolean {
	const distance = Math.hypot(to.y - from.y, to.x - from.x);
	const steps = Math.max(1, Math.ceil(distance / Math.max(0.5, radius / 2)));
	let changed = false;
	for (let s = 0; s <= steps; s++) {
		const t = s / steps;
		changed =
			paintDisc(
				labels,
				height,
				width,
				from.y + (to.y - from.y) * t,
				from.x + (to.x - from.x) * t,
				radius,
				value
			) || changed;
	}
	return changed;
}
