import { describe, expect, it } from 'vitest';
import { slicedTask } from '$lib/state/slicedTask';

function* counting(n: number, log: number[]): Generator<void, number, void> {
	for (let i = 0; i < n; i++) {
		log.push(i);
		yield;
	}
	return n * 10;
}

describe('slicedTask', () => {
	it('runs every step, pausing between slices, and hands over the result', () => {
		const log: number[] = [];
		const pauses: (() => void)[] = [];
		let result: number | null = null;
		// A zero budget: one step per slice, so each step follows its own pause.
		slicedTask(
			counting(3, log),
			(r) => (result = r),
			0,
			(next) => pauses.push(next)
		);
		expect(log).toEqual([]);
		for (let i = 0; pauses.length > 0 && i < 10; i++) pauses.shift()!();
		expect(log).toEqual([0, 1, 2]);
		expect(result).toBe(30);
	});

	it('a cancelled task stops at its next slice and never reports', () => {
		const log: number[] = [];
		const pauses: (() => void)[] = [];
		let reported = false;
		const cancel = slicedTask(
			counting(5, log),
			() => (reported = true),
			0,
			(next) => pauses.push(next)
		);
		pauses.shift()!();
		pauses.shift()!();
		cancel();
		while (pauses.length) pauses.shift()!();
		expect(log).toEqual([0, 1]);
		expect(reported).toBe(false);
	});

	it('`now` runs the first slice in the call: work that fits one slice is done before it returns', () => {
		const log: number[] = [];
		const pauses: (() => void)[] = [];
		let result: number | null = null;
		// a large budget: all three steps fit the first slice
		slicedTask(
			counting(3, log),
			(r) => (result = r),
			1e6,
			(next) => pauses.push(next),
			true
		);
		expect(log).toEqual([0, 1, 2]);
		expect(result).toBe(30);
		expect(pauses).toHaveLength(0);
		// a zero budget: one step now, the rest after pauses, as without `now`
		const later: number[] = [];
		slicedTask(
			counting(3, later),
			() => {},
			0,
			(next) => pauses.push(next),
			true
		);
		expect(later).toEqual([0]);
		while (pauses.length) pauses.shift()!();
		expect(later).toEqual([0, 1, 2]);
	});
});
