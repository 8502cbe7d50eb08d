/**
 * One training step of the U-Net on one image and its scribbles: a batch of augmented crops,
 * the masked cross-entropy over their painted pixels, one Adam update. Returns the loss as a
 * plain number (read back, so the caller's loop paces itself by real work).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Adam } from '../adam';
import { augment, drawAugmentation, type AugmentSettings } from './augmentation';
import { encodeScribbles, maskedCrossEntropy } from './scribbleLabels';
import { trainableVariables, unetForward, type UNet } from './unet';

export interface TrainingImage {
	/** [H, W, 3] in [0, 1] */
	rgb: Float32Array;
	/** [H, W] label plane: 0 none, c + 1 class c */
	labels: Uint8Array;
	height: number;
	width: number;
}

export interface StepSettings extends AugmentSettings {
	batch: number;
	/**
	 * Every crop holds a painted pixel of one class, the painted classes in turn (else crops are
	 * drawn anywhere): each step then learns from strokes of every class, however small they are
	 * next to the picture (scripts/bench-segmentation-photo.mjs measures the difference).
	 */
	aroundStrokes?: boolean;
}

/** 4 crops of 64²: enough context per crop for a 3-level U-Net, ~5 steps/s on WASM at 128². */
export const DEFAULT_STEP: StepSettings = {
	batch: 4,
	crop: 64,
	flips: true,
	jitter: 0.15,
	aroundStrokes: true
};

/** The painted pixels of each label value (1…), as flat indices; empty classes left out. */
export function paintedPixels(labels: Uint8Array): number[][] {
	const byValue: number[][] = [];
	for (let i = 0; i < labels.length; i++) {
		const v = labels[i];
		if (v > 0) (byValue[v - 1] ??= []).push(i);
	}
	return byValue.filter((list) => list && list.length > 0);
}

/** Build one batch as tensors: images [B, h, w, 3], oneHot [B, h, w, K], mask [B, h, w]. */
export function trainingBatch(
	image: TrainingImage,
	classes: number,
	settings: StepSettings,
	random: () => number
): { images: tf.Tensor4D; oneHot: tf.Tensor4D; mask: tf.Tensor3D } {
	const h = Math.min(image.height, settings.crop);
	const w = Math.min(image.width, settings.crop);
	const images = new Float32Array(settings.batch * h * w * 3);
	const oneHot = new Float32Array(settings.batch * h * w * classes);
	const mask = new Float32Array(settings.batch * h * w);
	const strokes = settings.aroundStrokes ? paintedPixels(image.labels) : [];
	const first = Math.floor(random() * Math.max(1, strokes.length));
	for (let b = 0; b < settings.batch; b++) {
		let around: { y: number; x: number } | undefined;
		if (strokes.length) {
			const pixels = strokes[(first + b) % strokes.length];
			const i = pixels[Math.floor(random() * pixels.length)];
			around = { y: Math.floor(i / image.width), x: i % image.width };
		}
		const draw = drawAugmentation(random, image.height, image.width, settings, around);
		const sample = augment(image.rgb, image.labels, image.height, image.width, settings.crop, draw);
		const encoded = encodeScribbles(sample.labels, classes);
		images.set(sample.rgb, b * h * w * 3);
		oneHot.set(encoded.oneHot, b * h * w * classes);
		mask.set(encoded.mask, b * h * w);
	}
	return {
		images: tf.tensor4d(images, [settings.batch, h, w, 3]),
		oneHot: tf.tensor4d(oneHot, [settings.batch, h, w, classes]),
		mask: tf.tensor3d(mask, [settings.batch, h, w])
	};
}

/** One optimiser step on a prepared batch; returns the loss before the update. */
export async function trainOnBatch(
	net: UNet,
	optimizer: Adam,
	batch: { images: tf.Tensor4D; oneHot: tf.Tensor4D; mask: tf.Tensor3D }
): Promise<number> {
	const loss = optimizer.minimize(
		() =>
			maskedCrossEntropy(
				unetForward(net, batch.images, { training: true }).logits,
				batch.oneHot,
				batch.mask
			),
		trainableVariables(net)
	);
	try {
		return (await loss.data())[0];
	} finally {
		loss.dispose();
	}
}

/** Augment → batch → one step; every tensor it makes is gone when it returns. */
export async function trainingStep(
	net: UNet,
	optimizer: Adam,
	image: TrainingImage,
	settings: StepSettings,
	random: () => number
): Promise<number> {
	const batch = trainingBatch(image, net.config.classes, settings, random);
	try {
		return await trainOnBatch(net, optimizer, batch);
	} finally {
		tf.dispose([batch.images, batch.oneHot, batch.mask]);
	}
}
