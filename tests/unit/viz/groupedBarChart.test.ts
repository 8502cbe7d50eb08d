// The lesion chart's renderer in Node (svgDom): one bar per series and group, heights from the
// y scale worked out by hand, no bar for NaN, dashed reference lines, the selected group outlined.
import { expect, it } from 'vitest';
import { groupedBarChart } from '$lib/viz/groupedBarChart';
import { all, svgNode } from './svgDom';

it('draws plain and residual bars per block at the heights the scale gives', () => {
	const svg = svgNode();
	groupedBarChart(svg)(
		[
			{ name: 'plain', color: '#d95f02', values: [0.1, 0.5, NaN], reference: 0.8 },
			{ name: 'residual', color: '#1b9e77', values: [0.9, 1, 0.75] }
		],
		{
			width: 300,
			height: 200,
			groups: ['1', '2', '3'],
			yDomain: [0, 1],
			highlight: 1,
			fontSize: 11
		}
	);
	const bars = all(svg, 'rect.bar');
	expect(bars).toHaveLength(6);
	const bottom = 200 - 24; // no x label: 24 px below the plot
	const top = 6 + 16.5 + 6; // legend offset 6, one legend row (1.5 × 11), 6 px gap
	const h = (v: number) => v * (bottom - top);
	const heights = bars.map((b) => Number(b.getAttribute('height')));
	[0.1, 0.5, 0, 0.9, 1, 0.75].forEach((v, i) => expect(heights[i]).toBeCloseTo(h(v), 6));
	expect(bars.map((b) => b.getAttribute('stroke') !== 'none')).toEqual([
		false,
		true,
		false,
		false,
		true,
		false
	]);
	const lines = all(svg, 'line[stroke-dasharray="5 3"]');
	expect(lines).toHaveLength(1);
	expect(Number(lines[0].getAttribute('y1'))).toBeCloseTo(bottom - h(0.8), 6);
});
