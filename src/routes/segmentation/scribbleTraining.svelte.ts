/**
 * The scribble mode's training, wired to the page: the one place the lab makes its UNetTrainer
 * (the U-Net's worker) and feeds it — the architecture (a fresh network on a change or Reset),
 * the picture, the scribbles while they are painted, the level whose maps are shown — and where
 * Train/Pause (button or the presenter's Space) is decided. Call during the page's initialisation.
 */
import { untrack } from 'svelte';
import type { Picture } from '$lib/engine/segmentation/labPicture';
import type { UNetConfig } from '$lib/engine/segmentation/unet';
import { UNetTrainer } from './unetTrainer.svelte';
import { TOGGLE_PLAY_EVENT } from '$lib/presenter/presenterKeys';
import type { Scribbles } from './scribbles.svelte';

export interface TrainingInputs {
	config: () => UNetConfig;
	picture: () => Picture | null;
	/** the picture is too small for the U-Net: nothing is sent, nothing trains */
	tooSmall: () => boolean;
	scribbles: Scribbles;
	/** are scribbles of the network's classes painted? */
	hasScribbles: () => boolean;
	/** is the scribble mode on? */
	active: () => boolean;
	/** the level whose maps are asked for */
	level: () => number;
}

export interface ScribbleTraining {
	trainer: UNetTrainer;
	/** Train, or Pause while training */
	toggle(): void;
	/** a fresh network of the same architecture */
	reset(): void;
	/** a stroke goes on: the worker gets it a few times a second */
	painting(): void;
	/** a stroke ended: the worker gets it, the browser keeps it */
	strokeEnded(): void;
}

export function scribbleTraining(
	inputs: TrainingInputs,
	onLeave: (cleanup: () => void) => void
): ScribbleTraining {
	const { scribbles } = inputs;
	const trainer = new UNetTrainer();
	onLeave(() => trainer.dispose());

	// Only a new architecture (or Reset) starts a fresh network, not the same one read again.
	const configKey = $derived(JSON.stringify(inputs.config()));
	let resets = $state(0);
	$effect(() => {
		void [configKey, resets];
		trainer.configure(untrack(inputs.config), 1);
	});
	$effect(() => {
		const picture = inputs.picture();
		if (!picture) return;
		// A new picture: the last one's error (a picture too small, a failed step) is history.
		untrack(() => trainer.clearError());
		if (!inputs.tooSmall()) trainer.picture(picture.rgb, picture.height, picture.width);
	});
	$effect(() => {
		void scribbles.version;
		if (scribbles.labels.length) trainer.scribbles(scribbles.labels);
	});
	// The maps of the selected level follow the training, at most every 1.5 s (a new level at once).
	let lastFeatures = 0;
	$effect(() => {
		if (!inputs.active()) return;
		void trainer.prediction;
		const level = inputs.level();
		const now = performance.now();
		if (now - lastFeatures < 1500 && trainer.features?.level === level) return;
		lastFeatures = now;
		trainer.requestFeatures(level);
	});

	function toggle() {
		if (trainer.running) trainer.pause();
		else if (inputs.hasScribbles() && !inputs.tooSmall()) trainer.train();
	}
	const onTogglePlay = () => inputs.active() && toggle();
	window.addEventListener(TOGGLE_PLAY_EVENT, onTogglePlay);
	onLeave(() => window.removeEventListener(TOGGLE_PLAY_EVENT, onTogglePlay));

	let lastSent = 0;
	return {
		trainer,
		toggle,
		reset: () => resets++,
		painting() {
			const now = performance.now();
			if (now - lastSent <= 250) return;
			lastSent = now;
			trainer.scribbles(scribbles.labels);
		},
		strokeEnded() {
			trainer.scribbles(scribbles.labels);
			scribbles.strokeEnded();
		}
	};
}
