/**
 * A CNN as the receptive-field lab sees it: a directed acyclic graph of layers over the input
 * image. A plain stack is a chain; ResNet's shortcuts make real graphs, whose receptive field
 * is the union over every path, so the graph is kept rather than flattened.
 */
import type { Padding } from '../convArithmetic';

/** A convolution (full, or depthwise with channel multiplier 1) or a pooling window. */
export interface LayerOp {
	kind: 'conv' | 'dwconv' | 'maxpool' | 'avgpool';
	/** kernel side k (square kernels only) */
	kernel: number;
	stride: number;
	dilation: number;
	padding: Padding;
	/** output channels; a depthwise conv or a pool keeps its input's channel count */
	channels: number;
	/** a ReLU after the layer (what the real network does; the ERF can switch it off) */
	relu: boolean;
}

/** Element-wise sum of its inputs (a residual join), optionally followed by a ReLU. */
export interface AddOp {
	kind: 'add';
	relu: boolean;
}

export interface ArchNode {
	/** scope-style name: 'conv1', 'block1/unit_1/bottleneck_v1/conv2' */
	name: string;
	op: LayerOp | AddOp;
	/** indices of earlier nodes; -1 is the input image */
	inputs: number[];
}

export interface Architecture {
	id: string;
	title: string;
	/** channels of the image fed in (3: RGB) */
	inputChannels: number;
	/** nodes in topological order: every input index is smaller than the node's own */
	nodes: ArchNode[];
	/** where the definition comes from, shown beside the table */
	source?: string;
}

export const INPUT = -1;

/** A layer with the defaults a person would assume: stride 1, dilation 1, 'same', ReLU. */
export function layer(
	kind: LayerOp['kind'],
	kernel: number,
	options: Partial<Omit<LayerOp, 'kind' | 'kernel'>> = {}
): LayerOp {
	const pool = kind === 'maxpool' || kind === 'avgpool';
	return {
		kind,
		kernel,
		stride: options.stride ?? 1,
		dilation: options.dilation ?? 1,
		padding: options.padding ?? (pool ? 'valid' : 'same'),
		channels: options.channels ?? 0,
		relu: options.relu ?? !pool
	};
}

/** A chain: each layer reads the one before it, the first reads the image. */
export function chain(
	id: string,
	title: string,
	layers: { name: string; op: LayerOp }[],
	source?: string
): Architecture {
	return {
		id,
		title,
		inputChannels: 3,
		nodes: layers.map((entry, i) => ({ name: entry.name, op: entry.op, inputs: [i - 1] })),
		source
	};
}

/** True when every node reads exactly the node before it: the builder can edit it as a list. */
export function isChain(arch: Architecture): boolean {
	return arch.nodes.every((node, i) => node.inputs.length === 1 && node.inputs[0] === i - 1);
}

/**
 * Throws a RangeError unless the graph is well formed: inputs point backwards, a layer has one
 * input, an add has at least two, kernels/strides/dilations are positive integers.
 */
export function assertArchitecture(arch: Architecture): void {
	arch.nodes.forEach((node, i) => {
		if (node.inputs.some((j) => !Number.isInteger(j) || j < INPUT || j >= i)) {
			throw new RangeError(`${node.name}: inputs must be earlier nodes, got [${node.inputs}]`);
		}
		if (node.op.kind === 'add') {
			if (node.inputs.length < 2) throw new RangeError(`${node.name}: an add needs two inputs`);
			return;
		}
		if (node.inputs.length !== 1) throw new RangeError(`${node.name}: a layer has one input`);
		for (const key of ['kernel', 'stride', 'dilation'] as const) {
			const value = node.op[key];
			if (!Number.isInteger(value) || value < 1)
				throw new RangeError(`${node.name}: ${key} must be a positive integer, got ${value}`);
		}
	});
}
