/**
 * The Segmentation lab's clearly separated object, shared by its e2e test
 * (tests/e2e/segmentation.spec.ts) and its benchmark (scripts/bench-segmentation.mjs): a red
 * disc on a grey-green 128² picture, and the strokes a careful learner paints on it.
 */
import { PNG } from 'pngjs';

export const DISC = { size: 128, cy: 60, cx: 68, r: 30 };

/** Whether picture pixel (y, x) lies on the disc. */
export const inDisc = (/** @type {number} */ y, /** @type {number} */ x) =>
	(y + 0.5 - DISC.cy) ** 2 + (x + 0.5 - DISC.cx) ** 2 <= DISC.r ** 2;

/** The picture as a PNG file. */
export function discPng() {
	const png = new PNG({ width: DISC.size, height: DISC.size });
	for (let y = 0; y < DISC.size; y++)
		for (let x = 0; x < DISC.size; x++)
			png.data.set(
				inDisc(y, x) ? [220, 50, 40, 255] : [110, 140, 110, 255],
				(y * DISC.size + x) * 4
			);
	return PNG.sync.write(png);
}

const { cy, cx, r } = DISC;
/**
 * Strokes as picture-pixel [y, x] points. Foreground: two diagonals inside the disc. Background:
 * a square near the picture's border, and half a circle 7 px outside the disc's edge, as a learner
 * marks a boundary. (A stroke that grazes the disc labels some of its red pixels Background: the
 * network then fits the strokes by position rather than colour, and its mask wanders.)
 * @type {{ foreground: [number, number][][]; background: [number, number][][] }}
 */
export const DISC_STROKES = {
	foreground: [
		[
			[cy - 15, cx - 12],
			[cy, cx],
			[cy + 15, cx + 12]
		],
		[
			[cy + 12, cx - 14],
			[cy - 12, cx + 14]
		]
	],
	background: [
		[
			[8, 8],
			[8, 120],
			[120, 120],
			[120, 8],
			[8, 8]
		],
		Array.from({ length: 9 }, (_, a) => {
			const t = Math.PI * (0.75 + a / 8);
			return /** @type {[number, number]} */ ([
				cy + (r + 7) * Math.sin(t),
				cx + (r + 7) * Math.cos(t)
			]);
		})
	]
};
