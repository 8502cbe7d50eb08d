import * as tf from '@tensorflow/tfjs-core';
import { blurPool } from './blurPool';
import { convBankBatch, sameGeometry } from './convBank';
import { FC_SIDE, fcInput, fullyConnected } from './fullyConnected';
import { LUMA_WEIGHTS } from './luma';
import { pearson } from './pearson';
import { poolBatch } from './pooling';
import { shiftPixels, type ShiftFill } from './shift';

/*
 * How similar is a representation of the shifted image to that of the original? One number
 * per representation and shift: the Pearson correlation over all its values (pearson.ts).
 * The representations are the stages of a small CNN-like pipeline, plus a fully connected
 * layer for contrast. The layers run on the backend; shifting (and shifting back) and the
 * correlations run on plain arrays, where a shift is a few row copies (see shiftPixels).
 */

/** Columns of the curve, in the order of the lab's CSV export (after `shift`). */
export const SIMILARITY_COLUMNS = [
	'pixels',
	'conv_aligned',
	'conv',
	'maxpool',
	'global_maxpool',
	'fc',
	'blurpool'
] as const;
export type SimilarityName = (typeof SIMILARITY_COLUMNS)[number];
export type SimilarityRow = { shift: number; dx: number; dy: number } & Record<
	SimilarityName,
	number
>;

/** The fixed layers the experiment runs the image through. */
export interface InvarianceLayers {
	/** the conv bank (convBank.ts): N kernels k×k, stride 1, 'same' zero padding */
	kernels: readonly Float32Array[];
	kernelSize: number;
	relu: boolean;
	/** [FC_SIDE², units]: the fully connected layer, which reads the luma */
	fcWeights: tf.Tensor2D;
}

/** An image as the bank reads it: [height, width, channels] row-major, channels 1 or 3. */
export interface PlainImage {
	data: Float32Array;
	height: number;
	width: number;
	channels: number;
}

/** One step of the curve: `shift` px along the direction, as whole-pixel (dx, dy). */
export interface ShiftStep {
	shift: number;
	dx: number;
	dy: number;
}

/** Rounds half away from zero, so a shift and its mirror image are treated alike. */
function roundSymmetric(value: number): number {
	return Math.sign(value) * Math.round(Math.abs(value));
}

/**
 * The shifts of the curve: 0 … maxShift px along the direction of (dx, dy), measured on the
 * longer axis (so a diagonal step of s moves s px in x and s px in y); horizontal when
 * dx = dy = 0. The current (dx, dy) itself is the step at max(|dx|, |dy|) when that is ≤ maxShift.
 */
export function shiftSteps(dx: number, dy: number, maxShift: number): ShiftStep[] {
	const longest = Math.max(Math.abs(dx), Math.abs(dy));
	const [ux, uy] = longest === 0 ? [1, 0] : [dx / longest, dy / longest];
	return Array.from({ length: maxShift + 1 }, (_, shift) => ({
		shift,
		dx: roundSymmetric(shift * ux) + 0,
		dy: roundSymmetric(shift * uy) + 0
	}));
}

/**
 * Whole pooled cells (of `stride` px) that best undo a shift of `d` px: −round(d / stride),
 * half away from zero. Exact only when d is a multiple of the stride — the aliasing the lab shows.
 */
export function pooledShiftBack(d: number, stride = 2): number {
	return -roundSymmetric(d / stride) + 0;
}

/**
 * What the fully connected layer reads for each image of a batch: its luma (the image itself
 * if gray) resampled to FC_SIDE² and standardized, see fcInput.
 * @param images [B, H, W, 1 or 3] row-major
 * @returns [B, FC_SIDE²]
 */
export function fcInputs(
	images: Float32Array,
	[items, height, width, channels]: [number, number, number, number]
): Float32Array {
	const out = new Float32Array(items * FC_SIDE * FC_SIDE);
	const luma = channels === 1 ? null : new Float32Array(height * width);
	const size = height * width * channels;
	const [r, g, b] = LUMA_WEIGHTS;
	for (let i = 0; i < items; i++) {
		const image = images.subarray(i * size, (i + 1) * size);
		if (luma)
			for (let p = 0; p < luma.length; p++)
				luma[p] = r * image[3 * p] + g * image[3 * p + 1] + b * image[3 * p + 2];
		fcInput(
			luma ?? image,
			height,
			width,
			FC_SIDE,
			out.subarray(i * FC_SIDE * FC_SIDE, (i + 1) * FC_SIDE * FC_SIDE)
		);
	}
	return out;
}

/** A [B, h, w, c] stack read back: item b is data[b·h·w·c … (b+1)·h·w·c). */
interface Stack {
	data: Float32Array;
	height: number;
	width: number;
	channels: number;
}

interface Representations {
	conv: Stack;
	maxpool: Stack;
	blurpool: Stack;
	globalMax: Stack;
	fc: Stack;
}

/** Runs the layers on a batch of images and reads every representation back; no tensor left. */
async function represent(
	images: Float32Array,
	shape: [number, number, number, number],
	layers: InvarianceLayers
): Promise<Representations> {
	const fcIn = fcInputs(images, shape);
	const outputs = tf.tidy(() => {
		const x = tf.tensor4d(images, shape);
		const conv = convBankBatch(x, layers.kernels, sameGeometry(layers.kernelSize), layers.relu);
		return [
			conv,
			poolBatch(conv, { mode: 'max', size: 2, stride: 2 }),
			blurPool(conv),
			poolBatch(conv, { mode: 'gmax', size: 2, stride: 2 }),
			tf.reshape(
				fullyConnected(tf.tensor2d(fcIn, [shape[0], FC_SIDE * FC_SIDE]), layers.fcWeights),
				[shape[0], 1, 1, -1]
			)
		] as tf.Tensor4D[];
	});
	try {
		const data = (await Promise.all(outputs.map((t) => t.data()))) as Float32Array[];
		const stacks = outputs.map((t, i) => ({
			data: data[i],
			height: t.shape[1],
			width: t.shape[2],
			channels: t.shape[3]
		}));
		return {
			conv: stacks[0],
			maxpool: stacks[1],
			blurpool: stacks[2],
			globalMax: stacks[3],
			fc: stacks[4]
		};
	} finally {
		tf.dispose(outputs);
	}
}

function item(stack: Stack, b: number): Float32Array {
	const size = stack.height * stack.width * stack.channels;
	return stack.data.subarray(b * size, (b + 1) * size);
}

/** The original image's representations, as plain arrays. */
export interface ShiftReference {
	image: PlainImage;
	conv: Stack;
	maxpool: Stack;
	blurpool: Stack;
	globalMax: Stack;
	fc: Stack;
}

/** Computes the original's representations once per image and bank; leaves no tensor. */
export async function shiftReference(
	image: PlainImage,
	layers: InvarianceLayers
): Promise<ShiftReference> {
	const { data, height, width, channels } = image;
	if (data.length !== height * width * channels || (channels !== 1 && channels !== 3)) {
		throw new RangeError(`image must be [H, W, 1 or 3], got ${data.length} values`);
	}
	const reps = await represent(data, [1, height, width, channels], layers);
	return { image, ...reps };
}

/** Index pairs along one axis: position ref[i] of the original's map against shifted[i] of the shifted image's. */
export interface AxisPairs {
	ref: Int32Array;
	shifted: Int32Array;
}

/** How a map's cell i reads the conv map along one axis: the conv positions [first, last] it depends on. */
export type CellSpan = (i: number, convLength: number) => [number, number];

/** A conv map's own positions. */
export const convSpan: CellSpan = (i) => [i, i];
/** 2×2 stride-2 'valid' max-pool: cell i reads conv positions 2i and 2i + 1. */
export const maxPoolSpan: CellSpan = (i) => [2 * i, 2 * i + 1];
/**
 * Max-blur-pool (blurPool.ts): the 3×3 blur at stride 2 ('same', padding `before` on the low
 * side) of the dense 2×2 max, which reads m and m + 1: conv positions 2i − before … 2i − before + 3.
 */
export const blurPoolSpan: CellSpan = (i, convLength) => {
	const cells = Math.ceil(convLength / 2);
	const before = Math.floor(Math.max((cells - 1) * 2 + 3 - convLength, 0) / 2);
	return [2 * i - before, 2 * i - before + 3];
};

/**
 * The interior along one axis, for comparing the original's map with the shifted image's map
 * moved by `offset` cells (cell i of the original against cell i + offset of the shifted one,
 * modulo the length with wrap, dropped when outside without). A pair is kept only where both
 * values come from real pixels: every conv position they read has its kernel window inside the
 * frame (no 'same' zero padding) and, in the shifted image, reads pixels that came from inside
 * the original in one piece (not the zeros that moved in, not across the wrap-around seam).
 * That is the "away from the borders" where equivariance is exact.
 * @param cells the map's length along the axis (conv length for conv maps)
 * @param convLength the conv map's (= image's) length along the axis
 * @param shift the image shift along the axis, px
 * @param kernelSize the conv kernel's side (TensorFlow 'same': floor((k−1)/2) before, the rest after)
 */
export function interiorPairs(
	cells: number,
	convLength: number,
	span: CellSpan,
	offset: number,
	shift: number,
	fill: ShiftFill,
	kernelSize: number
): AxisPairs {
	const before = Math.floor((kernelSize - 1) / 2);
	const after = kernelSize - 1 - before;
	const inside = (q: number) => q - before >= 0 && q + after < convLength;
	const wrap = (v: number, n: number) => ((v % n) + n) % n;
	// A conv position of the shifted image: inside the frame, and reading the original in one piece.
	const realShifted = (q: number) => {
		if (!inside(q)) return false;
		const source = fill === 'wrap' ? wrap(q - shift, convLength) : q - shift;
		return inside(source);
	};
	const cellOk = (i: number, ok: (q: number) => boolean) => {
		const [first, last] = span(i, convLength);
		for (let q = first; q <= last; q++) if (!ok(q)) return false;
		return true;
	};
	const ref: number[] = [];
	const shifted: number[] = [];
	for (let i = 0; i < cells; i++) {
		let j = i + offset;
		if (fill === 'wrap') j = wrap(j, cells);
		else if (j < 0 || j >= cells) continue;
		if (cellOk(i, inside) && cellOk(j, realShifted)) {
			ref.push(i);
			shifted.push(j);
		}
	}
	return { ref: Int32Array.from(ref), shifted: Int32Array.from(shifted) };
}

/** Runs of pairs where both indices step by 1: [ref start, shifted start, length]. */
function runsOf(pairs: AxisPairs): [number, number, number][] {
	const runs: [number, number, number][] = [];
	for (let i = 0; i < pairs.ref.length; i++) {
		const last = runs[runs.length - 1];
		if (last && pairs.ref[i] === last[0] + last[2] && pairs.shifted[i] === last[1] + last[2])
			last[2]++;
		else runs.push([pairs.ref[i], pairs.shifted[i], 1]);
	}
	return runs;
}

/**
 * Pearson correlation of the shifted image's map against the original's over the interior pairs
 * (rows × columns × every channel); NaN when no pair is left (a shift as large as the image).
 * Copies the pairs' values row by row in runs (block copies: this runs over millions of values
 * per curve), then correlates them.
 */
function interiorPearson(
	values: Float32Array,
	reference: Stack,
	rows: AxisPairs,
	columns: AxisPairs,
	scratch: [Float32Array, Float32Array]
): number {
	const { width, channels } = reference;
	const count = rows.ref.length * columns.ref.length * channels;
	if (count === 0) return NaN;
	const a = scratch[0].subarray(0, count);
	const b = scratch[1].subarray(0, count);
	const runs = runsOf(columns);
	let k = 0;
	for (let y = 0; y < rows.ref.length; y++) {
		const rowA = rows.shifted[y] * width;
		const rowB = rows.ref[y] * width;
		for (const [refX, shiftedX, length] of runs) {
			const n = length * channels;
			const atA = (rowA + shiftedX) * channels;
			const atB = (rowB + refX) * channels;
			a.set(values.subarray(atA, atA + n), k);
			b.set(reference.data.subarray(atB, atB + n), k);
			k += n;
		}
	}
	return pearson(a, b);
}

/**
 * The seven similarities for a few shifts at once (one batch through the layers):
 * - pixels: the shifted image itself;
 * - conv: the conv maps of the shifted image, as they are (same positions);
 * - conv_aligned: the same maps shifted back by (−dx, −dy) — equal to the original's, since
 *   convolution is translation-equivariant;
 * - maxpool / blurpool: 2×2 stride-2 max-pool (plain, or max-blur-pool) of the conv maps,
 *   shifted back by the nearest whole pooled cell (`pooledShiftBack`);
 * - global_maxpool: the max of each conv map over all positions (N numbers);
 * - fc: the outputs of the fully connected layer on the standardized 64×64 luma.
 * The four map comparisons are scored on the interior (`interiorPairs`): values that read the
 * 'same' zero padding, the strip that moved in or the wrap-around seam are left out, so what is
 * measured is the layer, not its border. NaN where no interior is left.
 * With an RGB bank, `pixels` compares all three channels and the fc layer reads their luma.
 * Leaves no tensor behind.
 */
export async function similarityRows(
	reference: ShiftReference,
	layers: InvarianceLayers,
	steps: ShiftStep[],
	fill: ShiftFill
): Promise<SimilarityRow[]> {
	if (steps.length === 0) return [];
	const { data, height, width, channels } = reference.image;
	const size = data.length;
	const batch = new Float32Array(steps.length * size);
	steps.forEach((s, b) =>
		shiftPixels(
			data,
			height,
			width,
			channels,
			s.dx,
			s.dy,
			fill,
			batch.subarray(b * size, (b + 1) * size)
		)
	);
	const reps = await represent(batch, [steps.length, height, width, channels], layers);
	const scratch: [Float32Array, Float32Array] = [
		new Float32Array(reference.conv.data.length),
		new Float32Array(reference.conv.data.length)
	];
	const k = layers.kernelSize;
	/** Interior pairs of a map of `stack`'s shape, cell i against cell i + (offsetY, offsetX). */
	const pairs = (stack: Stack, span: CellSpan, s: ShiftStep, offsetY: number, offsetX: number) => ({
		rows: interiorPairs(stack.height, height, span, offsetY, s.dy, fill, k),
		columns: interiorPairs(stack.width, width, span, offsetX, s.dx, fill, k)
	});
	const scored = (
		values: Float32Array,
		stack: Stack,
		at: { rows: AxisPairs; columns: AxisPairs }
	) => interiorPearson(values, stack, at.rows, at.columns, scratch);
	return steps.map((s, b) => {
		const cellsX = -pooledShiftBack(s.dx);
		const cellsY = -pooledShiftBack(s.dy);
		const conv = item(reps.conv, b);
		const columns: Record<SimilarityName, number> = {
			pixels: pearson(batch.subarray(b * size, (b + 1) * size), data),
			conv_aligned: scored(conv, reference.conv, pairs(reference.conv, convSpan, s, s.dy, s.dx)),
			// as is: the same positions, inside the padded border of both
			conv: scored(
				conv,
				reference.conv,
				pairs(reference.conv, convSpan, { shift: 0, dx: 0, dy: 0 }, 0, 0)
			),
			maxpool: scored(
				item(reps.maxpool, b),
				reference.maxpool,
				pairs(reference.maxpool, maxPoolSpan, s, cellsY, cellsX)
			),
			global_maxpool: pearson(item(reps.globalMax, b), reference.globalMax.data),
			fc: pearson(item(reps.fc, b), reference.fc.data),
			blurpool: scored(
				item(reps.blurpool, b),
				reference.blurpool,
				pairs(reference.blurpool, blurPoolSpan, s, cellsY, cellsX)
			)
		};
		return { shift: s.shift, dx: s.dx, dy: s.dy, ...columns };
	});
}

/**
 * How many shifts to batch so one chunk touches about `budget` values of conv maps: big
 * enough to amortize a call, small enough to keep memory and the UI's pauses short.
 */
export function chunkSize(
	height: number,
	width: number,
	channels: number,
	budget = 4_000_000
): number {
	return Math.max(1, Math.min(8, Math.floor(budget / Math.max(1, height * width * channels))));
}
