import * as tf from '@tensorflow/tfjs';
import { assertGeometry, axisPadding, type AxisPadding, type ConvGeometry } from './convArithmetic';
import { BLOCK_WIDTH as B, prepareImage, type PreparedImage } from './preparedImage';
import { separableTerms, type SeparableTerm } from './separableKernel';

export type ConvMode = 'gray' | 'rgb';

export interface FeatureMaps {
	/** row-major [height, width, channels] float32 */
	data: Float32Array;
	height: number;
	width: number;
	channels: number;
	/** gray: ['luma']; rgb: ['R', 'G', 'B', 'sum'] */
	channelNames: string[];
	/** min / max over all channels, for a shared colour range (both 0 for an empty map) */
	min: number;
	max: number;
}

const CHANNEL_NAMES: Record<ConvMode, readonly string[]> = {
	gray: ['luma'],
	rgb: ['R', 'G', 'B', 'sum']
};

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

/** Which of the two passes runs a kernel; exposed for tests and the curious. */
export interface ConvolutionPlan {
	path: 'separable' | 'direct';
	/** rank-1 terms the kernel splits into (its numerical rank) */
	terms: SeparableTerm[];
}

/**
 * Picks the cheaper path from a cost model fitted to WASM timings on a 512² image:
 * direct ≈ 0.16 ms × filter rows × span in blocks, separable ≈ 0.96 ms (the second pass) +
 * 0.14 ms × terms × (rows + span), with the span of a well-aligned block grid. Rank-1 kernels
 * (blur, Sobel, box) go separable from k = 7 (k = 5 with dilation ≥ 3), rank 2 at k = 11;
 * anything of higher rank stays direct.
 * @param kernel [k, k] row-major
 */
export function convolutionPlan(kernel: Float32Array, g: ConvGeometry): ConvolutionPlan {
	const terms = separableTerms(kernel, g.kernelSize);
	const rows = verticalRows(g).height;
	const span = blockSpan(g, 0);
	const direct = 0.16 * rows * span;
	const separable = 0.96 + 0.14 * terms.length * (rows + span);
	return { path: terms.length > 0 && separable < direct ? 'separable' : 'direct', terms };
}

/**
 * The block convolution of a batch of 1-channel planes.
 * @param planes [P, H, paddedWidth, 1], paddedWidth a multiple of BLOCK_WIDTH
 * @returns [P, outH, ≥ outW + shift]: output column x is at x + shift
 */
function convolvePlanes(
	planes: tf.Tensor4D,
	kernel: Float32Array,
	g: ConvGeometry,
	rows: AxisPadding,
	cols: AxisPadding
): { maps: tf.Tensor3D; shift: number } {
	const [count, height, paddedWidth] = planes.shape;
	const x = planes.reshape([count, height, paddedWidth / B, B]) as tf.Tensor4D;
	const blocks = columnBlocks(paddedWidth / B, cols, g);
	const plan = convolutionPlan(kernel, g);
	const y =
		plan.path === 'separable'
			? separablePasses(x, plan.terms, g, rows, blocks)
			: directPass(x, kernel, g, rows, blocks);
	return { maps: y.reshape([count, rows.out, y.shape[2] * B]), shift: blocks.shift };
}

/** Validates the arguments; a bare tensor is prepared here and `owned` by this call. */
function validInput(
	image: tf.Tensor3D | PreparedImage,
	kernel: Float32Array,
	g: ConvGeometry
): { image: PreparedImage; owned: boolean } {
	assertGeometry(g);
	const k = g.kernelSize;
	if (kernel.length !== k * k) {
		throw new RangeError(`kernel must have ${k}×${k} = ${k * k} weights, got ${kernel.length}`);
	}
	if (!(image instanceof tf.Tensor)) return { image, owned: false };
	return { image: prepareImage(image), owned: true };
}

/**
 * Cross-correlation of an image with one k×k kernel (no flip, like every DL framework).
 * - gray: on the luma of the image → [outH, outW, 1].
 * - rgb: the kernel on each channel separately → R, G, B maps, plus their sum as a 4th channel
 *   (what a conv layer's single output channel computes for a k×k×3 kernel whose 3 slices equal
 *   this kernel) → [outH, outW, 4].
 * Padding comes from `axisPadding`, so 'same', integer and 'valid' share one path and the same
 * numbers as the UI's window highlight. If the dilated kernel is wider than the padded input
 * the result is an empty map (outH or outW is 0) rather than an error, so a learner can drag
 * the sliders through that state.
 * All intermediates are tidied; the caller owns (and must dispose) the returned tensor.
 * @param image [H, W, 3] float32 in [0, 1], or the same from `prepareImage` (faster when the
 * image is convolved again and again)
 * @param kernel [k, k] row-major, length kernelSize²
 * @throws RangeError on a geometry outside the labs' ranges, a kernel of the wrong length or an
 * image that is not [H, W, 3].
 */
export function convolveTensor(
	image: tf.Tensor3D | PreparedImage,
	kernel: Float32Array,
	g: ConvGeometry,
	mode: ConvMode
): tf.Tensor3D {
	const input = validInput(image, kernel, g);
	try {
		const rows = axisPadding(input.image.height, g);
		const cols = axisPadding(input.image.width, g);
		if (rows.out === 0 || cols.out === 0) {
			return tf.zeros([rows.out, cols.out, CHANNEL_NAMES[mode].length]);
		}
		return tf.tidy(() => {
			const planes = mode === 'gray' ? input.image.luma() : input.image.rgbPlanes();
			const { maps, shift } = convolvePlanes(planes, kernel, g, rows, cols);
			const cropped =
				maps.shape[2] === cols.out ? maps : tf.slice(maps, [0, 0, shift], [-1, -1, cols.out]);
			if (mode === 'gray') return cropped.reshape([rows.out, cols.out, 1]);
			// [R, G, B] planes → [outH, outW, R G B] → R, G, B and their sum, by a 1×1 conv.
			const rgbAndSum = tf.tensor4d([1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1], [1, 1, 3, 4]);
			return tf.conv2d(tf.transpose(cropped, [1, 2, 0]) as tf.Tensor3D, rgbAndSum, 1, 'valid');
		});
	} finally {
		if (input.owned) input.image.dispose();
	}
}

/**
 * `convolveTensor`, read back asynchronously (`await data()`, never `dataSync`, so the UI thread
 * is not blocked) into plain arrays; leaves no tensor behind. RGB mode reads the three planes
 * back and interleaves them (and their sum) in the same loop that finds min / max, which is
 * cheaper than a transpose on the backend.
 * @param image [H, W, 3] float32 in [0, 1], or the same from `prepareImage`
 * @param kernel [k, k] row-major, length kernelSize²
 * @returns [outH, outW, C] row-major maps with their names and shared min / max.
 */
export async function convolve(
	image: tf.Tensor3D | PreparedImage,
	kernel: Float32Array,
	g: ConvGeometry,
	mode: ConvMode
): Promise<FeatureMaps> {
	const input = validInput(image, kernel, g);
	const channelNames = [...CHANNEL_NAMES[mode]];
	const channels = channelNames.length;
	const rows = axisPadding(input.image.height, g);
	const cols = axisPadding(input.image.width, g);
	let planar: { maps: tf.Tensor3D; shift: number } | null = null;
	try {
		if (rows.out > 0 && cols.out > 0) {
			const planes = mode === 'gray' ? input.image.luma() : input.image.rgbPlanes();
			planar = tf.tidy(() => convolvePlanes(planes, kernel, g, rows, cols));
		}
	} finally {
		if (input.owned) input.image.dispose();
	}
	const [height, width] = [rows.out, cols.out];
	if (!planar) {
		return { data: new Float32Array(0), height, width, channels, channelNames, min: 0, max: 0 };
	}
	let raw: Float32Array;
	try {
		raw = await planar.maps.data<'float32'>();
	} finally {
		planar.maps.dispose();
	}
	const { data, min, max } = readMaps(raw, height, width, planar.maps.shape[2], planar.shift, mode);
	return { data, height, width, channels, channelNames, min, max };
}

/**
 * [P, height, stride] planes, output column x at x + shift → row-major [height, width, C] and
 * its min / max, in one pass: gray is the one plane cropped (no copy when nothing is cropped),
 * rgb is R, G, B, R + G + B interleaved.
 */
function readMaps(
	raw: Float32Array,
	height: number,
	width: number,
	stride: number,
	shift: number,
	mode: ConvMode
): { data: Float32Array; min: number; max: number } {
	let min = Infinity;
	let max = -Infinity;
	if (mode === 'gray') {
		const data = stride === width ? raw : new Float32Array(height * width);
		for (let y = 0; y < height; y++) {
			const row = raw.subarray(y * stride + shift, y * stride + shift + width);
			for (let x = 0; x < width; x++) {
				const v = row[x];
				if (v < min) min = v;
				if (v > max) max = v;
			}
			if (data !== raw) data.set(row, y * width);
		}
		return { data, min, max };
	}
	const data = new Float32Array(height * width * 4);
	const plane = height * stride;
	for (let y = 0; y < height; y++) {
		let from = y * stride + shift;
		let to = y * width * 4;
		for (let x = 0; x < width; x++, from++, to += 4) {
			const r = raw[from];
			const g = raw[from + plane];
			const b = raw[from + 2 * plane];
			const sum = Math.fround(r + g + b);
			data[to] = r;
			data[to + 1] = g;
			data[to + 2] = b;
			data[to + 3] = sum;
			// Plain comparisons: several times faster than Math.min / Math.max over four values.
			if (r < min) min = r;
			if (r > max) max = r;
			if (g < min) min = g;
			if (g > max) max = g;
			if (b < min) min = b;
			if (b > max) max = b;
			if (sum < min) min = sum;
			if (sum > max) max = sum;
		}
	}
	return { data, min, max };
}
