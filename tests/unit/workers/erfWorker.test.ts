/**
 * The receptive-field lab's worker with only what it imports: its effective receptive field is a
 * tf.grad through a max pool, so it needs the gradients and, on WASM, the corrected max-pool
 * gradient that its backend start (startTrainingBackend → switchBackend) registers. Leave either
 * out and this test fails, as the lab would.
 */
import { beforeAll, describe, expect, it } from 'vitest';
// architecture.ts is in the worker's own graph (effectiveReceptiveField imports it) and imports no TF.js.
import { chain, layer } from '../../../src/lib/engine/architectures/architecture';
import type { ErfReply, ErfRequest } from '../../../src/lib/workers/erfProtocol';
import { startWorker, type RunningWorker } from './workerScope';

let worker: RunningWorker<ErfRequest, ErfReply>;

beforeAll(async () => {
	worker = await startWorker(() => import('../../../src/lib/workers/erf.worker'));
}, 120_000);

const SIDE = 8;
/**
 * A gray 8×8 picture whose 2×2 windows each have one brighter pixel, at a position that changes
 * from window to window; every value is below 0.5, so negative once the worker centres it to
 * [−1, 1] (where TF.js 4.22's own WASM max-pool gradient is wrong).
 */
function picture(): { rgb: Float32Array; brightest: Set<number> } {
	const gray = new Float32Array(SIDE * SIDE).fill(0.05);
	const brightest = new Set<number>();
	for (let wy = 0; wy < SIDE / 2; wy++)
		for (let wx = 0; wx < SIDE / 2; wx++) {
			const k = (wy * 2 + wx) % 4;
			const i = (2 * wy + (k >> 1)) * SIDE + 2 * wx + (k & 1);
			gray[i] = 0.3;
			brightest.add(i);
		}
	const rgb = new Float32Array(SIDE * SIDE * 3);
	gray.forEach((v, i) => rgb.fill(v, 3 * i, 3 * i + 3));
	return { rgb, brightest };
}

describe('erf.worker.ts', () => {
	it('starts on WASM', async () => {
		const ready = await worker.next(
			(r): r is Extract<ErfReply, { type: 'ready' }> => r.type === 'ready'
		);
		expect(ready.backend).toBe('wasm');
	});

	it('the field of a 3×3 conv after a 2×2 max pool is the 9 window maxima under it, 1/9 each', async () => {
		const { rgb, brightest } = picture();
		worker.send({ type: 'image', rgb, height: SIDE, width: SIDE });
		worker.send({
			type: 'erf',
			id: 1,
			arch: {
				...chain('guard', 'max pool, then conv', [
					{ name: 'p0', op: layer('maxpool', 2, { stride: 2 }) },
					{ name: 'c1', op: layer('conv', 3, { channels: 1 }) }
				]),
				inputChannels: 3
			},
			index: 1,
			unit: { y: 2, x: 2 },
			box: { y0: 0, y1: SIDE - 1, x0: 0, x1: SIDE - 1 },
			centre: { y: 4.5, x: 4.5 },
			options: { weights: 'ones', activation: 'linear', channels: 1 }
		});
		const reply = await worker.next(
			(r): r is Extract<ErfReply, { type: 'erf-result' | 'error' }> =>
				r.type === 'erf-result' || r.type === 'error'
		);
		if (reply.type === 'error') throw new Error(reply.message);
		// By hand: the conv's output unit (2, 2) reads pooled pixels (1…3, 1…3), each with weight 1
		// per input channel; each pooled pixel passes its gradient to its window's brightest pixel;
		// summed over the 3 channels that is 3 per pixel, 27 in all.
		const expected = new Float32Array(SIDE * SIDE);
		for (let wy = 1; wy <= 3; wy++)
			for (let wx = 1; wx <= 3; wx++)
				for (const i of brightest) {
					const [y, x] = [Math.floor(i / SIDE), i % SIDE];
					if (y >> 1 === wy && x >> 1 === wx) expected[i] = 1 / 9;
				}
		expect(reply.summary.mass).toBeCloseTo(27, 4);
		expect(Array.from(reply.summary.map)).toEqual(
			Array.from(expected).map((v) => expect.closeTo(v, 6))
		);
	});
});
