/**
 * The segmentation lab's training worker: its own TF.js on WASM (with the conv gradients
 * training needs), the U-Net, and the training loop, off the page's main thread so painting
 * stays smooth while it trains. Protocol: segmentationProtocol.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { startTrainingBackend } from '$lib/engine/trainingBackend';
import { adam, type Adam } from '$lib/engine/segmentation/adam';
import { checkerboardScore } from '$lib/engine/segmentation/checkerboard';
import { sceneScore } from '$lib/engine/segmentation/sceneScore';
import {
	DEFAULT_STEP,
	trainingStep,
	type TrainingImage
} from '$lib/engine/segmentation/trainingStep';
import {
	createUNet,
	disposeUNet,
	unetForward,
	type UNet,
	type UNetConfig
} from '$lib/engine/segmentation/unet';
import { seededRandom } from '$lib/engine/seededRandom';
import type { MapData } from '$lib/types/mapData';
import type { CompareSide, TrainerReply, TrainerRequest } from './segmentationProtocol';

const LEARNING_RATE = 0.01;
/** a fresh mask at most this often while training (each costs one full-picture forward pass) */
const PREDICT_EVERY_MS = 350;

const scope = self as unknown as {
	postMessage(message: TrainerReply, transfer?: Transferable[]): void;
	onmessage: ((event: MessageEvent<TrainerRequest>) => void) | null;
};
const post = (message: TrainerReply, transfer: Transferable[] = []) =>
	scope.postMessage(message, transfer);

let config: UNetConfig | null = null;
let seed = 1;
let net: UNet | null = null;
let optimizer: Adam | null = null;
let picture: TrainingImage | null = null;
let labels: Uint8Array | null = null;
let step = 0;
let running = false;
let random = seededRandom(1);
let lastPredict = 0;
/** the step now running, so a message that replaces or reads the network waits for it */
let inFlight: Promise<unknown> = Promise.resolve();
/** whether a training loop is alive (it may be finishing its last step after a Pause) */
let looping = false;
const recent: number[] = [];

const ready = startTrainingBackend().then((backend) => post({ type: 'ready', backend }));

function freshNetwork() {
	if (net) disposeUNet(net);
	optimizer?.dispose();
	net = config ? createUNet(config, seed) : null;
	optimizer = adam(LEARNING_RATE);
	step = 0;
	random = seededRandom(seed);
	recent.length = 0;
}

/** The first `channels` channels of a [1, h, w, c] or [h, w, c] tensor, read back. */
function toMap(t: tf.Tensor, channels: number): MapData {
	const [h, w, c] = t.shape.slice(-3);
	const kept = Math.min(c, channels);
	const sliced = tf.tidy(() => tf.slice(tf.reshape(t, [h, w, c]), [0, 0, 0], [h, w, kept]));
	const data = sliced.dataSync() as Float32Array;
	sliced.dispose();
	return { data, height: h, width: w, channels: kept };
}

/** The network's maps for the picture (inference mode); the caller disposes them. */
function forwardPicture(model: UNet) {
	const x = tf.tensor4d(picture!.rgb, [1, picture!.height, picture!.width, 3]);
	const out = tf.tidy(() => {
		const o = unetForward(model, x);
		return {
			logits: o.logits,
			encoder: o.encoder,
			decoder: o.decoder.filter(Boolean),
			upsampled: o.upsampled
		};
	});
	x.dispose();
	return out;
}

/** The mask (softmax) and the level-0 upsampling output's checkerboard score, for one network. */
async function predictWith(
	model: UNet
): Promise<{ probabilities: Float32Array; checkerboard: number }> {
	if (!picture) throw new Error('no picture');
	const { height, width } = picture;
	const [probs, up] = tf.tidy(() => {
		const x = tf.tensor4d(picture!.rgb, [1, height, width, 3]);
		const out = unetForward(model, x);
		return [tf.squeeze(tf.softmax(out.logits), [0]), tf.squeeze(out.upsampled[0], [0])];
	});
	try {
		const probabilities = (await probs.data()) as Float32Array;
		const u = (await up.data()) as Float32Array;
		const [h, w, c] = up.shape;
		return { probabilities, checkerboard: checkerboardScore(u, h, w, c) };
	} finally {
		tf.dispose([probs, up]);
	}
}

async function postPrediction() {
	if (!net || !picture || !config) return;
	const { probabilities, checkerboard } = await predictWith(net);
	post(
		{
			type: 'prediction',
			step,
			probabilities,
			height: picture.height,
			width: picture.width,
			classes: config.classes,
			checkerboard
		},
		[probabilities.buffer]
	);
	lastPredict = performance.now();
}

function hasScribbles(): boolean {
	return !!labels && labels.some((v) => v > 0);
}

/** Start the training loop unless one is still alive: a Pause then Train within one step
 * would otherwise run two loops on one network and optimizer. */
function startLoop() {
	running = true;
	if (looping) return;
	looping = true;
	void loop()
		.catch(fail)
		.finally(() => (looping = false));
}

const canTrain = () => running && !!net && !!optimizer && !!picture && !!labels;

async function loop() {
	// The outer loop: a Train that arrives during the last mask after a Pause carries on.
	do {
		await trainWhileRunning();
		if (net && picture) await postPrediction();
	} while (canTrain());
}

async function trainWhileRunning() {
	let windowStart = performance.now();
	let windowSteps = 0;
	while (running && net && optimizer && picture && labels) {
		const current = trainingStep(net, optimizer, { ...picture, labels }, DEFAULT_STEP, random);
		inFlight = current.catch(() => undefined);
		const loss = await current;
		step++;
		windowSteps++;
		const now = performance.now();
		const seconds = (now - windowStart) / 1000;
		recent.push(loss);
		post({
			type: 'progress',
			step,
			loss,
			stepsPerSecond: windowSteps / Math.max(seconds, 1e-3),
			running
		});
		if (seconds > 3) {
			windowStart = now;
			windowSteps = 0;
		}
		if (now - lastPredict > PREDICT_EVERY_MS) {
			const predicting = postPrediction();
			inFlight = predicting.catch(() => undefined);
			await predicting;
		}
		// Let messages (pause, new strokes) in between steps.
		await new Promise((resolve) => setTimeout(resolve, 0));
	}
}

async function compare(steps: number, reference: Uint8Array | null) {
	if (!config || !picture || !labels) return;
	const sides: CompareSide[] = [];
	const total = 2 * steps;
	let done = 0;
	for (const skips of [true, false]) {
		const model = createUNet({ ...config, skips }, seed);
		const opt = adam(LEARNING_RATE);
		const rnd = seededRandom(seed);
		let loss = NaN;
		for (let i = 0; i < steps; i++) {
			loss = await trainingStep(model, opt, { ...picture, labels }, DEFAULT_STEP, rnd);
			done++;
			if (done % 10 === 0) post({ type: 'compare-progress', done, total });
		}
		const { probabilities } = await predictWith(model);
		disposeUNet(model);
		opt.dispose();
		let iou: number | null = null;
		let boundaryF: number | null = null;
		if (reference) {
			const score = sceneScore(
				probabilities,
				config.classes,
				reference,
				picture.height,
				picture.width
			);
			iou = score.iou;
			boundaryF = score.boundaryF;
		}
		sides.push({ skips, probabilities, loss, iou, boundaryF });
	}
	post(
		{
			type: 'compare-result',
			height: picture.height,
			width: picture.width,
			classes: config.classes,
			steps,
			sides: [sides[0], sides[1]]
		},
		sides.map((s) => s.probabilities.buffer)
	);
}

async function handle(message: TrainerRequest) {
	await ready;
	if (message.type !== 'scribbles' && message.type !== 'pause' && message.type !== 'train')
		await inFlight;
	switch (message.type) {
		case 'configure':
			// A new network starts paused: the learner presses Train for it.
			running = false;
			await inFlight;
			config = message.config;
			seed = message.seed;
			freshNetwork();
			post({ type: 'progress', step, loss: NaN, stepsPerSecond: 0, running });
			if (picture) await postPrediction();
			break;
		case 'picture':
			picture = {
				rgb: message.rgb,
				height: message.height,
				width: message.width,
				labels: new Uint8Array(0)
			};
			if (net) await postPrediction();
			break;
		case 'scribbles':
			labels = message.labels;
			break;
		case 'train':
			if (running || !hasScribbles()) {
				post({ type: 'progress', step, loss: recent.at(-1) ?? NaN, stepsPerSecond: 0, running });
				break;
			}
			startLoop();
			break;
		case 'pause':
			running = false;
			post({ type: 'progress', step, loss: recent.at(-1) ?? NaN, stepsPerSecond: 0, running });
			break;
		case 'features': {
			if (!net || !picture) break;
			const level = Math.min(message.level, net.config.depth - 1);
			const out = forwardPicture(net);
			try {
				const encoder = toMap(out.encoder[level], message.channels);
				const decoder =
					level < net.config.depth - 1 ? toMap(out.decoder[level], message.channels) : null;
				post({ type: 'features', level, encoder, decoder });
			} finally {
				tf.dispose([out.logits, ...out.encoder, ...out.decoder, ...out.upsampled]);
			}
			break;
		}
		case 'checkerboard': {
			if (!config || !picture) break;
			const maps: Record<'transposed' | 'resize', MapData> = {} as never;
			const scores = { transposed: 0, resize: 0 };
			for (const upsampling of ['transposed', 'resize'] as const) {
				const model = createUNet({ ...config, upsampling, upKernel: message.upKernel }, seed);
				const out = forwardPicture(model);
				const mean = tf.mean(out.upsampled[0], 3, true);
				try {
					maps[upsampling] = toMap(mean, 1);
					const full = toMap(out.upsampled[0], 1024);
					scores[upsampling] = checkerboardScore(full.data, full.height, full.width, full.channels);
				} finally {
					tf.dispose([mean, out.logits, ...out.encoder, ...out.decoder, ...out.upsampled]);
					disposeUNet(model);
				}
			}
			post({ type: 'checkerboard', transposed: maps.transposed, resize: maps.resize, scores });
			break;
		}
		case 'compare': {
			const wasRunning = running;
			running = false;
			await compare(message.steps, message.reference);
			if (wasRunning) startLoop();
			break;
		}
	}
}

function fail(error: unknown) {
	running = false;
	post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}

// Messages are handled one after another, so a configure never lands mid-step.
let queue = Promise.resolve();
scope.onmessage = (event) => {
	queue = queue.then(() => handle(event.data)).catch(fail);
};
