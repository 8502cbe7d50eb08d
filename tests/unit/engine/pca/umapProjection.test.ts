// Seeded UMAP is reproducible, and separates two far-apart clusters.
import { describe, expect, it } from 'vitest';
import { knnAccuracy } from '$lib/engine/pca/knnAccuracy';
import { UMAP } from 'umap-js';
import { transformableEpochs, umapProjection } from '$lib/engine/pca/umapProjection';
import { seededNormal, seededRandom } from '$lib/engine/seededRandom';

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
		// a later photo goes into the same finished map: a copy of a class-1 row lands among class 1
		const later = a.transform(data.subarray(6, 12));
		const near = labels
			.map((l, i) => ({
				l,
				d: Math.hypot(a.points[2 * i] - later[0], a.points[2 * i + 1] - later[1])
			}))
			.sort((p, q) => p.d - q.d)
			.slice(0, 5);
		expect(labels[1]).toBe(1);
		expect(near.every((p) => p.l === 1)).toBe(true);
	});

	it('places an added point with umap-js’s own transform (epochs rounded so it ends), not a neighbour mean', () => {
		const extraRow = Array.from({ length: 6 }, (_, j) => (j < 3 ? 7 : 0.5));
		const ours = umapProjection(data, 80, 6, extraRow, { seed: 5, nEpochs: 20 });
		// the reference: umap-js by hand, fitted with the same seed and 21 epochs, then transform
		expect(transformableEpochs(20)).toBe(21);
		expect(transformableEpochs(200)).toBe(201);
		expect(transformableEpochs(201)).toBe(201);
		const umap = new UMAP({
			nComponents: 2,
			nNeighbors: 15,
			minDist: 0.1,
			nEpochs: 21,
			random: seededRandom(5)
		});
		const rows = Array.from({ length: 80 }, (_, n) => Array.from(data.subarray(n * 6, n * 6 + 6)));
		const epochs = umap.initializeFit(rows);
		for (let e = 0; e < epochs; e++) umap.step();
		const fitted = umap.getEmbedding().flat();
		const [[x, y]] = umap.transform([extraRow]);
		expect(Array.from(ours.points)).toEqual(Array.from(Float32Array.from(fitted)));
		expect(Array.from(ours.extra)).toEqual(Array.from(Float32Array.from([x, y])));
	});
});
