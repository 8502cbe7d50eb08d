/**
 * The lab's main compute: the shifted image's conv maps (as grid thumbnails made on the backend)
 * beside the original's, with one colour range per image and bank — not per shift, so while the
 * image is dragged the colours stay put and no 1 M-value scan runs per step. Also the fixed FC
 * layer every representation ends in, made once per backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { shiftedMaps, type ShiftedMaps } from '$lib/engine/equivariance';
import { FC_SEED, FC_SIDE, FC_UNITS, fcWeights } from '$lib/engine/fullyConnected';
import type { ShiftFill } from '$lib/engine/shift';
import type { ShiftReference } from '$lib/engine/shiftSimilarity';
import type { SourceImage } from '$lib/image/decodeImage';
import { chooseColorScale, type ColorScaleSpec } from '$lib/viz/colorScale';
import { mapExtent } from '$lib/viz/mapExtent';
import type { InvarianceContext } from './invarianceContext';

const FC_WEIGHTS = fcWeights(FC_SIDE * FC_SIDE, FC_UNITS, FC_SEED);

/** [FC_SIDE², FC_UNITS] the seeded fully connected layer, on the current backend. */
export function fcLayer(): tf.Tensor2D {
	return tf.tensor2d(FC_WEIGHTS, [FC_SIDE * FC_SIDE, FC_UNITS]);
}

// The grid's tiles are thumbnails: made on the backend from the full maps (FeatureMapGrid's own
// downscale would make the same ones from a full readback, on the main thread).
const TILE_SIDE = 128;

export interface ShiftRequest {
	context: InvarianceContext;
	image: SourceImage;
	dx: number;
	dy: number;
	fill: ShiftFill;
}

export interface ShiftShown extends ShiftRequest {
	view: ShiftedMaps;
	/** the original's maps, [H, W, N] */
	reference: Float32Array;
	/** the grid's colour scale: the range of the original's maps, the same for every shift */
	mapSpec: ColorScaleSpec;
}

const specs = new WeakMap<object, ColorScaleSpec>();
function referenceSpec(maps: ShiftReference['conv']): ColorScaleSpec {
	let spec = specs.get(maps);
	if (!spec) {
		const extent = mapExtent(maps, 'all');
		spec = extent ? chooseColorScale(...extent) : chooseColorScale(0, 1);
		specs.set(maps, spec);
	}
	return spec;
}

/** The shifted maps for one request; null when its context went stale (a new image or bank). */
export async function shiftedView(request: ShiftRequest): Promise<ShiftShown | null> {
	const { context, dx, dy, fill } = request;
	if (context.isDisposed) return null;
	const reference = await context.reference();
	if (context.isDisposed) return null;
	const view = await shiftedMaps(context.image, context.layers, dx, dy, fill, {
		filter: context.filter(),
		tileSide: TILE_SIDE
	});
	return {
		...request,
		view,
		reference: reference.conv.data,
		mapSpec: referenceSpec(reference.conv)
	};
}
