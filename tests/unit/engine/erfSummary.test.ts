import { describe, expect, it } from 'vitest';
import { erfSummary } from '$lib/engine/erfSummary';
import { cutNodes, layerDepths, spread } from '$lib/engine/erfByDepth';
import { presetArchitecture } from '$lib/engine/architectures/catalogue';

const grid = (values: number[], width: number) => ({
	data: Float32Array.from(values),
	height: values.length / width,
	width
});

describe('erfSummary', () => {
	it('a uniform 3×3 block: radius95 = 1 (the square holding it), σ = √(12 / 9 / 2)', () => {
		const g = grid([0, 0, 0, 0, 0, 0, 2, 2, 2, 0, 0, 2, 2, 2, 0, 0, 2, 2, 2, 0, 0, 0, 0, 0, 0], 5);
		const s = erfSummary(g, { y0: 1, y1: 3, x0: 1, x1: 3 }, 2, 2);
		expect(s.mass).toBe(18);
		expect(Array.from(s.map)).toEqual(new Array(9).fill(1 / 9).map((v) => Math.fround(v)));
		expect(s.radius95).toBe(1);
		expect(s.sigma).toBeCloseTo(Math.sqrt(12 / 9 / 2), 6);
		expect(Array.from(s.row)).toHaveLength(3);
	});

	it('all mass on the centre: radius and σ are 0; no mass: NaN', () => {
		const s = erfSummary(
			grid([0, 0, 0, 0, 4, 0, 0, 0, 0], 3),
			{ y0: 0, y1: 2, x0: 0, x1: 2 },
			1,
			1
		);
		expect([s.radius95, s.sigma]).toEqual([0, 0]);
		expect(Array.from(s.row)).toEqual([0, 1, 0]);
		const none = erfSummary(grid(new Array(9).fill(0), 3), { y0: 0, y1: 2, x0: 0, x1: 2 }, 1, 1);
		expect(none.radius95).toBeNaN();
		expect(none.sigma).toBeNaN();
	});

	it('95 % of the mass: 90 % at the centre and 10 % at distance 3 needs radius 3', () => {
		const values = new Array(49).fill(0);
		values[24] = 9;
		values[3] = 1; // row 0, column 3: distance 3 from (3, 3)
		expect(erfSummary(grid(values, 7), { y0: 0, y1: 6, x0: 0, x1: 6 }, 3, 3).radius95).toBe(3);
	});
});

describe('depth bookkeeping', () => {
	it('ResNet-50: 50 layers to block4 on the longest path; cut points are conv1, pool1 and each unit', () => {
		const arch = presetArchitecture('resnet50');
		expect(layerDepths(arch).at(-1)).toBe(50);
		const names = cutNodes(arch).map((i) => arch.nodes[i].name);
		expect(names.slice(0, 3)).toEqual(['conv1', 'pool1', 'block1/unit_1/bottleneck_v1 (add)']);
		expect(names).toHaveLength(2 + 16);
	});

	it('a chain: every node is a cut point; spread keeps the last', () => {
		expect(cutNodes(presetArchitecture('vgg16'))).toHaveLength(18);
		expect(spread([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4)).toEqual([3, 5, 8, 10]);
		expect(spread([1, 2], 4)).toEqual([1, 2]);
	});
});
