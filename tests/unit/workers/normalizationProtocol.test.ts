// The normalization runs' own messages: what the worker accepts, and what it ignores.
import { describe, expect, it } from 'vitest';
import {
	parseNormalizationTask,
	parseRunConfig
} from '../../../src/lib/workers/normalizationProtocol';

describe('normalization protocol', () => {
	it.each([
		[
			{ preprocessing: 'whitened', rate: 1 },
			{ preprocessing: 'whitened', rate: 1 }
		],
		[
			{ preprocessing: 'raw255', rate: 0.05 },
			{ preprocessing: 'raw255', rate: 0.05 }
		],
		[{ preprocessing: 'zca', rate: 1 }, null],
		[{ preprocessing: 'raw01', rate: 0 }, null],
		[{ preprocessing: 'raw01', rate: 3.5 }, null],
		[{ preprocessing: 'raw01', rate: NaN }, null],
		[null, null]
	])('config %o → %o', (value, expected) => {
		expect(parseRunConfig(value)).toEqual(expected);
	});

	it.each([
		[
			{ type: 'data', dataUrl: 'http://x/d/', train: 2000, steps: 100 },
			{ type: 'data', dataUrl: 'http://x/d/', train: 2000, steps: 100 }
		],
		[{ type: 'data', dataUrl: 'http://x/d', train: 2000, steps: 100 }, null],
		[{ type: 'data', dataUrl: 'http://x/d/', train: 2.5, steps: 100 }, null],
		[
			{ type: 'limit', steps: 50 },
			{ type: 'limit', steps: 50 }
		],
		[{ type: 'limit', steps: 5 }, null],
		[{ type: 'limit', steps: 501 }, null],
		[{ type: 'export' }, null]
	])('task %o → %o', (value, expected) => {
		expect(parseNormalizationTask(value)).toEqual(expected);
	});
});
