// FastICA unmixes two known sources; the 5-NN accuracy equals a brute-force count.
import { describe, expect, it } from 'vitest';
import { fastIca } from '$lib/engine/pca/fastIca';
import { knnAccuracy } from '$lib/engine/pca/knnAccuracy';
import { seededRandom } from '$lib/engine/seededRandom';

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
	const n = a.length;
	let ma = 0;
	let mb = 0;
	for (let i = 0; i < n; i++) {
		ma += a[i] / n;
		mb += b[i] / n;
	}
	let ab = 0;
	let aa = 0;
	let bb = 0;
	for (let i = 0; i < n; i++) {
		ab += (a[i] - ma) * (b[i] - mb);
		aa += (a[i] - ma) ** 2;
		bb += (b[i] - mb) ** 2;
	}
	return ab / Math.sqrt(aa * bb);
}

describe('fastIca', () => {
	it('recovers a sine and a Laplace source from their mixture (up to order and sign)', () => {
		const n = 3000;
		const r = seededRandom(4);
		const s1 = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 7));
		const s2 = Float64Array.from({ length: n }, () => {
			const u = r() - 0.5;
			return -Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
		});
		// mix, then whiten by hand (2×2 covariance, closed form eigen-decomposition)
		const x1 = s1.map((v, i) => v + 0.6 * s2[i]);
		const x2 = s1.map((v, i) => 0.4 * v + s2[i]);
		const mean = (a: Float64Array) => a.reduce((p, q) => p + q, 0) / n;
		const m1 = mean(x1);
		const m2 = mean(x2);
		let a = 0;
		let b = 0;
		let c = 0;
		for (let i = 0; i < n; i++) {
			a += (x1[i] - m1) ** 2 / n;
			b += ((x1[i] - m1) * (x2[i] - m2)) / n;
			c += (x2[i] - m2) ** 2 / n;
		}
		const tr = a + c;
		const det = a * c - b * b;
		const l1 = tr / 2 + Math.sqrt((tr * tr) / 4 - det);
		const l2 = tr / 2 - Math.sqrt((tr * tr) / 4 - det);
		const v1 = [b, l1 - a].map((t, _, arr) => t / Math.hypot(arr[0], arr[1]));
		const v2 = [-v1[1], v1[0]];
		const z = new Float32Array(2 * n);
		for (let i = 0; i < n; i++) {
			const d1 = x1[i] - m1;
			const d2 = x2[i] - m2;
			z[2 * i] = (v1[0] * d1 + v1[1] * d2) / Math.sqrt(l1);
			z[2 * i + 1] = (v2[0] * d1 + v2[1] * d2) / Math.sqrt(l2);
		}
		// the whitened mixture still mixes: each output correlates with both sources
		expect(
			Math.abs(
				correlation(
					z.filter((_, i) => i % 2 === 0),
					s1
				)
			)
		).toBeLessThan(0.95);
		// from several random starts: a start that happens to lie near the answer proves nothing
		for (const seed of [1, 2, 3, 4, 5]) {
			const ica = fastIca(z, n, 2, { seed });
			expect(ica.converged).toBe(true);
			const out = [0, 1].map((row) =>
				Float64Array.from(
					{ length: n },
					(_, i) => ica.unmixing[row * 2] * z[2 * i] + ica.unmixing[row * 2 + 1] * z[2 * i + 1]
				)
			);
			const best = (s: Float64Array) => Math.max(...out.map((o) => Math.abs(correlation(o, s))));
			expect(best(s1)).toBeGreaterThan(0.99);
			expect(best(s2)).toBeGreaterThan(0.99);
		}
	});
});

/** Brute force: sort every other point by (distance, index), vote over the first k. */
function bruteKnn(points: number[], labels: number[], k: number): number {
	let correct = 0;
	for (let q = 0; q < labels.length; q++) {
		const order = labels
			.map((_, i) => i)
			.filter((i) => i !== q)
			.map((i) => ({
				i,
				d: (points[2 * i] - points[2 * q]) ** 2 + (points[2 * i + 1] - points[2 * q + 1]) ** 2
			}))
			.sort((x, y) => x.d - y.d || x.i - y.i)
			.slice(0, k);
		const count = new Map<number, number>();
		for (const { i } of order) count.set(labels[i], (count.get(labels[i]) ?? 0) + 1);
		const top = Math.max(...count.values());
		const winner = labels[order.find(({ i }) => count.get(labels[i]) === top)!.i];
		if (winner === labels[q]) correct++;
	}
	return correct / labels.length;
}

describe('knnAccuracy', () => {
	it.each([
		[1, 400, 3],
		[2, 300, 10],
		[3, 50, 2]
	])('matches a brute-force count (seed %i, %i points, %i classes)', (seed, n, classes) => {
		const r = seededRandom(seed);
		const labels = Array.from({ length: n }, () => Math.floor(r() * classes));
		// overlapping clusters, with some points on a coarse lattice so ties in distance occur
		const points = labels.flatMap((l) =>
			r() < 0.3 ? [Math.round(r() * 4), Math.round(r() * 4)] : [l + 2 * r(), l * 0.5 + 2 * r()]
		);
		expect(knnAccuracy(points, labels, 5)).toBeCloseTo(bruteKnn(points, labels, 5), 12);
	});
	it('is 1 for well-separated classes', () => {
		const labels = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1];
		const points = labels.flatMap((l, i) => [l * 100 + i, 0]);
		expect(knnAccuracy(points, labels, 5)).toBe(1);
	});
});
