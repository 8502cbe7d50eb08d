/**
 * The pretrained modes' compute, on the page's own backend: the lab's U-Net (pretrained on
 * procedural scenes) or MediaPipe's selfie segmenter on the picture → class probabilities
 * [H, W, K] at the picture's size (Foreground first) and one level's feature maps. The models
 * are loaded and freed here too; the page holds them through the runtime's `lab.load`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { fitLonger, resizeArea, type Picture } from '$lib/engine/segmentation/labPicture';
import { disposeUNet, unetForward, type UNet } from '$lib/engine/segmentation/unet';
import { loadUNet, type UNetManifest } from '$lib/engine/segmentation/unetWeights';
import {
	SELFIE_LEVELS,
	SELFIE_OUTPUT_NODE,
	loadSelfieModel,
	runSelfie
} from '$lib/engine/selfieModel';
import type { MapData } from '$lib/types/mapData';

/** The lab's U-Net with what its manifest says (its config, the size it was trained at). */
export interface PretrainedUNet {
	net: UNet;
	manifest: UNetManifest;
}

/** `base`: the folder of unet.json + unet.bin (asset('/models/unet-scenes')). */
export const loadPretrainedUNet = (base: string): Promise<PretrainedUNet> => loadUNet(base);
export const releasePretrainedUNet = (model: PretrainedUNet): void => disposeUNet(model.net);
export const loadSelfie = (url: string): Promise<GraphModel> => loadSelfieModel(url);
export const releaseSelfie = (model: GraphModel): void => model.dispose();

/** One pretrained run: which model, on which picture, with which level's maps. */
export type PretrainedRun =
	| { model: PretrainedUNet; selfie?: undefined; picture: Picture; level: number }
	| { model?: undefined; selfie: GraphModel; picture: Picture; level: number };

export function runPretrained(run: PretrainedRun): Promise<PretrainedResult> {
	return run.model
		? runPretrainedUNet(
				run.model.net,
				run.picture,
				run.level,
				Number(run.model.manifest.training?.size ?? 64)
			)
		: runSelfieModel(run.selfie, run.picture, run.level);
}

export interface PretrainedResult {
	/** [H, W, K] */
	probabilities: Float32Array;
	classes: number;
	height: number;
	width: number;
	encoder: MapData | null;
	decoder: MapData | null;
}

const SHOWN_CHANNELS = 8;

async function mapOf(t: tf.Tensor3D): Promise<MapData> {
	const [h, w, c] = t.shape;
	const kept = Math.min(c, SHOWN_CHANNELS);
	const sliced = tf.slice(t, [0, 0, 0], [h, w, kept]);
	try {
		return { data: (await sliced.data()) as Float32Array, height: h, width: w, channels: kept };
	} finally {
		sliced.dispose();
	}
}

/**
 * The lab's U-Net runs at the scale it was trained at (`trainedSize`, the scenes' side): a larger
 * picture is averaged down to it and the probabilities are resized back (bilinear), because a
 * CNN's receptive field is fixed in pixels — at twice the size every object looks twice as large
 * to it as in training.
 */
export async function runPretrainedUNet(
	net: UNet,
	full: Picture,
	level: number,
	trainedSize: number
): Promise<PretrainedResult> {
	const [th, tw] = fitLonger(full.height, full.width, trainedSize);
	const picture = th === full.height && tw === full.width ? full : resizeArea(full, th, tw);
	const l = Math.min(level, net.config.depth - 1);
	const hasDecoder = l < net.config.depth - 1;
	const [probs, enc, dec] = tf.tidy(() => {
		const x = tf.tensor4d(picture.rgb, [1, picture.height, picture.width, 3]);
		const out = unetForward(net, x);
		const squeeze = (t: tf.Tensor4D) => tf.squeeze(t, [0]) as tf.Tensor3D;
		const maps: tf.Tensor3D[] = [
			squeeze(
				tf.image.resizeBilinear(
					tf.softmax(out.logits) as tf.Tensor4D,
					[full.height, full.width],
					true
				)
			),
			squeeze(out.encoder[l])
		];
		if (hasDecoder) maps.push(squeeze(out.decoder[l]));
		return maps;
	}) as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D | undefined];
	try {
		return {
			probabilities: (await probs.data()) as Float32Array,
			classes: net.config.classes,
			height: full.height,
			width: full.width,
			encoder: await mapOf(enc),
			decoder: dec ? await mapOf(dec) : null
		};
	} finally {
		tf.dispose(dec ? [probs, enc, dec] : [probs, enc]);
	}
}

/**
 * The selfie model: person = Foreground. `level` indexes SELFIE_LEVELS' encoder/decoder pairs:
 * the encoder level and the decoder level of the same resolution, side by side.
 */
export async function runSelfieModel(
	model: GraphModel,
	picture: Picture,
	level: number
): Promise<PretrainedResult> {
	const pair = selfiePair(level);
	const nodes = [
		SELFIE_OUTPUT_NODE,
		pair.encoder.node,
		...(pair.decoder ? [pair.decoder.node] : [])
	];
	const image = tf.tensor3d(picture.rgb, [picture.height, picture.width, 3]);
	const outputs = runSelfie(model, image, nodes);
	image.dispose();
	const probs = tf.tidy(() => {
		const p = tf.image.resizeBilinear(
			outputs[SELFIE_OUTPUT_NODE],
			[picture.height, picture.width],
			true
		);
		return tf.concat([p, tf.sub(1, p)], 2) as tf.Tensor3D;
	});
	try {
		return {
			probabilities: (await probs.data()) as Float32Array,
			classes: 2,
			height: picture.height,
			width: picture.width,
			encoder: await mapOf(outputs[pair.encoder.node]),
			decoder: pair.decoder ? await mapOf(outputs[pair.decoder.node]) : null
		};
	} finally {
		tf.dispose([probs, ...Object.values(outputs)]);
	}
}

/** The selfie model's levels as pairs of the same resolution: encoder block ↔ decoder block. */
export const SELFIE_PAIRS = (() => {
	const encoders = SELFIE_LEVELS.filter((l) => l.part === 'encoder');
	const decoders = SELFIE_LEVELS.filter((l) => l.part !== 'encoder');
	// Pair by resolution, deepest last; the deepest encoder level is shown with the bottleneck.
	const sizes = [...new Set(SELFIE_LEVELS.map((l) => l.shape[0]))].sort((a, b) => b - a);
	return sizes
		.map((size) => ({
			size,
			encoder: encoders.find((l) => l.shape[0] === size) ?? null,
			decoder: [...decoders].reverse().find((l) => l.shape[0] === size) ?? null
		}))
		.filter((p) => p.encoder !== null) as {
		size: number;
		encoder: (typeof SELFIE_LEVELS)[number];
		decoder: (typeof SELFIE_LEVELS)[number] | null;
	}[];
})();

function selfiePair(level: number) {
	return SELFIE_PAIRS[Math.min(level, SELFIE_PAIRS.length - 1)];
}
