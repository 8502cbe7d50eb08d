/**
 * What one effective receptive field costs before it is started, from the stack and the image
 * size: the multiply-adds of the forward pass and of the input gradient over the windows the
 * unit needs (erfWindows.ts), and the largest single convolution's working memory. A dilated
 * conv runs as a conv with a zero-stuffed kernel (TF.js has no gradient for dilation > 1), so it
 * costs its full span², not k²: that is what makes a stack of wide dilated convs expensive.
 */
import { INPUT, type Architecture } from './architectures/architecture';
import { effectiveKernelSize } from './convArithmetic';
import { erfWindows } from './erfWindows';

export interface ErfCost {
	/** multiply-adds, forward and backward */
	multiplyAdds: number;
	/** bytes of the largest conv's unrolled input (output pixels × kernel span² × channels × 4) */
	largestConvBytes: number;
	/** input pixels the unit depends on (the theoretical field clipped to the image) */
	fieldPixels: number;
}

/**
 * Multiply-adds per second the estimate assumes: a conservative round figure for TF.js WASM on
 * one core with few channels (not measured per device). It only sets the progress bar's pace
 * and the time limit below; fixed costs (starting the worker, per-layer overhead) are left out.
 */
export const MULTIPLY_ADDS_PER_SECOND = 1e9;
/** Above either limit the ERF is refused up front rather than left to run out of memory or time. */
export const ERF_LIMITS = { bytes: 512 * 2 ** 20, seconds: 120 } as const;

export function erfCost(
	arch: Architecture,
	height: number,
	width: number,
	target: number,
	uy: number,
	ux: number,
	channels: number
): ErfCost {
	const plan = erfWindows(arch, height, width, target, uy, ux);
	const channelCount: number[] = [];
	const inChannels = (j: number) => (j === INPUT ? arch.inputChannels : channelCount[j]);
	let multiplyAdds = 0;
	let largestConvBytes = 0;
	arch.nodes.slice(0, target + 1).forEach((node, i) => {
		const inC = inChannels(node.inputs[0]);
		const op = node.op;
		const outC = op.kind === 'conv' ? channels : inC;
		channelCount.push(outC);
		const w = plan.nodes[i];
		if (!w || op.kind === 'add') return;
		const pixels = (w.rows.hi - w.rows.lo + 1) * (w.cols.hi - w.cols.lo + 1);
		const span = effectiveKernelSize(op.kernel, op.dilation);
		if (op.kind === 'conv' || op.kind === 'dwconv') {
			// forward and input gradient: the same product twice
			multiplyAdds += 2 * pixels * span * span * inC * outC;
			largestConvBytes = Math.max(largestConvBytes, pixels * span * span * inC * 4);
		} else multiplyAdds += 2 * pixels * span * span * inC;
	});
	const rows = plan.input.rows;
	const cols = plan.input.cols;
	const fieldPixels = Math.max(0, rows.hi - rows.lo + 1) * Math.max(0, cols.hi - cols.lo + 1);
	return { multiplyAdds, largestConvBytes, fieldPixels };
}

/** Seconds the estimate expects. */
export const erfSeconds = (cost: ErfCost) => cost.multiplyAdds / MULTIPLY_ADDS_PER_SECOND;

/** Why this ERF is not computed, in words a learner can act on, or null if it fits the limits. */
export function erfRefusal(cost: ErfCost): string | null {
	const seconds = erfSeconds(cost);
	const gb = (bytes: number) => (bytes / 2 ** 30).toFixed(bytes < 2 ** 30 ? 2 : 0);
	if (cost.largestConvBytes > ERF_LIMITS.bytes)
		return (
			`its widest convolution would need about ${gb(cost.largestConvBytes)} GB of working memory ` +
			`(the limit is ${gb(ERF_LIMITS.bytes)} GB). Use a smaller working size, smaller dilations or fewer channels per conv.`
		);
	if (seconds > ERF_LIMITS.seconds)
		return (
			`it would take about ${Math.round(seconds / 60)} minutes (${(cost.multiplyAdds / 1e9).toFixed(0)} billion multiply-adds; ` +
			`the limit is ${ERF_LIMITS.seconds / 60} minutes). Use a smaller working size, smaller dilations or fewer channels per conv.`
		);
	return null;
}
