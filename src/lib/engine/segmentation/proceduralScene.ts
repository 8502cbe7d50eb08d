/**
 * Procedurally generated scenes with exact masks: one to three shapes (discs, ellipses,
 * rectangles, triangles) with their own texture on a textured background. No segmentation
 * data set ships offline, and a scene's mask is exact, so it is the reference against which
 * masks (and what skip connections do to their edges) are measured, and what the lab's own
 * U-Net is pretrained on.
 */
import { seededRandom } from '../seededRandom';

export interface Scene {
	/** [H, W, 3] in [0, 1] */
	rgb: Float32Array;
	/** [H, W]: 1 on a shape (foreground), 0 on the background */
	mask: Uint8Array;
	height: number;
	width: number;
}

export interface SceneOptions {
	/** number of shapes (default 1–3, random) */
	shapes?: number;
	/** how far the shapes' colours are pushed away from the background's: 1 = opposite, 0 = random (default 0.75) */
	contrast?: number;
}

type Texture = (y: number, x: number) => [number, number, number];

function texture(random: () => number, base: [number, number, number]): Texture {
	const kind = Math.floor(random() * 4);
	const freq = 0.05 + random() * 0.4;
	const angle = random() * Math.PI;
	const amp = 0.06 + random() * 0.14;
	const ca = Math.cos(angle);
	const sa = Math.sin(angle);
	const noise = seededRandom(Math.floor(random() * 2 ** 31));
	const alt: [number, number, number] = [
		base[0] + (random() - 0.5) * 0.3,
		base[1] + (random() - 0.5) * 0.3,
		base[2] + (random() - 0.5) * 0.3
	];
	return (y, x) => {
		let t: number;
		if (kind === 0)
			t = Math.sin((x * ca + y * sa) * freq * 2); // stripes
		else if (kind === 1)
			t = (Math.floor(x * freq * 0.5) + Math.floor(y * freq * 0.5)) % 2 ? 1 : -1; // checks
		else if (kind === 2)
			t = Math.sin(x * freq) * Math.sin(y * freq * 1.3); // blobs
		else t = 0; // flat
		const n = (noise() - 0.5) * 0.12;
		const mix = (t + 1) / 2;
		return [
			base[0] * (1 - mix * amp * 3) + alt[0] * mix * amp * 3 + n,
			base[1] * (1 - mix * amp * 3) + alt[1] * mix * amp * 3 + n,
			base[2] * (1 - mix * amp * 3) + alt[2] * mix * amp * 3 + n
		];
	};
}

type Shape = (y: number, x: number) => boolean;

function shape(random: () => number, height: number, width: number): Shape {
	const side = Math.min(height, width);
	const cy = height * (0.2 + random() * 0.6);
	const cx = width * (0.2 + random() * 0.6);
	const r = side * (0.12 + random() * 0.16);
	const kind = Math.floor(random() * 4);
	if (kind === 0) return (y, x) => (y - cy) ** 2 + (x - cx) ** 2 <= r * r;
	if (kind === 1) {
		const ry = r * (0.6 + random() * 0.6);
		const rx = r * (0.6 + random() * 0.6);
		const a = random() * Math.PI;
		const [c, s] = [Math.cos(a), Math.sin(a)];
		return (y, x) => {
			const u = (x - cx) * c + (y - cy) * s;
			const v = -(x - cx) * s + (y - cy) * c;
			return (u / rx) ** 2 + (v / ry) ** 2 <= 1;
		};
	}
	if (kind === 2) {
		const hy = r * (0.6 + random() * 0.5);
		const hx = r * (0.6 + random() * 0.5);
		return (y, x) => Math.abs(y - cy) <= hy && Math.abs(x - cx) <= hx;
	}
	// triangle: three corners on a circle, tested by edge signs
	const a0 = random() * 2 * Math.PI;
	const pts = [0, 1, 2].map((i) => {
		const a = a0 + (i * 2 * Math.PI) / 3 + (random() - 0.5) * 0.6;
		return [cy + r * 1.2 * Math.sin(a), cx + r * 1.2 * Math.cos(a)];
	});
	const side3 = (p: number[], q: number[], y: number, x: number) =>
		(q[1] - p[1]) * (y - p[0]) - (q[0] - p[0]) * (x - p[1]);
	return (y, x) => {
		const d0 = side3(pts[0], pts[1], y, x);
		const d1 = side3(pts[1], pts[2], y, x);
		const d2 = side3(pts[2], pts[0], y, x);
		return (d0 >= 0 && d1 >= 0 && d2 >= 0) || (d0 <= 0 && d1 <= 0 && d2 <= 0);
	};
}

function colour(random: () => number): [number, number, number] {
	return [random(), random(), random()];
}

/** A scene of H×W from `seed` (the same seed → the same scene, mask exact to the pixel). */
export function proceduralScene(
	height: number,
	width: number,
	seed: number,
	options: SceneOptions = {}
): Scene {
	const random = seededRandom(seed * 7919 + 17);
	const count = options.shapes ?? 1 + Math.floor(random() * 3);
	const contrast = options.contrast ?? 0.75;
	const bgBase = colour(random);
	const background = texture(random, bgBase);
	const shapes = Array.from({ length: count }, () => {
		// Push the shape's colour away from the background's by `contrast`.
		const c = colour(random).map((v, i) => {
			const away = bgBase[i] > 0.5 ? 0.1 : 0.9;
			return v * (1 - contrast) + away * contrast;
		}) as [number, number, number];
		return { inside: shape(random, height, width), paint: texture(random, c) };
	});
	const rgb = new Float32Array(height * width * 3);
	const mask = new Uint8Array(height * width);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const i = y * width + x;
			let value = background(y, x);
			for (const s of shapes) {
				const v = s.paint(y, x);
				if (s.inside(y + 0.5, x + 0.5)) {
					value = v;
					mask[i] = 1;
				}
			}
			for (let c = 0; c < 3; c++) rgb[i * 3 + c] = Math.min(1, Math.max(0, value[c]));
		}
	}
	return { rgb, mask, height, width };
}
