import { bin } from 'd3';
import { describe, expect, it } from 'vitest';
import { histogramBins } from '$lib/viz/histogramBins';
import type { MapData } from '$lib/types/mapData';
import { seededRandom as random } from '$lib/engine/seededRandom';

function column(values: number[]): MapData {
	return { data: Float32Array.from(values), height: values.length, width: 1, channels: 1 };
}

describe('histogramBins, hand-computed', () => {
	it.each([
		{
			name: 'integers, max in the last bin',
			values: [0, 1, 2, 3, 4],
			binCount: 4,
			edges: [0, 1, 2, 3, 4],
			counts: [1, 1, 1, 2],
			mean: 2,
			std: Math.sqrt(2),
			nonFinite: 0
		},
		{
			name: 'signed with non-finite values',
			values: [-1, -0.5, 0, 0.5, 1, NaN, Infinity, -Infinity],
			binCount: 2,
			edges: [-1, 0, 1],
			counts: [2, 3],
			mean: 0,
			std: Math.sqrt(0.5),
			nonFinite: 3
		},
		{
			name: 'constant data centred in a unit range',
			values: [3, 3, 3],
			binCount: 5,
			edges: [2.5, 2.7, 2.9, 3.1, 3.3, 3.5],
			counts: [0, 0, 3, 0, 0],
			mean: 3,
			std: 0,
			nonFinite: 0
		},
		{
			name: 'one bin',
			values: [-2, 5, 1],
			binCount: 1,
			edges: [-2, 5],
			counts: [3],
			mean: 4 / 3,
			std: Math.sqrt(((-2 - 4 / 3) ** 2 + (5 - 4 / 3) ** 2 + (1 - 4 / 3) ** 2) / 3),
			nonFinite: 0
		}
	])('$name', ({ values, binCount, edges, counts, mean, std, nonFinite }) => {
		const bins = histogramBins(column(values), 0, binCount);
		expect(bins.edges).toHaveLength(edges.length);
		edges.forEach((e, i) => expect(bins.edges[i]).toBeCloseTo(e, 12));
		expect(Array.from(bins.counts)).toEqual(counts);
		expect(bins.total).toBe(values.length - nonFinite);
		expect(bins.nonFinite).toBe(nonFinite);
		const finite = values.filter(Number.isFinite);
		expect(bins.min).toBe(Math.min(...finite));
		expect(bins.max).toBe(Math.max(...finite));
		expect(bins.mean).toBeCloseTo(mean, 12);
		expect(bins.std).toBeCloseTo(std, 12);
	});

	it('reads only the requested channel', () => {
		// channel 1 of [1, 3, 3]: 10, 20, 30, 40, 50, 60; the others are far outside that range
		const data = new Float32Array(18);
		for (let p = 0; p < 6; p++) {
			data[3 * p] = -1000;
			data[3 * p + 1] = 10 * (p + 1);
			data[3 * p + 2] = 1000;
		}
		const bins = histogramBins({ data, height: 2, width: 3, channels: 3 }, 1, 5);
		expect(Array.from(bins.edges)).toEqual([10, 20, 30, 40, 50, 60]);
		expect(Array.from(bins.counts)).toEqual([1, 1, 1, 1, 2]);
		expect([bins.min, bins.max, bins.mean]).toEqual([10, 60, 35]);
	});

	it('has no statistics but valid edges when nothing is finite', () => {
		const bins = histogramBins(column([NaN, Infinity]), 0, 4);
		expect(Array.from(bins.edges)).toEqual([0, 0.25, 0.5, 0.75, 1]);
		expect(Array.from(bins.counts)).toEqual([0, 0, 0, 0]);
		expect(bins.total).toBe(0);
		expect(bins.nonFinite).toBe(2);
		expect([bins.min, bins.max, bins.mean, bins.std].every(Number.isNaN)).toBe(true);
	});
});

describe('histogramBins against independent references on random data', () => {
	const h = 37;
	const w = 23;
	const channels = 2;
	const next = random(7);
	const data = new Float32Array(h * w * channels);
	for (let i = 0; i < data.length; i++) data[i] = (next() - 0.3) * 10;
	// exact duplicates of the extremes and values on bin edges are the tricky cases
	data[1] = data[3];
	const map: MapData = { data, height: h, width: w, channels };
	const values = Array.from({ length: h * w }, (_, p) => data[p * channels + 1]);

	it.each([1, 7, 16, 64])('%i bins match d3.bin and a naive edge search', (binCount) => {
		const bins = histogramBins(map, 1, binCount);
		const lo = Math.min(...values);
		const hi = Math.max(...values);
		for (let i = 0; i <= binCount; i++) {
			expect(bins.edges[i]).toBeCloseTo(lo + ((hi - lo) * i) / binCount, 10);
		}
		expect(bins.edges[binCount]).toBe(hi);

		const d3Counts = bin()
			.domain([lo, hi])
			.thresholds(Array.from(bins.edges.subarray(1, binCount)))(values)
			.map((b) => b.length);
		expect(Array.from(bins.counts)).toEqual(d3Counts);

		const naive = new Array(binCount).fill(0);
		for (const v of values) {
			let b = 0;
			while (b < binCount - 1 && v >= bins.edges[b + 1]) b++;
			naive[b]++;
		}
		expect(Array.from(bins.counts)).toEqual(naive);
		expect(bins.total).toBe(values.length);
	});

	it('mean and population std match a two-pass float64 reference', () => {
		const bins = histogramBins(map, 1, 10);
		const mean = values.reduce((a, b) => a + b, 0) / values.length;
		const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
		expect(bins.mean).toBeCloseTo(mean, 10);
		expect(bins.std).toBeCloseTo(Math.sqrt(variance), 10);
	});

	it('puts values that sit exactly on an edge in the bin above it', () => {
		const bins = histogramBins(column([0, 0.25, 0.5, 0.75, 1]), 0, 4);
		expect(Array.from(bins.counts)).toEqual([1, 1, 1, 2]);
		const thirds = histogramBins(column([0, 1, 2, 3, 4, 5, 6]), 0, 3);
		expect(Array.from(thirds.counts)).toEqual([2, 2, 3]);
	});
});

describe('histogramBins with the channel range known (one pass)', () => {
	const next = random(11);
	const data = Float32Array.from({ length: 29 * 31 * 3 }, () => 40 + (next() - 0.5) * 1e-2);
	data[5] = NaN;
	data[8] = -Infinity;
	const map: MapData = { data, height: 29, width: 31, channels: 3 };
	const finiteOf = (c: number) =>
		Array.from({ length: 29 * 31 }, (_, p) => data[p * 3 + c]).filter(Number.isFinite);

	it.each([0, 1, 2])('channel %i: same bins and statistics as without the range', (channel) => {
		const values = finiteOf(channel);
		const range: [number, number] = [Math.min(...values), Math.max(...values)];
		const one = histogramBins(map, channel, 1024, range);
		const two = histogramBins(map, channel, 1024);
		expect(Array.from(one.edges)).toEqual(Array.from(two.edges));
		expect(Array.from(one.counts)).toEqual(Array.from(two.counts));
		expect([one.total, one.min, one.max, one.nonFinite]).toEqual([
			two.total,
			two.min,
			two.max,
			two.nonFinite
		]);
		// values near 40 with a spread of 0.01: a sum of squares about 0 would lose this
		const mean = values.reduce((a, b) => a + b, 0) / values.length;
		const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
		expect(one.mean).toBeCloseTo(mean, 10);
		expect(one.std / std).toBeCloseTo(1, 8);
	});

	it('falls back to finding the range when the one given is not finite', () => {
		const bins = histogramBins(column([1, 2, Infinity, 3]), 0, 2, [1, Infinity]);
		expect(Array.from(bins.edges)).toEqual([1, 2, 3]);
		expect(Array.from(bins.counts)).toEqual([1, 2]);
	});

	it('an empty channel with the range convolve reports for it', () => {
		const bins = histogramBins(column([]), 0, 4, [Infinity, -Infinity]);
		expect(bins.total).toBe(0);
		expect(Array.from(bins.edges)).toEqual([0, 0.25, 0.5, 0.75, 1]);
	});
});

describe('histogramBins errors', () => {
	const map = column([1, 2, 3]);
	it.each([
		{ channel: 0, binCount: 0, error: /binCount/ },
		{ channel: 0, binCount: 2.5, error: /binCount/ },
		{ channel: 0, binCount: NaN, error: /binCount/ },
		{ channel: 1, binCount: 4, error: /channel 1/ }
	])('channel $channel, binCount $binCount', ({ channel, binCount, error }) => {
		expect(() => histogramBins(map, channel, binCount)).toThrow(error);
	});
});
