import { describe, expect, it } from 'vitest';
import { chain, layer } from '$lib/engine/architectures/architecture';
import { receptiveField } from '$lib/engine/receptiveField';
import { fieldObservations, stageGroups } from '../../../src/routes/receptive-field/selection';

describe('stageGroups: the views under the picture, grouped into tasks by rows', () => {
	it.each([
		// small stacks: everything in one task
		{ rows: [4, 2, 3, 2, 12], budget: 48, groups: [[0, 1, 2, 3, 4]] },
		// 64 layers: the cone (65 rows) alone, then the table (64) alone, then the rest
		{ rows: [65, 2, 64, 2, 12], budget: 48, groups: [[0], [1], [2], [3, 4]] },
		{
			rows: [23, 2, 9, 23, 12],
			budget: 48,
			groups: [
				[0, 1, 2],
				[3, 4]
			]
		},
		{ rows: [], budget: 48, groups: [] }
	])('$rows at $budget a task → $groups', ({ rows, budget, groups }) => {
		expect(stageGroups(rows, budget)).toEqual(groups);
	});
});

describe('fieldObservations: the numbers the lab publishes', () => {
	const conv = (k: number, stride = 1) => ({
		name: `conv${k}`,
		op: layer('conv', k, { stride, channels: 4 })
	});
	it('three 3×3 convs against one 7×7, on a 32×32 RGB image', () => {
		const a = receptiveField(chain('a', 'A', [conv(3), conv(3), conv(3)]), 32, 32);
		const b = receptiveField(chain('b', 'B', [conv(7, 2)]), 32, 32);
		expect(fieldObservations(a.rows[1], a, b)).toEqual({
			rf: 5, // 3 + (3 − 1)
			jump: 1,
			start: 0,
			outputSize: '32×32',
			rfA: 7,
			rfB: 7,
			paramsA: 3 * 3 * 3 * 4 + 2 * (3 * 3 * 4 * 4), // 108 + 288
			paramsB: 7 * 7 * 3 * 4,
			macsA: (108 + 288) * 32 * 32,
			macsB: 588 * 16 * 16
		});
	});
	it('a non-square image: start differs by axis under same padding with stride 2', () => {
		// 'same', k 3, s 2: 9 rows pad 1 before (total 2·4 + 3 − 9 = 2), 8 columns pad 0 (total 1),
		// so the first unit's centre is at (3 − 1)/2 − 1 = 0 down and 1 − 0 = 1 across
		const b = receptiveField(chain('b', 'B', [conv(3, 2)]), 9, 8);
		const seen = fieldObservations(b.rows[0], null, b);
		expect(seen.rf).toBe(3);
		expect(seen.jump).toBe(2);
		expect(seen.start).toBe('0 / 1');
		expect(seen.outputSize).toBe('5×4');
		expect(seen.paramsA).toBeNull();
	});
});
