/**
 * The Residual lab's declaration: its URL schema and what it measures.
 *
 *   /residual/?depth=20&lr=0.05&steps=2000&block=1
 *
 * `depth` counts weight layers (2n + 2 for n blocks: 8 → 3, 20 → 9, 56 → 27); `block` is the block
 * whose deletion the text quotes, kept within the depth's blocks.
 */
import { blockCount, RESIDUAL_DEPTHS } from '$lib/engine/residual/residualNetwork';
import { RESIDUAL_RECIPE } from '$lib/engine/residual/residualTraining';
import { defineLab } from '$lib/runtime/labDefinition';
import { intChoiceField, intField, numberField } from '$lib/state/fields';
import type { StateOf } from '$lib/state/urlSchema';
import { lesionPrediction } from './prediction';
import { residualCode } from './residualCode';

export const MAX_STEPS = 5000;

export function residualSchema() {
	return {
		/** weight layers of both nets */
		depth: intChoiceField(RESIDUAL_DEPTHS, 20),
		/** SGD's learning rate (momentum 0.9, weight decay 1e-4) */
		lr: numberField(0.001, 0.1, RESIDUAL_RECIPE.learningRate),
		/** training pauses on its own after this many steps */
		steps: intField(100, MAX_STEPS, 2000),
		/** the block whose lesion is quoted (1-based) */
		block: intField(1, blockCount(56), 1)
	};
}
export type ResidualState = StateOf<ReturnType<typeof residualSchema>>;

/** `block` beyond the depth's blocks is brought back to the last one. */
export function reconcileResidual(state: ResidualState, notices: string[]): ResidualState {
	const n = blockCount(state.depth);
	if (state.block <= n) return state;
	notices.push(`block ${state.block} does not exist at depth ${state.depth}: showing block ${n}`);
	return { ...state, block: n };
}

export const lab = defineLab('/residual/', {
	schema: residualSchema,
	reconcile: reconcileResidual,
	observables: {
		step: 'training steps taken by both nets',
		plainTrainAccuracy: 'plain net: training accuracy (mean of the last 50 batches)',
		residualTrainAccuracy: 'residual net: training accuracy (mean of the last 50 batches)',
		plainTestAccuracy: 'plain net: test accuracy, all 10,000 test images (at the last pause)',
		residualTestAccuracy: 'residual net: test accuracy, all 10,000 test images (at the last pause)',
		plainLesioned: 'plain net: test accuracy with the selected block deleted',
		residualLesioned: 'residual net: test accuracy with the selected block deleted'
	},
	predictions: [lesionPrediction],
	code: (s) => residualCode(s.depth, s.lr)
});
