/**
 * ChartShell as a person meets it: the chart drawn once made and redrawn when its data changes,
 * and the three downloads every chart offers, named by the chart, with its data as .csv under a
 * header row.
 */
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import ChartShellGeneric from '$lib/components/ChartShell.svelte';
import { flushSync, type Component } from 'svelte';
import { reactive } from './reactive.svelte';

// jsdom has no ResizeObserver (Svelte's bind:clientWidth uses one): the figure keeps its initial width.
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

let saved: { filename: string; blob: Blob }[] = [];
const blobs = new Map<string, Blob>();
function onClick(event: MouseEvent) {
	const link = (event.target as Element).closest('a[download]') as HTMLAnchorElement | null;
	if (!link) return;
	event.preventDefault();
	saved.push({ filename: link.download, blob: blobs.get(link.href)! });
}
beforeEach(() => {
	saved = [];
	let next = 0;
	vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
		const url = `blob:chart/${next++}`;
		blobs.set(url, blob as Blob);
		return url;
	});
	vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
	document.addEventListener('click', onClick);
});
afterEach(() => {
	document.removeEventListener('click', onClick);
	vi.restoreAllMocks();
	vi.unstubAllGlobals();
});

// A generic component: mounted here with number[] data and { width } options.
const ChartShell = ChartShellGeneric as unknown as Component<Record<string, unknown>>;

/** A renderer that writes its data as text, so what is on screen can be read back. */
function textRenderer() {
	const made = vi.fn();
	const drawn = vi.fn();
	const renderer = (svg: SVGSVGElement) => {
		made(svg);
		return (data: number[], options: { width: number }) => {
			drawn(data, options);
			svg.innerHTML = `<text>${data.join(' ')}</text>`;
			return data.length;
		};
	};
	return { renderer, made, drawn };
}

describe('ChartShell', () => {
	it('makes the renderer once and draws again when the data changes', async () => {
		const { renderer, made, drawn } = textRenderer();
		const ondraw = vi.fn();
		const props = reactive({
			renderer,
			data: [1, 2, 3],
			options: (size: { width: number }) => ({ width: size.width }),
			ondraw,
			fileParts: ['pooling', 'shift'],
			exportLabel: 'Shift chart',
			testid: 'shift-chart',
			initialWidth: 400
		});
		render(ChartShell, { props });
		const svg = screen.getByTestId('shift-chart');
		expect(svg.textContent).toBe('1 2 3');
		// (jsdom lays nothing out: the measured width is 0 here, so only the data is checked)
		expect(drawn.mock.lastCall?.[0]).toEqual([1, 2, 3]);
		expect(ondraw).toHaveBeenLastCalledWith(3);
		props.data = [4, 5];
		flushSync();
		expect(svg.textContent).toBe('4 5');
		expect(made).toHaveBeenCalledOnce();
		expect(ondraw).toHaveBeenLastCalledWith(2);
	});

	it('draws the same figures handed over again once; a change, even in place, redraws', () => {
		const { renderer, drawn } = textRenderer();
		const ondraw = vi.fn();
		const props = reactive({
			renderer,
			// a page's derived series: new arrays on every training message, mostly the same figures
			data: [[1, NaN, 3], [0.5]] as number[][],
			options: () => ({ width: 300, title: 'Loss' }),
			ondraw,
			fileParts: ['batch-norm'],
			exportLabel: 'Loss chart',
			testid: 'loss-chart'
		});
		render(ChartShell, { props });
		expect(drawn).toHaveBeenCalledOnce();
		for (let message = 0; message < 100; message++) {
			props.data = [[1, NaN, 3], [0.5]];
			props.options = () => ({ width: 300, title: 'Loss' });
			flushSync();
		}
		expect(drawn).toHaveBeenCalledOnce();
		// what the page waits for (its rendered event) still hears of every settled draw
		expect(ondraw).toHaveBeenCalledTimes(101);
		expect(ondraw).toHaveBeenLastCalledWith(2);

		props.data = [[1, NaN, 3], [0.25]];
		flushSync();
		expect(drawn).toHaveBeenCalledTimes(2);
		expect(screen.getByTestId('loss-chart').textContent).toBe('1,NaN,3 0.25');
		// an array changed in place and handed over again is a change
		props.data[1].push(7);
		props.data = [...props.data];
		flushSync();
		expect(drawn).toHaveBeenCalledTimes(3);
		expect(screen.getByTestId('loss-chart').textContent).toBe('1,NaN,3 0.25,7');
		props.options = () => ({ width: 300, title: 'Loss (log)' });
		flushSync();
		expect(drawn).toHaveBeenCalledTimes(4);
	});

	it('offers .csv, .svg and .png 2× named by the chart; the .csv has a header row', async () => {
		const { renderer } = textRenderer();
		render(ChartShell, {
			props: {
				renderer,
				data: [0.5, 0.25],
				options: () => ({ width: 300 }),
				fileParts: ['pooling', 'Shift tolerance'],
				exportLabel: 'Shift chart',
				table: () => ({
					columns: ['shift (px)', 'difference'],
					rows: [
						[0, 0.5],
						[1, 0.25]
					]
				})
			}
		});
		const group = screen.getByRole('group', { name: 'Shift chart' });
		expect(
			within(group)
				.getAllByRole('button')
				.map((b) => b.textContent)
		).toEqual(['.csv', '.svg', '.png 2×']);
		await userEvent.click(within(group).getByRole('button', { name: '.csv' }));
		await userEvent.click(within(group).getByRole('button', { name: '.svg' }));
		await vi.waitFor(() => expect(saved).toHaveLength(2));
		expect(saved.map((file) => file.filename)).toEqual([
			'convlab-pooling-shift-tolerance.csv',
			'convlab-pooling-shift-tolerance.svg'
		]);
		expect(await saved[0].blob.text()).toBe('shift (px),difference\n0,0.5\n1,0.25\n');
		expect(await saved[1].blob.text()).toContain('0.5 0.25');
	});
});
