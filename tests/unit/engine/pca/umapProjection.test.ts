// Seeded UMAP is reproducible, and separates two far-apart clusters.
import { describe, expect, it } from 'vitest';
import { knnAccuracy } from '$lib/engine/pca/knnAccuracy';
import { umapProjection } from '$lib/engine/pca/umapProjection';
import { seededNormal } from '$lib/engine/seededRandom';

function clusters(count: number, dim: number): { data: Float32Array; labels: number[] } {
	const normal = seededNormal(9);
	const labels = Array.from({ length: count }, (_, i) => i % 2);
	const data = new Float32Array(count * dim);
	labels.forEach((l, n) => {
		for (let j = 0; j < dim; j++) data[n * dim + j] = normal() + (j < 3 ? 8 * l : 0);
	});
	return { data, labels };
}

describe('umapProjection', () => {
	const { data, labels } = clusters(80, 6);
	it('gives the same map twice for one seed, and places an added point among its class', () => {
		const a = umapProjection(data, 80, 6, data.subarray(0, 6), { seed: 3, nEpochs: 30 });
		const b = umapProjection(data, 80, 6, data.subarray(0, 6), { seed: 3, nEpochs: 30 });
		expect(Array.from(b.points)).toEqual(Array.from(a.points));
		expect(Array.from(b.extra)).toEqual(Array.from(a.extra));
		expect(knnAccuracy(a.points, labels, 5)).toBe(1);
		// an added copy of row 0 lands among row 0's class in the map
		const nearest = labels
			.map((l, i) => ({
				l,
				d: Math.hypot(a.points[2 * i] - a.extra[0], a.points[2 * i + 1] - a.extra[1])
			}))
			.sort((p, q) => p.d - q.d)
			.slice(0, 5);
		expect(nearest.every((p) => p.l === labels[0])).toBe(true);
	});
});
