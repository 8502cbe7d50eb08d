/**
 * The classifier's training worker with only what it imports: a step is tf.train.adam's minimize
 * through a layers model's convs, batch norm and max pools, so it needs the gradients and, on
 * WASM, the conv filter and corrected max-pool gradients that its backend start
 * (startTrainingBackend → switchBackend) registers. Leave one out and this test fails, as the
 * /network lab's Train button would. The worker loads its data as in the browser (fetch, then
 * createImageBitmap and an OffscreenCanvas); here those read a tiny sprite made in memory.
 */
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { TrainingCommand, TrainingEvent } from '../../../src/lib/training/protocol';
import type {
	ClassifierConfig,
	ClassifierReply,
	ClassifierTask
} from '../../../src/lib/workers/classifierProtocol';

type TrainerCommand = TrainingCommand<ClassifierConfig, ClassifierTask>;
type TrainerEvent = TrainingEvent<ClassifierReply>;
import { startWorker, type RunningWorker } from './workerScope';

const DATA_URL = 'http://convlab.test/data/fashion-mnist/';
const COLUMNS = 2;

/**
 * `count` 28×28 tiles, two columns to a row: class 0 bright on the left half, class 1 on the
 * right, alternating, so a few steps on them must lower the loss.
 */
function split(count: number): { png: Buffer; labels: Uint8Array<ArrayBuffer> } {
	const png = new PNG({ width: COLUMNS * 28, height: Math.ceil(count / COLUMNS) * 28 });
	png.data.fill(255);
	const labels = new Uint8Array(count);
	for (let i = 0; i < count; i++) {
		labels[i] = i % 2;
		const [top, left] = [Math.floor(i / COLUMNS) * 28, (i % COLUMNS) * 28];
		for (let y = 0; y < 28; y++)
			for (let x = 0; x < 28; x++) {
				const bright = x < 14 === (labels[i] === 0);
				const o = 4 * ((top + y) * png.width + left + x);
				png.data.fill(bright ? 230 : 20, o, o + 3);
			}
	}
	return { png: PNG.sync.write(png), labels };
}

function serveData(): void {
	const train = split(8);
	const test = split(4);
	const manifest = {
		imageSize: 28,
		columns: COLUMNS,
		splits: {
			train: { count: 8, images: 'train.png', labels: 'train.bin', width: 56, height: 112 },
			test: { count: 4, images: 'test.png', labels: 'test.bin', width: 56, height: 56 }
		}
	};
	const files: Record<string, BodyInit> = {
		'manifest.json': JSON.stringify(manifest),
		'train.png': new Uint8Array(train.png),
		'train.bin': train.labels,
		'test.png': new Uint8Array(test.png),
		'test.bin': test.labels
	};
	vi.stubGlobal('fetch', async (url: string) => {
		const body = files[url.replace(DATA_URL, '')];
		return body === undefined ? new Response(null, { status: 404 }) : new Response(body);
	});
	vi.stubGlobal('createImageBitmap', async (blob: Blob) => {
		const png = PNG.sync.read(Buffer.from(await blob.arrayBuffer()));
		return { width: png.width, height: png.height, data: png.data, close() {} };
	});
	vi.stubGlobal(
		'OffscreenCanvas',
		class {
			image: { data: Uint8Array } | null = null;
			getContext() {
				return {
					drawImage: (image: { data: Uint8Array }) => (this.image = image),
					getImageData: () => ({ data: new Uint8ClampedArray(this.image!.data) })
				};
			}
		}
	);
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
