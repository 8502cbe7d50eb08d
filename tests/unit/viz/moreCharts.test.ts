/** The fc-vs-conv cost chart and the confusion matrix drawn in Node (svgDom), checked by hand. */
import { describe, expect, it } from 'vitest';
import { confusionMatrixChart } from '$lib/viz/confusionMatrixChart';
import { logBarChart } from '$lib/viz/logBarChart';
import { all, serialize, svgNode, tickTexts } from './svgDom';

describe('logBarChart', () => {
	const draw = () => {
		const svg = svgNode();
		logBarChart(svg)(
			[
				{
					name: 'Parameters',
					bars: [
						{ name: 'fully conn.', value: 1e6, color: '#b07aa1' },
						{ name: 'conv', value: 10, color: '#59a14f' }
					]
				}
			],
			{ width: 400, fontSize: 10, title: 'Cost of one layer', xLabel: 'count (log scale)' }
		);
		return svg;
	};

	it('puts each bar’s end at log10 of its value, decades on the axis', () => {
		const svg = draw();
		// x: log [1, 10⁶] → [75, 400 − 45 = 355], 46.67 px a decade
		const widths = all(svg, 'g.bar rect').map((r) => Number(r.getAttribute('width')));
		expect(widths[0]).toBeCloseTo(280, 9);
		expect(widths[1]).toBeCloseTo(280 / 6, 9);
		expect(all(svg, 'text.value').map((t) => t.textContent)).toEqual(['1 M', '10']);
		const axis = all(svg, 'g').find((g) => g.querySelector(':scope > .tick')) as Element;
		// 280 px fit 7 labels of 4 em: every decade gets one
		expect(tickTexts(axis)).toEqual(['1', '10', '100', '1 k', '10 k', '100 k', '1 M']);
		expect(svg.getAttribute('aria-label')).toBe(
			'Cost of one layer (log scale): Parameters: fully conn. 1 M, conv 10'
		);
	});

	it('matches its snapshot', () => expect(serialize(draw())).toMatchSnapshot());
});

describe('confusionMatrixChart', () => {
	const counts = Int32Array.from([8, 2, 0, 1, 9, 0, 0, 5, 5]);
	const draw = (selected: { truth: number; predicted: number } | null = null) => {
		const svg = svgNode();
		const layout = confusionMatrixChart(svg)(counts, {
			width: 400,
			selected,
			labels: ['cat', 'dog', 'fox']
		});
		return { svg, layout };
	};

	it('writes each count in its cell, row = truth, column = prediction, blank for 0', () => {
		const { svg, layout } = draw();
		// cell = floor((400 − 92 − 8) / 3) = 100
		expect(layout).toEqual({ left: 92, top: 64, cell: 100 });
		const cells = all(svg, 'g > g[transform]').filter((g) => g.querySelector('rect'));
		expect(cells.map((g) => g.textContent)).toEqual(['8', '2', '', '1', '9', '', '', '5', '5']);
		expect(cells[5].getAttribute('transform')).toBe('translate(292, 164)');
		expect(svg.getAttribute('aria-label')).toBe(
			'Confusion matrix of 30 test images: 73.3 % correct'
		);
	});

	it('outlines the selected cell and hides the outline when none is', () => {
		const outline = (svg: SVGSVGElement) => all(svg, 'rect[stroke="#d35400"]')[0];
		const picked = outline(draw({ truth: 2, predicted: 1 }).svg);
		expect([picked.getAttribute('x'), picked.getAttribute('y')]).toEqual(['191', '263']);
		expect(outline(draw().svg).getAttribute('display')).toBe('none');
	});
});
