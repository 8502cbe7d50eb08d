/**
 * URL state of the segmentation lab: what runs (mode), on which picture (src, seed, res), the
 * U-Net's architecture (depth, base, skips, up, upk, bn, classes), and how it is shown (brush,
 * opacity, level). The scribbles are not here: they stay in this browser (scribbleStore.ts).
 *
 *   /segmentation/?mode=scribble&src=scene&seed=3&depth=3&skips=false&up=resize
 */
import { boolField, enumField, intChoiceField, intField } from './fields';
import type { Field, RangedField, StateOf } from './urlSchema';

export const SEGMENTATION_MODES = ['scribble', 'pretrained', 'selfie'] as const;
export type SegmentationMode = (typeof SEGMENTATION_MODES)[number];
export const PICTURE_SOURCES = ['scene', 'image'] as const;
export const RESOLUTIONS = [64, 96, 128, 192, 256] as const;
export const BASE_CHANNELS = [4, 8, 16] as const;

export type SegmentationSchema = {
	mode: Field<SegmentationMode>;
	/** 'scene': a procedural scene with an exact mask; 'image': the shell's photo or webcam */
	src: Field<(typeof PICTURE_SOURCES)[number]>;
	seed: RangedField;
	/** the lab's working size: the longer side the picture is trained and predicted at */
	res: Field<(typeof RESOLUTIONS)[number]>;
	depth: Field<number>;
	base: Field<(typeof BASE_CHANNELS)[number]>;
	skips: Field<boolean>;
	up: Field<'transposed' | 'resize'>;
	upk: Field<number>;
	bn: Field<boolean>;
	classes: Field<number>;
	brush: Field<number>;
	opacity: Field<number>;
	/** the level whose feature maps are shown (0 = full resolution) */
	level: Field<number>;
};
export type SegmentationState = StateOf<SegmentationSchema>;

export function segmentationSchema(): SegmentationSchema {
	return {
		mode: enumField(SEGMENTATION_MODES, 'scribble'),
		src: enumField(PICTURE_SOURCES, 'scene'),
		seed: intField(1, 9999, 3),
		res: intChoiceField(RESOLUTIONS, 128),
		depth: intField(2, 4, 3),
		base: intChoiceField(BASE_CHANNELS, 8),
		skips: boolField(true),
		up: enumField(['transposed', 'resize'], 'transposed'),
		upk: intField(2, 4, 3),
		bn: boolField(false),
		classes: intField(2, 4, 2),
		brush: intField(1, 32, 5),
		opacity: intField(0, 100, 55),
		level: intField(0, 3, 0)
	};
}

/** `level` must name one of the U-Net's levels: a level below the bottleneck falls back to it. */
export function reconcileSegmentation(
	state: SegmentationState,
	notices: string[]
): SegmentationState {
	// The selfie model has its own four levels; the depth knob is the lab's U-Net's.
	if (state.level < state.depth || state.mode === 'selfie') return state;
	notices.push(
		`Changed level=${state.level} to level=${state.depth - 1}: a U-Net of depth ${state.depth} has levels 0 to ${state.depth - 1}.`
	);
	return { ...state, level: state.depth - 1 };
}
