/**
 * The classifier's training worker with only what it imports: a step is tf.train.adam's minimize
 * through a layers model's convs, batch norm and max pools, so it needs the gradients and, on
 * WASM, the conv filter and corrected max-pool gradients that its backend start
 * (startTrainingBackend → switchBackend) registers. Leave one out and this test fails, as the
 * /network lab's Train button would. The worker loads its data as in the browser (fetch, then
 * createImageBitmap and an OffscreenCanvas); here those read a tiny sprite made in memory.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainingCommand, TrainingEvent } from '../../../src/lib/training/protocol';
import type {
	ClassifierConfig,
	ClassifierReply,
	ClassifierTask
} from '../../../src/lib/workers/classifierProtocol';

type TrainerCommand = TrainingCommand<ClassifierConfig, ClassifierTask>;
type TrainerEvent = TrainingEvent<ClassifierReply>;
import { FASHION_TEST_URL, serveFashionSprite } from './fashionSprite';
import { startWorker, type RunningWorker } from './workerScope';

const DATA_URL = FASHION_TEST_URL;

function serveData(): void {
	serveFashionSprite(8, 4);
}

let worker: RunningWorker<TrainerCommand, TrainerEvent>;
type Of<T extends TrainerEvent['type']> = Extract<TrainerEvent, { type: T }>;
const failed = (e: TrainerEvent): e is Of<'error'> => e.type === 'error';

beforeAll(async () => {
	serveData();
	worker = await startWorker(() => import('../../../src/lib/workers/classifierTrainer.worker'));
}, 120_000);

describe('classifierTrainer.worker.ts', () => {
	it('starts on WASM, loads the data and configures one variant', async () => {
		const ready = await worker.next(
			(e): e is Of<'ready'> | Of<'error'> => e.type === 'ready' || failed(e)
		);
		if (failed(ready)) throw new Error(ready.message);
		expect(ready.backend).toBe('wasm');
		worker.send({ type: 'task', task: { type: 'data', dataUrl: DATA_URL, heldOut: 4 } });
		const data = await worker.next(
			(e): e is Of<'task'> | Of<'error'> => e.type === 'task' || failed(e)
		);
		if (failed(data)) throw new Error(data.message);
		expect(data.task).toMatchObject({ type: 'data', trainCount: 8, heldOutCount: 4 });
		worker.send({
			type: 'configure',
			seed: 1,
			variants: [{ id: 'bn', config: { batchNorm: true } }],
			learningRate: 0.01,
			batchSize: 8
		});
		const configured = await worker.next(
			(e): e is Of<'configured'> | Of<'error'> => e.type === 'configured' || failed(e)
		);
		if (failed(configured)) throw new Error(configured.message);
		expect(configured.variants.map((v) => v.id)).toEqual(['bn']);
	}, 120_000);

	it('steps: the training loss on the 8 images falls, no error', async () => {
		const losses: number[] = [];
		for (let i = 0; i < 12; i++) {
			worker.send({ type: 'step' });
			const event = await worker.next(
				(e): e is Of<'metrics'> | Of<'error'> =>
					(e.type === 'metrics' && e.points.some((p) => p.series === 'train')) || failed(e)
			);
			if (failed(event)) throw new Error(event.message);
			for (const point of event.points)
				if (point.series === 'train') losses.push(point.values.loss);
		}
		for (const loss of losses) expect(Number.isFinite(loss)).toBe(true);
		expect(losses.at(-1)!).toBeLessThan(0.5 * losses[0]);
	}, 120_000); // a loaded 2-core machine can take tens of seconds
});
