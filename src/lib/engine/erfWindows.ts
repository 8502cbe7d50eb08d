/**
 * Which part of every layer one unit's gradient needs. A unit depends only on the input pixels
 * in its theoretical receptive field, and each layer below it only on the units in its cone, so
 * the effective receptive field can be computed on those windows alone and come out identical to
 * the computation on the whole image — a 61-pixel field of a 512-pixel image is ~70× less work.
 */
import { INPUT, type Architecture, type LayerOp } from './architectures/architecture';
import { axisPadding, effectiveKernelSize } from './convArithmetic';

/** Inclusive index range along one axis of a layer's full output. */
export interface Span {
	lo: number;
	hi: number;
}

/** One layer's window: which of its full output rows and columns are computed. */
export interface LayerWindow {
	rows: Span;
	cols: Span;
}

export interface ErfWindows {
	/** full output [height, width] of every node, as on the whole image */
	sizes: { height: number; width: number }[];
	/** the input pixels the unit depends on (its theoretical field clipped to the image) */
	input: LayerWindow;
	/** the window each node must compute, or null where the unit does not depend on it */
	nodes: (LayerWindow | null)[];
}

const union = (a: Span | null, b: Span): Span =>
	a ? { lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi) } : b;

/** The input rows one layer's output rows [lo, hi] read, before clipping: padding is negative. */
export function inputSpan(op: LayerOp, inputLength: number, out: Span): Span {
	const g = {
		kernelSize: op.kernel,
		stride: op.stride,
		padding: op.padding,
		dilation: op.dilation
	};
	const before = axisPadding(inputLength, g).before;
	const span = effectiveKernelSize(op.kernel, op.dilation);
	return { lo: out.lo * op.stride - before, hi: out.hi * op.stride - before + span - 1 };
}

/** Full output lengths of every node along one axis for an input of `length`. */
function axisSizes(arch: Architecture, length: number, upTo: number): number[] {
	const sizes: number[] = [];
	for (let i = 0; i <= upTo; i++) {
		const node = arch.nodes[i];
		const inLength = (j: number) => (j === INPUT ? length : sizes[j]);
		if (node.op.kind === 'add') sizes.push(Math.min(...node.inputs.map(inLength)));
		else {
			const op = node.op;
			const g = {
				kernelSize: op.kernel,
				stride: op.stride,
				padding: op.padding,
				dilation: op.dilation
			};
			sizes.push(axisPadding(inLength(node.inputs[0]), g).out);
		}
	}
	return sizes;
}

/** Windows along one axis for unit `u` of node `target`; index INPUT's window is returned apart. */
function axisWindows(
	arch: Architecture,
	length: number,
	sizes: number[],
	target: number,
	u: number
): { input: Span | null; nodes: (Span | null)[] } {
	const nodes: (Span | null)[] = sizes.map(() => null);
	let input: Span | null = null;
	nodes[target] = { lo: u, hi: u };
	const need = (j: number, span: Span) => {
		const n = j === INPUT ? length : sizes[j];
		const clipped = { lo: Math.max(0, span.lo), hi: Math.min(n - 1, span.hi) };
		if (clipped.lo > clipped.hi) return;
		if (j === INPUT) input = union(input, clipped);
		else nodes[j] = union(nodes[j], clipped);
	};
	for (let i = target; i >= 0; i--) {
		const out = nodes[i];
		if (!out) continue;
		const node = arch.nodes[i];
		if (node.op.kind === 'add') node.inputs.forEach((j) => need(j, out));
		else {
			const j = node.inputs[0];
			need(j, inputSpan(node.op, j === INPUT ? length : sizes[j], out));
		}
	}
	return { input, nodes };
}

/**
 * The windows unit (uy, ux) of node `target` needs on an image of [height, width].
 * @throws RangeError if the unit lies outside the node's output.
 */
export function erfWindows(
	arch: Architecture,
	height: number,
	width: number,
	target: number,
	uy: number,
	ux: number
): ErfWindows {
	if (target < 0 || target >= arch.nodes.length) throw new RangeError(`no node ${target}`);
	const hs = axisSizes(arch, height, target);
	const ws = axisSizes(arch, width, target);
	if (uy < 0 || ux < 0 || uy >= hs[target] || ux >= ws[target] || !Number.isInteger(uy + ux)) {
		throw new RangeError(
			`unit (${uy}, ${ux}) is outside ${arch.nodes[target].name} (${hs[target]}×${ws[target]})`
		);
	}
	const rows = axisWindows(arch, height, hs, target, uy);
	const cols = axisWindows(arch, width, ws, target, ux);
	const empty = { lo: 0, hi: -1 };
	return {
		sizes: hs.map((h, i) => ({ height: h, width: ws[i] })),
		input: { rows: rows.input ?? empty, cols: cols.input ?? empty },
		nodes: rows.nodes.map((r, i) => {
			const c = cols.nodes[i];
			return r && c ? { rows: r, cols: c } : null;
		})
	};
}
