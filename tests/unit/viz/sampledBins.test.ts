import { describe, expect, it } from 'vitest';
import { histogramBins } from '$lib/viz/histogramBins';
import { robustRange } from '$lib/viz/robustRange';
import { sampledBins } from '$lib/viz/sampledBins';
import type { MapData } from '$lib/types/mapData';
import { seededRandom } from '$lib/engine/seededRandom';

/** A [h, w, 2] map: channel 0 a skewed random field with 0.2 % outliers, channel 1 its negative. */
function field(height: number, width: number): MapData {
	const random = seededRandom(7);
	const data = new Float32Array(height * width * 2);
	for (let i = 0; i < height * width; i++) {
		const v = random() ** 3 * 10 + (random() < 0.002 ? 500 : 0);
		data[2 * i] = v;
		data[2 * i + 1] = -v;
	}
	return { data, height, width, channels: 2 };
}

function rangeOf(map: MapData, c: number): [number, number] {
	let min = Infinity;
	let max = -Infinity;
	for (let i = c; i < map.data.length; i += map.channels) {
		min = Math.min(min, map.data[i]);
		max = Math.max(max, map.data[i]);
	}
	return [min, max];
}

describe('sampledBins', () => {
	it('counts a small map whole, exactly as histogramBins', () => {
		const map = field(100, 120);
		const range = rangeOf(map, 1);
		const sampled = sampledBins(map, 1, 64, range);
		const full = histogramBins(map, 1, 64, range);
		expect(Array.from(sampled.counts)).toEqual(Array.from(full.counts));
		expect(sampled.total).toBe(12_000);
	});

	it('on a 512² map counts every s-th value (s odd), as a naive loop over those values does', () => {
		const map = field(512, 512);
		const range = rangeOf(map, 0);
		const bins = sampledBins(map, 0, 32, range, 65_536);
		// 262,144 / 65,536 = 4 → 5 (odd): indices 0, 5, 10, …
		const picked: number[] = [];
		for (let i = 0; i < 512 * 512; i += 5) picked.push(map.data[2 * i]);
		expect(bins.total).toBe(picked.length);
		const width = (range[1] - range[0]) / 32;
		const naive = new Array(32).fill(0);
		for (const v of picked) naive[Math.min(31, Math.floor((v - range[0]) / width))]++;
		// bin edges are the truth for values within an ulp of one: allow those to move one bin
		const diff = naive.reduce((sum, c, i) => sum + Math.abs(c - bins.counts[i]), 0);
		expect(diff).toBeLessThanOrEqual(2);
		// the exact min and max bound the bins
		expect(bins.min).toBe(range[0]);
		expect(bins.max).toBe(range[1]);
	});

	it('gives the 0.5–99.5 % colour range of the whole map to well within one of 256 colours', () => {
		const map = field(512, 512);
		for (const c of [0, 1]) {
			const range = rangeOf(map, c);
			const [lo, hi] = robustRange(sampledBins(map, c, 1024, range), 0.005);
			const [exactLo, exactHi] = robustRange(histogramBins(map, c, 1024, range), 0.005);
			const colour = (exactHi - exactLo) / 256;
			expect(Math.abs(lo - exactLo)).toBeLessThan(colour);
			expect(Math.abs(hi - exactHi)).toBeLessThan(colour);
		}
	});
});
