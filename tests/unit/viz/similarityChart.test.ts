import { describe, expect, it } from 'vitest';
import { similarityChart } from '$lib/viz/similarityChart';
import { all, svgNode } from './svgDom';

describe('similarityChart', () => {
	const draw = (width: number) => {
		const svg = svgNode();
		similarityChart(svg)(
			['input', 'conv', 'conv → pool', 'global max'].map((name, i) => ({
				name,
				values: [1, 0.5 + i / 10, NaN],
				color: '#000',
				dashed: i === 1
			})),
			{
				width,
				height: 260,
				maxShift: 2,
				marker: 1,
				fontSize: 12,
				title: 'Similarity',
				xLabel: 'shift (px)',
				yLabel: 'r'
			}
		);
		return svg;
	};

	it('draws a dot per computed sample and a legend entry per curve, dashed as its line', () => {
		const svg = draw(600);
		expect(all(svg, 'g[clip-path] circle')).toHaveLength(8);
		const swatches = all(svg, '.legend-entry line');
		expect(swatches.map((l) => l.getAttribute('stroke-dasharray'))).toEqual([
			null,
			'6 3',
			null,
			null
		]);
	});

	it('wraps the legend on a phone and lowers the plot to make room', () => {
		const rows = (svg: SVGSVGElement) =>
			new Set(all(svg, '.legend-entry').map((g) => g.getAttribute('transform')?.split(', ')[1]))
				.size;
		const wide = draw(600);
		const narrow = draw(260);
		expect(rows(wide)).toBe(1);
		expect(rows(narrow)).toBeGreaterThan(1);
		const top = (svg: SVGSVGElement) => Number(all(svg, 'clipPath rect')[0].getAttribute('y'));
		expect(top(narrow)).toBeGreaterThan(top(wide));
	});
});
