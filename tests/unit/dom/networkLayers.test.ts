/**
 * /network's layer list paints a new picture's layers on screen in the picture's own task, and
 * the layers further down in later tasks (and at once if one is scrolled into view): an upload
 * that lands as the page's first picture then pays for what the learner sees, not for 18 canvases.
 * jsdom has no layout and no canvas: a recording 2-D context and observers that report only what
 * a test tells them stand in. Before the first picture the layers are laid out (hidden) from
 * their known shapes, their canvases made, so that picture does not build the list.
 */
import { render } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import NetworkLayers, { type LayerInfo } from '../../../src/routes/network/NetworkLayers.svelte';
import { chooseColorScale } from '$lib/viz/colorScale';
import type { MapData } from '$lib/types/mapData';

// The classifier's 18 layers: conv, bn, relu, pool × 3 (28² × 16 → 3² × 64), then the flat ones.
const SPATIAL: [string, number, number][] = [];
[
	[28, 16, 14],
	[14, 32, 7],
	[7, 64, 3]
].forEach(([side, channels, pooled], b) => {
	for (const kind of ['conv', 'bn', 'relu']) SPATIAL.push([`${kind}${b + 1}`, side, channels]);
	SPATIAL.push([`pool${b + 1}`, pooled, channels]);
});
const FLAT: [string, number][] = [
	['flatten', 576],
	['dense', 64],
	['dense_relu', 64],
	['dropout', 64],
	['logits', 10],
	['softmax', 10]
];
const layers: LayerInfo[] = [
	...SPATIAL.map(([name]) => ({ name, label: name, params: 0, flat: false })),
	...FLAT.map(([name]) => ({ name, label: name, params: 0, flat: true }))
];
function picture(seed: number): MapData[] {
	const maps: MapData[] = SPATIAL.map(([, side, channels]) => ({
		data: new Float32Array(side * side * channels).map((_, i) => Math.sin(i + seed)),
		height: side,
		width: side,
		channels
	}));
	for (const [, n] of FLAT)
		maps.push({
			data: new Float32Array(n).map((_, i) => Math.cos(i + seed)),
			height: 1,
			width: 1,
			channels: n
		});
	return maps;
}
const specsOf = (maps: MapData[]) =>
	maps.map((m) => Array.from({ length: m.channels }, () => chooseColorScale(-1, 1)));

/** which layer canvases have been painted (putImageData), in order */
let painted: number[] = [];
let report: (entries: Partial<IntersectionObserverEntry>[]) => void = () => {};
const getContext = HTMLCanvasElement.prototype.getContext;

beforeEach(() => {
	vi.useFakeTimers();
	painted = [];
	HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement) {
		const layer = Number(this.dataset.layer);
		return {
			createImageData: (width: number, height: number) => ({
				width,
				height,
				data: new Uint8ClampedArray(width * height * 4)
			}),
			putImageData: () => painted.push(layer)
		};
	} as unknown as typeof HTMLCanvasElement.prototype.getContext;
	vi.stubGlobal(
		'IntersectionObserver',
		class {
			constructor(callback: (entries: Partial<IntersectionObserverEntry>[]) => void) {
				report = callback;
			}
			observe() {}
			unobserve() {}
			disconnect() {}
		}
	);
	vi.stubGlobal(
		'ResizeObserver',
		class {
			observe() {}
			disconnect() {}
		}
	);
	vi.stubGlobal('innerWidth', 1440);
	vi.stubGlobal('innerHeight', 900);
});
afterEach(() => {
	HTMLCanvasElement.prototype.getContext = getContext;
	vi.unstubAllGlobals();
	vi.useRealTimers();
});

describe('NetworkLayers', () => {
	it('paints the layers near the screen with the picture, the ones far below in later tasks', async () => {
		const ondraw = vi.fn();
		const maps = picture(0);
		render(NetworkLayers, {
			layers,
			maps,
			specs: specsOf(maps),
			selected: null,
			onselect: () => {},
			ondraw
		});
		flushSync();
		// The picture is on screen: its top layers are painted, the last ones (the flat vectors at
		// the bottom of an 18-layer list, more than a viewport and a half below) are not yet.
		expect(ondraw).toHaveBeenCalledTimes(1);
		expect(painted).toContain(0);
		expect(painted.length).toBeLessThan(18);
		expect(painted).not.toContain(17);
		// Then the rest, one per task, top to bottom.
		const first = painted.length;
		await vi.runAllTimersAsync();
		expect([...painted].sort((a, b) => a - b)).toEqual([...Array(18).keys()]);
		expect(painted.slice(first)).toEqual([...painted.slice(first)].sort((a, b) => a - b));
		expect(ondraw).toHaveBeenCalledTimes(1);
	});

	it('a layer scrolled into view before its turn is painted at once', async () => {
		const maps = picture(1);
		const view = render(NetworkLayers, {
			layers,
			maps,
			specs: specsOf(maps),
			selected: null,
			onselect: () => {},
			ondraw: () => {}
		});
		flushSync();
		expect(painted).not.toContain(17);
		report([
			{
				target: view.getByTestId('layer-17'),
				isIntersecting: true,
				rootBounds: null,
				boundingClientRect: {} as DOMRectReadOnly
			}
		]);
		expect(painted).toContain(17);
		await vi.runAllTimersAsync();
		expect(painted.filter((i) => i === 17)).toHaveLength(1);
	});

	it('lays the layers out from their shapes, hidden, before the first picture', async () => {
		const props = {
			layers,
			maps: [] as MapData[],
			specs: [] as ReturnType<typeof specsOf>,
			selected: null,
			onselect: () => {},
			ondraw: vi.fn(),
			waiting: 'Loading the network…',
			expected: SPATIAL.map(([name, side, channels]) => ({
				name,
				shape: [side, side, channels]
			})).concat(FLAT.map(([name, n]) => ({ name, shape: [n] })))
		};
		const view = render(NetworkLayers, props);
		await vi.runAllTimersAsync();
		// before any picture: the placeholder shows; the 18 layers wait behind it, canvases sized
		expect(view.getByText('Loading the network…')).toBeTruthy();
		const canvases = [...Array(18).keys()].map(
			(i) => view.getByTestId(`layer-canvas-${i}`) as HTMLCanvasElement
		);
		expect(canvases[0].closest('ol')?.classList.contains('waiting')).toBe(true);
		expect(canvases.every((c) => c.width > 0 && c.width !== 300)).toBe(true);
		// each canvas made ready once (its empty atlas put, so its pixels exist), nothing more
		expect(painted).toEqual([...Array(18).keys()]);
		painted = [];
		// the picture comes: the same canvases are painted, none made anew
		const maps = picture(2);
		await view.rerender({ ...props, maps, specs: specsOf(maps) });
		flushSync();
		expect(props.ondraw).toHaveBeenCalledTimes(1);
		expect(view.getByTestId('layer-canvas-0')).toBe(canvases[0]);
		expect(view.getByTestId('layer-canvas-17')).toBe(canvases[17]);
		expect(canvases[0].closest('ol')?.classList.contains('waiting')).toBe(false);
		expect(painted).toContain(0);
		expect(view.queryByText('Loading the network…')).toBeNull();
	});

	it('says what it waits for until there are maps', () => {
		const view = render(NetworkLayers, {
			layers: [],
			maps: [],
			specs: [],
			selected: null,
			onselect: () => {},
			waiting: 'Loading the network…'
		});
		expect(view.getByText('Loading the network…')).toBeTruthy();
		expect(view.queryByTestId('network-layers')).toBeNull();
	});
});
