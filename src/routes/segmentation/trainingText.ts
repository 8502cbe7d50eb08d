/**
 * The sentences the lab says about live training: how far the mask is from settling, and what a
 * screen reader hears (the start, the pause, and a summary every 10 s at most — the step counter,
 * steps/s and loss tick in a region that is not live).
 */

/**
 * About how many steps a mask on a photo needs before it stops changing much: measured on
 * skimage's astronaut at 128 px with a learner's strokes against MediaPipe Selfie's mask
 * (scripts/bench-segmentation-photo.mjs: IoU ~0.7 from ~100 steps on). Scenes need fewer.
 */
export const SETTLE_STEPS = 100;

/** How far from settled, at the rate as shown (1 decimal), so the sum can be checked on screen. */
export function settleText(step: number, stepsPerSecond: number): string {
	const rate = Number(stepsPerSecond.toFixed(1));
	if (step >= SETTLE_STEPS)
		return `Past the ~${SETTLE_STEPS} steps a mask on a photo usually needs to settle: more steps change it slowly.`;
	const left = SETTLE_STEPS - step;
	return rate > 0
		? `A mask on a photo usually settles after ~${SETTLE_STEPS} steps: about ${Math.ceil(left / rate)} s more at ${rate.toFixed(1)} steps/s. Scenes are quicker.`
		: `A mask on a photo usually settles after ~${SETTLE_STEPS} steps; scenes are quicker.`;
}

export const SUMMARY_EVERY_MS = 10_000;

/** What was last announced: whether training was running then, and when (ms). */
export interface Announced {
	running: boolean;
	at: number;
}

export interface TrainingNow {
	running: boolean;
	step: number;
	/** the last step's loss, if any */
	loss: number | undefined;
	/** painted pixels, all classes */
	painted: number;
	/** performance.now() */
	now: number;
}

/** The next announcement for `now`, or null when there is nothing new to say yet. */
export function trainingAnnouncement(
	last: Announced,
	t: TrainingNow
): { text: string; announced: Announced } | null {
	const loss = t.loss === undefined ? '' : `, loss ${t.loss.toFixed(3)}`;
	let text: string;
	if (t.running && !last.running) text = `Training started on ${t.painted} painted pixels.`;
	else if (!t.running && last.running) text = `Paused at step ${t.step}${loss}.`;
	else if (t.running && t.now - last.at >= SUMMARY_EVERY_MS)
		text = `Training: step ${t.step}${loss}.`;
	else return null;
	return { text, announced: { running: t.running, at: t.now } };
}
