/**
 * Live training of Ioffe & Szegedy's §4.1 network in its three variants (plain, BN, noisy BN) off
 * the main thread, through the shared training protocol (src/lib/training/). What the experiment
 * is to the loop lives in batchNormTraining.ts; this file loads the shipped Fashion-MNIST the
 * browser's way and serves it.
 *
 * Created by the page with
 *   new Worker(new URL('$lib/workers/batchNormTrainer.worker.ts', import.meta.url), { type: 'module' })
 */
import { startTrainingBackend } from '$lib/engine/trainingBackend';
import { loadFashionManifest, loadFashionSet } from '$lib/image/decodeSprite';
import { serveTraining } from '$lib/training/workerHost';
import { BatchNormTraining } from './batchNormTraining';

const training = new BatchNormTraining(async (dataUrl, testCount) => {
	const manifest = await loadFashionManifest(dataUrl);
	const [train, test] = await Promise.all([
		loadFashionSet(dataUrl, 'train', undefined, manifest),
		loadFashionSet(dataUrl, 'test', testCount, manifest)
	]);
	return { train, test };
});

serveTraining(training.task, startTrainingBackend);
