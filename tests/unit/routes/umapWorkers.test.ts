// The /pca maps' UMAP workers: a cached map from another source can still place a new photo (its
// ring vanished: the worker of the map shown before was ended whenever another map started).
import { describe, expect, it } from 'vitest';
import type { UmapReply, UmapRequest, UmapTransformRequest } from '$lib/workers/umapProtocol';
import { umapInWorker, type UmapWorker } from '../../../src/routes/pca/fashionMaps';
import { UmapWorkers } from '../../../src/routes/pca/umapWorkers';

/** Answers like umap.worker.ts, a turn later: a row r is placed at (10·r₀, 10·r₁). */
class FakeUmapWorker implements UmapWorker {
	onmessage: ((event: MessageEvent<UmapReply>) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	terminated = false;
	/** a map request waits for `finish()` */
	finish = () => {};
	postMessage(message: UmapRequest | UmapTransformRequest): void {
		const reply = (data: UmapReply) => {
			if (!this.terminated) this.onmessage?.({ data } as MessageEvent<UmapReply>);
		};
		const at = (rows: Float32Array) =>
			rows.length ? Float32Array.of(10 * rows[0], 10 * rows[1]) : new Float32Array(0);
		if ('type' in message) {
			setTimeout(() => reply({ type: 'placed', extra: at(message.rows) }));
			return;
		}
		this.finish = () =>
			reply({
				type: 'done',
				points: new Float32Array(2 * message.count),
				extra: at(message.extra),
				knn: 0.5,
				ms: 1
			});
	}
	terminate(): void {
		this.terminated = true;
	}
}

function setup(keep?: number) {
	const workers: FakeUmapWorker[] = [];
	const forgotten: string[] = [];
	const maps = new UmapWorkers(
		(request, onProgress) =>
			umapInWorker(request, onProgress, () => {
				workers.push(new FakeUmapWorker());
				return workers.at(-1)!;
			}),
		(key) => forgotten.push(key),
		keep
	);
	const request = (photo: number): UmapRequest => ({
		data: new Float32Array(12),
		count: 3,
		dim: 4,
		labels: new Uint8Array(3),
		extra: Float32Array.of(photo, photo, 0, 0),
		seed: 1,
		nEpochs: 10
	});
	/** make the map for `key` to the end */
	const made = async (key: string) => {
		const run = maps.run(key, request(1), () => {});
		workers.at(-1)!.finish();
		return run.result;
	};
	return { maps, workers, forgotten, made, request };
}

describe('UmapWorkers', () => {
	it('UMAP of pixels → of the embedding → a new photo → back: the cached map places the photo', async () => {
		const { maps, workers, made } = setup();
		const pixels = await made('umap:pixels:1000');
		expect(pixels.photo).toEqual([10, 10]);
		const embedding = await made('umap:embedding:1000');
		const photo = Float32Array.of(2, 3, 0, 0);
		expect(await embedding.place(photo)).toEqual([20, 30]);
		// back to the pixels' map, cached: the new photo is placed in it, not dropped
		expect(await pixels.place(photo)).toEqual([20, 30]);
		expect(workers.map((w) => w.terminated)).toEqual([false, false]);
		maps.dispose();
		expect(workers.map((w) => w.terminated)).toEqual([true, true]);
		await expect(pixels.place(photo)).rejects.toThrow(/no longer kept/);
	});

	it('a map still being made for settings that are gone is stopped; a finished one is not', async () => {
		const { maps, workers, made, request } = setup();
		const done = await made('umap:pixels:1000');
		const run = maps.run('umap:embedding:1000', request(1), () => {});
		run.stop();
		expect(workers[1].terminated).toBe(true);
		expect(workers[0].terminated).toBe(false);
		expect(maps.alive).toBe(1);
		expect(await done.place(Float32Array.of(4, 5, 0, 0))).toEqual([40, 50]);
	});

	it('beyond the kept number the least recently shown map is forgotten and its worker ended', async () => {
		const { maps, workers, forgotten, made } = setup(2);
		await made('a');
		await made('b');
		maps.shown('a');
		await made('c');
		expect(forgotten).toEqual(['b']);
		expect(workers.map((w) => w.terminated)).toEqual([false, true, false]);
		expect(maps.alive).toBe(2);
	});
});
