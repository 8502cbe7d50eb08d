/**
 * The Network lab's main job: every layer's maps for the newest request (lab.job). From the
 * moment the learner's input changes (an image starts decoding, a request is made) until its maps
 * are drawn, the input is foreground work and the page's background work (test set, confusion
 * matrix, saliency, late panels) waits: see foreground.ts.
 */
import { untrack } from 'svelte';
import type { LabRuntime } from '$lib/runtime/labRuntime.svelte';
import { foreground } from '$lib/state/foreground';
import { imageSource } from '$lib/state/imageSource.svelte';
import { loadMark } from '$lib/state/loadMarks';
import type { Schema } from '$lib/state/urlSchema';
import type { ClassifierSession } from './classifierSession';
import { networkPicture, type Picture, type PictureRequest } from './networkPicture';
import type { SelfieSession } from './selfieSession';

type Runtime = Pick<LabRuntime<Schema>, 'job' | 'onLeave'>;
interface Sessions {
	classifier: ClassifierSession | null;
	selfie: SelfieSession | null;
}

export class PictureJob {
	/** the newest picture delivered (possibly of the other network, just switched from) */
	picture = $state.raw<Picture | null>(null);
	#endHold: (() => void) | null = null;
	readonly #runner;

	/** `request`: what to compute now (reactive), or null while the network or its input is missing */
	constructor(lab: Runtime, sessions: () => Sessions, request: () => PictureRequest | null) {
		lab.onLeave(this.#release);
		$effect(() => {
			if (imageSource.busy) untrack(this.#hold);
			else if (imageSource.error) untrack(this.#release);
		});
		this.#runner = lab.job<PictureRequest, Picture>({
			label: 'network',
			run: async (asked) => {
				loadMark('first-request');
				const { classifier, selfie } = sessions();
				try {
					const result = await networkPicture(asked, classifier, selfie);
					if (!result) this.#release();
					return result;
				} catch (error) {
					this.#release();
					throw error;
				}
			},
			deliver: (result) => {
				loadMark('first-result');
				this.picture = result;
			}
		});
		$effect(() => {
			const asked = request();
			if (!asked) return;
			untrack(this.#hold);
			this.#runner.request(asked);
		});
	}

	/** the newest picture if it is of `model`'s network (none just after a switch), else null */
	shown(model: 'fashion' | 'selfie'): Picture | null {
		return this.picture?.kind === model ? this.picture : null;
	}

	/** The picture's maps are on screen. */
	drawn = (): void => {
		this.#runner.drawn();
		this.#release();
	};

	#hold = (): void => void (this.#endHold ??= foreground.begin());
	#release = (): void => {
		this.#endHold?.();
		this.#endHold = null;
	};
}
