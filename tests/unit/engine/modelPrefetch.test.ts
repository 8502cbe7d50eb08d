import { describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel } from '@tensorflow/tfjs-layers';
import { prefetchModel } from '$lib/engine/modelPrefetch';
import { readFileSync } from 'node:fs';
import { useBackend } from '../tfBackend';

const DIR = 'static/models/fashion-cnn/';

/** A fetch that serves the shipped model's files and counts the requests. */
function servingFetch(requests: string[]): typeof fetch {
	return (async (input: RequestInfo | URL) => {
		const url = String(input);
		requests.push(url);
		const bytes = readFileSync(DIR + url.split('/').pop());
		return new Response(bytes, { status: 200 });
	}) as typeof fetch;
}

describe('prefetchModel', () => {
	it('downloads at once, before any load; the model it gives equals a plain load', async () => {
		await useBackend('cpu');
		const requests: string[] = [];
		const handler = prefetchModel(
			'http://app/models/fashion-cnn/model.json',
			servingFetch(requests)
		);
		await new Promise((r) => setTimeout(r, 0));
		expect(requests[0]).toContain('model.json'); // started without anyone calling load()
		const before = tf.memory().numTensors;
		const model = await loadLayersModel(handler);
		await handler.load(); // the same artifacts again: no second download
		expect(requests.filter((r) => r.endsWith('model.json'))).toHaveLength(1);
		const plain = await loadLayersModel(
			tf.io.http('http://app/models/fashion-cnn/model.json', { fetchFunc: servingFetch([]) })
		);
		const a = model.getWeights().map((w) => w.dataSync());
		const b = plain.getWeights().map((w) => w.dataSync());
		expect(a.length).toBe(b.length);
		a.forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(b[i])));
		model.dispose();
		plain.dispose();
		expect(tf.memory().numTensors).toBe(before);
	});

	it('a failed download rejects the load, not before it (no unhandled rejection)', async () => {
		const handler = prefetchModel(
			'http://app/missing.json',
			(async () => new Response('no', { status: 404 })) as unknown as typeof fetch
		);
		await new Promise((r) => setTimeout(r, 10));
		await expect(handler.load()).rejects.toThrow();
	});

	it('by default downloads through timedFetch (deadline and all) and still loads the model', async () => {
		// TF.js's loaders call fetchFunc with a third argument of their own ({ isBinary: true });
		// the deadline must not read it as its own.
		await useBackend('cpu');
		const requests: string[] = [];
		const serve = servingFetch(requests);
		// answers after 50 ms, as a network does (a deadline misread as ~1 ms would then fire)
		const slow = (async (input: RequestInfo | URL, init?: RequestInit) => {
			await new Promise((r) => setTimeout(r, 50));
			if (init?.signal?.aborted) throw init.signal.reason; // as fetch honours its signal
			return serve(input, init);
		}) as typeof fetch;
		vi.stubGlobal('fetch', slow);
		try {
			const model = await loadLayersModel(
				prefetchModel('http://app/models/fashion-cnn/model.json')
			);
			expect(requests.some((r) => r.endsWith('weights.bin'))).toBe(true);
			expect(model.getWeights().length).toBeGreaterThan(0);
			model.dispose();
		} finally {
			vi.unstubAllGlobals();
		}
	});
});
