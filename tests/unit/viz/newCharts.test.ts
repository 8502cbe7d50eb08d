/**
 * The renderers the next labs need — scatter by class, percentile bands, eigenvalue spectra —
 * drawn in Node (svgDom) on data whose positions and labels are worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { bandChart } from '$lib/viz/bandChart';
import { conditionNumber, decadeLabel, eigenvalueChart, kappaText } from '$lib/viz/eigenvalueChart';
import { embeddingMap } from '$lib/viz/embeddingMap';
import { scatterChart } from '$lib/viz/scatterChart';
import { all, serialize, svgNode, tickTexts } from './svgDom';

const axes = (svg: SVGSVGElement) => all(svg, 'g').filter((g) => g.querySelector(':scope > .tick'));
const numbers = (elements: Element[], name: string) =>
	elements.map((e) => Math.round(Number(e.getAttribute(name)) * 1000) / 1000);

describe('scatterChart', () => {
	const draw = () => {
		const svg = svgNode();
		scatterChart(svg)(
			{
				x: [0, 10, 5, NaN, 2, 3],
				y: [0, 10, 5, 1, 2, 3],
				// the 4th point has no finite x, the 6th a class with no name: neither is drawn
				classOf: [0, 1, 1, 0, 0, 7],
				classNames: ['cat', 'dog']
			},
			{ width: 300, height: 200, fontSize: 11, xLabel: 'PC 1', yLabel: 'PC 2' }
		);
		return svg;
	};

	it('draws a dot per usable point, coloured by class, where the scales put it', () => {
		const svg = draw();
		const dots = all(svg, 'g[fill-opacity="0.8"] circle');
		expect(dots.map((c) => c.getAttribute('fill'))).toEqual([
			'#4e79a7',
			'#f28e2c',
			'#f28e2c',
			'#4e79a7'
		]);
		// x: [0, 10] → [52, 286]; y: [0, 10] → [160, top = 6 + 16.5 (legend row) + 6 = 28.5]
		expect(numbers(dots, 'cx')).toEqual([52, 286, 169, 98.8]);
		expect(numbers(dots, 'cy')).toEqual([160, 28.5, 94.25, 133.7]);
		expect(tickTexts(axes(svg)[0])).toEqual(['0', '2', '4', '6', '8', '10']);
	});

	it('names every class in the legend and counts them in its description', () => {
		const svg = draw();
		expect(all(svg, '.legend-entry text').map((t) => t.textContent)).toEqual(['cat', 'dog']);
		expect(svg.getAttribute('aria-label')).toBe('Scatter plot: 4 points, PC 2 against PC 1');
		expect(all(svg, 'desc')[0].textContent).toBe('Coloured by class: cat (2), dog (2).');
	});

	it('spaces y ticks by the text size, so projector-size labels do not crowd', () => {
		for (const fontSize of [11, 22]) {
			const svg = svgNode();
			scatterChart(svg)(
				{ x: [0, 1], y: [0, 7], classOf: [0, 0], classNames: ['a'] },
				{ width: 400, height: 600, fontSize }
			);
			const ys = all(axes(svg)[1], '.tick').map((t) =>
				Number(/,([\d.]+)\)/.exec(t.getAttribute('transform') ?? '')?.[1])
			);
			expect(ys.length).toBeGreaterThan(2);
			expect(Math.abs(ys[0] - ys[1])).toBeGreaterThanOrEqual(2.5 * fontSize);
		}
	});

	it('matches its snapshot', () => expect(serialize(draw())).toMatchSnapshot());
});

describe('bandChart', () => {
	const draw = (low = [0, 1, 2]) => {
		const svg = svgNode();
		bandChart(svg)(
			[{ name: 'activations', x: [0, 1, 2], low, median: [1, 2, 3], high: [2, 3, 4] }],
			{
				width: 300,
				height: 200,
				fontSize: 11
			}
		);
		return svg;
	};

	it('shades low…high and draws the median on top, worked out by hand', () => {
		const svg = draw();
		// x: [0, 2] → [52, 286]; y: [0, 4] → [160, 26.5], 33.375 px a unit
		expect(all(svg, 'g.medians path')[0].getAttribute('d')).toBe(
			'M52,126.625L169,93.25L286,59.875'
		);
		// the area runs along the high values, then back along the low ones
		expect(all(svg, 'g.bands path')[0].getAttribute('d')).toBe(
			'M52,93.25L169,59.875L286,26.5L286,93.25L169,126.625L52,160Z'
		);
		expect(tickTexts(axes(svg)[1])).toEqual(['0', '1', '2', '3', '4']);
		expect(all(svg, '.legend-entry rect')[0].getAttribute('display')).toBeNull();
		expect(all(svg, 'desc')[0].textContent).toContain('10–90 %');
	});

	it('breaks the band where a percentile is missing', () => {
		const d = all(draw([0, NaN, 2]), 'g.bands path')[0].getAttribute('d') ?? '';
		expect(d.match(/M/g)).toHaveLength(2);
	});

	it('matches its snapshot', () => expect(serialize(draw())).toMatchSnapshot());
});

describe('conditionNumber and its label', () => {
	it.each([
		[[3, 1, 2], 3],
		[[1e-3, 10], 1e4],
		[[0, 1], Infinity],
		[[-1, 2], Infinity],
		[[], NaN]
	])('κ of %j is %d', (values, kappa) => expect(conditionNumber(values)).toBe(kappa));

	it.each([
		[1, '1'],
		[2.5, '2.5'],
		[37.54, '37.5'],
		[1234.5, '1,230'],
		[456_000, '4.6 × 10⁵'],
		[Infinity, '∞'],
		[NaN, 'n/a']
	])('κ %d reads %s', (kappa, text) => expect(kappaText(kappa)).toBe(text));

	it.each([
		[0.001, '10⁻³'],
		[1, '1'],
		[10, '10'],
		[1e4, '10⁴']
	])('decade %d reads %s', (value, text) => expect(decadeLabel(value)).toBe(text));
});

describe('eigenvalueChart', () => {
	const draw = () => {
		const svg = svgNode();
		eigenvalueChart(svg)(
			[
				{ name: 'raw', values: [1, 100, 10] },
				{ name: 'whitened', values: [4, 0, 2] }
			],
			{ width: 300, height: 200, fontSize: 11 }
		);
		return svg;
	};

	it('heads each panel with its name and κ, and shares one log axis', () => {
		const svg = draw();
		expect(all(svg, 'text.name').map((t) => t.textContent)).toEqual(['raw', 'whitened']);
		expect(all(svg, 'text.kappa').map((t) => t.textContent)).toEqual(['κ = 100', 'κ = ∞']);
		expect(tickTexts(axes(svg)[0])).toEqual(['1', '10', '10²']);
	});

	it('draws the positive eigenvalues largest first, and says which it could not', () => {
		const svg = draw();
		const [raw, whitened] = all(svg, 'g.panel').map((panel) => [
			...panel.querySelectorAll('g.dots circle')
		]);
		// y: log [1, 100] → [160, top = 4 + 2.8 em = 34.8]: a decade is 62.6 px
		expect(numbers(raw, 'cy')).toEqual([34.8, 97.4, 160]);
		expect(whitened).toHaveLength(2);
		// one line through the dots, and each panel keeps its own x axis line
		const spectrum = all(svg, 'path.spectrum')[0].getAttribute('d') ?? '';
		expect(spectrum.match(/[ML]/g)).toEqual(['M', 'L', 'L']);
		expect(all(svg, 'g.x-axis path.domain')).toHaveLength(2);
		expect(Number(raw[0].getAttribute('cx'))).toBeLessThan(Number(raw[2].getAttribute('cx')));
		expect(svg.getAttribute('aria-label')).toBe('Eigenvalues: raw κ = 100, whitened κ = ∞');
		expect(all(svg, 'desc')[0].textContent).toBe(
			'whitened: 1 eigenvalue(s) ≤ 0 or infinite, not drawn on the log axis.'
		);
	});

	it('matches its snapshot', () => expect(serialize(draw())).toMatchSnapshot());
});

describe('embeddingMap', () => {
	it('one path per class, the photo ringed, and a hit test that finds the nearest point', () => {
		const svg = svgNode();
		const hit = embeddingMap(svg)(
			{
				points: [0, 0, 10, 10, 9, 9],
				labels: [0, 1, 1],
				classNames: ['cat', 'dog'],
				marks: [{ x: 5, y: 5, name: 'your photo' }]
			},
			{ width: 300, height: 240, fontSize: 11, title: 'UMAP', xLabel: 'UMAP 1', yLabel: 'UMAP 2' }
		);
		const paths = all(svg, 'g[fill-opacity="0.75"] path');
		expect(paths.map((p) => p.getAttribute('fill'))).toEqual(['#4e79a7', '#f28e2c']);
		// a circle is two arcs: one dot for the cat, two for the dogs
		expect(paths.map((p) => (p.getAttribute('d')!.match(/M/g) ?? []).length)).toEqual([1, 2]);
		expect(all(svg, 'circle[fill="none"]')).toHaveLength(1);
		expect(all(svg, 'text').some((t) => t.textContent === 'your photo')).toBe(true);
		// each dot's path starts r px left of its centre: find point 1's centre and hit it
		const [, dx, dy] = paths[1]
			.getAttribute('d')!
			.match(/^M([\d.]+),([\d.]+)/)!
			.map(Number);
		const r = 11 / 6;
		expect(hit(dx + r, dy)).toBe(1);
		expect(hit(-100, -100)).toBeNull();
	});
});
