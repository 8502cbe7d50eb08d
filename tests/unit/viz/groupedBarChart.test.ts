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

/** translate(x, …) of an element's transform attribute. */
const translateX = (el: Element) =>
	Number(/translate\(\s*([-\d.]+)/.exec(el.getAttribute('transform') ?? '')?.[1]);

it('on a phone’s 12 px text, "100 %" ticks clear the rotated y label', () => {
	const svg = svgNode();
	const font = 12;
	groupedBarChart(svg)([{ name: 'plain', color: '#d95f02', values: [0.2, 0.9] }], {
		width: 340,
		height: 200,
		groups: ['1', '2'],
		yDomain: [0, 1],
		yLabel: 'test accuracy',
		format: (v) => `${Math.round(v * 100)} %`,
		fontSize: font
	});
	const yAxis = all(svg, 'g').find(
		(g) =>
			g.querySelector(':scope > .tick') &&
			/^translate\([\d.]+,\s*0\)$/.test(g.getAttribute('transform') ?? '')
	);
	const label = all(svg, 'text').find((t) => t.textContent === 'test accuracy');
	if (!yAxis || !label) throw new Error('no y axis or label');
	expect(all(yAxis, '.tick text').map((t) => t.textContent)).toContain('100 %');
	// DejaVu Sans advances: digits 0.636 em, space 0.318, % 0.950 → "100 %" is 3.176 em wide;
	// the tick (6 px) and its padding (3 px) sit between the text and the axis line.
	const tickLeft = translateX(yAxis) - 9 - 3.176 * font;
	const labelRight = translateX(label) + 0.6 * font; // half the rotated line's height
	expect(labelRight + 2).toBeLessThanOrEqual(tickLeft);
});
