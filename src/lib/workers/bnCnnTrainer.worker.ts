/**
 * Batch norm in a CNN, off the main thread: ConvLab's classifier with and without BN at 1× and
 * 5× the rate (bnCnnTraining.ts) through the shared training protocol; this file loads the
 * shipped Fashion-MNIST the browser's way.
 */
import { startTrainingBackend } from '$lib/engine/trainingBackend';
import { loadFashionManifest, loadFashionSet } from '$lib/image/decodeSprite';
import { serveTraining } from '$lib/training/workerHost';
import { CNN_TEST_COUNT, CnnTraining } from './bnCnnTraining';

const training = new CnnTraining(async (dataUrl) => {
	const manifest = await loadFashionManifest(dataUrl);
	const [train, test] = await Promise.all([
		loadFashionSet(dataUrl, 'train', undefined, manifest),
		loadFashionSet(dataUrl, 'test', CNN_TEST_COUNT, manifest)
	]);
	return { train, test };
});

serveTraining(training.task, startTrainingBackend);
