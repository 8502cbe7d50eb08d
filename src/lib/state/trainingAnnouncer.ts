/**
 * What a screen reader hears about live training: that it started, that it paused (with where it
 * got to), a single step or a reset the learner asked for, and while it runs a short summary at
 * most every `summaryEveryMs` — never the numbers that tick several times a second (those stay
 * on screen, out of the live region).
 */
export interface TrainingMoment {
	running: boolean;
	step: number;
	/** the last training loss, if any */
	loss?: number;
	/** the last held-out accuracy in [0, 1], if any */
	heldOut?: number;
	/**
	 * How many single steps the learner has asked for so far. A batch that was already on its way
	 * when they pressed Pause lands after it: without this count it would be announced as "One
	 * batch", a step nobody asked for, over the pause.
	 */
	stepsAsked?: number;
}

export type TrainingAnnouncer = (moment: TrainingMoment, now: number) => string | null;

function summary({ step, loss, heldOut }: TrainingMoment): string {
	const parts = [`step ${step}`];
	if (loss !== undefined && Number.isFinite(loss)) parts.push(`loss ${loss.toFixed(3)}`);
	if (heldOut !== undefined && Number.isFinite(heldOut))
		parts.push(`held-out accuracy ${(100 * heldOut).toFixed(1)} %`);
	return parts.join(', ');
}

/** A fresh announcer; call it with every new view of the training, and `now` in ms. */
export function trainingAnnouncer(summaryEveryMs = 30_000): TrainingAnnouncer {
	let previous: TrainingMoment | null = null;
	let lastAt = -Infinity;
	/** single steps asked for and already announced */
	let answered = 0;
	return (moment, now) => {
		const before = previous;
		previous = moment;
		if (!before) return null;
		if (moment.running && !before.running) {
			lastAt = now;
			return `Training started at step ${moment.step}.`;
		}
		if (!moment.running && before.running) return `Training paused: ${summary(moment)}.`;
		if (moment.step < before.step) return `Reset to fresh random weights: ${summary(moment)}.`;
		if (!moment.running && moment.step > before.step) {
			const asked = moment.stepsAsked === undefined || moment.stepsAsked > answered;
			if (!asked) return `Training paused: ${summary(moment)}.`;
			answered = moment.stepsAsked ?? 0;
			return `One batch: ${summary(moment)}.`;
		}
		if (moment.running && now - lastAt >= summaryEveryMs && moment.step !== before.step) {
			lastAt = now;
			return `Training: ${summary(moment)}.`;
		}
		return null;
	};
}
