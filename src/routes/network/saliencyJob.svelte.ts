/**
 * What both /network saliency panels run: after the maps are painted (afterPaint, at most every
 * 120 ms), the newest request's saliency map; a result that an older request delivers late is
 * dropped. `next()` reads the panel's current settings when the run fires: the map's key and how
 * to compute it, or null when nothing is asked for (saliency off). A run waits while the learner's
 * own input is being computed (foreground.ts): the maps come first.
 */
import { afterPaint } from '$lib/state/afterPaint';
import { foreground } from '$lib/state/foreground';

export interface SaliencyMap {
	values: Float32Array;
	height: number;
	width: number;
}

export class SaliencyJob {
	/** the newest delivered map, with the key it was computed for */
	result = $state.raw<(SaliencyMap & { key: string }) | null>(null);
	error = $state<string | null>(null);
	/** a request is being computed */
	busy = $state(false);
	#sequence = 0;
	#job;

	constructor(next: () => { key: string; compute: () => Promise<SaliencyMap> } | null) {
		this.#job = afterPaint(() => {
			const request = next();
			if (!request) return;
			const mine = ++this.#sequence;
			this.busy = true;
			foreground
				.idle()
				.then(() => (mine === this.#sequence ? request.compute() : null))
				.then((map) => {
					if (!map || mine !== this.#sequence) return;
					this.result = { ...map, key: request.key };
					this.error = null;
				})
				.catch((e) => (this.error = e instanceof Error ? e.message : String(e)))
				.finally(() => mine === this.#sequence && (this.busy = false));
		}, 120);
	}

	schedule(): void {
		this.#job.schedule();
	}

	dispose = (): void => this.#job.dispose();
}
