/**
 * What the first picture does not need — saliency, the confusion matrix and the test set it
 * needs, live training and its worker, the exports, the explanation's typeset formulas — waits
 * until that picture is on screen (and painted), or a few seconds after the page opened should no
 * picture come (no image, a failure). Its code (lateParts.ts) is then imported, and the parts are
 * mounted in three steps, each in a task of its own after a frame and once the learner's input is
 * drawn: 1 saliency and the confusion matrix, 2 training, 3 the exports. One mount of them all was
 * a long task an upload could land behind.
 */
import type { LabRuntime } from '$lib/runtime/labRuntime.svelte';
import { foreground } from '$lib/state/foreground';
import type { Schema } from '$lib/state/urlSchema';

type Runtime = Pick<LabRuntime<Schema>, 'later' | 'follow'>;

export class LateStages {
	/** the first picture is on screen (or will not come) */
	settled = $state(false);
	parts = $state.raw<typeof import('./lateParts') | null>(null);
	/** how many of the three steps are mounted */
	stage = $state(0);
	error = $state<string | null>(null);
	readonly #settle;

	/** `failed`: nothing will be drawn (a load or compute failure), so settle now */
	constructor(lab: Runtime, failed: () => boolean) {
		lab.later(() => (this.settled = true), 5000);
		this.#settle = lab.follow(() => (this.settled = true), 0);
		const step = lab.follow(() => {
			const next = this.stage + 1;
			void foreground.idle().then(() => (this.stage = Math.max(this.stage, next)));
		}, 0);
		$effect(() => {
			if (!this.settled && failed()) this.settled = true;
		});
		$effect(() => {
			if (!this.settled || this.parts) return;
			foreground
				.idle()
				.then(() => import('./lateParts'))
				.then((parts) => (this.parts = parts))
				.catch((error) => (this.error = `Part of the page could not be loaded: ${String(error)}`));
		});
		$effect(() => {
			if (this.parts && this.stage < 3) step.schedule();
		});
	}

	/** The picture is drawn: settle after it is painted. */
	drawn = (): void => {
		if (!this.settled) this.#settle.schedule();
	};
}
