/**
 * Which picture the lab works on, and what the U-Net makes of its size: pure glue between the
 * settings, the shell's image and the engine, so the page only derives.
 */
import { fitLonger, resizeArea, type Picture } from '$lib/engine/segmentation/labPicture';
import { proceduralScene, type Scene } from '$lib/engine/segmentation/proceduralScene';
import { levelShapes, type UNetConfig } from '$lib/engine/segmentation/unet';
import type { UNetManifest } from '$lib/engine/segmentation/unetWeights';
import type { SourceImage } from '$lib/image/decodeImage';
import type { SegmentationState } from '$lib/state/segmentationState';
import { SELFIE_PAIRS } from './pretrainedJob';

type LevelShape = { height: number; width: number; channels: number };

/** The scribble U-Net's architecture, from the settings. */
export function unetConfig(s: SegmentationState): UNetConfig {
	const { depth, base, skips, up: upsampling, upk: upKernel, bn: batchNorm, classes } = s;
	return { depth, base, skips, upsampling, upKernel, batchNorm, classes };
}

/** What an exported file's name says: the mode, the picture and the architecture. */
export function fileParts(s: SegmentationState, scene: boolean): string[] {
	const picture = scene ? `scene${s.seed}` : 'image';
	return [
		'segmentation',
		s.mode,
		picture,
		`d${s.depth}`,
		`b${s.base}`,
		s.skips ? 'skips' : 'noskips',
		s.up
	];
}

/** The procedural scene the settings ask for, or null (the selfie model is for photos of people). */
export function sceneFor(s: SegmentationState): Scene | null {
	return s.src === 'scene' && s.mode !== 'selfie' ? proceduralScene(s.res, s.res, s.seed) : null;
}

/** The scene, or the shell's image with its longer side at the working size. */
export function pictureFor(
	scene: Scene | null,
	image: SourceImage | null,
	res: number
): Picture | null {
	if (scene) return { rgb: scene.rgb, height: scene.height, width: scene.width };
	if (!image) return null;
	const [h, w] = fitLonger(image.height, image.width, res);
	return resizeArea({ rgb: image.rgb, height: image.height, width: image.width }, h, w);
}

/** The pretrained U-Net runs at the side it was trained at (pretrainedJob.ts). */
export function trainedSize(manifest: UNetManifest | null): number {
	return Number(manifest?.training?.size ?? 64);
}

/** The size the network of `mode` works at: the pretrained U-Net's own, else the picture's. */
export function workingSize(
	picture: Picture,
	mode: SegmentationState['mode'],
	manifest: UNetManifest | null
): [number, number] {
	return mode === 'pretrained'
		? fitLonger(picture.height, picture.width, trainedSize(manifest))
		: [picture.height, picture.width];
}

export interface TooSmall {
	height: number;
	width: number;
	depth: number;
	/** 2^(depth−1): the side that keeps one pixel at the deepest level */
	minimum: number;
}

/**
 * Each U-Net level halves the picture, so a side needs 2^(depth−1) px to keep a pixel at the
 * deepest one (the pretrained U-Net, depth 3, runs at its own size; the selfie model at 256²).
 */
export function tooSmallFor(
	picture: Picture | null,
	s: SegmentationState,
	manifest: UNetManifest | null
): TooSmall | null {
	if (!picture || s.mode === 'selfie') return null;
	const depth = s.mode === 'pretrained' ? (manifest?.config.depth ?? 3) : s.depth;
	const [height, width] = workingSize(picture, s.mode, manifest);
	const minimum = 2 ** (depth - 1);
	return Math.min(height, width) < minimum ? { height, width, depth, minimum } : null;
}

/** Which picture the scribbles belong to; null for webcam frames (nothing is kept for them). */
export function pictureKeyFor(
	scene: Scene | null,
	seed: number,
	source: { origin: string; sampleId: string; image: SourceImage | null }
): string | null {
	const { origin, image } = source;
	if (scene) return `scene-${seed}`;
	if (origin === 'sample') return `sample-${source.sampleId}`;
	if (origin === 'upload') return `upload-${image?.name ?? ''}-${image?.width}x${image?.height}`;
	return null;
}

/** Every level's [height, width, channels] for the diagram, of the network that is shown. */
/** [H, W] the U-Net reads (before its padding): the picture, or for the pretrained net its fit size. */
export function netInput(
	picture: Picture | null,
	mode: SegmentationState['mode'],
	manifest: UNetManifest | null
): [number, number] | null {
	if (!picture) return null;
	if (mode === 'pretrained' && manifest)
		return fitLonger(picture.height, picture.width, trainedSize(manifest));
	return [picture.height, picture.width];
}

export function shownLevels(
	picture: Picture | null,
	mode: SegmentationState['mode'],
	manifest: UNetManifest | null,
	config: UNetConfig
): LevelShape[] {
	const input = netInput(picture, mode, manifest);
	if (!input) return [];
	const info = mode === 'pretrained' ? manifest : null;
	const [h, w] = input;
	return levelShapes(info ? info.config : config, h, w).map(([height, width, channels]) => ({
		height,
		width,
		channels
	}));
}

/**
 * The level whose maps are computed and shown — one of the selfie model's resolutions, or one of
 * the U-Net's levels — and the size of its encoder maps.
 */
export function levelShown(
	mode: SegmentationState['mode'],
	level: number,
	levels: LevelShape[]
): { level: number; shape: LevelShape | null } {
	if (mode !== 'selfie') {
		const shown = Math.min(level, levels.length - 1);
		return { level: shown, shape: levels[shown] ?? null };
	}
	const shown = Math.min(level, SELFIE_PAIRS.length - 1);
	const [height, width, channels] = SELFIE_PAIRS[shown].encoder.shape;
	return { level: shown, shape: { height, width, channels } };
}
