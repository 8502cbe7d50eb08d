import { describe, expect, it } from 'vitest';
import type { BackendStatus } from '$lib/engine/backend';
import { backendStarted, stats } from '$lib/state/stats.svelte';

describe('backendStarted', () => {
	it('waits until the layout sets the started backend, then resolves every waiter; at once after', async () => {
		stats.backend = null;
		const order: string[] = [];
		const first = backendStarted().then(() => order.push('first'));
		const second = backendStarted().then(() => order.push('second'));
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect(order).toEqual([]);
		stats.backend = { name: 'cpu' } as unknown as BackendStatus;
		await Promise.all([first, second]);
		expect(order).toEqual(['first', 'second']);
		expect(stats.backend?.name).toBe('cpu');
		let now = false;
		await backendStarted().then(() => (now = true));
		expect(now).toBe(true);
		stats.backend = null;
	});
});
