/**
 * Live training, as the maps see it: the page keeps the weights it loaded until the learner
 * trains, steps or resets (the worker's first snapshot, at step 0, is its fresh random model and
 * is not shown until then); from then on each snapshot's weights go into the page's model, at
 * most every 300 ms, and `version` moves on so the maps are recomputed with them.
 */
import type { LabRuntime } from '$lib/runtime/labRuntime.svelte';
import type { Schema } from '$lib/state/urlSchema';
import type { ClassifierSession, WeightSnapshotLike } from './classifierSession';

export class TrainingFollow {
	/** the maps show the training's weights */
	following = $state(false);
	/** when the last snapshot came (the confusion matrix waits for them to stop) */
	lastSnapshotAt = $state(0);
	/** the classifier's weights version the maps should show */
	version = $state(0);
	/** the learner went back to the loaded weights: only a Reset follows the training again */
	#restored = false;
	#pending: WeightSnapshotLike | null = null;
	#cancel: (() => void) | null = null;
	readonly #lab: Pick<LabRuntime<Schema>, 'later'>;
	readonly #classifier: () => ClassifierSession | null;

	constructor(lab: Pick<LabRuntime<Schema>, 'later'>, classifier: () => ClassifierSession | null) {
		this.#lab = lab;
		this.#classifier = classifier;
	}

	onweights = (snapshot: WeightSnapshotLike): void => {
		if (snapshot.step > 0 && !this.#restored) this.following = true;
		if (!this.following) return;
		this.#pending = snapshot;
		this.lastSnapshotAt = performance.now();
		if (this.#cancel) return;
		this.#cancel = this.#lab.later(() => {
			this.#cancel = null;
			const classifier = this.#classifier();
			if (!this.#pending || !classifier || !this.following) return;
			classifier.setWeights(this.#pending);
			this.#pending = null;
			this.version = classifier.version;
		}, 300);
	};

	/** Reset in the panel: the worker's fresh weights (its next snapshot) are shown from now on. */
	onreset = (): void => {
		this.#restored = false;
		this.following = true;
	};

	/** Back to the weights the page loaded; the training goes on in the panel, unseen here. */
	onrestore = (): void => {
		this.following = false;
		this.#restored = true;
		this.#cancel?.();
		this.#cancel = null;
		this.#pending = null;
		const classifier = this.#classifier();
		if (!classifier) return;
		classifier.restore();
		this.version = classifier.version;
	};
}
