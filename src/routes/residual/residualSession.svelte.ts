/**
 * The page's side of the residual worker: one TrainingClient (src/lib/training/) training the
 * plain and the residual net of the selected depth side by side, the worker's lesion studies and
 * loss slices as they arrive, and the settings (depth → fresh nets, learning rate → between steps, steps → the
 * worker pauses on its own there). The page disposes it when the learner leaves.
 */
import { base } from '$app/paths';
import type { ResidualConfig } from '$lib/engine/residual/residualNetwork';
import { RESIDUAL_RECIPE } from '$lib/engine/residual/residualTraining';
import { clampLearningRate } from '$lib/training/protocol';
import { TrainingClient } from '$lib/training/trainingClient.svelte';
import ResidualWorker from '$lib/workers/residualTrainer.worker.ts?worker';
import type {
	ResidualReply,
	ResidualTask,
	VariantLesions,
	VariantSlice
} from '$lib/workers/residualProtocol';

export const WIRINGS = ['plain', 'residual'] as const;
/** colour-blind-safe pair (Dark2): plain orange, residual teal */
export const WIRING_COLORS = { plain: '#d95f02', residual: '#1b9e77' } as const;
export const SEED = 1;

export interface LesionResult {
	step: number;
	depth: number;
	testCount: number;
	ms: number;
	variants: VariantLesions[];
}

export interface SliceResult {
	step: number;
	depth: number;
	images: number;
	ms: number;
	variants: VariantSlice[];
}

export class ResidualSession {
	readonly client: TrainingClient<ResidualConfig, ResidualTask, ResidualReply>;
	lesions = $state.raw<LesionResult | null>(null);
	slice = $state.raw<SliceResult | null>(null);
	trainCount = $state(0);
	testCount = $state(0);
	#depth = 0;

	constructor() {
		this.client = new TrainingClient({
			createWorker: () => new ResidualWorker(),
			brokenMessage: (why) =>
				`The training worker could not be started (${why}): this browser cannot train here.`,
			learningRate: RESIDUAL_RECIPE.learningRate,
			batchSize: RESIDUAL_RECIPE.batchSize,
			onTask: (reply) => this.#receive(reply),
			onReset: () => {
				this.lesions = null;
				this.slice = null;
			}
		});
		// a URL read once for its text, never mutated: nothing to make reactive
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const dataUrl = new URL(`${base}/data/fashion-mnist/`, location.href).href;
		this.client.task({ type: 'data', dataUrl });
	}

	#receive(reply: ResidualReply): void {
		if (reply.type === 'data') {
			this.trainCount = reply.trainCount;
			this.testCount = reply.testCount;
			return;
		}
		const depth = reply.variants[0]?.config.depth ?? 0;
		// a study of nets replaced since (a depth change) is dropped
		if (depth !== this.#depth) return;
		if (reply.type === 'slice') this.slice = { ...reply, depth };
		else this.lesions = { ...reply, depth };
	}

	/** Fresh plain and residual nets of `depth` (paused, step 0), trained at `learningRate`. */
	configure(depth: number, learningRate: number): void {
		this.#depth = depth;
		this.lesions = null;
		this.slice = null;
		this.client.configure(
			WIRINGS.map((wiring) => ({ id: wiring, config: { depth, wiring } })),
			SEED,
			{ learningRate: clampLearningRate(learningRate), batchSize: RESIDUAL_RECIPE.batchSize }
		);
	}

	setLearningRate(learningRate: number): void {
		const lr = clampLearningRate(learningRate);
		if (lr !== this.client.view.learningRate) this.client.set({ learningRate: lr });
	}

	limit(steps: number): void {
		this.client.task({ type: 'limit', steps });
	}

	toggle(): void {
		const view = this.client.view;
		if (view.status === 'error') return;
		if (view.running) this.client.pause();
		else this.client.play();
	}

	dispose(): void {
		this.client.dispose();
	}
}
