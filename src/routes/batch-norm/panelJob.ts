/**
 * The image panel's compute, for `lab.job`: the learner's image as gray values → a batch of crops
 * through one conv layer and batch norm (engine/batchNorm/batchOfCrops.ts). Every tensor is made
 * and freed here, so the page holds none.
 */
import * as tf from '@tensorflow/tfjs-core';
import { batchOfCrops, type CropsBatchNorm } from '$lib/engine/batchNorm/batchOfCrops';
import { lumaOf } from '$lib/image/pixelsToFloat';

export interface PanelRequest {
	image: { rgb: Float32Array; width: number; height: number };
	batchSize: number;
}

export async function panelJob({ image, batchSize }: PanelRequest): Promise<CropsBatchNorm> {
	const gray = tf.tensor2d(lumaOf(image.rgb, image.width, image.height), [
		image.height,
		image.width
	]);
	try {
		return batchOfCrops(gray, batchSize);
	} finally {
		gray.dispose();
	}
}
