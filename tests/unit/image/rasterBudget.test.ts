import { describe, expect, it } from 'vitest';
import { nextDraw, probeSizes } from '../../../src/lib/image/rasterBudget';

const budget = { stepMs: 1000, totalMs: 1500 };

describe('probeSizes', () => {
	it.each([
		{ target: { width: 512, height: 512 }, sides: [32, 64, 128, 256] },
		{ target: { width: 512, height: 256 }, sides: [32, 64, 128, 256] },
		{ target: { width: 200, height: 100 }, sides: [32, 64, 128] },
		{ target: { width: 32, height: 20 }, sides: [] },
		{ target: { width: 1024, height: 768 }, sides: [32, 64, 128, 256] }
	])('$target.width×$target.height → probes of longer side $sides', ({ target, sides }) => {
		const sizes = probeSizes(target);
		expect(sizes.map((s) => Math.max(s.width, s.height))).toEqual(sides);
		// each in the target's aspect ratio, to the pixel
		for (const s of sizes) {
			const scale = Math.max(s.width, s.height) / Math.max(target.width, target.height);
			expect(Math.abs(s.width - target.width * scale)).toBeLessThanOrEqual(0.5);
			expect(Math.abs(s.height - target.height * scale)).toBeLessThanOrEqual(0.5);
		}
	});
});

describe('nextDraw', () => {
	it.each([
		// the first probe always goes: nothing is known yet
		{ last: null, next: 1024, elapsed: 0, go: true, predicted: undefined },
		// an icon: 0.2 ms at 256² → 0.8 ms at 512²
		{
			last: { pixels: 256 * 256, ms: 0.2 },
			next: 512 * 512,
			elapsed: 2,
			go: true,
			predicted: undefined
		},
		// 900 ms at 128² → 3,600 ms at 256²: over the one-draw budget
		{
			last: { pixels: 128 * 128, ms: 900 },
			next: 256 * 256,
			elapsed: 1000,
			go: false,
			predicted: 3600
		},
		// 200 ms at 256² → 800 ms at 512², under 1,000 ms, but 900 ms already spent: over the total
		{
			last: { pixels: 256 * 256, ms: 200 },
			next: 512 * 512,
			elapsed: 900,
			go: false,
			predicted: 800
		},
		// the same with 300 ms spent: 1,100 ms in all, within 1,500
		{
			last: { pixels: 256 * 256, ms: 200 },
			next: 512 * 512,
			elapsed: 300,
			go: true,
			predicted: undefined
		},
		// exactly on the budget still goes
		{ last: { pixels: 100, ms: 250 }, next: 400, elapsed: 500, go: true, predicted: undefined },
		// a draw too quick for the clock (0 ms) predicts 0
		{
			last: { pixels: 32 * 32, ms: 0 },
			next: 512 * 512,
			elapsed: 0,
			go: true,
			predicted: undefined
		}
	])(
		'last $last, next $next px, $elapsed ms spent → go $go',
		({ last, next, elapsed, go, predicted }) => {
			const verdict = nextDraw(last, next, elapsed, budget);
			expect(verdict.go).toBe(go);
			if (!verdict.go) expect(verdict.predictedMs).toBeCloseTo(predicted!, 9);
		}
	);
});
