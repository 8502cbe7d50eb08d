/**
 * The mask shown, scored against a procedural scene's exact mask: sceneScore's IoU and boundary
 * F, plus pixel accuracy — the share of pixels on the right side of the outline, which a mask
 * that calls everything Background still scores well on when the shapes are small (IoU does not).
 */
import { objectMask, sceneScore, type SceneScore } from '$lib/engine/segmentation/sceneScore';

export interface MaskScore extends SceneScore {
	/** share of pixels whose predicted shape/background agrees with the reference, in [0, 1] */
	pixelAccuracy: number;
}

/** Share of positions where `predicted` and `reference` (both [H·W], 1 = shape) agree. */
export function pixelAccuracy(predicted: Uint8Array, reference: Uint8Array): number {
	if (predicted.length !== reference.length)
		throw new RangeError(`${predicted.length} predicted pixels, ${reference.length} reference`);
	if (predicted.length === 0) return 1;
	let right = 0;
	for (let i = 0; i < predicted.length; i++) if (predicted[i] === reference[i]) right++;
	return right / predicted.length;
}

/** `probabilities` [H, W, K] against `reference` [H, W] (1 = shape). */
export function maskScore(
	probabilities: Float32Array,
	classes: number,
	reference: Uint8Array,
	height: number,
	width: number
): MaskScore {
	return {
		...sceneScore(probabilities, classes, reference, height, width),
		pixelAccuracy: pixelAccuracy(objectMask(probabilities, classes), reference)
	};
}
