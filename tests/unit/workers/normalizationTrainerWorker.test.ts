/**
 * The normalization lab's classifier worker with only what it imports: it loads a tiny sprite as
 * the shipped set, prepares the five preprocessings, trains the five runs by plain gradient
 * descent on WASM (logSoftmax and matMul gradients from its own backend start) and stops at
 * the step limit with a test accuracy per run.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainingCommand, TrainingEvent } from '../../../src/lib/training/protocol';
import type {
	NormalizationReply,
	NormalizationRunConfig,
	NormalizationTask
} from '../../../src/lib/workers/normalizationProtocol';
import { FASHION_TEST_URL, serveFashionSprite } from './fashionSprite';
import { startWorker, type RunningWorker } from './workerScope';

type Command = TrainingCommand<NormalizationRunConfig, NormalizationTask>;
type Event = TrainingEvent<NormalizationReply>;
type Of<T extends Event['type']> = Extract<Event, { type: T }>;
const failed = (e: Event): e is Of<'error'> => e.type === 'error';
const RUNS = ['raw01', 'raw255', 'centred', 'standardised', 'whitened'] as const;

let worker: RunningWorker<Command, Event>;

beforeAll(async () => {
	serveFashionSprite(12, 6);
	worker = await startWorker(() => import('../../../src/lib/workers/normalizationTrainer.worker'));
}, 120_000);

describe('normalizationTrainer.worker.ts', () => {
	it('loads, prepares the five inputs, trains to the step limit, scores the test images', async () => {
		const ready = await worker.next(
			(e): e is Of<'ready'> | Of<'error'> => e.type === 'ready' || failed(e)
		);
		if (failed(ready)) throw new Error(ready.message);
		expect(ready.backend).toBe('wasm');
		worker.send({
			type: 'task',
			task: { type: 'data', dataUrl: FASHION_TEST_URL, train: 12, steps: 10 }
		});
		const data = await worker.next(
			(e): e is Of<'task'> | Of<'error'> => e.type === 'task' || failed(e)
		);
		if (failed(data)) throw new Error(data.message);
		expect(data.task).toMatchObject({ type: 'data', trainCount: 12, testCount: 6 });
		const spectra = data.task.spectra;
		expect(spectra.map((s) => s.preprocessing)).toEqual(RUNS);
		// rescaling by 255 multiplies every second moment by 255² (the bias input aside)
		expect(spectra[1].lambdaMax / spectra[0].lambdaMax).toBeGreaterThan(0.9 * 255 ** 2);
		worker.send({
			type: 'configure',
			seed: 1,
			variants: RUNS.map((p) => ({ id: p, config: { preprocessing: p, rate: 1 } })),
			learningRate: 0.01
		});
		worker.send({ type: 'play' });
		const stopped = await worker.next(
			(e): e is Of<'state'> | Of<'error'> =>
				(e.type === 'state' && !e.running && e.step === 10) || failed(e),
			120_000
		);
		if (failed(stopped)) throw new Error(stopped.message);
		const points = worker.replies.flatMap((e) => (e.type === 'metrics' ? e.points : []));
		for (const run of RUNS) {
			const losses = points
				.filter((p) => p.variant === run && p.series === 'train')
				.map((p) => p.values.loss);
			expect(losses).toHaveLength(10);
			expect(losses[0]).toBeCloseTo(Math.log(10), 4); // zero weights
			expect(losses[9]).toBeLessThan(losses[0]);
			const test = points.filter((p) => p.variant === run && p.series === 'test');
			expect(test.at(-1)).toMatchObject({ step: 10 });
			expect(test.at(-1)!.values.accuracy).toBeGreaterThanOrEqual(0);
			expect(test.at(-1)!.values.accuracy).toBeLessThanOrEqual(1);
		}
		// the two halves are trivially separable: every run has learned them
		for (const run of RUNS)
			expect(
				points.filter((p) => p.variant === run && p.series === 'test').at(-1)!.values.accuracy
			).toBe(1);
	}, 120_000);
});
