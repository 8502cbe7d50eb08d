/**
 * The segmentation lab's training worker with only what it imports: a training step is an
 * optimizer's minimize through transposed convs, so it needs the gradients and, on WASM, the
 * conv filter gradient that its backend start (startTrainingBackend → switchBackend) registers.
 * Leave either out and this test fails, as the lab's Train button would.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { UNetConfig } from '../../../src/lib/engine/segmentation/unet';
import type { TrainingCommand, TrainingEvent } from '../../../src/lib/training/protocol';
import type {
	SegmentationReply,
	SegmentationTask
} from '../../../src/lib/workers/segmentationProtocol';
import { startWorker, type RunningWorker } from './workerScope';

type TrainerRequest = TrainingCommand<UNetConfig, SegmentationTask>;
type TrainerReply = TrainingEvent<SegmentationReply>;
type Metrics = Extract<TrainerReply, { type: 'metrics' }>;

let worker: RunningWorker<TrainerRequest, TrainerReply>;

beforeAll(async () => {
	worker = await startWorker(() => import('../../../src/lib/workers/segmentationTrainer.worker'));
}, 120_000);

const SIDE = 16;

describe('segmentationTrainer.worker.ts', () => {
	it('starts on WASM', async () => {
		const ready = await worker.next(
			(r): r is Extract<TrainerReply, { type: 'ready' }> => r.type === 'ready'
		);
		expect(ready.backend).toBe('wasm');
	});

	it('trains a small U-Net on a two-colour picture: the loss falls, no error', async () => {
		// left half dark red, right half light blue; a stroke of class 1 left and class 2 right
		const rgb = new Float32Array(SIDE * SIDE * 3);
		const labels = new Uint8Array(SIDE * SIDE);
		for (let y = 0; y < SIDE; y++)
			for (let x = 0; x < SIDE; x++) {
				const left = x < SIDE / 2;
				rgb.set(left ? [0.6, 0.1, 0.1] : [0.3, 0.6, 0.9], 3 * (y * SIDE + x));
				if (x === 3 || x === SIDE - 4) labels[y * SIDE + x] = left ? 1 : 2;
			}
		worker.send({
			type: 'configure',
			learningRate: 0.01,
			variants: [
				{
					id: 'unet',
					config: {
						depth: 2,
						base: 4,
						skips: true,
						upsampling: 'transposed',
						upKernel: 4,
						batchNorm: false,
						classes: 2
					}
				}
			],
			seed: 3
		});
		worker.send({ type: 'task', task: { type: 'picture', rgb, height: SIDE, width: SIDE } });
		worker.send({ type: 'task', task: { type: 'scribbles', labels } });
		worker.send({ type: 'play' });
		const losses: number[] = [];
		while (losses.length < 30) {
			const reply = await worker.next(
				(r): r is Metrics | Extract<TrainerReply, { type: 'error' }> =>
					r.type === 'error' || r.type === 'metrics'
			);
			if (reply.type === 'error') throw new Error(reply.message);
			for (const point of reply.points)
				if (point.series === 'train' && Number.isFinite(point.values.loss))
					losses.push(point.values.loss);
		}
		worker.send({ type: 'pause' });
		for (const loss of losses) expect(Number.isFinite(loss)).toBe(true);
		const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
		// cross-entropy of two classes starts near ln 2 and falls as the two halves separate
		expect(mean(losses.slice(-5))).toBeLessThan(0.5 * mean(losses.slice(0, 5)));
	}, 120_000); // a loaded 2-core machine can take tens of seconds
});
