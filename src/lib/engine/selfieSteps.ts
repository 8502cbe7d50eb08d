/**
 * A graph level that is one conv step (conv + bias + activation), as selfieUnits.graphConvStep
 * reads it, and its activation's arithmetic: no TF.js here, so a page's unit inspector can use
 * them without loading the gradient code.
 */

export type StepActivation =
	| { kind: 'linear' }
	| { kind: 'relu' }
	/** scale · x · ReLU6(x + offset): hard-swish, with the graph's constants (scale ≈ ⅙, offset 3) */
	| { kind: 'hard-swish'; scale: number; offset: number };

export interface GraphConvStep {
	conv: string;
	/** weight names: filter [k, k, inC, outC] and bias [outC] (or null) */
	filter: string;
	bias: string | null;
	/** the node the conv reads: the network's input or another node */
	input: string;
	kernel: number;
	stride: number;
	padding: 'same' | 'valid';
	activation: StepActivation;
}

/** The step's activation applied to a pre-activation value, as the graph computes it. */
export function applyStepActivation(activation: StepActivation, x: number): number {
	switch (activation.kind) {
		case 'linear':
			return x;
		case 'relu':
			return Math.max(0, x);
		case 'hard-swish':
			return activation.scale * x * Math.min(6, Math.max(0, x + activation.offset));
	}
}
