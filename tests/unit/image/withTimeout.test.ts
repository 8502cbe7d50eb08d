import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withTimeout } from '$lib/image/withTimeout';

describe('withTimeout', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	function later<T>(ms: number, value: T): Promise<T> {
		return new Promise((resolve) => setTimeout(() => resolve(value), ms));
	}

	it('resolves with the value when it arrives in time', async () => {
		const result = withTimeout(later(50, 'ok'), 100, () => new Error('late'));
		await vi.advanceTimersByTimeAsync(50);
		await expect(result).resolves.toBe('ok');
	});

	it('passes a rejection through unchanged', async () => {
		const reason = new TypeError('decoder failed');
		await expect(withTimeout(Promise.reject(reason), 100, () => new Error('late'))).rejects.toBe(
			reason
		);
	});

	it('rejects with onTimeout() at the deadline and discards the late value', async () => {
		const discard = vi.fn();
		const result = withTimeout(later(500, 'bitmap'), 100, () => new Error('too slow'), discard);
		const settled = expect(result).rejects.toThrow('too slow');
		await vi.advanceTimersByTimeAsync(100);
		await settled;
		expect(discard).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(400);
		expect(discard).toHaveBeenCalledWith('bitmap');
	});

	it('does not discard a value that arrived in time', async () => {
		const discard = vi.fn();
		const result = withTimeout(later(10, 'x'), 100, () => new Error('late'), discard);
		await vi.advanceTimersByTimeAsync(200);
		await expect(result).resolves.toBe('x');
		expect(discard).not.toHaveBeenCalled();
	});
});
