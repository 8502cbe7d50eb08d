/**
 * What /segmentation tells beyond its pictures: one sentence for a screen reader after each
 * setting change (LabAnnouncer) — which network makes the mask, on which picture at which size,
 * which level's maps are shown, each number as the diagram and the controls show it, nothing that
 * ticks while training — and the named numbers it publishes (lab.ts's observables).
 */
import type { Observed } from '$lib/runtime/labDefinition';
import type { UNetConfig } from '$lib/engine/segmentation/unet';
import type { MaskScore } from './maskScore';

/** The upsampling step as the diagram names it. */
export function upsamplingName(config: Pick<UNetConfig, 'upsampling' | 'upKernel'>): string {
	return config.upsampling === 'transposed'
		? `transposed ${config.upKernel}×${config.upKernel}`
		: 'resize + conv';
}

export interface SummaryInput {
	mode: 'scribble' | 'pretrained' | 'selfie';
	/** the picture at the working size */
	picture: { height: number; width: number };
	/** the procedural scene's number, or null for the learner's image */
	scene: number | null;
	/** the U-Net that makes the mask (null for the selfie model) */
	config: Pick<UNetConfig, 'depth' | 'skips' | 'upsampling' | 'upKernel' | 'classes'> | null;
	/** the shown level's encoder maps (H×W×C), or for the selfie model its side */
	level: number;
	levelShape: { height: number; width: number; channels?: number } | null;
}

export function segmentationSummary(input: SummaryInput): string {
	const { mode, picture, scene, config, level, levelShape } = input;
	// In words, not H×W: the shell writes an image's size width×height, the diagram H×W×C.
	const where = `${scene === null ? 'your image' : `scene ${scene}`}, ${picture.width} px wide and ${picture.height} high`;
	let who = 'The selfie model';
	if (config) {
		const parts = [
			`depth ${config.depth}`,
			...(mode === 'scribble' ? [`${config.classes} classes`] : []),
			`skip connections ${config.skips ? 'on' : 'off'}`,
			`${upsamplingName(config)} upsampling`
		];
		who = `${mode === 'scribble' ? 'Your U-Net' : 'The pretrained U-Net'} (${parts.join(', ')})`;
	}
	const shape = levelShape
		? `, ${levelShape.height}×${levelShape.width}${levelShape.channels ? `×${levelShape.channels}` : ''}`
		: '';
	return `${who} on ${where}; level ${level} shown${shape}.`;
}

export interface ObservedInput {
	mode: SummaryInput['mode'];
	picture: { height: number; width: number } | null;
	/** the U-Net that makes the mask (null for the selfie model, or before it has loaded) */
	net: Pick<UNetConfig, 'depth' | 'skips'> | null;
	shown: { level: number; shape: { height: number; width: number; channels: number } | null };
	painted: number;
	/** the scribble U-Net's training: steps since the last reset, the last step's loss */
	step: number;
	loss: number | null;
	score: MaskScore | null;
}

/** The lab's observables (lab.ts) for what is on screen; training figures in the scribble mode only. */
export function segmentationObserved(input: ObservedInput): Record<string, Observed> {
	const { mode, picture, net, shown, score } = input;
	const training = mode === 'scribble';
	return {
		mode,
		pictureSize: picture ? `${picture.height}×${picture.width}` : null,
		skips: net?.skips ?? null,
		depth: net?.depth ?? null,
		level: shown.level,
		levelSize: shown.shape
			? `${shown.shape.height}×${shown.shape.width}×${shown.shape.channels}`
			: null,
		painted: input.painted,
		step: training ? input.step : null,
		loss: training ? input.loss : null,
		iou: score?.iou ?? null,
		boundaryF: score?.boundaryF ?? null,
		pixelAccuracy: score?.pixelAccuracy ?? null
	};
}
