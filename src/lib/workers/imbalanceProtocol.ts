/**
 * The imbalance lab's own messages on top of the training protocol (src/lib/training/protocol.ts):
 * the variant config (a remedy and the shared data setting), the data to load, the learner's
 * photo to classify, and the evaluation the worker sends back — every variant's logits on all
 * 10,000 test images, from which the page computes every metric, the post-hoc logit adjustment
 * and the threshold without asking the worker again. Checked here, unit-tested in Node.
 */
import {
	CLASSES,
	RATIO_RANGE,
	RECIPES,
	REMEDIES,
	type ImbalanceConfig,
	type RecipeId,
	type Remedy
} from '$lib/engine/imbalance/imbalanceTraining';

export const DEFAULT_BATCH_SIZE = 64;
/** Steps a Train press runs before it pauses on its own (the `steps` URL key). */
export const STEPS_RANGE = { min: 1, max: 5000 } as const;

/** Page → worker (inside a `task` command). */
export type ImbalanceTask =
	| { type: 'data'; dataUrl: string }
	/** the learner's photo as the classifier's [28, 28] input, or null to forget it */
	| { type: 'photo'; pixels: Float32Array | null }
	/** pause on its own when the step count reaches `steps` (the learning rate decays over them) */
	| { type: 'limit'; steps: number }
	/**
	 * also pause at `steps` without touching the schedule (null: no such stop): how the page stops
	 * every shard of a sharded run at one step (lib/training/shardedTraining.svelte.ts)
	 */
	| { type: 'stopAt'; steps: number | null };

/** Worker → page (inside a `task` event). */
export type ImbalanceReply =
	| { type: 'data'; trainCount: number; testCount: number; testLabels: Uint8Array }
	| {
			type: 'evaluation';
			/** the data setting the variants were trained on */
			rareClass: number;
			ratio: number;
			recipe: RecipeId;
			step: number;
			epoch: number;
			/** training images per class after thinning (the prior logit adjustment divides by) */
			counts: number[];
			/** [testCount, 10] logits per variant */
			logits: { id: string; values: Float32Array }[];
			/** [10] logits of the photo per variant, when a photo was given */
			photo: { id: string; values: Float32Array }[] | null;
	  }
	| { type: 'photo'; photo: { id: string; values: Float32Array }[] };

const isInt = (v: unknown, min: number, max: number): v is number =>
	typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

export function parseImbalanceConfig(value: unknown): ImbalanceConfig | null {
	if (!value || typeof value !== 'object') return null;
	const { remedy, rareClass, ratio, recipe } = value as Record<string, unknown>;
	if (!REMEDIES.includes(remedy as Remedy) || !RECIPES.includes(recipe as RecipeId)) return null;
	if (!isInt(rareClass, 0, CLASSES - 1) || !isInt(ratio, RATIO_RANGE.min, RATIO_RANGE.max))
		return null;
	return { remedy: remedy as Remedy, rareClass, ratio, recipe: recipe as RecipeId };
}

export function parseImbalanceTask(value: unknown): ImbalanceTask | null {
	if (!value || typeof value !== 'object') return null;
	const m = value as Record<string, unknown>;
	if (m.type === 'data')
		return typeof m.dataUrl === 'string' && m.dataUrl.endsWith('/')
			? { type: 'data', dataUrl: m.dataUrl }
			: null;
	if (m.type === 'limit')
		return isInt(m.steps, STEPS_RANGE.min, STEPS_RANGE.max)
			? { type: 'limit', steps: m.steps }
			: null;
	if (m.type === 'stopAt')
		return m.steps === null || isInt(m.steps, 0, STEPS_RANGE.max + 100)
			? { type: 'stopAt', steps: m.steps as number | null }
			: null;
	if (m.type === 'photo') {
		if (m.pixels === null) return { type: 'photo', pixels: null };
		return m.pixels instanceof Float32Array && m.pixels.length === 28 * 28
			? { type: 'photo', pixels: m.pixels }
			: null;
	}
	return null;
}
