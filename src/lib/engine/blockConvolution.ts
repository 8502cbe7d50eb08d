import * as tf from '@tensorflow/tfjs-core';
import type { AxisPadding, ConvGeometry } from './convArithmetic';
import type { ConvolutionPlan } from './convolution';
import { BLOCK_WIDTH as B } from './preparedImage';
import type { SeparableTerm } from './separableKernel';

/*
 * Why blocks. A 1-channel conv2d is XNNPACK's (TF.js WASM) worst case: its kernels compute 8
 * output channels at once, and a new filter means a new operator whose indirection buffer holds
 * a pointer per output pixel and kernel tap (32 M of them at 512², k = 11). Viewing each plane
 * [H, W] as [H, W/8, 8] (a free reshape) turns the problem into a conv with 8 channels in and
 * out over 8× fewer pixels: one output block of 8 columns reads a few input blocks, and the
 * block filter scatters the k horizontal taps over them. On a 512² image this measured 3× (k = 3)
 * to 10–18× (k = 11) faster than one conv2d with a [k, k, 3, C] filter.
 */

/** How output columns map onto input blocks. */
interface ColumnBlocks {
	/** output column x is column x + shift of the conv's output (the block grid is shifted so
	 * that taps straddle as few blocks as possible) */
	shift: number;
	/** input offset of tap 0 for output lane 0: columns.before + stride · shift */
	origin: number;
	/** block offset, relative to stride · outputBlock, of the leftmost block read (≤ 0) */
	first: number;
	/** filter width in blocks */
	span: number;
	padLeft: number;
	padRight: number;
}

/** Vertical taps: kernel row i sits at filter row rowOf(i) with conv dilation `dilation`. */
interface VerticalRows {
	height: number;
	dilation: number;
	rowOf: (i: number) => number;
}

const blockSpan = (g: ConvGeometry, origin: number) =>
	Math.floor((g.stride * (B - 1) + (g.kernelSize - 1) * g.dilation - origin) / B) -
	Math.floor(-origin / B) +
	1;

function columnBlocks(inBlocks: number, cols: AxisPadding, g: ConvGeometry): ColumnBlocks {
	let shift = 0;
	for (let s = 1; s < B; s++) {
		if (blockSpan(g, cols.before + g.stride * s) < blockSpan(g, cols.before + g.stride * shift)) {
			shift = s;
		}
	}
	const origin = cols.before + g.stride * shift;
	const first = Math.floor(-origin / B);
	const span = blockSpan(g, origin);
	const outBlocks = Math.ceil((cols.out + shift) / B);
	const padRight = Math.max(0, (outBlocks - 1) * g.stride + span - inBlocks + first);
	return { shift, origin, first, span, padLeft: -first, padRight };
}

/** TF.js refuses stride > 1 with dilation > 1; then the dilation goes into the filter as zero rows. */
function verticalRows({ kernelSize: k, stride, dilation }: ConvGeometry): VerticalRows {
	if (stride > 1 && dilation > 1) {
		return { height: dilation * (k - 1) + 1, dilation: 1, rowOf: (i) => i * dilation };
	}
	return { height: k, dilation, rowOf: (i) => i };
}

/**
 * Adds a row of k horizontal taps into a block filter [rows, span, inChannels, B] at flat offset
 * `base` (the start of a filter row), reading input lanes laneOffset … laneOffset + B − 1.
 */
function addHorizontalTaps(
	filter: Float32Array,
	base: number,
	taps: ArrayLike<number>,
	laneOffset: number,
	inChannels: number,
	blocks: ColumnBlocks,
	g: ConvGeometry
): void {
	for (let lane = 0; lane < B; lane++) {
		for (let j = 0; j < g.kernelSize; j++) {
			const position = g.stride * lane + j * g.dilation - blocks.origin;
			const block = Math.floor(position / B);
			const inLane = laneOffset + position - block * B;
			filter[base + ((block - blocks.first) * inChannels + inLane) * B + lane] += taps[j];
		}
	}
}

/** The whole k×k kernel as one block conv: [P, H, W/B, B] → [P, outH, blocks, B]. */
function directPass(
	x: tf.Tensor4D,
	kernel: Float32Array,
	g: ConvGeometry,
	rows: AxisPadding,
	blocks: ColumnBlocks
): tf.Tensor4D {
	const k = g.kernelSize;
	const vertical = verticalRows(g);
	const rowSize = blocks.span * B * B;
	const filter = new Float32Array(vertical.height * rowSize);
	for (let i = 0; i < k; i++) {
		const taps = kernel.subarray(i * k, i * k + k);
		addHorizontalTaps(filter, vertical.rowOf(i) * rowSize, taps, 0, B, blocks, g);
	}
	return tf.conv2d(
		x,
		tf.tensor4d(filter, [vertical.height, blocks.span, B, B]),
		[g.stride, g.stride],
		[
			[0, 0],
			[rows.before, rows.after],
			[blocks.padLeft, blocks.padRight],
			[0, 0]
		],
		'NHWC',
		[vertical.dilation, 1]
	);
}

/**
 * r separable terms as two block convs: a vertical pass giving r column-filtered copies
 * [P, outH, W/B, r·B], then one horizontal pass that filters and sums them.
 */
function separablePasses(
	x: tf.Tensor4D,
	terms: SeparableTerm[],
	g: ConvGeometry,
	rows: AxisPadding,
	blocks: ColumnBlocks
): tf.Tensor4D {
	const r = terms.length;
	const vertical = verticalRows(g);
	const columnFilter = new Float32Array(vertical.height * B * r * B);
	const rowFilter = new Float32Array(blocks.span * r * B * B);
	terms.forEach((term, t) => {
		for (let i = 0; i < g.kernelSize; i++) {
			for (let lane = 0; lane < B; lane++) {
				columnFilter[(vertical.rowOf(i) * B + lane) * r * B + t * B + lane] = term.vertical[i];
			}
		}
		addHorizontalTaps(rowFilter, 0, term.horizontal, t * B, r * B, blocks, g);
	});
	const columns = tf.conv2d(
		x,
		tf.tensor4d(columnFilter, [vertical.height, 1, B, r * B]),
		[g.stride, 1],
		[
			[0, 0],
			[rows.before, rows.after],
			[0, 0],
			[0, 0]
		],
		'NHWC',
		[vertical.dilation, 1]
	);
	return tf.conv2d(
		columns,
		tf.tensor4d(rowFilter, [1, blocks.span, r * B, B]),
		[1, g.stride],
		[
			[0, 0],
			[0, 0],
			[blocks.padLeft, blocks.padRight],
			[0, 0]
		]
	);
}

/**
 * Size of the direct pass's block filter on a block grid aligned with the padded input (what the
 * cost model prices; `columnBlocks` may shift the grid to narrow it by a block).
 * @returns rows: filter rows (k, or the dilated height when the dilation is baked into the
 * filter); span: filter width in blocks of BLOCK_WIDTH columns
 */
export function blockFilterSize(g: ConvGeometry): { rows: number; span: number } {
	return { rows: verticalRows(g).height, span: blockSpan(g, 0) };
}

/**
 * The block convolution of a batch of 1-channel planes, by the pass `plan` picked. The planes are
 * viewed as [P, H, paddedWidth / B, B] (a free reshape) and the result viewed back as planes.
 * All intermediates are left to the caller's `tf.tidy`.
 * @param planes [P, H, paddedWidth, 1], paddedWidth a multiple of BLOCK_WIDTH
 * @param kernel [k, k] row-major, length kernelSize² (read by the direct path)
 * @param plan from `convolutionPlan(kernel, g)`
 * @param rows vertical padding and output height, from `axisPadding`
 * @param cols horizontal padding and output width, from `axisPadding`
 * @returns maps [P, outH, ≥ outW + shift]: output column x is at x + shift
 */
export function convolvePlanes(
	planes: tf.Tensor4D,
	kernel: Float32Array,
	plan: ConvolutionPlan,
	g: ConvGeometry,
	rows: AxisPadding,
	cols: AxisPadding
): { maps: tf.Tensor3D; shift: number } {
	const [count, height, paddedWidth] = planes.shape;
	const x = tf.reshape(planes, [count, height, paddedWidth / B, B]) as tf.Tensor4D;
	const blocks = columnBlocks(paddedWidth / B, cols, g);
	const y =
		plan.path === 'separable'
			? separablePasses(x, plan.terms, g, rows, blocks)
			: directPass(x, kernel, g, rows, blocks);
	return { maps: tf.reshape(y, [count, rows.out, y.shape[2] * B]), shift: blocks.shift };
}
