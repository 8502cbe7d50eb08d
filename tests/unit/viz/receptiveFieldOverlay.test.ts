// The receptive-field overlay's grid of unit centres: one path of dots (not an element per unit),
// a dot at each centre the layer has (every y of gridY with every x of gridX, +0.5 for the pixel's
// middle), none when the grid is denser than 32 a side, and the field's box where the unit reaches.
import { describe, expect, it } from 'vitest';
import { receptiveFieldOverlay } from '$lib/viz/receptiveFieldOverlay';
import { all, svgNode } from './svgDom';

const base = {
	imageWidth: 64,
	imageHeight: 48,
	margin: 4,
	field: { y0: -2, y1: 6, x0: 3, x1: 11 },
	centre: { y: 2, x: 7 }
};

/** the centre of each circle in a path of `M x−r,y a… a…` dots */
function dotCentres(d: string | null): { x: number; y: number }[] {
	if (!d) return [];
	return [...d.matchAll(/M([-\d.e]+),([-\d.e]+)a([-\d.e]+),/g)].map((m) => ({
		x: Number(m[1]) + Number(m[3]),
		y: Number(m[2])
	}));
}

describe('receptiveFieldOverlay', () => {
	it('draws every unit centre as a dot of one path, at the pixel middles', () => {
		const svg = svgNode();
		const draw = receptiveFieldOverlay(svg);
		draw({ ...base, gridY: [1, 9, 17], gridX: [2, 10] });
		const expected = [1, 9, 17].flatMap((y) => [2, 10].map((x) => ({ x: x + 0.5, y: y + 0.5 })));
		expect(all(svg, 'circle')).toHaveLength(0);
		const grid = all(svg, '[data-testid=rf-unit-grid]');
		expect(grid).toHaveLength(1);
		const centres = dotCentres(grid[0].getAttribute('d'));
		expect(centres).toHaveLength(6);
		centres.forEach((c, i) => {
			expect(c.x).toBeCloseTo(expected[i].x, 9);
			expect(c.y).toBeCloseTo(expected[i].y, 9);
		});
		// radius: a 400th of the shorter side, at least half a pixel
		expect(grid[0].getAttribute('d')).toContain('a0.5,0.5 0 1,0 1,0');
		const box = all(svg, '[data-testid=rf-box]')[0];
		expect(box.getAttribute('x')).toBe('3');
		expect(box.getAttribute('width')).toBe('9');
	});

	it('drops the dots when the grid is denser than 32 a side, and draws them again after', () => {
		const svg = svgNode();
		const draw = receptiveFieldOverlay(svg);
		const dense = Array.from({ length: 33 }, (_, i) => i);
		draw({ ...base, gridY: dense, gridX: [0] });
		expect(dotCentres(all(svg, '[data-testid=rf-unit-grid]')[0].getAttribute('d'))).toEqual([]);
		draw({ ...base, gridY: [5], gridX: [5] });
		expect(dotCentres(all(svg, '[data-testid=rf-unit-grid]')[0].getAttribute('d'))).toEqual([
			{ x: 5.5, y: 5.5 }
		]);
	});
});
