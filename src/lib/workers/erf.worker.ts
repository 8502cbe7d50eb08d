/**
 * The receptive-field lab's gradient worker: its own TF.js on WASM (CPU if WASM cannot start)
 * computes effective receptive fields off the page's main thread, so a deep or dilated stack
 * never freezes the page. Its backend starts through startTrainingBackend, which registers the
 * app's custom WASM kernels — the same ones every other worker's gradients use.
 * Protocol: erfProtocol.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { startTrainingBackend } from '$lib/engine/trainingBackend';
import { effectiveReceptiveField } from '$lib/engine/effectiveReceptiveField';
import { erfByDepth } from '$lib/engine/erfByDepth';
import { erfSummary } from '$lib/engine/erfSummary';
import { receptiveField } from '$lib/engine/receptiveField';
import type { ErfReply, ErfRequest } from './erfProtocol';

const scope = self as unknown as {
	postMessage(message: ErfReply): void;
	onmessage: ((event: MessageEvent<ErfRequest>) => void) | null;
};
const post = (message: ErfReply) => scope.postMessage(message);

const ready = startTrainingBackend().then((backend) => post({ type: 'ready', backend }));
let image: tf.Tensor3D | null = null;
/** one job at a time, in the order they came */
let queue: Promise<unknown> = ready;

async function handle(message: ErfRequest): Promise<void> {
	if (message.type === 'image') {
		image?.dispose();
		const { rgb, height, width } = message;
		// Centred to [−1, 1] as TF-Slim's MobileNet/Inception preprocessing does: on raw [0, 1]
		// pixels a random filter with a negative sum would switch its ReLU off everywhere.
		image = tf.tidy(() => tf.sub(tf.mul(tf.tensor3d(rgb, [height, width, 3]), 2), 1));
		return;
	}
	if (!image) throw new Error('no image yet');
	if (message.type === 'erf') {
		const t0 = performance.now();
		const { arch, index, unit, options, box, centre } = message;
		const gradient = await effectiveReceptiveField(arch, image, index, unit.y, unit.x, options);
		const summary = erfSummary(gradient, box, centre.y, centre.x);
		post({ type: 'erf-result', id: message.id, summary, ms: performance.now() - t0 });
		return;
	}
	const [h, w] = image.shape;
	const ch = Math.min(h, message.crop);
	const cw = Math.min(w, message.crop);
	const crop = tf.slice(
		image,
		[Math.floor((h - ch) / 2), Math.floor((w - cw) / 2), 0],
		[ch, cw, 3]
	);
	try {
		const table = receptiveField(message.arch, ch, cw);
		const points = await erfByDepth(message.arch, table, crop, message.options, 16, (done, total) =>
			post({ type: 'depth-progress', id: message.id, done, total })
		);
		post({ type: 'depth-result', id: message.id, points, crop: [ch, cw] });
	} finally {
		crop.dispose();
	}
}

scope.onmessage = (event) => {
	const message = event.data;
	queue = queue.then(() =>
		handle(message).catch((error: unknown) => {
			if (message.type !== 'image')
				post({
					type: 'error',
					id: message.id,
					message: error instanceof Error ? error.message : String(error)
				});
		})
	);
};
