/**
 * The contour renderer drawn in Node (svgDom) on a bowl whose rings and path positions are
 * worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { contourChart, contourLevels } from '$lib/viz/contourChart';
import { all, svgNode } from './svgDom';

// values at u, v ∈ {−1, 0, 1}: ½(4u² + v²)
const bowl = () => {
	const values: number[] = [];
	for (let j = 0; j < 3; j++)
		for (let i = 0; i < 3; i++) values.push(0.5 * (4 * (i - 1) ** 2 + (j - 1) ** 2));
	return values;
};

describe('contourLevels', () => {
	it('spaces n levels quadratically below the maximum', () => {
		const levels = contourLevels([0, 2.5, 10], 4);
		[0.4, 1.6, 3.6, 6.4].forEach((want, k) => expect(levels[k]).toBeCloseTo(want, 12));
		expect(levels).toHaveLength(4);
	});
	it('gives no level for a flat or non-finite field', () => {
		expect(contourLevels([0, 0], 3)).toEqual([]);
		expect(contourLevels([NaN, Infinity], 3)).toEqual([]);
	});
});

describe('contourChart', () => {
	const draw = (path?: number[]) => {
		const svg = svgNode();
		contourChart(svg)(
			{ width: 3, height: 3, values: bowl(), xExtent: [-1, 1], yExtent: [-1, 1], path },
			{ width: 268, height: 248, fontSize: 11, levels: 3, xLabel: 'u', yLabel: 'v' }
		);
		return svg;
	};

	it('draws one contour per level, at the levels asked', () => {
		const svg = draw();
		const rings = all(svg, 'path[data-level]');
		// max 2.5 → levels 2.5·(1/4)², 2.5·(2/4)², 2.5·(3/4)²
		expect(rings.map((p) => Number(p.getAttribute('data-level')))).toEqual([
			0.15625, 0.625, 1.40625
		]);
		expect(rings.every((p) => (p.getAttribute('d') ?? '').startsWith('M'))).toBe(true);
	});

	it('puts the path where the scales put it: (−1, 1) top left, (0, 0) the middle', () => {
		// plot x: [56, 256], y: [208, 8]
		const svg = draw([-1, 1, 0, 0]);
		const [start, end] = all(svg, 'circle');
		expect([start.getAttribute('cx'), start.getAttribute('cy')].map(Number)).toEqual([56, 8]);
		expect([end.getAttribute('cx'), end.getAttribute('cy')].map(Number)).toEqual([156, 108]);
		expect(all(svg, 'path[stroke="#e15759"]')[0].getAttribute('d')).toBe('M56,8L156,108');
	});

	it('a contour through grid points lies on the scaled data coordinates', () => {
		// the level-0.625 ring of ½(4u² + v²) crosses v = 0 at u = ±0.395…, by linear interpolation
		// between grid values 0 (u = 0) and 2 (u = ±1): u = ±0.3125 → x = 156 ± 31.25. The region
		// above the level also runs along the grid's frame, half a cell outside the plot (6, 306):
		// the plot's clip rectangle hides it.
		const svg = draw();
		const ring = all(svg, 'path[data-level="0.625"]')[0].getAttribute('d') ?? '';
		const xs = [...ring.matchAll(/[ML]([\d.]+),108(?![\d])/g)].map((m) => Number(m[1]));
		expect(xs.sort((a, b) => a - b)).toEqual([6, 124.75, 187.25, 306]);
		const clip = all(svg, 'clipPath rect')[0];
		expect(['x', 'y', 'width', 'height'].map((a) => Number(clip.getAttribute(a)))).toEqual([
			56, 8, 200, 200
		]);
		const ringGroup = all(svg, 'path[data-level]')[0].parentElement;
		expect(ringGroup?.getAttribute('clip-path')).toMatch(/^url\(#convlab-contour-clip-\d+\)$/);
	});
});
