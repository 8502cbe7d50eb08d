/**
 * Theoretical receptive field of every layer of an architecture, one axis at a time, with the
 * recurrences of Araujo, Norris & Sim (Distill, 2019):
 *   r_l = r_{l−1} + (k_l − 1)·d_l·j_{l−1},  j_l = j_{l−1}·s_l,
 *   start_l = start_{l−1} + ((k_l − 1)·d_l / 2 − p_l)·j_{l−1}.
 * Rather than r and start alone, each node keeps the interval [lo, hi] of input pixels that its
 * unit 0 reaches (pixel i has its centre at i; padding lies at negative indices or ≥ n). Unit u
 * then covers [lo + u·j, hi + u·j]: r = hi − lo + 1 and start = (lo + hi) / 2. Intervals make a
 * branching graph exact: a join's field is the hull of its inputs' fields, which the longest
 * path sets. TensorFlow's 'same' padding depends on the input length, so padding (and hence
 * start) can differ between the height and width axes of a non-square image.
 */
import { axisPadding } from './convArithmetic';
import {
	assertArchitecture,
	INPUT,
	type Architecture,
	type LayerOp
} from './architectures/architecture';

/** One node along one axis. */
export interface AxisField {
	/** output length along this axis */
	size: number;
	/** jump: input pixels between neighbouring units (effective stride) */
	jump: number;
	/** receptive field size in input pixels, padding included */
	rf: number;
	/** centre of unit 0's field, in input pixel coordinates */
	start: number;
	/** unit 0's field is input pixels [lo, hi] (may reach into the padding) */
	lo: number;
	hi: number;
	/** zero padding applied before the input along this axis (0 for a join) */
	padBefore: number;
}

export interface FieldRow {
	index: number;
	name: string;
	op: Architecture['nodes'][number]['op'];
	inputs: number[];
	/** along the height (y) and width (x) axes */
	y: AxisField;
	x: AxisField;
	inChannels: number;
	channels: number;
	/** weights (biases and batch-norm parameters are not counted, as in TF-Slim's own tables) */
	params: number;
	/** multiply-adds for the current input size: output positions × weights per position */
	macs: number;
}

export interface ReceptiveFieldTable {
	input: { y: AxisField; x: AxisField; channels: number };
	rows: FieldRow[];
}

/** The input image itself: every pixel is its own field of size 1. */
function inputAxis(size: number): AxisField {
	return { size, jump: 1, rf: 1, start: 0, lo: 0, hi: 0, padBefore: 0 };
}

function layerAxis(from: AxisField, op: LayerOp): AxisField {
	const { before, out } = axisPadding(from.size, {
		kernelSize: op.kernel,
		stride: op.stride,
		padding: op.padding,
		dilation: op.dilation
	});
	const span = (op.kernel - 1) * op.dilation;
	const lo = from.lo - before * from.jump;
	const hi = from.hi + (span - before) * from.jump;
	return {
		size: out,
		jump: from.jump * op.stride,
		rf: hi - lo + 1,
		start: (lo + hi) / 2,
		lo,
		hi,
		padBefore: before
	};
}

function joinAxis(name: string, axis: string, inputs: AxisField[]): AxisField {
	const [first] = inputs;
	for (const other of inputs) {
		if (other.size !== first.size || other.jump !== first.jump) {
			throw new RangeError(
				`${name}: inputs disagree along ${axis} (size ${first.size} vs ${other.size}, jump ${first.jump} vs ${other.jump})`
			);
		}
	}
	const lo = Math.min(...inputs.map((a) => a.lo));
	const hi = Math.max(...inputs.map((a) => a.hi));
	return {
		size: first.size,
		jump: first.jump,
		rf: hi - lo + 1,
		start: (lo + hi) / 2,
		lo,
		hi,
		padBefore: 0
	};
}

/**
 * Output size, receptive field, jump, start, parameters and multiply-adds of every node for an
 * input of [height, width, arch.inputChannels].
 * @throws RangeError if the graph is malformed or a join's inputs have different sizes.
 */
export function receptiveField(
	arch: Architecture,
	height: number,
	width: number
): ReceptiveFieldTable {
	assertArchitecture(arch);
	const input = { y: inputAxis(height), x: inputAxis(width), channels: arch.inputChannels };
	const rows: FieldRow[] = [];
	const at = (i: number) => (i === INPUT ? input : rows[i]);
	arch.nodes.forEach((node, index) => {
		const sources = node.inputs.map(at);
		const inChannels = sources[0].channels;
		if (node.op.kind === 'add') {
			const mismatch = sources.find((s) => s.channels !== inChannels);
			if (mismatch)
				throw new RangeError(
					`${node.name}: inputs have ${inChannels} and ${mismatch.channels} channels`
				);
			rows.push({
				index,
				name: node.name,
				op: node.op,
				inputs: node.inputs,
				y: joinAxis(
					node.name,
					'height',
					sources.map((s) => s.y)
				),
				x: joinAxis(
					node.name,
					'width',
					sources.map((s) => s.x)
				),
				inChannels,
				channels: inChannels,
				params: 0,
				macs: 0
			});
			return;
		}
		const op = node.op;
		const y = layerAxis(sources[0].y, op);
		const x = layerAxis(sources[0].x, op);
		const channels = op.kind === 'conv' ? op.channels : inChannels;
		const params =
			op.kind === 'conv'
				? op.kernel * op.kernel * inChannels * channels
				: op.kind === 'dwconv'
					? op.kernel * op.kernel * inChannels
					: 0;
		rows.push({
			index,
			name: node.name,
			op,
			inputs: node.inputs,
			y,
			x,
			inChannels,
			channels,
			params,
			macs: params * y.size * x.size
		});
	});
	return { input, rows };
}

/** Input pixels [lo, hi] (unclipped) that unit u of a node reaches along one axis. */
export function unitSpan(axis: AxisField, u: number): [number, number] {
	return [axis.lo + u * axis.jump, axis.hi + u * axis.jump];
}

/** Centre of unit u in input pixel coordinates. */
export function unitCentre(axis: AxisField, u: number): number {
	return axis.start + u * axis.jump;
}

/** Totals for the cost chart: weights, multiply-adds, ReLUs and max-pools (the non-linearities). */
export function architectureCost(table: ReceptiveFieldTable): {
	params: number;
	macs: number;
	relus: number;
	maxPools: number;
} {
	let params = 0;
	let macs = 0;
	let relus = 0;
	let maxPools = 0;
	for (const row of table.rows) {
		params += row.params;
		macs += row.macs;
		if (row.op.relu) relus += 1;
		if (row.op.kind === 'maxpool') maxPools += 1;
	}
	return { params, macs, relus, maxPools };
}
