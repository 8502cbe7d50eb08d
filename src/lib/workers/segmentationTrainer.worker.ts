/**
 * The segmentation lab's training worker, through the shared training protocol
 * (src/lib/training/): this file says what the U-Net is to the loop — a network per variant,
 * batches of augmented crops around the learner's scribbles from a seeded stream, the masked
 * cross-entropy step — and adds the lab's own messages (segmentationProtocol.ts): the picture and
 * scribbles, masks while it trains, feature maps, the checkerboard demo, and the skip comparison
 * (two variants trained side by side on the same batches).
 */
import * as tf from '@tensorflow/tfjs-core';
import { startTrainingBackend } from '$lib/engine/trainingBackend';
import { checkerboardScore } from '$lib/engine/segmentation/checkerboard';
import { sceneScore } from '$lib/engine/segmentation/sceneScore';
import {
	DEFAULT_STEP,
	trainingBatch,
	trainOnBatch,
	type TrainingImage
} from '$lib/engine/segmentation/trainingStep';
import {
	createUNet,
	disposeUNet,
	trainableVariables,
	unetForward,
	type UNet,
	type UNetConfig
} from '$lib/engine/segmentation/unet';
import { seededRandom } from '$lib/engine/seededRandom';
import type { MapData } from '$lib/types/mapData';
import { VariantTrainer } from '$lib/training/variantTrainer';
import { serveTraining, type TrainingHost, type WorkerTask } from '$lib/training/workerHost';
import {
	parseSegmentationTask,
	parseUNetConfig,
	type CompareSide,
	type SegmentationReply,
	type SegmentationTask
} from './segmentationProtocol';

type Batch = ReturnType<typeof trainingBatch>;
type Host = TrainingHost<UNetConfig, UNet, Batch, SegmentationReply>;

/** a fresh mask at most this often while training (each costs one full-picture forward pass) */
const PREDICT_EVERY_MS = 350;

let picture: TrainingImage | null = null;
let labels: Uint8Array | null = null;
let lastPredict = 0;

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

async function postPrediction(host: Host): Promise<void> {
	const trainer = host.trainer;
	if (!trainer || !picture) return;
	const { model } = trainer.variants[0];
	const { probabilities, checkerboard } = await predictWith(model);
	host.postTask(
		{
			type: 'prediction',
			step: trainer.step,
			probabilities,
			height: picture.height,
			width: picture.width,
			classes: model.config.classes,
			checkerboard
		},
		[probabilities.buffer]
	);
	lastPredict = performance.now();
}

const task: WorkerTask<UNetConfig, UNet, Batch, SegmentationTask, SegmentationReply> = {
	parseConfig: parseUNetConfig,
	parseTask: parseSegmentationTask,
	build: (config, seed) => createUNet(config, seed),
	dispose: disposeUNet,
	variables: trainableVariables,
	weights: (net) => trainableVariables(net).map((v) => ({ name: v.name, tensor: v })),
	batches(seed, configs) {
		const random = seededRandom(seed);
		const classes = configs[0].classes;
		if (configs.some((c) => c.classes !== classes))
			throw new Error('variants trained side by side must have the same classes');
		return {
			epoch: 0,
			next(batchSize) {
				if (!picture || !labels) return null;
				const image = { ...picture, labels };
				return trainingBatch(image, classes, { ...DEFAULT_STEP, batch: batchSize }, random);
			}
		};
	},
	async update(net, optimizer, batch) {
		return { loss: await trainOnBatch(net, optimizer, batch) };
	},
	disposeBatch: (batch) => tf.dispose([batch.images, batch.oneHot, batch.mask]),
	canTrain: () => !!picture && !!labels && labels.some((v) => v > 0),
	async afterStep(host) {
		if (performance.now() - lastPredict > PREDICT_EVERY_MS) await postPrediction(host);
	},
	afterStop: postPrediction,
	afterFresh: postPrediction,
	async handleTask(message, host) {
		switch (message.type) {
			case 'picture':
				picture = { ...message, labels: new Uint8Array(0) };
				return postPrediction(host);
			case 'scribbles':
				labels = message.labels;
				return;
			case 'features':
				return features(host, message.level, message.channels);
			case 'checkerboard':
				return checkerboard(host, message.upKernel);
			case 'compare': {
				const wasRunning = host.running;
				await host.pause();
				await compare(host, message.steps, message.reference);
				if (wasRunning) await host.play();
			}
		}
	}
};

function features(host: Host, level: number, channels: number): void {
	const net = host.trainer?.variants[0].model;
	if (!net || !picture) return;
	const shown = Math.min(level, net.config.depth - 1);
	const out = forwardPicture(net);
	try {
		const encoder = toMap(out.encoder[shown], channels);
		const decoder = shown < net.config.depth - 1 ? toMap(out.decoder[shown], channels) : null;
		host.postTask({ type: 'features', level: shown, encoder, decoder });
	} finally {
		tf.dispose([out.logits, ...out.encoder, ...out.decoder, ...out.upsampled]);
	}
}

function checkerboard(host: Host, upKernel: number): void {
	const trainer = host.trainer;
	if (!trainer || !picture) return;
	const { config } = trainer.variants[0];
	const maps = {} as Record<'transposed' | 'resize', MapData>;
	const scores = { transposed: 0, resize: 0 };
	for (const upsampling of ['transposed', 'resize'] as const) {
		const model = createUNet({ ...config, upsampling, upKernel }, trainer.seed);
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
	host.postTask({ type: 'checkerboard', transposed: maps.transposed, resize: maps.resize, scores });
}

/** The live architecture with and without skips, side by side: same seed, same batches. */
async function compare(host: Host, steps: number, reference: Uint8Array | null): Promise<void> {
	const live = host.trainer;
	if (!live || !picture || !labels) return;
	const { config } = live.variants[0];
	const pair = new VariantTrainer(task, {
		seed: live.seed,
		variants: [
			{ id: 'skips', config: { ...config, skips: true } },
			{ id: 'noskips', config: { ...config, skips: false } }
		],
		learningRate: live.learningRate,
		batchSize: live.batchSize
	});
	try {
		const total = 2 * steps;
		const loss = { skips: NaN, noskips: NaN };
		for (let i = 1; i <= steps; i++) {
			const result = await pair.trainStep();
			if (!result) return;
			loss.skips = result.metrics.skips.loss;
			loss.noskips = result.metrics.noskips.loss;
			if ((2 * i) % 10 === 0) host.postTask({ type: 'compare-progress', done: 2 * i, total });
		}
		const sides: CompareSide[] = [];
		for (const v of pair.variants) {
			const { probabilities } = await predictWith(v.model);
			const score = reference
				? sceneScore(probabilities, config.classes, reference, picture.height, picture.width)
				: null;
			sides.push({
				skips: v.config.skips,
				probabilities,
				loss: loss[v.id as 'skips' | 'noskips'],
				iou: score?.iou ?? null,
				boundaryF: score?.boundaryF ?? null
			});
		}
		host.postTask(
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
	} finally {
		pair.dispose();
	}
}

serveTraining(task, startTrainingBackend);
