/**
 * A mask scored against a procedural scene's exact mask. The scene knows two regions only
 * (its shapes, and the background), so with 2 classes the score is Foreground's IoU; with 3 or 4
 * classes the learner may paint several shapes in several classes, and the score is of every
 * class but Background taken together against the shapes. `label` says which, for the screen.
 */
import { argmaxClasses, boundaryFScore, intersectionOverUnion } from './segmentationMetrics';

/** Background is class 1 (CLASS_NAMES: Foreground, Background, Class 3, Class 4). */
const BACKGROUND = 1;

export interface SceneScore {
	iou: number;
	/** boundary F-score at a 2-pixel tolerance */
	boundaryF: number;
	/** what was scored: "Foreground" or "every class but Background" */
	label: string;
}

/** What a score of masks with `classes` classes measures against a scene. */
export function scoreLabel(classes: number): string {
	return classes === 2 ? 'Foreground' : 'every class but Background';
}

/**
 * The predicted shape pixels of an [H, W, K] softmax: 1 where the most likely class is not
 * Background (with K = 2, exactly where it is Foreground).
 */
export function objectMask(probabilities: Float32Array, classes: number): Uint8Array {
	return Uint8Array.from(argmaxClasses(probabilities, classes), (c) => (c === BACKGROUND ? 0 : 1));
}

/** IoU and boundary F of `probabilities` [H, W, K] against `reference` [H, W] (1 = shape). */
export function sceneScore(
	probabilities: Float32Array,
	classes: number,
	reference: Uint8Array,
	height: number,
	width: number
): SceneScore {
	const shapes = objectMask(probabilities, classes);
	return {
		iou: intersectionOverUnion(shapes, reference, 1),
		boundaryF: boundaryFScore(shapes, reference, height, width, 2, 1).f,
		label: scoreLabel(classes)
	};
}
