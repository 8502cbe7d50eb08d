import * as tf from '@tensorflow/tfjs-core';
import { blurPool, maxPool2x2 } from './blurPool';
import { convBankBatch, sameGeometry } from './convBank';
import { fcInput, fullyConnected } from './fullyConnected';
import { LUMA_WEIGHTS } from './luma';
import { pearsonTensor } from './pearson';
import { shiftTensor, type ShiftFill } from './shift';

/*
 * How similar is a representation of the shifted image to that of the original? One number
 * per representation and shift: the Pearson correlation over all its values (pearson.ts).
 * The representations are the stages of a small CNN-like pipeline on the luma, plus a fully
 * connected layer for contrast.
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

/** [B, H, W, 1 or 3] → [B, H, W, 1]: the image itself if gray, its luma if RGB. */
export function lumaOfBatch(images: tf.Tensor4D): tf.Tensor4D {
	if (images.shape[3] === 1) return images;
	return tf.sum(tf.mul(images, tf.tensor1d([...LUMA_WEIGHTS])), -1, true);
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

interface Representations {
	pixels: tf.Tensor4D;
	conv: tf.Tensor4D;
	maxpool: tf.Tensor4D;
	blurpool: tf.Tensor4D;
	globalMax: tf.Tensor2D;
	fc: tf.Tensor2D;
}

/** Every representation of a batch of images [B, H, W, 1 or 3]. Call inside tf.tidy. */
function represent(images: tf.Tensor4D, layers: InvarianceLayers): Representations {
	const conv = convBankBatch(images, layers.kernels, sameGeometry(layers.kernelSize), layers.relu);
	return {
		pixels: images,
		conv,
		maxpool: maxPool2x2(conv),
		blurpool: blurPool(conv),
		globalMax: tf.max(conv, [1, 2]) as tf.Tensor2D,
		fc: fullyConnected(fcInput(lumaOfBatch(images)), layers.fcWeights)
	};
}

/** The original image's representations, computed once and kept until `dispose()`. */
export interface ShiftReference {
	/** [1, H, W, 1 or 3]: the image the bank reads */
	readonly image: tf.Tensor4D;
	readonly conv: tf.Tensor4D;
	readonly maxpool: tf.Tensor4D;
	readonly blurpool: tf.Tensor4D;
	readonly globalMax: tf.Tensor2D;
	readonly fc: tf.Tensor2D;
	dispose(): void;
}

/**
 * @param image [1, H, W, 1 or 3] float32: the original (luma, or RGB for a bank on RGB). Not
 * taken over: the reference keeps its own copy, so the caller may dispose `image`.
 */
export function shiftReference(image: tf.Tensor4D, layers: InvarianceLayers): ShiftReference {
	if (image.shape[0] !== 1 || (image.shape[3] !== 1 && image.shape[3] !== 3)) {
		throw new RangeError(`image must be [1, H, W, 1 or 3], got [${image.shape.join(', ')}]`);
	}
	const reps = tf.tidy(() => {
		const r = represent(image, layers);
		return { ...r, pixels: tf.clone(r.pixels) };
	});
	const all = Object.values(reps) as tf.Tensor[];
	return {
		image: reps.pixels,
		conv: reps.conv,
		maxpool: reps.maxpool,
		blurpool: reps.blurpool,
		globalMax: reps.globalMax,
		fc: reps.fc,
		dispose: () => tf.dispose(all)
	};
}

/** Per-item shift of a batch: item b moves by (dxs[b], dys[b]). */
function shiftEach(x: tf.Tensor4D, dxs: number[], dys: number[], fill: ShiftFill): tf.Tensor4D {
	const items = tf.split(x, x.shape[0], 0) as tf.Tensor4D[];
	return tf.concat(
		items.map((item, b) => shiftTensor(item, dxs[b], dys[b], fill)),
		0
	);
}

/**
 * The seven similarities for a few shifts at once (one batch, one read-back):
 * - pixels: the shifted image itself;
 * - conv: the conv maps of the shifted image, as they are;
 * - conv_aligned: the same maps shifted back by (−dx, −dy) — equal to the original's away from
 *   the borders, since convolution is translation-equivariant;
 * - maxpool / blurpool: 2×2 stride-2 max-pool (plain, or max-blur-pool) of the conv maps,
 *   shifted back by the nearest whole pooled cell (`pooledShiftBack`);
 * - global_maxpool: the max of each conv map over all positions (C numbers);
 * - fc: the 256 outputs of the fully connected layer on the standardized 64×64 luma.
 * With an RGB bank, `pixels` compares all three channels and the fc layer reads their luma.
 * Shifted-back maps use the same fill as the image shift.
 * Leaves no tensor behind.
 */
export async function similarityRows(
	reference: ShiftReference,
	layers: InvarianceLayers,
	steps: ShiftStep[],
	fill: ShiftFill
): Promise<SimilarityRow[]> {
	if (steps.length === 0) return [];
	const scores = tf.tidy(() => {
		const shifted = tf.concat(
			steps.map((s) => shiftTensor(reference.image, s.dx, s.dy, fill)),
			0
		);
		const reps = represent(shifted, layers);
		const dxs = steps.map((s) => -s.dx);
		const dys = steps.map((s) => -s.dy);
		const cellX = steps.map((s) => pooledShiftBack(s.dx));
		const cellY = steps.map((s) => pooledShiftBack(s.dy));
		const columns: Record<SimilarityName, tf.Tensor1D> = {
			pixels: pearsonTensor(shifted, reference.image),
			conv_aligned: pearsonTensor(shiftEach(reps.conv, dxs, dys, fill), reference.conv),
			conv: pearsonTensor(reps.conv, reference.conv),
			maxpool: pearsonTensor(shiftEach(reps.maxpool, cellX, cellY, fill), reference.maxpool),
			global_maxpool: pearsonTensor(reps.globalMax, reference.globalMax),
			fc: pearsonTensor(reps.fc, reference.fc),
			blurpool: pearsonTensor(shiftEach(reps.blurpool, cellX, cellY, fill), reference.blurpool)
		};
		return tf.stack(SIMILARITY_COLUMNS.map((name) => columns[name])) as tf.Tensor2D;
	});
	let values: Float32Array;
	try {
		values = await scores.data<'float32'>();
	} finally {
		scores.dispose();
	}
	return steps.map((step, b) => {
		const row = { shift: step.shift, dx: step.dx, dy: step.dy } as SimilarityRow;
		SIMILARITY_COLUMNS.forEach((name, c) => (row[name] = values[c * steps.length + b]));
		return row;
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
