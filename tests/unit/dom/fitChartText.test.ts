/**
 * Chart titles fit their chart: a text on the svg that would run past its width is cut with an
 * ellipsis and keeps its full words in a <title>; it gets them back when the chart widens. The
 * widths are measured by a stand-in (6 px a character) so the arithmetic is by hand; ChartShell
 * applies it to every renderer (here the line chart at a phone's width, by jsdom's estimate).
 */
import { render, screen } from '@testing-library/svelte';
import { flushSync, type Component } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import ChartShellGeneric from '$lib/components/ChartShell.svelte';
import { fitChartText, measureText } from '$lib/viz/fitChartText';
import { lineChart } from '$lib/viz/lineChart';
import { reactive } from './reactive.svelte';

const SVG = 'http://www.w3.org/2000/svg';
const sixPx = (text: SVGTextElement) => (text.firstChild?.textContent ?? '').length * 6;

function chart(width: number, texts: Record<string, string>[]): SVGSVGElement {
	const svg = document.createElementNS(SVG, 'svg') as SVGSVGElement;
	svg.setAttribute('viewBox', `0 0 ${width} 100`);
	for (const { words, ...attrs } of texts) {
		const text = svg.appendChild(document.createElementNS(SVG, 'text'));
		for (const [name, value] of Object.entries(attrs)) text.setAttribute(name, value);
		text.textContent = words;
	}
	return svg;
}
const shown = (svg: SVGSVGElement, i: number) => svg.children[i].firstChild?.textContent;

describe('fitChartText', () => {
	const title = 'Layer 3, unit 12: sigmoid input, p15–p85 and median'; // 51 characters
	it('cuts a title that runs past the chart, keeping its words in a <title>', () => {
		// at x = 40 on a 250 px chart: 210 px = 35 characters of 6 px, the ellipsis one of them
		const svg = chart(250, [{ x: '40', words: title }]);
		fitChartText(svg, sixPx);
		expect(shown(svg, 0)).toBe(`${title.slice(0, 34).trimEnd()}…`);
		expect(sixPx(svg.children[0] as SVGTextElement)).toBeLessThanOrEqual(210);
		expect(svg.children[0].querySelector('title')?.textContent).toBe(title);
	});
	it('gives the words back when the chart is wide again, and leaves a short title alone', () => {
		const svg = chart(250, [{ x: '40', words: title }]);
		fitChartText(svg, sixPx);
		svg.setAttribute('viewBox', '0 0 400 100'); // 360 px ≥ 306
		fitChartText(svg, sixPx);
		expect(shown(svg, 0)).toBe(title);
		expect(svg.children[0].querySelector('title')).toBeNull();
	});
	it('takes a centred label’s room on both sides and leaves rotated texts to their renderer', () => {
		const svg = chart(200, [
			{ x: '150', 'text-anchor': 'middle', words: 'x'.repeat(30) }, // room 2·50 = 100 px
			{ x: '10', transform: 'rotate(-90)', words: 'y'.repeat(60) }
		]);
		fitChartText(svg, sixPx);
		expect(shown(svg, 0)).toBe(`${'x'.repeat(15)}…`); // 16 characters = 96 px
		expect(shown(svg, 1)).toBe('y'.repeat(60));
	});
	it('does not measure a title that fits even in its widest glyphs (a measurement is a layout)', () => {
		const measure = vi.fn(sixPx);
		// 17 characters of at most 11 px (the font size) = 187 px ≤ 210
		fitChartText(chart(250, [{ x: '40', words: 'Test accuracy, % ' }]), measure);
		expect(measure).not.toHaveBeenCalled();
	});
	it('follows a renderer that writes a new title over a cut one', () => {
		const svg = chart(250, [{ x: '40', words: title }]);
		fitChartText(svg, sixPx);
		svg.children[0].textContent = 'Loss';
		fitChartText(svg, sixPx);
		expect(shown(svg, 0)).toBe('Loss');
	});
});

// jsdom has no ResizeObserver (Svelte's bind:clientWidth uses one)
beforeEach(() => {
	vi.stubGlobal(
		'ResizeObserver',
		class {
			observe() {}
			unobserve() {}
			disconnect() {}
		}
	);
});
afterEach(() => vi.unstubAllGlobals());

describe('ChartShell', () => {
	it('fits every renderer’s title to the chart’s width after each draw', () => {
		const ChartShell = ChartShellGeneric as unknown as Component<Record<string, unknown>>;
		const props = reactive({
			renderer: lineChart,
			data: [{ name: 'loss', x: [0, 1, 2], y: [1, 0.5, 0.25] }],
			options: () => ({ width: 330, height: 200, fontSize: 11, title: 'short' }),
			fileParts: ['batch-norm'],
			exportLabel: 'Loss chart',
			testid: 'loss-chart'
		});
		render(ChartShell, { props });
		const svg = screen.getByTestId('loss-chart') as unknown as SVGSVGElement;
		const titleOf = () =>
			Array.from(svg.children).find((c) => c.tagName === 'text' && c.textContent)!;
		expect(titleOf().textContent).toBe('short');
		const long =
			'Training loss (cross-entropy of each batch), plain vs batch norm vs noisy batch norm';
		props.options = () => ({ width: 330, height: 200, fontSize: 11, title: long });
		flushSync();
		const text = titleOf() as SVGTextElement;
		expect(text.firstChild?.textContent?.endsWith('…')).toBe(true);
		const x = Number(text.getAttribute('x'));
		expect(x + measureText(text)).toBeLessThanOrEqual(330);
		expect(text.querySelector('title')?.textContent).toBe(long);
	});
});
