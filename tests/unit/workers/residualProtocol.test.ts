// The residual worker's own messages: configs and tasks it accepts, and hostile ones it ignores.
import { describe, expect, it } from 'vitest';
import { parseResidualConfig, parseResidualTask } from '$lib/workers/residualProtocol';

describe('residual protocol', () => {
	it.each([
		[
			{ depth: 20, wiring: 'plain' },
			{ depth: 20, wiring: 'plain' }
		],
		[
			{ depth: 56, wiring: 'residual' },
			{ depth: 56, wiring: 'residual' }
		],
		[{ depth: 21, wiring: 'plain' }, null],
		[{ depth: '8', wiring: 'plain' }, null],
		[{ depth: 8, wiring: 'dense' }, null],
		[null, null],
		['8', null]
	])('config %j → %j', (value, expected) => {
		expect(parseResidualConfig(value)).toEqual(expected);
	});

	it.each([
		[{ type: 'lesion' }, { type: 'lesion' }],
		[
			{ type: 'limit', steps: 2000.4 },
			{ type: 'limit', steps: 2000 }
		],
		[{ type: 'limit', steps: 0 }, null],
		[{ type: 'limit', steps: Infinity }, null],
		[
			{ type: 'data', dataUrl: '/data/fashion-mnist/' },
			{ type: 'data', dataUrl: '/data/fashion-mnist/' }
		],
		[{ type: 'data', dataUrl: '/data/x.png' }, null],
		[{ type: 'eval' }, null]
	])('task %j → %j', (value, expected) => {
		expect(parseResidualTask(value)).toEqual(expected);
	});
});
