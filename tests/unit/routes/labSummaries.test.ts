import { describe, expect, it } from 'vitest';
import { fcVsConvSummary } from '../../../src/routes/fc-vs-conv/fcVsConvSummary';
import { invarianceSummary } from '../../../src/routes/invariance/invarianceSummary';

describe('fcVsConvSummary', () => {
	it('quotes both layers’ parameters, worked by hand', () => {
		// FC: 100·150·3·256 weights + 256 biases; conv: 3·3·3·256 weights + 256 biases.
		expect(fcVsConvSummary({ height: 100, width: 150, channels: 3, units: 256, k: 3 })).toBe(
			'256 units on a 150×100×3 input: fully connected 11,520,256 parameters, 3×3 conv 7,168.'
		);
		// One unit on a gray 2×2 image, k = 1: FC 4 + 1, conv 1 + 1.
		expect(fcVsConvSummary({ height: 2, width: 2, channels: 1, units: 1, k: 1 })).toBe(
			'1 unit on a 2×2×1 input: fully connected 5 parameters, 1×1 conv 2.'
		);
	});
});

describe('invarianceSummary', () => {
	it.each([
		[
			3,
			0,
			'zero',
			'Image shifted 3 px right and 0 px down (zero fill); the conv maps move with it.'
		],
		[
			-2,
			5,
			'wrap',
			'Image shifted 2 px left and 5 px down (wrapping around); the conv maps move with it.'
		],
		[
			0,
			-4,
			'zero',
			'Image shifted 0 px right and 4 px up (zero fill); the conv maps move with it.'
		],
		[0, 0, 'wrap', 'Image not shifted (wrapping around).']
	] as const)('dx %i, dy %i, %s', (dx, dy, fill, text) => {
		expect(invarianceSummary(dx, dy, fill)).toBe(text);
	});
});
