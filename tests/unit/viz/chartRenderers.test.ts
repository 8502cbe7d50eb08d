/**
 * The line, bar and histogram renderers drawn in Node (svgDom): what a reader sees — tick texts,
 * how many marks, where they are for data whose positions are worked out by hand — and a
 * normalised snapshot of the whole SVG, so any other change to the markup shows up in review.
 */
import { describe, expect, it } from 'vitest';
import { barChart } from '$lib/viz/barChart';
import { histogram } from '$lib/viz/histogram';
import { lineChart } from '$lib/viz/lineChart';
import type { Bins } from '$lib/viz/histogramBins';
import { all, serialize, svgNode, tickTexts } from './svgDom';

/** The axis groups in drawing order: the ones holding ticks. */
const axes = (svg: SVGSVGElement) => all(svg, 'g').filter((g) => g.querySelector(':scope > .tick'));

describe('lineChart', () => {
	const draw = (series: Parameters<ReturnType<typeof lineChart>>[0], width = 300) => {
		const svg = svgNode();
		lineChart(svg)(series, {
			width,
			height: 200,
			fontSize: 11,
			title: 'Loss',
			xLabel: 'epoch',
			yLabel: 'loss',
			marker: 1
		});
		return svg;
	};

	it('puts each point where the scales say, worked out by hand', () => {
		const svg = draw([{ name: 'train', x: [0, 1, 2], y: [0, 1, 4] }]);
		// x: [0, 2] → [52, 300 − 14 = 286]. y: [0, 4] → [200 − 40 = 160, top], top = 22 (title)
		// + 16.5 (one legend row of 1.5 em) + 4 = 42.5; y(1) = 160 − 117.5 / 4 = 130.625.
		expect(all(svg, 'g[clip-path] path')[0].getAttribute('d')).toBe('M52,160L169,130.625L286,42.5');
		const [x, y] = axes(svg);
		expect(tickTexts(x)).toEqual(['0.0', '0.5', '1.0', '1.5', '2.0']);
		expect(tickTexts(y)).toEqual(['0', '1', '2', '3', '4']);
		// the marker at x = 1
		const marker = all(svg, 'line[stroke-dasharray="4 3"]')[0];
		expect([marker.getAttribute('x1'), marker.getAttribute('display')]).toEqual(['169', null]);
		expect(svg.getAttribute('aria-label')).toBe('Loss: train — loss against epoch');
	});

	it('leaves a gap at NaN and draws one path and one legend entry per series', () => {
		const svg = draw([
			{ name: 'a', x: [0, 1, 2, 3], y: [1, NaN, 2, 3] },
			{ name: 'b', x: [0, 3], y: [0, 0], dashed: true }
		]);
		const paths = all(svg, 'g[clip-path] path');
		expect(paths).toHaveLength(2);
		expect(paths[0].getAttribute('d')?.match(/M/g)).toHaveLength(2);
		expect(paths[1].getAttribute('stroke-dasharray')).toBe('5 3');
		expect(all(svg, '.legend-entry text').map((t) => t.textContent)).toEqual(['a', 'b']);
	});

	it('wraps the legend onto a second row when the names do not fit', () => {
		const names = ['plain network', 'batch norm', 'noisy batch norm'];
		const svg = draw(
			names.map((name) => ({ name, x: [0, 1], y: [0, 1] })),
			220
		);
		const rows = new Set(
			all(svg, '.legend-entry').map((g) => g.getAttribute('transform')?.split(', ')[1])
		);
		expect(rows.size).toBeGreaterThan(1);
	});

	it('draws true log–log axes: decades equally spaced, values ≤ 0 left out, marker on the log x', () => {
		const svg = svgNode();
		lineChart(svg)([{ name: 'loss', x: [0, 1, 10, 100, 1000], y: [5, 1, 0.1, 0.01, 0.001] }], {
			width: 352,
			height: 200,
			fontSize: 11,
			xScale: 'log',
			yScale: 'log',
			marker: 100
		});
		// x: [1, 1000] → [52, 338]: one decade is 286 / 3 ≈ 95.33 px. y: [0.001, 1] → [160, 28]
		// (no title: top = 6 + 16.5 + 2 = 24.5)
		const d = all(svg, 'g[clip-path] path')[0].getAttribute('d')!;
		const points = d
			.slice(1)
			.split('L')
			.map((p) => p.split(',').map(Number));
		expect(points).toHaveLength(4); // x = 0 has no place on a log axis
		const xs = points.map((p) => p[0]);
		const ys = points.map((p) => p[1]);
		expect(xs[0]).toBeCloseTo(52, 6);
		expect(xs[1] - xs[0]).toBeCloseTo(286 / 3, 2);
		expect(xs[2] - xs[1]).toBeCloseTo(286 / 3, 2);
		expect(ys[1] - ys[0]).toBeCloseTo(ys[2] - ys[1], 2);
		expect(ys[3]).toBeCloseTo(160, 6);
		const marker = all(svg, 'line[stroke-dasharray="4 3"]')[0];
		expect(Number(marker.getAttribute('x1'))).toBeCloseTo(52 + (2 * 286) / 3, 2);
		const [x, y] = axes(svg);
		expect(tickTexts(x).filter(Boolean)).toEqual(['1', '10', '100', '1k']);
		expect(tickTexts(y).filter(Boolean)).toEqual(['0.001', '0.01', '0.1', '1']);
	});

	it('a log x axis stretches to a marker past the data; decades below 0.001 read 1e-5', () => {
		const svg = svgNode();
		lineChart(svg)([{ name: 'loss', x: [1, 10, 100], y: [1, 1e-3, 1e-6] }], {
			width: 352,
			height: 300,
			fontSize: 11,
			xScale: 'log',
			yScale: 'log',
			marker: 1000
		});
		const marker = all(svg, 'line[stroke-dasharray="4 3"]')[0];
		expect(marker.getAttribute('display')).toBe(null);
		expect(Number(marker.getAttribute('x1'))).toBeCloseTo(338, 2);
		const [, y] = axes(svg);
		expect(tickTexts(y).filter(Boolean)).toContain('1e-5');
	});

	it('takes a fixed x range (charts of one run share their steps)', () => {
		const svg = svgNode();
		lineChart(svg)([{ name: 'a', x: [0, 10], y: [0, 1] }], {
			width: 400,
			height: 200,
			xDomain: [0, 100]
		});
		expect(tickTexts(axes(svg)[0]).at(-1)).toBe('100');
	});

	it('hides the marker outside the x range', () => {
		const svg = svgNode();
		lineChart(svg)([{ name: 'a', x: [2, 3], y: [0, 1] }], { width: 300, height: 200, marker: 1 });
		expect(all(svg, 'line[stroke-dasharray="4 3"]')[0].getAttribute('display')).toBe('none');
	});

	it('matches its snapshot', () => {
		expect(serialize(draw([{ name: 'train', x: [0, 1, 2], y: [0, 1, 4] }]))).toMatchSnapshot();
	});

	it('spaces y ticks by the text size: projector mode (root 31.2 px) does not double them', () => {
		for (const fontSize of [11, 21.45]) {
			const svg = svgNode();
			// the chart's height grows with the root font, as LineChartView asks (rem 200)
			lineChart(svg)([{ name: 'a', x: [0, 8], y: [0, 0.65] }], {
				width: 1400,
				height: (200 * fontSize) / 11,
				fontSize
			});
			expect(tickTexts(axes(svg)[1])).toEqual(['0.0', '0.1', '0.2', '0.3', '0.4', '0.5', '0.6']);
		}
	});

	it('widens its left margin for long y ticks, so they clear the rotated y label', () => {
		const svg = draw([{ name: 'gradient', x: [0, 1, 2], y: [0.0001, 0.0003, 0.0005] }]);
		const [x, y] = axes(svg);
		const ticks = tickTexts(y);
		expect(ticks).toContain('0.0003');
		const axisX = Number(/translate\(([\d.]+)/.exec(y.getAttribute('transform') ?? '')?.[1]);
		const label = all(svg, 'text').find((t) => t.textContent === 'loss');
		const labelX = Number(/translate\(([\d.]+)/.exec(label?.getAttribute('transform') ?? '')?.[1]);
		// DejaVu Sans: digits 0.636 em, '.' 0.318 em; tick 6 px and padding 3 px; label half-height
		const widest = Math.max(...ticks.map((t) => t.length)) * 0.636 * 11;
		expect(labelX + 0.6 * 11 + 2).toBeLessThanOrEqual(axisX - 9 - widest);
		// the plot starts where the axis is (d3 shifts ticks by 0.5 px for crisp lines)
		const firstX = x.querySelector('.tick')?.getAttribute('transform') ?? '';
		const plotLeft = Number(/translate\(([\d.]+)/.exec(firstX)?.[1]);
		expect(Math.abs(plotLeft - axisX)).toBeLessThanOrEqual(0.5);
	});
});

describe('barChart', () => {
	const draw = () => {
		const svg = svgNode();
		barChart(svg)(
			[
				{ name: 'conv', value: 10 },
				{ name: 'pool', value: 20 },
				{ name: 'broken', value: -1 }
			],
			{ width: 300, height: 200, yLabel: 'multiply-adds' }
		);
		return svg;
	};

	it('draws a bar per value from 0, heights by hand, and n/a for a negative value', () => {
		const svg = draw();
		// y: [0, 20] → [200 − 34 = 166, 14]: 20 is 152 px tall, 10 is 76.
		expect(all(svg, 'rect').map((r) => r.getAttribute('height'))).toEqual(['76', '152', '0']);
		expect(all(svg, 'text.value').map((t) => t.textContent)).toEqual(['10', '20', 'n/a']);
		expect(all(svg, 'text.name').map((t) => t.textContent)).toEqual(['conv', 'pool', 'broken']);
		expect(tickTexts(axes(svg)[0])).toEqual(['0', '5', '10', '15', '20']);
	});

	it('matches its snapshot', () => expect(serialize(draw())).toMatchSnapshot());
});

describe('histogram', () => {
	const bins: Bins = {
		edges: Float64Array.from([-1, 0, 1, 2]),
		counts: Uint32Array.from([1, 4, 100]),
		total: 105,
		min: -1,
		max: 2,
		mean: 1.2,
		std: 0.5,
		nonFinite: 2
	};
	const draw = (logScale = false) => {
		const svg = svgNode();
		histogram(svg)(bins, { width: 300, height: 200, fontSize: 11, xLabel: 'value', logScale });
		return svg;
	};

	it('draws a bar per bin, heights by hand, a zero line and the summary', () => {
		const svg = draw();
		// counts [0, 100] → [200 − 40 = 160, 26]: 1 px of count is 1.34 px.
		expect(all(svg, 'rect').map((r) => Number(r.getAttribute('height')))).toEqual(
			[1.34, 5.36, 134].map((h) => expect.closeTo(h, 9))
		);
		// x: [−1, 2] → [52, 288], 78.67 px a bin, 1 px gap.
		expect(Number(all(svg, 'rect')[1].getAttribute('x'))).toBeCloseTo(52 + 236 / 3, 6);
		expect(all(svg, 'line[stroke-dasharray="3 3"]')[0].getAttribute('display')).toBeNull();
		expect(all(svg, 'text[text-anchor="end"]').at(-1)?.textContent).toBe(
			'mean 1.2 ± 0.5 (std), 2 non-finite'
		);
		// about a tick per 80 px: 300 px wide asks for 3.75, d3 steps by 1 over [−1, 2]
		expect(tickTexts(axes(svg)[0])).toEqual(['−1', '0', '1', '2']);
	});

	it('keeps its count ticks when projector mode scales height and text together', () => {
		const svg = svgNode();
		histogram(svg)(bins, { width: 600, height: 180 * 2, fontSize: 22, logScale: false });
		const small = svgNode();
		histogram(small)(bins, { width: 600, height: 180, fontSize: 11, logScale: false });
		expect(tickTexts(axes(svg)[1])).toEqual(tickTexts(axes(small)[1]));
	});

	it('puts counts on powers of ten on the log scale', () => {
		expect(tickTexts(axes(draw(true))[1])).toEqual(['0', '1', '10', '100']);
	});

	it('matches its snapshot', () => expect(serialize(draw())).toMatchSnapshot());
});
