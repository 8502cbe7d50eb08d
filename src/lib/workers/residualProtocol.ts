/**
 * The residual lab's own messages on top of the training protocol (src/lib/training/protocol.ts):
 * the variant config (depth and wiring), the data to load, a step limit, and the lesion study the
 * worker sends back when training pauses, and the loss slice that follows it. Kept apart from the worker (residualTrainer.worker.ts)
 * so the checks are unit-tested in Node.
 */
import type { SlicePoint } from '$lib/engine/residual/lossSlice';
import { RESIDUAL_DEPTHS, type ResidualConfig } from '$lib/engine/residual/residualNetwork';

/** Test accuracy during training on the first this many test images (the lesion study uses all). */
export const CURVE_TEST_IMAGES = 2000;
/** The k-random-blocks curve: draws per k, and the test images it runs on. */
export const LESION_DRAWS = 3;
export const LESION_CURVE_IMAGES = 2000;
/** Per-layer gradient norms on the first this many training images (a fixed probe batch). */
export const GRADIENT_PROBE = 256;
/** The loss slice (Li et al.): on the first this many training images, at this many α in [−1, 1]. */
export const SLICE_IMAGES = 256;
export const SLICE_POINTS = 41;
/** The slice's random direction is drawn from the nets' seed plus this (the same for both nets). */
export const SLICE_DIRECTION_SEED = 303;
/** Test accuracy and gradient norms every this many steps. */
export const TEST_EVERY = 100;

export type ResidualTask =
	| { type: 'data'; dataUrl: string }
	/** pause on its own when the step count reaches `steps` */
	| { type: 'limit'; steps: number }
	| { type: 'lesion' };

export interface VariantLesions {
	variant: string;
	config: ResidualConfig;
	/** test accuracy, all test images: [intact, block 1 deleted, …, block n deleted] */
	single: number[];
	/** mean test accuracy with k random blocks deleted, k = 1…n */
	randomK: number[];
}

export interface VariantSlice {
	variant: string;
	config: ResidualConfig;
	/** loss and accuracy at θ + α·d, α from −1 to 1 */
	points: SlicePoint[];
}

export type ResidualReply =
	| { type: 'data'; trainCount: number; testCount: number }
	| { type: 'lesion'; step: number; testCount: number; ms: number; variants: VariantLesions[] }
	| { type: 'slice'; step: number; images: number; ms: number; variants: VariantSlice[] };

export function parseResidualConfig(value: unknown): ResidualConfig | null {
	if (!value || typeof value !== 'object') return null;
	const { depth, wiring } = value as Record<string, unknown>;
	if (!(RESIDUAL_DEPTHS as readonly unknown[]).includes(depth)) return null;
	if (wiring !== 'plain' && wiring !== 'residual') return null;
	return { depth: depth as number, wiring };
}

export function parseResidualTask(value: unknown): ResidualTask | null {
	if (!value || typeof value !== 'object') return null;
	const m = value as Record<string, unknown>;
	if (m.type === 'lesion') return { type: 'lesion' };
	if (m.type === 'limit')
		return typeof m.steps === 'number' && Number.isFinite(m.steps) && m.steps >= 1
			? { type: 'limit', steps: Math.round(m.steps) }
			: null;
	if (m.type === 'data' && typeof m.dataUrl === 'string' && m.dataUrl.endsWith('/'))
		return { type: 'data', dataUrl: m.dataUrl };
	return null;
}
