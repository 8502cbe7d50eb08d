import { describe, expect, it } from 'vitest';
import {
	FIGURE_MARGIN,
	figureLayout,
	MAX_MAP_WIDTH,
	MIN_MAP_WIDTH,
	TITLE_FONT,
	type Rect
} from '$lib/export/figureLayout';

const inside = (r: Rect, width: number, height: number) =>
	r.x >= 0 && r.y >= 0 && r.x + r.width <= width && r.y + r.height <= height;

describe('feature-map figure layout', () => {
	it('is twice the CSS layout by default: title band, map as shown, legend at the map’s width', () => {
		const layout = figureLayout({
			mapWidth: 512,
			mapHeight: 384,
			shownWidth: 400,
			legendWidth: 200,
			legendHeight: 40
		});
		// CSS: map 400 × 300, legend 400 × 80, title band 16 × 1.6, margins 12
		const css = { width: 400 + 24, height: 12 + 25.6 + 300 + 6 + 80 + 12 };
		expect(layout.scale).toBe(2);
		expect(layout.width).toBe(2 * css.width);
		expect(layout.height).toBe(Math.round(2 * css.height));
		expect(layout.map).toEqual({ x: 24, y: Math.round(2 * 37.6), width: 800, height: 600 });
		expect(layout.legend.width).toBe(800);
		expect(layout.legend.height).toBe(160);
		expect(layout.title.fontSize).toBe(2 * TITLE_FONT);
	});

	it('stacks title, map and legend without overlap, all inside the image', () => {
		for (const [w, h, shown] of [
			[512, 512, 300],
			[37, 1024, 90],
			[2048, 64, 3000],
			[1, 1, 0]
		]) {
			const layout = figureLayout({
				mapWidth: w,
				mapHeight: h,
				shownWidth: shown,
				legendWidth: 240,
				legendHeight: 46
			});
			expect(inside(layout.map, layout.width, layout.height)).toBe(true);
			expect(inside(layout.legend, layout.width, layout.height)).toBe(true);
			expect(layout.title.y).toBeLessThanOrEqual(layout.map.y);
			expect(layout.map.y + layout.map.height).toBeLessThanOrEqual(layout.legend.y);
			// the map keeps its aspect ratio (to rounding)
			expect(layout.map.height / layout.map.width).toBeCloseTo(h / w, 2);
			const cssWidth = layout.map.width / 2;
			expect(cssWidth).toBeGreaterThanOrEqual(MIN_MAP_WIDTH);
			expect(cssWidth).toBeLessThanOrEqual(MAX_MAP_WIDTH);
			expect(layout.width).toBe(2 * (cssWidth + 2 * FIGURE_MARGIN));
		}
	});

	it('scales every part with the scale', () => {
		const input = {
			mapWidth: 100,
			mapHeight: 50,
			shownWidth: 500,
			legendWidth: 250,
			legendHeight: 30
		};
		const one = figureLayout({ ...input, scale: 1 });
		const three = figureLayout({ ...input, scale: 3 });
		expect(three.width).toBe(3 * one.width);
		expect(three.map.width).toBe(3 * one.map.width);
		expect(three.legend.height).toBe(3 * one.legend.height);
	});

	it('leaves out the legend band when there is no legend', () => {
		const layout = figureLayout({
			mapWidth: 10,
			mapHeight: 10,
			shownWidth: 300,
			legendWidth: 0,
			legendHeight: 0
		});
		expect(layout.legend.height).toBe(0);
		expect(layout.height).toBe(Math.round(2 * (12 + 25.6 + 300 + 12)));
	});

	it.each([
		[{ scale: 0 }, /scale must be positive/],
		[{ scale: NaN }, /scale must be positive/],
		[{ mapWidth: 0 }, /the map is empty/]
	])('rejects %j', (change, message) => {
		const input = { mapWidth: 10, mapHeight: 10, shownWidth: 300, legendWidth: 0, legendHeight: 0 };
		expect(() => figureLayout({ ...input, ...change })).toThrow(message);
	});
});
