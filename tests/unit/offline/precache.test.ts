// The service worker's install: every asset cached, in order, never more than PRECACHE_AT_ONCE
// files in flight, and a failing file fails the install (as one cache.addAll of everything did).
import { describe, expect, it } from 'vitest';
import { precache, PRECACHE_AT_ONCE } from '$lib/offline/precache';

function fakeCache(failOn?: string) {
	const added: string[] = [];
	let inFlight = 0;
	let most = 0;
	return {
		added,
		most: () => most,
		addAll: async (requests: RequestInfo[]) => {
			inFlight += requests.length;
			most = Math.max(most, inFlight);
			await new Promise((r) => setTimeout(r, 1));
			inFlight -= requests.length;
			if (requests.some((r) => r === failOn)) throw new TypeError(`${String(failOn)}: 404`);
			added.push(...(requests as string[]));
		}
	};
}

const assets = Array.from({ length: 7 }, (_, i) => `/file${i}.js`);

describe('precache', () => {
	it('caches every asset in order, a few at a time', async () => {
		const cache = fakeCache();
		await precache(cache, assets);
		expect(cache.added).toEqual(assets);
		expect(PRECACHE_AT_ONCE).toBeGreaterThanOrEqual(1);
		expect(cache.most()).toBe(PRECACHE_AT_ONCE);
	});

	it('a failing file fails the install', async () => {
		const cache = fakeCache('/file4.js');
		await expect(precache(cache, assets)).rejects.toThrow('404');
	});

	it('no assets, and a nonsense batch size, still work', async () => {
		const empty = fakeCache();
		await precache(empty, []);
		expect(empty.added).toEqual([]);
		const one = fakeCache();
		await precache(one, assets, 0);
		expect(one.added).toEqual(assets);
		expect(one.most()).toBe(1);
	});
});
