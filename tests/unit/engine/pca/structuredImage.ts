import { seededRandom } from '$lib/engine/seededRandom';

/**
 * A gray image for the patch-PCA tests: smooth structure (a product of sines) plus seeded noise,
 * so the spectrum of its patches is spread over many components.
 */
export function structuredImage(width: number, height: number, seed = 3) {
	const r = seededRandom(seed);
	const data = new Float32Array(width * height);
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++)
			data[y * width + x] = 0.5 + 0.3 * Math.sin(x / 3) * Math.cos(y / 5) + 0.2 * r();
	return { data, width, height };
}
