// A model download that stalls fails with a message after its deadline instead of hanging; one
// that arrives in time is passed on whole.
import { describe, expect, it } from 'vitest';
import { fetchWithin } from '$lib/engine/timedFetch';

/** A fetch whose response never comes (it only gives up when aborted), as a stalled wifi does. */
const stalled: typeof fetch = (_input, init) =>
	new Promise((_, reject) => {
		init?.signal?.addEventListener('abort', () => reject(init.signal!.reason));
	});

/** Headers arrive at once, the body never does. */
const stalledBody: typeof fetch = async (_input, init) =>
	new Response(
		new ReadableStream({
			start(controller) {
				init?.signal?.addEventListener('abort', () => controller.error(init.signal!.reason));
			}
		})
	);

describe('timedFetch', () => {
	it.each([
		['the response', stalled],
		['the body', stalledBody]
	])('a stall in %s fails after the deadline, naming the file', async (_, fetchFunc) => {
		await expect(
			fetchWithin(50, fetchFunc)('http://app/models/selfie/selfie.bin?v=1')
		).rejects.toThrow('selfie.bin did not download within 50 ms');
	});

	it('passes a download that arrives on, status and body intact', async () => {
		const ok: typeof fetch = async () => new Response('{"a":1}', { status: 200 });
		const response = await fetchWithin(1_000, ok)('http://app/model.json');
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ a: 1 });
		const missing: typeof fetch = async () => new Response('no', { status: 404 });
		expect((await fetchWithin(1_000, missing)('http://app/x.bin')).status).toBe(404);
	});
});
