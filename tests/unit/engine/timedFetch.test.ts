// A download that stalls fails with a message once nothing has arrived for its deadline, instead
// of hanging; one that arrives (however slowly, as long as it keeps arriving) is passed on whole.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchWithin, timedFetch } from '$lib/engine/timedFetch';
import { loadFashionManifest } from '$lib/image/decodeSprite';

/** A fetch whose response never comes (it only gives up when aborted), as a stalled wifi does. */
const stalled: typeof fetch = (_input, init) =>
	new Promise((_, reject) => {
		init?.signal?.addEventListener('abort', () => reject(init.signal!.reason));
	});

/**
 * Headers at once, then `pieces` bytes one every `everyMs`, then (unless `end`) nothing more:
 * the body errors only when the request is aborted.
 */
function trickle(pieces: number, everyMs: number, end = true): typeof fetch {
	return async (_input, init) =>
		new Response(
			new ReadableStream<Uint8Array>({
				start(controller) {
					init?.signal?.addEventListener('abort', () => controller.error(init.signal!.reason));
					let sent = 0;
					const next = () => {
						if (sent === pieces) {
							if (end) controller.close();
							return;
						}
						controller.enqueue(new Uint8Array([65 + (sent++ % 26)]));
						setTimeout(next, everyMs);
					};
					next();
				}
			}),
			{ status: 200, headers: { 'content-type': 'text/plain' } }
		);
}

afterEach(() => {
	vi.unstubAllGlobals();
	delete (globalThis as { convlabDownloadTimeoutMs?: number }).convlabDownloadTimeoutMs;
});

describe('timedFetch', () => {
	it.each([
		['the response', stalled],
		['the body', trickle(0, 10, false)],
		['the body, after two pieces', trickle(2, 10, false)]
	])('a stall in %s fails after the deadline, naming the file', async (_, fetchFunc) => {
		await expect(
			fetchWithin(50, fetchFunc)('http://app/models/selfie/selfie.bin?v=1')
		).rejects.toThrow('selfie.bin did not download: nothing arrived for 50 ms');
	});

	it('lets a slow download that keeps arriving finish, though it takes longer than the deadline', async () => {
		const started = performance.now();
		const response = await fetchWithin(60, trickle(12, 15))('http://app/data/train-images.png');
		expect(performance.now() - started).toBeGreaterThan(120);
		expect(await response.text()).toBe('ABCDEFGHIJKL');
	});

	it('passes a download that arrives on, status and body intact', async () => {
		const ok: typeof fetch = async () => new Response('{"a":1}', { status: 200 });
		const response = await fetchWithin(1_000, ok)('http://app/model.json');
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ a: 1 });
		const missing: typeof fetch = async () => new Response('no', { status: 404 });
		expect((await fetchWithin(1_000, missing)('http://app/x.bin')).status).toBe(404);
	});

	it('takes its deadline from the global hook (a page or a worker)', async () => {
		(globalThis as { convlabDownloadTimeoutMs?: number }).convlabDownloadTimeoutMs = 40;
		vi.stubGlobal('fetch', stalled);
		await expect(timedFetch('http://app/unet.bin')).rejects.toThrow('nothing arrived for 40 ms');
	});

	it('the training and test data stall with a message too, not for ever', async () => {
		(globalThis as { convlabDownloadTimeoutMs?: number }).convlabDownloadTimeoutMs = 40;
		vi.stubGlobal('fetch', stalled);
		await expect(loadFashionManifest('http://app/data/fashion-mnist/')).rejects.toThrow(
			'manifest.json did not download: nothing arrived for 40 ms'
		);
	});
});
