/**
 * A graph level that is one conv step (conv + bias + activation), read from the graph's nodes by
 * graphConvStep, and its activation's arithmetic: no TF.js here, so a page's unit inspector (and
 * the selfie network's first picture) can use them without loading the gradient code.
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

export interface GraphNodeDef {
	name: string;
	op: string;
	input?: string[];
	attr?: Record<string, { s?: string; list?: { i?: string[] } } | undefined>;
}

const decode = (s: string | undefined) => (s ? atob(s) : '');
const base = (name: string) => name.replace(/^\^/, '').replace(/:\d+$/, '');

/**
 * Reads "conv (+ bias) (+ ReLU | hard-swish)" ending at node `level`, or null when the node is
 * something else (a depthwise block, an add, a resize…). `scalar` reads a constant's value.
 */
export function graphConvStep(
	nodes: readonly GraphNodeDef[],
	level: string,
	filterShape: (weight: string) => number[] | undefined,
	scalar: (name: string) => number | undefined
): GraphConvStep | null {
	const byName = new Map(nodes.map((n) => [n.name, n]));
	const node = (name: string | undefined) => (name ? byName.get(base(name)) : undefined);
	const isConst = (name: string | undefined) => node(name)?.op === 'Const';
	const top = node(level);
	if (!top) return null;
	let activation: StepActivation = { kind: 'linear' };
	let inner: GraphNodeDef | undefined = top;
	if (top.op === 'Relu') {
		activation = { kind: 'relu' };
		inner = node(top.input?.[0]);
	} else if (top.op === 'Mul' && top.input?.length === 2) {
		// hard-swish: Mul(Mul(scale, A), Relu6(AddV2(A, offset)))
		const [p, q] = top.input.map(node);
		const scaled = p?.op === 'Mul' ? p : q;
		const relu6 = p?.op === 'Relu6' ? p : q;
		if (scaled?.op !== 'Mul' || relu6?.op !== 'Relu6') return null;
		const scaleName = scaled.input?.find(isConst);
		const a = scaled.input?.find((i) => !isConst(i));
		const shifted = node(relu6.input?.[0]);
		if (!scaleName || !a || !shifted || !['Add', 'AddV2'].includes(shifted.op)) return null;
		if (!shifted.input?.some((i) => base(i) === base(a))) return null;
		const offsetName = shifted.input.find(isConst);
		const scale = scalar(base(scaleName));
		const offset = offsetName ? scalar(base(offsetName)) : undefined;
		if (scale === undefined || offset === undefined) return null;
		activation = { kind: 'hard-swish', scale, offset };
		inner = node(a);
	}
	if (!inner) return null;
	let bias: string | null = null;
	let conv: GraphNodeDef | undefined = inner;
	if (['Add', 'AddV2', 'BiasAdd'].includes(inner.op)) {
		const b = inner.input?.find(isConst);
		conv = node(inner.input?.find((i) => !isConst(i)));
		if (!b) return null;
		bias = base(b);
	}
	if (!conv || conv.op !== 'Conv2D') return null;
	const [input, filter] = conv.input ?? [];
	if (!input || !filter || !isConst(filter)) return null;
	const shape = filterShape(base(filter));
	const strides = conv.attr?.strides?.list?.i?.map(Number) ?? [1, 1, 1, 1];
	const dilations = conv.attr?.dilations?.list?.i?.map(Number) ?? [1, 1, 1, 1];
	const padding = decode(conv.attr?.padding?.s);
	if (!shape || shape[0] !== shape[1] || strides[1] !== strides[2]) return null;
	if (dilations.some((d) => d !== 1) || (padding !== 'SAME' && padding !== 'VALID')) return null;
	return {
		conv: conv.name,
		filter: base(filter),
		bias,
		input: base(input),
		kernel: shape[0],
		stride: strides[1],
		padding: padding === 'SAME' ? 'same' : 'valid',
		activation
	};
}
