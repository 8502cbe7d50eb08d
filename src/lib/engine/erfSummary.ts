/**
 * Numbers that describe an effective receptive field: the gradient map cropped to the unit's
 * theoretical field and normalized to sum 1, its profiles through the unit's centre, the radius
 * (half-width of a square around the centre) that holds 95 % of the gradient mass, and its
 * standard deviation (Luo et al. 2016 show it grows like √depth while the theoretical field
 * grows linearly).
 */
import type { ErfGradient } from './effectiveReceptiveField';

/** Image pixel rows [y0, y1] and columns [x0, x1], inclusive. */
export interface PixelBox {
	y0: number;
	y1: number;
	x0: number;
	x1: number;
}

export interface ErfSummary {
	/** normalized gradient (sum 1) over `box`, row-major [box height, box width] */
	map: Float32Array;
	box: PixelBox;
	/** the map's row and column through the centre (NaN-free; zeros where nothing flows) */
	row: Float32Array;
	column: Float32Array;
	/** sum of the gradient magnitude before normalizing (0: nothing reaches the input) */
	mass: number;
	/**
	 * smallest half-width (input pixels) of a square around the centre holding ≥ 95 % of the
	 * mass, or NaN — square like the theoretical field, so it compares with (r − 1) / 2
	 */
	radius95: number;
	/** RMS distance from the centre per axis: √(Σ w·(dy² + dx²) / 2), w normalized, or NaN */
	sigma: number;
}

/**
 * Crops and normalizes `gradient` to `box` (already clipped to the image) around the unit
 * centre (cy, cx) in input pixels (a half-integer centre lies between pixels).
 */
export function erfSummary(
	gradient: ErfGradient,
	box: PixelBox,
	cy: number,
	cx: number
): ErfSummary {
	const { data, width } = gradient;
	const h = box.y1 - box.y0 + 1;
	const w = box.x1 - box.x0 + 1;
	const map = new Float32Array(Math.max(0, h) * Math.max(0, w));
	let mass = 0;
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) {
			const v = data[(box.y0 + y) * width + box.x0 + x];
			map[y * w + x] = v;
			mass += v;
		}
	const distances: { d: number; v: number }[] = [];
	let second = 0;
	if (mass > 0) {
		for (let i = 0; i < map.length; i++) map[i] /= mass;
		for (let y = 0; y < h; y++)
			for (let x = 0; x < w; x++) {
				const v = map[y * w + x];
				if (v <= 0) continue;
				const dy = box.y0 + y - cy;
				const dx = box.x0 + x - cx;
				distances.push({ d: Math.max(Math.abs(dy), Math.abs(dx)), v });
				second += v * (dy * dy + dx * dx);
			}
	}
	distances.sort((a, b) => a.d - b.d);
	let radius95 = NaN;
	let cumulative = 0;
	for (const { d, v } of distances) {
		cumulative += v;
		if (cumulative >= 0.95 - 1e-7) {
			radius95 = d;
			break;
		}
	}
	const ry = Math.min(h - 1, Math.max(0, Math.round(cy - box.y0 - 0.01)));
	const rx = Math.min(w - 1, Math.max(0, Math.round(cx - box.x0 - 0.01)));
	const row = map.slice(ry * w, ry * w + w);
	const column = Float32Array.from({ length: h }, (_, y) => map[y * w + rx]);
	return {
		map,
		box,
		row,
		column,
		mass,
		radius95,
		sigma: mass > 0 ? Math.sqrt(second / 2) : NaN
	};
}
