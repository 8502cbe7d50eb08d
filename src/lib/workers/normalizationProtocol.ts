/**
 * The normalization lab's classifier runs on top of the training protocol
 * (src/lib/training/protocol.ts): softmax regression on the shipped Fashion-MNIST training
 * images under the five preprocessings, one variant each, trained by plain full-batch gradient
 * descent (normalizationTrainer.worker.ts). Kept apart from the worker so the checks are
 * unit-tested in Node.
 */
import { PREPROCESSINGS, type Preprocessing } from '$lib/engine/normalization/preprocessing';

/** Training images the runs use (the figures are on the first 2,000). */
export const CLASSIFIER_TRAIN_COUNT = 2000;
/**
 * The loop's one learning rate. Each run steps at its own η = rate · 20/λmax (its own stability
 * limit at zero weights) by scaling its loss by η/lr: with plain gradient descent that is
 * exactly a step of η, whatever this number is.
 */
export const CLASSIFIER_LOOP_RATE = 0.01;
/** A run's step as a multiple of its 20/λmax: the range the lab offers. */
export const CLASSIFIER_RATE_RANGE = { min: 0.05, max: 3 } as const;
export const CLASSIFIER_STEPS_RANGE = { min: 10, max: 500 } as const;
/** Test accuracy is measured every this many steps (10,000 images), and at every stop. */
export const TEST_EVERY = 25;

/** One run: a preprocessing and its step as a multiple of its own 20/λmax. */
export interface NormalizationRunConfig {
	preprocessing: Preprocessing;
	rate: number;
}

/** Page → worker (inside a `task` command). */
export type NormalizationTask =
	/** load the shipped images (the first `train` training images, all test images), prepare */
	| { type: 'data'; dataUrl: string; train: number; steps: number }
	/** stop the runs after this many steps */
	| { type: 'limit'; steps: number };

/** The input statistics of one preprocessing: the top of E[x̃x̃ᵀ] (x̃ = (x′, 1)). */
export interface InputSpectrum {
	preprocessing: Preprocessing;
	lambdaMax: number;
	lambda2: number;
}

/** Worker → page (inside a `task` event). */
export type NormalizationReply = {
	type: 'data';
	trainCount: number;
	testCount: number;
	spectra: InputSpectrum[];
};

const within = (v: unknown, { min, max }: { min: number; max: number }): v is number =>
	typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

export function parseRunConfig(value: unknown): NormalizationRunConfig | null {
	if (!value || typeof value !== 'object') return null;
	const { preprocessing, rate } = value as Record<string, unknown>;
	if (!PREPROCESSINGS.includes(preprocessing as Preprocessing)) return null;
	if (!within(rate, CLASSIFIER_RATE_RANGE)) return null;
	return { preprocessing: preprocessing as Preprocessing, rate };
}

export function parseNormalizationTask(value: unknown): NormalizationTask | null {
	if (!value || typeof value !== 'object') return null;
	const m = value as Record<string, unknown>;
	if (!within(m.steps, CLASSIFIER_STEPS_RANGE) || !Number.isInteger(m.steps)) return null;
	if (m.type === 'limit') return { type: 'limit', steps: m.steps };
	if (m.type !== 'data' || typeof m.dataUrl !== 'string' || !m.dataUrl.endsWith('/')) return null;
	if (!within(m.train, { min: 10, max: 60_000 }) || !Number.isInteger(m.train)) return null;
	return { type: 'data', dataUrl: m.dataUrl, train: m.train, steps: m.steps };
}
