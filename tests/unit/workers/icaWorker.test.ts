// FastICA in a worker: the page's request, through structured cloning and the worker's handler,
// gives the very dictionary a direct call gives for the same seed; a newer request wins.
import { beforeAll, describe, expect, it } from 'vitest';
import { icaDictionaryNow, type IcaInput } from '$lib/engine/pca/icaDictionary';
import { principalComponents } from '$lib/engine/pca/principalComponents';
import { seededRandom } from '$lib/engine/seededRandom';
import type { IcaReply, IcaRequest } from '$lib/workers/icaProtocol';
import { serveIcaRequest } from '$lib/workers/icaService';
import { icaRunner, type IcaWorker } from '../../../src/routes/pca/icaInWorker';
import { useBackend } from '../tfBackend';

beforeAll(() => useBackend('cpu'));

/** A worker in the same thread: messages are structured-cloned both ways, replies come later. */
class FakeIcaWorker implements IcaWorker {
	onmessage: ((event: MessageEvent<IcaReply>) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	terminated = false;
	received: IcaRequest[] = [];
	postMessage(message: IcaRequest): void {
		const request = structuredClone(message);
		this.received.push(request);
		setTimeout(() => {
			if (this.terminated) return;
			serveIcaRequest(request, (reply) => {
				if (!this.terminated)
					this.onmessage?.({ data: structuredClone(reply) } as MessageEvent<IcaReply>);
			});
		});
	}
	terminate(): void {
		this.terminated = true;
	}
}

/** 400 4×4 "patches" mixed from 16 independent Laplace sources: FastICA converges in a few dozen steps. */
async function input(seed: number): Promise<IcaInput> {
	const r = seededRandom(seed);
	const mixing = Float64Array.from({ length: 256 }, () => r() - 0.5);
	const count = 400;
	const patches = new Float32Array(count * 16);
	for (let n = 0; n < count; n++) {
		const sources = Array.from({ length: 16 }, () => {
			const u = r() - 0.5;
			return -Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
		});
		for (let j = 0; j < 16; j++) {
			let v = 0.5;
			for (let c = 0; c < 16; c++) v += 0.05 * mixing[j * 16 + c] * sources[c];
			patches[n * 16 + j] = v;
		}
	}
	return { size: 4, patches, pca: await principalComponents(patches, count, 16) };
}

describe('ICA in a worker', () => {
	it('returns the dictionary the direct call gives (seeded), with progress; the worker ends', async () => {
		const one = await input(3);
		const direct = icaDictionaryNow(one, 16);
		const workers: FakeIcaWorker[] = [];
		const runner = icaRunner(() => {
			workers.push(new FakeIcaWorker());
			return workers.at(-1)!;
		});
		const progress: string[] = [];
		const dictionary = await runner.request(one, 16, (p) => progress.push(p.phase));
		expect(dictionary).not.toBeNull();
		expect(dictionary!.tiles).toEqual(direct.tiles);
		expect([dictionary!.dim, dictionary!.iterations, dictionary!.converged]).toEqual([
			15,
			direct.iterations,
			direct.converged
		]);
		expect(direct.tiles.length).toBe(15 * 16);
		expect(progress[0]).toBe('whitening');
		// only the patches ICA uses were sent, and the worker is ended once it has answered
		expect(workers[0].received[0].input.patches.length).toBe(400 * 16);
		expect(workers[0].terminated).toBe(true);
	});

	it('the newest request wins: the one before resolves null and its worker is ended', async () => {
		const [a, b] = [await input(3), await input(5)];
		const workers: FakeIcaWorker[] = [];
		const runner = icaRunner(() => {
			workers.push(new FakeIcaWorker());
			return workers.at(-1)!;
		});
		const first = runner.request(a, 16, () => {});
		const second = runner.request(b, 16, () => {});
		expect(await first).toBeNull();
		expect(workers[0].terminated).toBe(true);
		expect((await second)!.tiles).toEqual(icaDictionaryNow(b, 16).tiles);
		// cancel: nothing arrives after it
		const third = runner.request(a, 16, () => {});
		runner.cancel();
		expect(await third).toBeNull();
	});
});
